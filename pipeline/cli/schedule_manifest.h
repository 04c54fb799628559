#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "registry/runs.h"
#include "schedule/wall_time.h"

/// What a scheduled run did, and the manifest (JSON) that records it beside its outputs.
namespace clerk::cli {

/// One report of a period.
struct ReportOutcome {
  std::string report_id;
  std::string made_from;  ///< the template's `from` when this period made the report; else ""
  int exit_status = -1;   ///< of its build; -1 when it was not built
  double seconds = 0;
  std::string action = "not built";            ///< "new draft", "unchanged", "failed", "not built"
  std::optional<registry::LatestDraft> draft;  ///< the latest draft after the build
  std::string output;                          ///< what the build printed, kept when it failed
};

/// One period of one job.
struct PeriodOutcome {
  std::string job;
  std::string review;
  std::string output_dir;
  schedule::WallTime period;
  std::string state;  ///< registry::kPeriodDone, kPeriodFailed, kPeriodSkipped
  std::string detail;
  double seconds = 0;
  std::vector<ReportOutcome> reports;
  Diagnostics diagnostics;  ///< of its review and schedule entry
};

struct RunOutcomeRecord {
  std::int64_t id = 0;
  schedule::WallTime run_as;
  std::string schedule;
  std::string registry;
  std::string started_at;
  std::string finished_at;
  double seconds = 0;
  std::string summary;
  int failed = 0;
  bool stopped = false;  ///< stopped by a signal before every period ran
  std::vector<PeriodOutcome> periods;
};

/// The manifest as JSON text (keys in a fixed order; diagnostics as file, line, column,
/// severity, message, hint).
std::string ManifestJson(const RunOutcomeRecord& run);

/// Writes the manifest atomically at `path` (creating its folder). False, with an error, when it
/// cannot be written.
bool WriteManifest(const std::string& path, const RunOutcomeRecord& run, Diagnostics& diagnostics);

}  // namespace clerk::cli
