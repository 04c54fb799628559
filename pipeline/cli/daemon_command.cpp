#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SplitterChannel.h>
#include <Poco/Util/Option.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <filesystem>
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

// The longest sleep: the schedule is read again at least this often, so edits to it and changes
// to the clock are noticed.
constexpr int kMaxSleepSeconds = 300;

/// `clerk daemon`: run-due as a long-running process that wakes when the next job is due.
///
/// Not a Poco::Util::ServerApplication: every verb is one Poco Application (cli/command.h), and
/// Poco allows one. It does what ServerApplication::waitForTerminationRequest does, in the
/// same way (SIGTERM, SIGINT and SIGHUP blocked, then waited for with a timeout), and the wait
/// doubles as the timer: it ends when the next job is due. Runs happen on the main thread with
/// the signals still blocked, so a SIGTERM during a run is taken between its periods.
class DaemonCommand : public Command {
 public:
  DaemonCommand()
      : Command("daemon", "Run the schedule's jobs as they fall due, as a long-running process.",
                "",
                "Does what 'clerk run-due' does, whenever a job of the schedule falls due, "
                "until stopped: it sleeps until the next job is due (reading the schedule "
                "again at least every five minutes, so that edits are seen), runs it, and "
                "logs what it did, with levels, to standard error and to a log file (default "
                "clerk-daemon.log beside the registry). SIGTERM or SIGINT stops it cleanly: "
                "between two periods of a run, never in the middle of one; the periods left "
                "stay due. Runs share the run lock with run-due, so the two never overlap. "
                "Exit status: 0 when stopped by a signal; 2 when the log cannot be opened; 64 "
                "when the command line is wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(QuietOption(
        "Log only warnings and errors: not its start and stop, the next job due, or what each "
        "run did."));
    DefineScheduleOptions(options);
    options.addOption(ValueOption(
        "log", "l", "The log file (default: clerk-daemon.log beside the registry).", "file"));
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (!arguments.empty()) return UsageError("takes no arguments; the schedule says what to run");
    RunDueSettings settings;
    std::string wrong = ReadScheduleOptions(config(), settings);
    if (!wrong.empty()) return UsageError(wrong);
    std::string log_path = config().getString(
        "log", JoinPath(ParentDirectory(settings.registry_path), "clerk-daemon.log"));

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Poco::Logger* log = OpenLog(log_path);
    if (log == nullptr) return kExitErrors;
    log->information("clerk daemon started (pid %d): schedule %s, registry %s, log %s",
                     static_cast<int>(getpid()), settings.schedule_path, settings.registry_path,
                     log_path);

    int stop_signal = 0;
    settings.stop_requested = [&]() {
      if (stop_signal == 0) stop_signal = TakeSignal(signals, 0);
      return stop_signal != 0;
    };
    DiskFileSystem files;
    std::string last_problem, last_next;
    while (stop_signal == 0) {
      schedule::WallTime now = schedule::WallTimeOf(std::time(nullptr));
      Diagnostics diagnostics;
      std::string job;
      std::optional<schedule::WallTime> next = NextDueTime(files, settings, now, job, diagnostics);
      long sleep = kMaxSleepSeconds;
      if (diagnostics.HasErrors()) {
        std::string problem = FormatDiagnostics(diagnostics, files);
        if (problem != last_problem) log->error("nothing can run:\n%s", problem);
        last_problem = problem;
        last_next.clear();
      } else if (next && *next <= now) {
        last_problem.clear();
        last_next.clear();
        Diagnostics run_diagnostics;
        RunDueOutcome outcome = RunDue(files, settings, *log, run_diagnostics);
        if (!run_diagnostics.Empty()) {
          log->error("%s", FormatDiagnostics(run_diagnostics, files));
        }
        if (outcome.status == kExitOk) {
          log->notice("%s", outcome.summary);
        } else {
          log->error("%s", outcome.summary);
        }
        // A run that did nothing (another process held the lock) waits a moment, not at once.
        if (outcome.ran) continue;
        sleep = 5;
      } else {
        last_problem.clear();
        if (next) {
          std::string note = job + " at " + next->ToWords();
          if (note != last_next) log->information("next: %s", note);
          last_next = note;
          long until = static_cast<long>(schedule::InstantOf(*next) - std::time(nullptr));
          sleep = std::clamp(until, 1L, static_cast<long>(kMaxSleepSeconds));
        } else if (last_next != "never") {
          log->warning("no job of the schedule falls due again");
          last_next = "never";
        }
      }
      if (stop_signal == 0) stop_signal = TakeSignal(signals, sleep);
    }
    log->information("clerk daemon stopping on %s", std::string(strsignal(stop_signal)));
    return kExitOk;
  }

 private:
  // Waits up to `seconds` for one of `signals`; the signal taken, or 0 when the time ran out.
  static int TakeSignal(const sigset_t& signals, long seconds) {
    timespec timeout{seconds, 0};
    for (;;) {
      int taken = sigtimedwait(&signals, nullptr, &timeout);
      if (taken > 0) return taken;
      if (errno == EINTR) continue;
      return 0;
    }
  }

  // Standard error and the log file, each line with its time and level.
  Poco::Logger* OpenLog(const std::string& path) {
    std::error_code ignored;
    std::filesystem::create_directories(ParentDirectory(path), ignored);
    try {
      Poco::AutoPtr<Poco::SplitterChannel> splitter(new Poco::SplitterChannel);
      splitter->addChannel(new Poco::ConsoleChannel(std::cerr));
      Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(path));
      file->setProperty("rotation", "10 M");
      file->setProperty("archive", "number");
      file->setProperty("purgeCount", "5");
      file->open();
      splitter->addChannel(file);
      Poco::AutoPtr<Poco::PatternFormatter> pattern(
          new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S [%p] %t"));
      pattern->setProperty("times", "local");
      Poco::AutoPtr<Poco::FormattingChannel> channel(
          new Poco::FormattingChannel(pattern, splitter));
      Poco::Logger& log = Poco::Logger::get("clerk");
      log.setChannel(channel);
      return &log;
    } catch (const Poco::Exception& e) {
      std::cerr << "clerk daemon: cannot open the log " << path << ": " << e.displayText() << "\n";
      return nullptr;
    }
  }
};

}  // namespace

std::unique_ptr<Command> MakeDaemonCommand() { return std::make_unique<DaemonCommand>(); }

}  // namespace clerk::cli
