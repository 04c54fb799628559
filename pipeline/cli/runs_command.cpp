#include <Poco/Util/Option.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "registry/registry.h"
#include "registry/runs.h"
#include "schedule/wall_time.h"

namespace clerk::cli {

namespace {

std::string Shown(const std::string& period) {
  std::optional<schedule::WallTime> time = schedule::ParseWallTime(period);
  return time ? time->ToWords() : period;
}

/// `clerk runs [--limit N]`: the latest scheduled runs, from the registry. Reads only.
class RunsCommand : public Command {
 public:
  RunsCommand()
      : Command("runs", "List the latest scheduled runs: what ran, what failed, the manifests.", "",
                "Lists the latest runs of 'clerk run-due' and 'clerk daemon' recorded in the "
                "registry, newest first: the run, the time it ran as, when it started and "
                "ended, its summary, and each job period it ran (done, failed, passed over or "
                "interrupted) with what it made, then its manifest. Nothing is written. Exit "
                "status: 0; 2 when the registry cannot be read; 64 when the command line is "
                "wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(ValueOption("limit", "n", "How many runs to list (default 10).", "count"));
    options.addOption(RegistryOption());
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (!arguments.empty()) return UsageError("takes no arguments");
    std::string text = config().getString("limit", "10");
    if (text.empty() || text.size() > 6 ||
        text.find_first_not_of("0123456789") != std::string::npos || std::stoi(text) < 1) {
      return UsageError("--limit takes a number of 1 or more");
    }
    std::string path = config().getString("registry.path", registry::kDefaultRegistryPath);
    DiskFileSystem files;
    Diagnostics diagnostics;
    std::vector<registry::RunRecord> runs;
    if (files.IsFile(path)) {
      if (auto log = registry::RunLog::Open(path, true, diagnostics)) {
        runs = log->RecentRuns(std::stoi(text), diagnostics);
      }
    }
    std::cerr << FormatDiagnostics(diagnostics, files);
    if (diagnostics.HasErrors()) return kExitErrors;
    if (runs.empty()) {
      std::cout << "No scheduled runs are recorded in " << path << ".\n";
      return kExitOk;
    }
    for (const registry::RunRecord& run : runs) {
      std::cout << "run " << run.id << " as of " << Shown(run.start.run_as) << ", started "
                << run.start.at << " by " << run.start.by << " (pid " << run.start.pid << "), "
                << (run.finished_at.empty() ? "still running or killed"
                                            : "ended " + run.finished_at)
                << "\n";
      if (!run.outcome.empty()) std::cout << "  " << run.outcome << "\n";
      for (const registry::PeriodRecord& period : run.periods) {
        std::cout << "  " << period.job << " " << Shown(period.period) << ": " << period.state;
        if (!period.detail.empty()) std::cout << ", " << period.detail;
        std::cout << "\n";
      }
    }
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeRunsCommand() { return std::make_unique<RunsCommand>(); }

}  // namespace clerk::cli
