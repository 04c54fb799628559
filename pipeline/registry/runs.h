#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"

/// The schedule's records in the registry (migration 2, docs/schedule.md): each run of
/// `clerk run-due` or the daemon, and each job period it ran, passed over or failed. Plain
/// values in and out; errors are diagnostics at the registry's path, as in registry.h.
namespace clerk::registry {

/// The states of a job's period. kDone and kSkipped settle the period: it is never run again.
inline constexpr const char* kPeriodRunning = "running";
inline constexpr const char* kPeriodDone = "done";
inline constexpr const char* kPeriodFailed = "failed";
inline constexpr const char* kPeriodSkipped = "skipped";
inline constexpr const char* kPeriodInterrupted = "interrupted";

struct RunStart {
  std::string run_as;    ///< the wall-clock time the run ran as ("2026-11-15T10:00:00")
  std::string schedule;  ///< the schedule file
  std::string by;
  std::string at;  ///< UTC
  int pid = 0;
};

struct PeriodRecord {
  std::string job;
  std::string period;  ///< the period's wall-clock time, "2026-11-01T06:00:00"
  std::string state;   ///< one of kPeriod...
  int reports = 0;     ///< reports built
  std::string detail;  ///< a sentence: what it made, or why it failed
  std::string started_at;
  std::string finished_at;
};

struct RunRecord {
  std::int64_t id = 0;
  RunStart start;
  std::string finished_at;  ///< empty while running (or when the run was killed)
  std::string outcome;      ///< the one-line summary
  int failed = 0;           ///< periods that failed
  std::string manifest;     ///< the manifest's path
  std::vector<PeriodRecord> periods;
};

/// A report's latest draft, for a run's manifest.
struct LatestDraft {
  std::string reference;
  int version = 0;
  std::string pdf_path;  ///< as the registry shows it (relative to the working folder)
  std::string pdf_sha256;
  std::string inputs_sha256;
  std::string templates_sha256;
  std::string content_sha256;
  std::string created_at;
};

class RunLog {
 public:
  /// Opens the registry at `path` (Registry::Open: creating, migrating and recovering it when
  /// read-write). nullptr on error. Read-only, a registry made before the run tables existed
  /// opens and simply has no runs.
  static std::unique_ptr<RunLog> Open(const std::string& path, bool read_only,
                                      Diagnostics& diagnostics);
  ~RunLog();
  RunLog(const RunLog&) = delete;
  RunLog& operator=(const RunLog&) = delete;

  /// Marks the periods and runs left open by a process that died as interrupted (call only while
  /// holding the run lock, so that none of them is still running). The number marked.
  int CloseInterrupted(const std::string& at, Diagnostics& diagnostics);

  /// The latest period of `job` that is done or skipped; nullopt when none (or on error).
  std::optional<std::string> LastSettledPeriod(const std::string& job, Diagnostics& diagnostics);

  /// Records the start of a run; its id (0 on error).
  std::int64_t StartRun(const RunStart& start, Diagnostics& diagnostics);
  /// Records a period as running; its row id (0 on error).
  std::int64_t StartPeriod(std::int64_t run, const PeriodRecord& period, Diagnostics& diagnostics);
  /// Records how the period ended (state, reports, detail, finished_at).
  bool FinishPeriod(std::int64_t period_row, const PeriodRecord& period, Diagnostics& diagnostics);
  /// Records a period passed over (catch_up: latest).
  bool RecordSkipped(std::int64_t run, const PeriodRecord& period, Diagnostics& diagnostics);
  bool FinishRun(std::int64_t run, const std::string& at, const std::string& outcome, int failed,
                 const std::string& manifest, Diagnostics& diagnostics);

  /// The latest `limit` runs, newest first, with their periods.
  std::vector<RunRecord> RecentRuns(int limit, Diagnostics& diagnostics);

  /// The latest draft of a report of a review; nullopt when it has none (or on error).
  std::optional<LatestDraft> LatestDraftOf(const std::string& review_key,
                                           const std::string& report_id, Diagnostics& diagnostics);

  struct Impl;

 private:
  explicit RunLog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace clerk::registry
