#include <Poco/Logger.h>
#include <Poco/Util/Option.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/schedule_options.h"
#include "cli/schedule_runner.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "registry/registry.h"
#include "schedule/wall_time.h"

namespace clerk::cli {

namespace {

/// `clerk run-due [--schedule <file>] [--now <time>]`: runs the schedule's jobs that are due.
class RunDueCommand : public Command {
 public:
  RunDueCommand()
      : Command("run-due",
                "Run the schedule's jobs that are due: drafts, a run record, a manifest.", "",
                "Reads the schedule (schedule.yaml here, or --schedule) and runs every job "
                "period that is due now (or at --now): each report is built as a draft through "
                "the registry, as 'clerk build' builds it, several at once. A period already "
                "run is never run again; periods missed while clerk was not running are caught "
                "up as the job's catch_up says; a period that failed is due again. Only one run "
                "happens at a time: a second run-due finds the run lock taken and does nothing. "
                "Each run is recorded in the registry ('clerk runs') and writes a manifest, "
                "<output>/runs/run-NNNNNN.json. Made to be called by cron or a systemd timer "
                "every few minutes (docs/schedule.md). Prints one summary line. Exit status: "
                "0 (also when nothing is due, or another run holds the lock); 2 when the "
                "schedule has errors, the registry cannot be used, or any job failed (the "
                "others still run); 64 when the command line is wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(QuietOption(
        "Print only the summary line, warnings and errors: no progress line, no line per job "
        "period."));
    DefineScheduleOptions(options);
    options.addOption(ValueOption("now", "",
                                  "Run as if the local time were this: 2026-11-15 or "
                                  "2026-11-15T10:00 (for tests, and to run as of a moment past).",
                                  "time"));
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (!arguments.empty()) return UsageError("takes no arguments; the schedule says what to run");
    RunDueSettings settings;
    std::string wrong = ReadScheduleOptions(config(), settings);
    if (!wrong.empty()) return UsageError(wrong);
    if (config().hasProperty("now")) {
      settings.now = schedule::ParseWallTime(config().getString("now"));
      if (!settings.now) {
        return UsageError("--now takes a local time such as 2026-11-15 or 2026-11-15T10:00");
      }
    }
    // Progress only on a terminal: a run from cron stays quiet but for its summary.
    bool on_terminal = isatty(STDERR_FILENO) != 0 && !config().hasProperty("quiet");
    if (on_terminal) {
      settings.progress = [](size_t n, size_t total, const std::string& what) {
        std::cerr << "\r\033[K";
        if (n > 0) std::cerr << "report " << n << " of " << total << ": " << what;
        std::cerr << std::flush;
      };
    }
    DiskFileSystem files;
    Diagnostics diagnostics;
    RunDueOutcome outcome = RunDue(files, settings, Poco::Logger::get("clerk"), diagnostics);
    if (on_terminal) std::cerr << "\r\033[K" << std::flush;
    std::cerr << FormatDiagnostics(diagnostics, files);
    std::cout << outcome.summary << "\n";
    return outcome.status;
  }
};

}  // namespace

std::unique_ptr<Command> MakeRunDueCommand() { return std::make_unique<RunDueCommand>(); }

}  // namespace clerk::cli
