#include "registry/runs.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <filesystem>

#include "registry/database.h"
#include "registry/registry.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;
namespace fs = std::filesystem;

struct RunLog::Impl {
  Impl(std::string path_in, Poco::Data::Session session_in, bool has_tables_in)
      : path(std::move(path_in)), session(std::move(session_in)), has_tables(has_tables_in) {
    fs::path parent = fs::path(path).parent_path();
    folder = parent.empty() ? "." : parent.lexically_normal().string();
  }

  void Error(Diagnostics& diagnostics, const std::string& doing, const Poco::Exception& e) {
    diagnostics.Error({path, 0, 0}, "could not " + doing + ": " + DatabaseErrorText(e));
  }

  // As Registry shows a stored path: joined to the registry's folder when relative.
  std::string Shown(const std::string& stored) const {
    if (fs::path(stored).is_absolute()) return stored;
    return (fs::path(folder) / stored).lexically_normal().string();
  }

  std::string path;
  std::string folder;
  Poco::Data::Session session;
  bool has_tables = false;
};

RunLog::RunLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RunLog::~RunLog() = default;

std::unique_ptr<RunLog> RunLog::Open(const std::string& path, bool read_only,
                                     Diagnostics& diagnostics) {
  OpenOptions options;
  options.mode = read_only ? OpenMode::kReadOnly : OpenMode::kReadWrite;
  std::unique_ptr<Registry> registry = Registry::Open(path, diagnostics, options);
  if (!registry) return nullptr;
  bool has_tables = registry->SchemaVersion() >= 2;
  registry.reset();
  try {
    Poco::Data::Session session = OpenSession(path, read_only, options.busy_timeout_ms);
    if (!read_only) PrepareForWriting(session);
    return std::unique_ptr<RunLog>(
        new RunLog(std::make_unique<Impl>(path, std::move(session), has_tables)));
  } catch (const Poco::Exception& e) {
    diagnostics.Error({path, 0, 0}, "the registry cannot be opened: " + DatabaseErrorText(e));
    return nullptr;
  }
}

int RunLog::CloseInterrupted(const std::string& at, Diagnostics& diagnostics) {
  try {
    WriteTransaction transaction(impl_->session);
    std::string when = at;
    std::string interrupted = kPeriodInterrupted;
    std::string running = kPeriodRunning;
    int periods = 0;
    impl_->session << "SELECT count(*) FROM run_periods WHERE state = ?", use(running),
        into(periods), now;
    impl_->session << "UPDATE run_periods SET state = ?, finished_at = ?, "
                      "detail = 'the run was stopped before this period finished' "
                      "WHERE state = ?",
        use(interrupted), use(when), use(running), now;
    impl_->session << "UPDATE runs SET finished_at = ?, outcome = 'interrupted: the run was "
                      "stopped (killed or crashed) before it finished' WHERE finished_at IS NULL",
        use(when), now;
    transaction.Commit();
    return periods;
  } catch (const Poco::Exception& e) {
    impl_->Error(diagnostics, "close the runs left by a stopped run", e);
    return 0;
  }
}

std::optional<std::string> RunLog::LastSettledPeriod(const std::string& job,
                                                     Diagnostics& diagnostics) {
  if (!impl_->has_tables) return std::nullopt;
  try {
    std::vector<std::string> periods;
    std::string name = job;
    impl_->session << "SELECT max(period) FROM run_periods WHERE job = ? AND state IN "
                      "('done', 'skipped') HAVING max(period) IS NOT NULL",
        use(name), into(periods), now;
    if (periods.empty()) return std::nullopt;
    return periods[0];
  } catch (const Poco::Exception& e) {
    impl_->Error(diagnostics, "read the periods of job '" + job + "'", e);
    return std::nullopt;
  }
}

std::int64_t RunLog::StartRun(const RunStart& start, Diagnostics& diagnostics) {
  try {
    WriteTransaction transaction(impl_->session);
    RunStart row = start;
    impl_->session << "INSERT INTO runs (run_as, schedule, started_by, started_at, pid) "
                      "VALUES (?, ?, ?, ?, ?)",
        use(row.run_as), use(row.schedule), use(row.by), use(row.at), use(row.pid), now;
    std::int64_t id = 0;
    impl_->session << "SELECT last_insert_rowid()", into(id), now;
    transaction.Commit();
    return id;
  } catch (const Poco::Exception& e) {
    impl_->Error(diagnostics, "record the start of the run", e);
    return 0;
  }
}

std::int64_t RunLog::StartPeriod(std::int64_t run, const PeriodRecord& period,
                                 Diagnostics& diagnostics) {
  try {
    WriteTransaction transaction(impl_->session);
    PeriodRecord row = period;
    std::string state = kPeriodRunning;
    impl_->session << "INSERT INTO run_periods (run, job, period, state, started_at) "
                      "VALUES (?, ?, ?, ?, ?)",
        use(run), use(row.job), use(row.period), use(state), use(row.started_at), now;
    std::int64_t id = 0;
    impl_->session << "SELECT last_insert_rowid()", into(id), now;
    transaction.Commit();
    return id;
  } catch (const Poco::Exception& e) {
    impl_->Error(diagnostics, "record the start of job '" + period.job + "'", e);
    return 0;
  }
}

bool RunLog::FinishPeriod(std::int64_t period_row, const PeriodRecord& period,
                          Diagnostics& diagnostics) {
  try {
    WriteTransaction transaction(impl_->session);
    PeriodRecord row = period;
    impl_->session << "UPDATE run_periods SET state = ?, reports = ?, detail = ?, finished_at = ? "
                      "WHERE id = ?",
        use(row.state), use(row.reports), use(row.detail), use(row.finished_at), use(period_row),
        now;
    transaction.Commit();
    return true;
  } catch (const Poco::Exception& e) {
    impl_->Error(diagnostics, "record how job '" + period.job + "' ended", e);
    return false;
  }
}

bool RunLog::RecordSkipped(std::int64_t run, const PeriodRecord& period, Diagnostics& diagnostics) {
  try {
    WriteTransaction transaction(impl_->session);
    PeriodRecord row = period;
    std::string state = kPeriodSkipped;
    impl_->session << "INSERT OR IGNORE INTO run_periods (run, job, period, state, detail, "
                      "started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        use(run), use(row.job), use(row.period), use(state), use(row.detail), use(row.started_at),
        use(row.started_at), now;
    transaction.Commit();
    return true;
  } catch (const Poco::Exception& e) {
    impl_->Error(diagnostics, "record a period of job '" + period.job + "' passed over", e);
    return false;
  }
}

bool RunLog::FinishRun(std::int64_t run, const std::string& at, const std::string& outcome,
                       int failed, const std::string& manifest, Diagnostics& diagnostics) {
  try {
    WriteTransaction transaction(impl_->session);
    std::string when = at, text = outcome, file = manifest;
    impl_->session << "UPDATE runs SET finished_at = ?, outcome = ?, failed = ?, manifest = ? "
                      "WHERE id = ?",
        use(when), use(text), use(failed), use(file), use(run), now;
    transaction.Commit();
    return true;
  } catch (const Poco::Exception& e) {
    impl_->Error(diagnostics, "record the end of the run", e);
    return false;
  }
}

std::vector<RunRecord> RunLog::RecentRuns(int limit, Diagnostics& diagnostics) {
  std::vector<RunRecord> runs;
  if (!impl_->has_tables) return runs;
  try {
    std::vector<std::int64_t> ids;
    std::vector<std::string> run_as, schedules, by, started, finished, outcomes, manifests;
    std::vector<int> pids, failed;
    impl_->session << "SELECT id, run_as, schedule, started_by, started_at, pid, "
                      "coalesce(finished_at, ''), coalesce(outcome, ''), failed, manifest "
                      "FROM runs ORDER BY id DESC LIMIT ?",
        use(limit), into(ids), into(run_as), into(schedules), into(by), into(started), into(pids),
        into(finished), into(outcomes), into(failed), into(manifests), now;
    for (size_t i = 0; i < ids.size(); ++i) {
      RunRecord run;
      run.id = ids[i];
      run.start = RunStart{run_as[i], schedules[i], by[i], started[i], pids[i]};
      run.finished_at = finished[i];
      run.outcome = outcomes[i];
      run.failed = failed[i];
      run.manifest = manifests[i];
      std::vector<std::string> jobs, periods, states, details, starts, ends;
      std::vector<int> reports;
      std::int64_t id = run.id;
      impl_->session << "SELECT job, period, state, reports, detail, started_at, "
                        "coalesce(finished_at, '') FROM run_periods WHERE run = ? ORDER BY id",
          use(id), into(jobs), into(periods), into(states), into(reports), into(details),
          into(starts), into(ends), now;
      for (size_t j = 0; j < jobs.size(); ++j) {
        run.periods.push_back(
            {jobs[j], periods[j], states[j], reports[j], details[j], starts[j], ends[j]});
      }
      runs.push_back(std::move(run));
    }
  } catch (const Poco::Exception& e) {
    impl_->Error(diagnostics, "read the runs", e);
  }
  return runs;
}

std::optional<LatestDraft> RunLog::LatestDraftOf(const std::string& review_key,
                                                 const std::string& report_id,
                                                 Diagnostics& diagnostics) {
  try {
    std::vector<std::string> references, paths, shas, inputs, templates, contents, created;
    std::vector<int> versions;
    std::string review = review_key, report = report_id;
    impl_->session << "SELECT r.reference, d.version, f.path, f.sha256, d.inputs_sha256, "
                      "d.templates_sha256, d.content_sha256, d.created_at "
                      "FROM reports r JOIN drafts d ON d.report = r.id JOIN files f ON f.id = "
                      "d.file WHERE r.review_key = ? AND r.report_id = ? "
                      "ORDER BY d.version DESC LIMIT 1",
        use(review), use(report), into(references), into(versions), into(paths), into(shas),
        into(inputs), into(templates), into(contents), into(created), now;
    if (references.empty()) return std::nullopt;
    return LatestDraft{references[0], versions[0], impl_->Shown(paths[0]),
                       shas[0],       inputs[0],   templates[0],
                       contents[0],   created[0]};
  } catch (const Poco::Exception& e) {
    impl_->Error(diagnostics, "read the drafts of " + report_id, e);
    return std::nullopt;
  }
}

}  // namespace clerk::registry
