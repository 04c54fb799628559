#pragma once

#include <functional>
#include <string>
#include <vector>

/// Running the builds of a scheduled run as child processes, several at once. A child per report
/// keeps the pipeline single-threaded (nothing in it needs to be safe to share across threads),
/// gives each report its own output to keep, and lets one report crash without taking the run
/// down; the registry already serialises its writers with SQLite's write lock.
namespace clerk::cli {

/// One child: its command line and the file its standard output and error go to.
struct ChildTask {
  std::vector<std::string> argv;  ///< argv[0] is the program's path
  std::string log_path;
  int exit_status = -1;  ///< the exit status, or 128 + the signal that ended it
  double seconds = 0;    ///< wall time
};

/// Runs the tasks, in order, at most `parallel` at a time, and returns when all have ended.
/// `on_start(i)` is called as task i starts (for progress). Children get no standard input, an
/// empty signal mask, and are killed (SIGKILL) if this process dies, so that a killed run leaves
/// nothing running that would outlive its lock.
void RunChildren(std::vector<ChildTask>& tasks, int parallel,
                 const std::function<void(size_t)>& on_start);

/// The path of the running program (/proc/self/exe), for children that run clerk again.
std::string SelfProgramPath();

}  // namespace clerk::cli
