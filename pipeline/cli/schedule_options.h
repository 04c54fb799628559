#pragma once

#include <Poco/Util/AbstractConfiguration.h>
#include <Poco/Util/OptionSet.h>

#include <string>

#include "cli/schedule_runner.h"

/// The options run-due and daemon share, read one way.
namespace clerk::cli {

/// Adds --schedule, --jobs and --registry, as both verbs offer them.
void DefineScheduleOptions(Poco::Util::OptionSet& options);

/// Reads --schedule, --registry and --jobs into `settings`. Returns "" when they are sound, else
/// the usage error to print.
std::string ReadScheduleOptions(const Poco::Util::AbstractConfiguration& config,
                                RunDueSettings& settings);

}  // namespace clerk::cli
