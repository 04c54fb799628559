#include "cli/schedule_options.h"

#include "cli/command.h"
#include "registry/registry.h"

namespace clerk::cli {

void DefineScheduleOptions(Poco::Util::OptionSet& options) {
  options.addOption(
      ValueOption("schedule", "s", "The schedule file (default: schedule.yaml).", "file"));
  options.addOption(
      ValueOption("jobs", "j", "How many reports to build at once (default: two per core).", "n"));
  options.addOption(RegistryOption());
}

std::string ReadScheduleOptions(const Poco::Util::AbstractConfiguration& config,
                                RunDueSettings& settings) {
  settings.schedule_path = config.getString("schedule", "schedule.yaml");
  settings.registry_path = config.getString("registry.path", registry::kDefaultRegistryPath);
  if (config.hasProperty("jobs")) {
    std::string text = config.getString("jobs");
    if (text.empty() || text.size() > 3 ||
        text.find_first_not_of("0123456789") != std::string::npos || std::stoi(text) < 1) {
      return "--jobs takes a number from 1 to 999";
    }
    settings.parallel = std::stoi(text);
  }
  return "";
}

}  // namespace clerk::cli
