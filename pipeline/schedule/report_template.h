#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "core/file_system.h"
#include "schedule/schedule.h"
#include "schedule/wall_time.h"

/// Report templates: a report of the review copied for one period, with the fields the schedule
/// sets (docs/schedule.md, "Report templates").
namespace clerk::schedule {

/// The placeholder values for a period ("{yyyy}" -> "2026"); `previous` is the id for
/// "{previous}".
std::map<std::string, std::string> PlaceholderValues(const WallTime& period,
                                                     const std::string& previous);

/// `text` with every known placeholder replaced; "{{...}}" is left as it is.
std::string Substitute(const std::string& text, const std::map<std::string, std::string>& values);

/// The id of the report the template makes for `period`.
std::string InstanceId(const ReportTemplate& report_template, const WallTime& period);

/// The id "{previous}" stands for in `period`: the report the template made for the job's
/// period before, when the review has it, else the template's `from`.
std::string PreviousInstanceId(const FileSystem& files, const Job& job, const WallTime& period);

/// The text of the new report file: the YAML of the report `from` (`source`, read from
/// `source_path`) with each field the template sets replaced, after a header comment saying
/// where it came from. nullopt, with errors, when the source cannot be read as a report map.
std::optional<std::string> InstantiateReport(const std::string& source_path,
                                             const std::string& source, const Job& job,
                                             const WallTime& period, const FileSystem& files,
                                             Diagnostics& diagnostics);

}  // namespace clerk::schedule
