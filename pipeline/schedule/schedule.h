#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "core/source_location.h"
#include "schedule/recurrence.h"

/// The schedule: which reports of which reviews are drafted when (schedule.yaml, described in
/// docs/schedule.md). Loaded with the same located YAML reading as the inputs, so a bad schedule
/// gets file:line:column diagnostics.
namespace clerk::schedule {

/// Whether a job that missed periods (the machine was off) runs each of them or only the latest.
enum class CatchUp { kAll, kLatest };

/// One field a report template sets: `key: value`, with {placeholders} in the value.
struct TemplateField {
  LocatedText key;
  LocatedText value;
};

/// A report made anew for each period: a copy of the review's report `from` with `fields`
/// replaced (docs/schedule.md, "Report templates").
struct ReportTemplate {
  LocatedText from;                   ///< a report id of the review
  LocatedText id;                     ///< the new report's id, with placeholders
  std::vector<TemplateField> fields;  ///< every field to set, `id` included, in file order
};

struct Job {
  LocatedText name;                  ///< unique in the schedule; the registry knows the job by it
  LocatedText review;                ///< the review folder, as written
  std::string review_folder;         ///< resolved against the schedule's folder
  std::vector<LocatedText> reports;  ///< report ids to build each period
  std::optional<ReportTemplate> report_template;
  LocatedText when;  ///< as written
  Recurrence recurrence;
  CatchUp catch_up = CatchUp::kAll;
  std::optional<Date> start;  ///< periods before this day are never run
  std::string output_dir;     ///< where the drafts go (resolved)
};

struct Schedule {
  std::string path;
  std::string output_dir;  ///< where run manifests go (<output_dir>/runs/), resolved
  std::vector<Job> jobs;
};

/// The placeholders a template field may use, as "{name}".
const std::vector<std::string>& TemplatePlaceholders();

/// Reads and checks the schedule at `path`. Paths in it are relative to the schedule's own
/// folder. nullopt when any error was found (the diagnostics say what, where).
std::optional<Schedule> LoadSchedule(const FileSystem& files, const std::string& path,
                                     Diagnostics& diagnostics);

}  // namespace clerk::schedule
