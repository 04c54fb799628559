#include "cli/schedule_runner.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/command.h"
#include "cli/paper_maker.h"
#include "cli/schedule_lock.h"
#include "cli/schedule_manifest.h"
#include "cli/schedule_workers.h"
#include "publish/publish_file.h"
#include "registry/registry.h"
#include "registry/runs.h"
#include "schedule/due.h"
#include "schedule/report_template.h"
#include "schedule/schedule.h"

namespace clerk::cli {

namespace {

using Clock = std::chrono::steady_clock;
using schedule::Job;
using schedule::WallTime;

// What a build prints is kept in the manifest when it fails, up to this much.
constexpr size_t kMaxKeptOutput = 20000;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string Plural(size_t count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// One period of one job to run.
struct Due {
  const Job* job = nullptr;
  WallTime period;
};

// A report file that this run made from a job's template: removed again when its period fails
// on errors in the inputs, so that the review is as it was and a fixed schedule makes it anew.
struct MadeFile {
  std::string path;      // as the review's loader names it (diagnostics carry it)
  std::string relative;  // "reports/<id>.yaml", for messages
  std::string text;      // what was written; a file that no longer reads so is left alone
};

// The disk, and the files this run removed again as they were, so that a failed period's
// diagnostics still show the lines of the file they point into.
class WithRemovedFiles : public FileSystem {
 public:
  WithRemovedFiles(const FileSystem& files, const std::map<std::string, std::string>& removed)
      : files_(files), removed_(removed) {}

  std::optional<std::string> ReadFile(const std::string& path, std::string* error) const override {
    auto found = removed_.find(path);
    if (found != removed_.end()) return found->second;
    return files_.ReadFile(path, error);
  }
  std::optional<std::vector<std::string>> ListDirectory(const std::string& path) const override {
    return files_.ListDirectory(path);
  }
  bool IsDirectory(const std::string& path) const override { return files_.IsDirectory(path); }
  bool IsFile(const std::string& path) const override { return files_.IsFile(path); }

 private:
  const FileSystem& files_;
  const std::map<std::string, std::string>& removed_;
};

class Runner {
 public:
  Runner(const FileSystem& files, const RunDueSettings& settings, Poco::Logger& log,
         Diagnostics& diagnostics)
      : files_(files), settings_(settings), log_(log), diagnostics_(diagnostics) {}

  RunDueOutcome Run() {
    RunDueOutcome outcome;
    std::optional<schedule::Schedule> loaded =
        schedule::LoadSchedule(files_, settings_.schedule_path, diagnostics_);
    if (!loaded) {
      outcome.status = kExitErrors;
      outcome.summary = "run-due: the schedule " + settings_.schedule_path + " has " +
                        Plural(static_cast<size_t>(diagnostics_.ErrorCount()), "error", "errors") +
                        "; nothing ran";
      return outcome;
    }
    schedule_ = std::move(*loaded);
    WallTime now = settings_.now ? *settings_.now : schedule::WallTimeOf(std::time(nullptr));

    std::error_code ignored;
    std::filesystem::create_directories(ParentDirectory(settings_.registry_path), ignored);
    RunLock lock(RunLockPath(settings_.registry_path));
    if (!lock.Held()) {
      outcome.summary = "run-due: " + lock.Problem() + "; nothing done";
      return outcome;
    }
    runs_ = registry::RunLog::Open(settings_.registry_path, false, diagnostics_);
    if (!runs_) {
      outcome.status = kExitErrors;
      outcome.summary =
          "run-due: the registry " + settings_.registry_path + " cannot be used; nothing ran";
      return outcome;
    }
    // We hold the lock, so any period still marked running belongs to a run that died.
    if (int stale = runs_->CloseInterrupted(registry::NowUtc(), diagnostics_); stale > 0) {
      log_.warning(
          "%s of a run that was stopped before it finished marked interrupted: due "
          "again",
          Plural(static_cast<size_t>(stale), "period", "periods"));
    }

    std::vector<Due> due;
    std::vector<Due> skipped;
    for (const Job& job : schedule_.jobs) {
      std::optional<WallTime> last;
      if (auto text = runs_->LastSettledPeriod(job.name.value, diagnostics_)) {
        last = schedule::ParseWallTime(*text);
      }
      schedule::DuePlan plan = schedule::PlanDue(job, last, now);
      for (const WallTime& period : plan.run) due.push_back({&job, period});
      for (const WallTime& period : plan.skip) skipped.push_back({&job, period});
    }
    if (diagnostics_.HasErrors()) {
      outcome.status = kExitErrors;
      outcome.summary = "run-due: the registry could not be read; nothing ran";
      return outcome;
    }
    if (due.empty() && skipped.empty()) {
      outcome.summary = "run-due: nothing due at " + now.ToWords() + NextNote(now);
      return outcome;
    }
    std::stable_sort(due.begin(), due.end(),
                     [](const Due& a, const Due& b) { return a.period < b.period; });

    outcome.ran = true;
    record_.run_as = now;
    record_.schedule = settings_.schedule_path;
    record_.registry = settings_.registry_path;
    record_.started_at = registry::NowUtc();
    Clock::time_point started = Clock::now();
    record_.id = runs_->StartRun({now.ToIso(), settings_.schedule_path, registry::CurrentUserName(),
                                  record_.started_at, static_cast<int>(getpid())},
                                 diagnostics_);
    if (record_.id == 0) {
      outcome.status = kExitErrors;
      outcome.summary = "run-due: the run could not be recorded; nothing ran";
      return outcome;
    }
    for (const Due& pass : skipped) {
      registry::PeriodRecord row{pass.job->name.value,
                                 pass.period.ToIso(),
                                 registry::kPeriodSkipped,
                                 0,
                                 "passed over: catch_up is latest",
                                 record_.started_at,
                                 ""};
      runs_->RecordSkipped(record_.id, row, diagnostics_);
      PeriodOutcome period = NewPeriod(pass);
      period.state = registry::kPeriodSkipped;
      period.detail = "passed over (catch_up: latest)";
      record_.periods.push_back(std::move(period));
      log_.information("%s %s: passed over (catch_up: latest)", pass.job->name.value,
                       pass.period.ToWords());
    }

    for (const Due& item : due) {
      total_reports_ += item.job->reports.size() + (item.job->report_template ? 1 : 0);
    }
    tmp_dir_ = MakeTemporaryFolder();
    size_t first = 0;
    while (first < due.size()) {
      if (settings_.stop_requested && settings_.stop_requested()) {
        record_.stopped = true;
        log_.information("stopping: %s left to a later run",
                         Plural(due.size() - first, "period", "periods"));
        break;
      }
      size_t end = first;
      while (end < due.size() && due[end].period == due[first].period) ++end;
      RunBatch(std::vector<Due>(due.begin() + static_cast<long>(first),
                                due.begin() + static_cast<long>(end)));
      first = end;
    }
    if (!tmp_dir_.empty()) std::filesystem::remove_all(tmp_dir_, ignored);

    record_.finished_at = registry::NowUtc();
    record_.seconds = SecondsSince(started);
    std::string manifest =
        JoinPath(JoinPath(schedule_.output_dir, "runs"), "run-" + Padded(record_.id) + ".json");
    record_.summary = Summary(manifest);
    Diagnostics writing;
    if (!WriteManifest(manifest, record_, writing)) {
      diagnostics_.AddAll(writing);
      manifest.clear();
    }
    runs_->FinishRun(record_.id, record_.finished_at, record_.summary, record_.failed, manifest,
                     diagnostics_);
    outcome.summary = record_.summary;
    outcome.status = record_.failed > 0 || diagnostics_.HasErrors() ? kExitErrors : kExitOk;
    return outcome;
  }

 private:
  static std::string Padded(std::int64_t id) {
    std::string text = std::to_string(id);
    return std::string(text.size() < 6 ? 6 - text.size() : 0, '0') + text;
  }

  static std::string MakeTemporaryFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "clerk-run-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return "";
    return pattern;
  }

  std::string NextNote(const WallTime& now) {
    std::optional<WallTime> next;
    std::string which;
    for (const Job& job : schedule_.jobs) {
      std::optional<WallTime> last;
      if (auto text = runs_->LastSettledPeriod(job.name.value, diagnostics_)) {
        last = schedule::ParseWallTime(*text);
      }
      std::optional<WallTime> at = schedule::NextDue(job, last, now);
      if (at && (!next || *at < *next)) {
        next = at;
        which = job.name.value;
      }
    }
    return next ? "; next: " + which + " at " + next->ToWords() : "";
  }

  PeriodOutcome NewPeriod(const Due& item) const {
    PeriodOutcome period;
    period.job = item.job->name.value;
    period.review = item.job->review_folder;
    period.output_dir = item.job->output_dir;
    period.period = item.period;
    return period;
  }

  // Makes the period's report from the job's template, unless the review has it already (a
  // clerk may have edited it since). Its id, or "" when it could not be made; `made` is set when
  // this call wrote the file.
  std::string Instantiate(const Due& item, PeriodOutcome& period, std::string& made_from,
                          std::optional<MadeFile>& made) {
    const Job& job = *item.job;
    const schedule::ReportTemplate& report_template = *job.report_template;
    std::string id = schedule::InstanceId(report_template, item.period);
    std::string target = JoinPath(job.review_folder, "reports/" + id + ".yaml");
    if (files_.IsFile(target)) return id;
    std::string source_path =
        JoinPath(job.review_folder, "reports/" + report_template.from.value + ".yaml");
    std::string error;
    std::optional<std::string> source = files_.ReadFile(source_path, &error);
    if (!source) {
      period.diagnostics.Error(report_template.from.where,
                               "the review has no report '" + report_template.from.value +
                                   "' to copy (" + source_path + ": " + error + ")");
      return "";
    }
    std::optional<std::string> text = schedule::InstantiateReport(
        source_path, *source, job, item.period, files_, period.diagnostics);
    if (!text) return "";
    if (!publish::PublishFile(target, *text, publish::OverwritePolicy::kNever,
                              period.diagnostics)) {
      return "";
    }
    made = MadeFile{target, "reports/" + id + ".yaml", *text};
    made_from = report_template.from.value;
    log_.information("%s %s: made %s from %s", job.name.value, item.period.ToWords(), target,
                     report_template.from.value);
    return id;
  }

  // Everything before the builds: the template's report, then the review loaded and checked
  // here, so that a broken review fails with its diagnostics as values. The reports to build.
  std::vector<ReportOutcome> Prepare(const Due& item, PeriodOutcome& period,
                                     std::optional<MadeFile>& made) {
    const Job& job = *item.job;
    std::vector<ReportOutcome> reports;
    std::string made_from;
    std::string instance;
    if (job.report_template) {
      instance = Instantiate(item, period, made_from, made);
      if (instance.empty()) return {};
    }
    std::optional<PreparedReview> prepared =
        PrepareReview(files_, job.review_folder, period.diagnostics);
    if (!prepared) return {};
    std::set<std::string> seen;
    for (const LocatedText& id : job.reports) {
      if (!FindReport(prepared->review, id.value)) {
        period.diagnostics.Error(
            id.where, "the review " + job.review_folder + " has no report '" + id.value + "'");
        continue;
      }
      if (!seen.insert(id.value).second) continue;
      ReportOutcome report;
      report.report_id = id.value;
      reports.push_back(report);
    }
    if (!instance.empty() && seen.insert(instance).second) {
      ReportOutcome report;
      report.report_id = instance;
      report.made_from = made_from;
      reports.push_back(report);
    }
    if (period.diagnostics.HasErrors()) return {};
    return reports;
  }

  void RunBatch(const std::vector<Due>& batch) {
    struct Started {
      size_t period;
      std::int64_t row;
      Clock::time_point at;
    };
    std::vector<Started> started;
    std::vector<ChildTask> tasks;
    std::vector<std::pair<size_t, size_t>> task_of;  // (period index, report index)
    std::string program = settings_.program.empty() ? SelfProgramPath() : settings_.program;
    for (const Due& item : batch) {
      PeriodOutcome period = NewPeriod(item);
      registry::PeriodRecord row{item.job->name.value,
                                 item.period.ToIso(),
                                 registry::kPeriodRunning,
                                 0,
                                 "",
                                 registry::NowUtc(),
                                 ""};
      std::int64_t row_id = runs_->StartPeriod(record_.id, row, diagnostics_);
      Clock::time_point at = Clock::now();
      std::optional<MadeFile> made;
      period.reports = Prepare(item, period, made);
      size_t index = record_.periods.size();
      // At once, before the next job of the batch loads the same review.
      if (made && period.diagnostics.HasErrors()) {
        removal_notes_[index] = RemoveMade(*made);
        made.reset();
      }
      if (made) made_[index] = std::move(*made);
      for (size_t r = 0; r < period.reports.size(); ++r) {
        // The draft before the build: a new version after it is a new draft.
        period.reports[r].draft = runs_->LatestDraftOf(registry::ReviewKeyOf(period.review),
                                                       period.reports[r].report_id, diagnostics_);
        ChildTask task;
        task.argv = {program,
                     "build",
                     item.job->review_folder,
                     "--report",
                     period.reports[r].report_id,
                     "--output-dir",
                     item.job->output_dir,
                     "--registry",
                     settings_.registry_path};
        task.log_path = JoinPath(tmp_dir_.empty() ? "/tmp" : tmp_dir_,
                                 "build-" + std::to_string(tasks.size()) + ".log");
        tasks.push_back(task);
        task_of.emplace_back(index, r);
      }
      record_.periods.push_back(std::move(period));
      started.push_back({index, row_id, at});
    }
    RunChildren(tasks, Parallel(), [&](size_t i) {
      ++reports_started_;
      if (settings_.progress) {
        const PeriodOutcome& period = record_.periods[task_of[i].first];
        settings_.progress(reports_started_, total_reports_,
                           period.job + " " + period.reports[task_of[i].second].report_id);
      }
    });
    if (settings_.progress) settings_.progress(0, total_reports_, "");
    for (size_t i = 0; i < tasks.size(); ++i) {
      PeriodOutcome& period = record_.periods[task_of[i].first];
      ReportOutcome& report = period.reports[task_of[i].second];
      report.exit_status = tasks[i].exit_status;
      report.seconds = tasks[i].seconds;
      std::string error;
      std::string output = files_.ReadFile(tasks[i].log_path, &error).value_or("");
      std::optional<registry::LatestDraft> before = report.draft;
      report.draft = runs_->LatestDraftOf(registry::ReviewKeyOf(period.review), report.report_id,
                                          diagnostics_);
      if (report.exit_status != 0) {
        report.action = "failed";
        report.output = output.substr(0, kMaxKeptOutput);
      } else {
        bool same = before && report.draft && before->version == report.draft->version &&
                    before->reference == report.draft->reference;
        report.action = same ? "unchanged" : "new draft";
      }
    }
    for (auto& [index, made] : made_) {
      if (MadeReportFailedOnInputs(record_.periods[index])) {
        removal_notes_[index] = RemoveMade(made);
      }
    }
    made_.clear();
    for (const Started& entry : started) {
      auto note = removal_notes_.find(entry.period);
      Finish(record_.periods[entry.period], entry.row, entry.at,
             note == removal_notes_.end() ? "" : note->second);
    }
    removal_notes_.clear();
  }

  // Whether the period failed on errors in its inputs (a build exiting kExitErrors) without its
  // report from the template being built: then the file made for it goes again. A report that
  // was built has a draft in the registry, and its file stays with it.
  static bool MadeReportFailedOnInputs(const PeriodOutcome& period) {
    bool inputs = false, made_built = false;
    for (const ReportOutcome& report : period.reports) {
      if (report.exit_status == kExitErrors) inputs = true;
      if (!report.made_from.empty() && report.exit_status == 0) made_built = true;
    }
    return inputs && !made_built;
  }

  // Removes a file this run made, and says so for the period's failure message.
  std::string RemoveMade(const MadeFile& made) {
    std::string error;
    std::optional<std::string> now = files_.ReadFile(made.path, &error);
    if (!now || *now != made.text) {
      return "; the report file " + made.relative +
             " made from the template was changed since, so it was kept";
    }
    std::error_code failed;
    if (!std::filesystem::remove(made.path, failed) || failed) {
      return "; the report file " + made.relative +
             " made from the template could not be removed (" +
             (failed ? failed.message() : std::string("no such file")) + ")";
    }
    removed_[made.path] = made.text;
    log_.information("removed %s again: its period failed", made.path);
    return "; the report file " + made.relative +
           " made from the template was removed, so the review is as it was";
  }

  // `removal` is RemoveMade's note, or "", appended to a failed period's message.
  void Finish(PeriodOutcome& period, std::int64_t row, Clock::time_point at,
              const std::string& removal) {
    period.seconds = SecondsSince(at);
    int failed_reports = 0, new_drafts = 0;
    for (const ReportOutcome& report : period.reports) {
      if (report.exit_status != 0) ++failed_reports;
      if (report.action == "new draft") ++new_drafts;
    }
    std::string when = period.job + " " + period.period.ToWords();
    if (period.diagnostics.HasErrors()) {
      period.state = registry::kPeriodFailed;
      period.detail =
          Plural(static_cast<size_t>(period.diagnostics.ErrorCount()), "error", "errors") +
          " in the review or the schedule; nothing built" + removal;
      log_.error("%s: failed: %s\n%s", when, period.detail,
                 FormatDiagnostics(period.diagnostics, WithRemovedFiles(files_, removed_)));
    } else if (failed_reports > 0) {
      period.state = registry::kPeriodFailed;
      period.detail = Plural(static_cast<size_t>(failed_reports), "report", "reports") + " of " +
                      std::to_string(period.reports.size()) + " could not be built" + removal;
      for (const ReportOutcome& report : period.reports) {
        if (report.exit_status == 0) continue;
        log_.error("%s: %s failed (exit status %d):\n%s", when, report.report_id,
                   report.exit_status, report.output);
      }
    } else {
      period.state = registry::kPeriodDone;
      period.detail = Plural(period.reports.size(), "report", "reports") + ": " +
                      Plural(static_cast<size_t>(new_drafts), "new draft", "new drafts") + ", " +
                      std::to_string(period.reports.size() - static_cast<size_t>(new_drafts)) +
                      " unchanged";
      log_.information("%s: %s", when, period.detail);
    }
    if (period.state == registry::kPeriodFailed) ++record_.failed;
    registry::PeriodRecord done{
        period.job,        period.period.ToIso(),
        period.state,      static_cast<int>(period.reports.size()) - failed_reports,
        period.detail,     "",
        registry::NowUtc()};
    if (row != 0) runs_->FinishPeriod(row, done, diagnostics_);
  }

  int Parallel() const {
    if (settings_.parallel > 0) return settings_.parallel;
    // Two builds per core: a build spends much of its time waiting for its commit to reach
    // the disk (fsync, under the registry's write lock), and another build's CPU fills it.
    unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 2 : 2 * static_cast<int>(cores);
  }

  std::string Summary(const std::string& manifest) const {
    size_t ran = 0, reports = 0, new_drafts = 0, skipped = 0;
    std::string failures;
    for (const PeriodOutcome& period : record_.periods) {
      if (period.state == registry::kPeriodSkipped) {
        ++skipped;
        continue;
      }
      ++ran;
      for (const ReportOutcome& report : period.reports) {
        if (report.exit_status == 0) ++reports;
        if (report.action == "new draft") ++new_drafts;
      }
      if (period.state == registry::kPeriodFailed) {
        failures += (failures.empty() ? "" : "; ") + period.job + " " + period.period.ToWords() +
                    ": " + period.detail;
      }
    }
    std::string line = "run " + std::to_string(record_.id) + " as of " + record_.run_as.ToWords() +
                       ": " + Plural(ran, "period", "periods") + " run";
    if (skipped > 0) line += ", " + std::to_string(skipped) + " passed over";
    line += ", " + Plural(reports, "report", "reports") + " built (" +
            Plural(new_drafts, "new draft", "new drafts") + ", " +
            std::to_string(reports - new_drafts) + " unchanged)";
    if (record_.failed > 0) {
      line += "; FAILED " + std::to_string(record_.failed) + " of " + std::to_string(ran) + ": " +
              failures;
    }
    if (record_.stopped) line += "; stopped early, the rest stays due";
    if (!manifest.empty()) line += "; manifest " + manifest;
    return line;
  }

  const FileSystem& files_;
  const RunDueSettings& settings_;
  Poco::Logger& log_;
  Diagnostics& diagnostics_;
  schedule::Schedule schedule_;
  std::unique_ptr<registry::RunLog> runs_;
  RunOutcomeRecord record_;
  std::string tmp_dir_;
  // By period index in record_.periods: files made this run, still to be judged after the
  // builds of their batch; and the notes on those removed (or kept) for the failure message.
  std::map<size_t, MadeFile> made_;
  std::map<size_t, std::string> removal_notes_;
  std::map<std::string, std::string> removed_;  // path -> text of the files removed again
  size_t total_reports_ = 0;
  size_t reports_started_ = 0;
};

}  // namespace

RunDueOutcome RunDue(const FileSystem& files, const RunDueSettings& settings, Poco::Logger& log,
                     Diagnostics& diagnostics) {
  return Runner(files, settings, log, diagnostics).Run();
}

std::optional<WallTime> NextDueTime(const FileSystem& files, const RunDueSettings& settings,
                                    const WallTime& now, std::string& job,
                                    Diagnostics& diagnostics) {
  std::optional<schedule::Schedule> loaded =
      schedule::LoadSchedule(files, settings.schedule_path, diagnostics);
  if (!loaded) return std::nullopt;
  std::unique_ptr<registry::RunLog> runs =
      registry::RunLog::Open(settings.registry_path, false, diagnostics);
  if (!runs) return std::nullopt;
  std::optional<WallTime> next;
  for (const Job& entry : loaded->jobs) {
    std::optional<WallTime> last;
    if (auto text = runs->LastSettledPeriod(entry.name.value, diagnostics)) {
      last = schedule::ParseWallTime(*text);
    }
    std::optional<WallTime> at = schedule::NextDue(entry, last, now);
    if (at && (!next || *at < *next)) {
      next = at;
      job = entry.name.value;
    }
  }
  return next;
}

}  // namespace clerk::cli
