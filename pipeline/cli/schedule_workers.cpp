#include "cli/schedule_workers.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <map>

namespace clerk::cli {

namespace {

using Clock = std::chrono::steady_clock;

// Only async-signal-safe calls between fork and exec.
pid_t Spawn(const ChildTask& task, pid_t parent) {
  std::vector<char*> argv;
  for (const std::string& argument : task.argv) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  const char* log_path = task.log_path.c_str();
  pid_t pid = fork();
  if (pid != 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);  // the parent died before the line above
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  int input = open("/dev/null", O_RDONLY);
  int output = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (input < 0 || output < 0) _exit(127);
  dup2(input, 0);
  dup2(output, 1);
  dup2(output, 2);
  execv(argv[0], argv.data());
  _exit(127);
}

}  // namespace

void RunChildren(std::vector<ChildTask>& tasks, int parallel,
                 const std::function<void(size_t)>& on_start) {
  if (parallel < 1) parallel = 1;
  std::map<pid_t, std::pair<size_t, Clock::time_point>> running;
  size_t next = 0;
  pid_t self = getpid();
  while (next < tasks.size() || !running.empty()) {
    while (next < tasks.size() && static_cast<int>(running.size()) < parallel) {
      if (on_start) on_start(next);
      pid_t pid = Spawn(tasks[next], self);
      if (pid < 0) {
        tasks[next].exit_status = 127;
      } else {
        running[pid] = {next, Clock::now()};
      }
      ++next;
    }
    if (running.empty()) continue;
    int status = 0;
    pid_t ended = waitpid(-1, &status, 0);
    if (ended < 0) {
      if (errno == EINTR) continue;
      break;  // no children left to wait for
    }
    auto found = running.find(ended);
    if (found == running.end()) continue;
    ChildTask& task = tasks[found->second.first];
    task.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    task.seconds = std::chrono::duration<double>(Clock::now() - found->second.second).count();
    running.erase(found);
  }
}

std::string SelfProgramPath() {
  char buffer[4096];
  ssize_t length = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (length <= 0) return "clerk";
  return std::string(buffer, static_cast<size_t>(length));
}

}  // namespace clerk::cli
