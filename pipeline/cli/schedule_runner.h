#pragma once

#include <Poco/Logger.h>

#include <functional>
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "core/file_system.h"
#include "schedule/wall_time.h"

/// `clerk run-due` and `clerk daemon`: running the jobs of a schedule that are due, as drafts
/// through the registry, recorded as a run with a manifest (docs/schedule.md).
namespace clerk::cli {

struct RunDueSettings {
  std::string schedule_path = "schedule.yaml";
  std::string registry_path;  ///< also where the run lock is (RunLockPath)
  /// The wall-clock time to run as; nullopt: the clock.
  std::optional<schedule::WallTime> now;
  int parallel = 0;  ///< builds at once; 0: two per core
  /// Called with (n, N, what) as the n-th of N reports of the run starts, and with n = 0 when
  /// the builds under way have ended (before other messages); may be empty.
  std::function<void(size_t, size_t, const std::string&)> progress;
  /// Asked between periods; true stops the run there (the periods left stay due).
  std::function<bool()> stop_requested;
  std::string program;  ///< the clerk program the builds run (default: this one)
};

struct RunDueOutcome {
  int status = 0;       ///< kExitOk; kExitErrors when the schedule is bad or any period failed
  std::string summary;  ///< one line: what ran, what failed, the manifest
  bool ran = false;     ///< a run was recorded (something was due)
};

/// Runs every period due (see schedule/due.h), oldest first; the reports of the periods due at
/// one time are built in parallel, each as `clerk build <review> --report <id>` does. A period
/// whose review has errors, or one of whose reports cannot be built, fails with its diagnostics
/// in the manifest, and the others go on; when it failed on errors in the inputs, a report file
/// it made from its job's template and did not build is removed again (docs/schedule.md).
/// Messages go to `log` (a failed period's diagnostics at error level); errors that stop
/// everything (a bad schedule, an unusable registry) are added to `diagnostics`.
RunDueOutcome RunDue(const FileSystem& files, const RunDueSettings& settings, Poco::Logger& log,
                     Diagnostics& diagnostics);

/// When the schedule is next due after `now` (now itself when a period is due), and the job;
/// nullopt when no job ever falls due again, or on error (added to `diagnostics`).
std::optional<schedule::WallTime> NextDueTime(const FileSystem& files,
                                              const RunDueSettings& settings,
                                              const schedule::WallTime& now, std::string& job,
                                              Diagnostics& diagnostics);

}  // namespace clerk::cli
