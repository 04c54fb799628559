#include "cli/schedule_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace clerk::cli {

RunLock::RunLock(const std::string& path) {
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    problem_ = "cannot open the run lock " + path + ": " + std::strerror(errno);
    return;
  }
  if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      char buffer[32] = {0};
      ssize_t length = pread(fd_, buffer, sizeof buffer - 1, 0);
      std::string pid = length > 0 ? std::string(buffer, static_cast<size_t>(length)) : "";
      while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
      problem_ = "another clerk run" + (pid.empty() ? "" : " (pid " + pid + ")") +
                 " holds the run lock " + path;
    } else {
      problem_ = "cannot take the run lock " + path + ": " + std::strerror(errno);
    }
    return;
  }
  held_ = true;
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd_, 0) == 0) {
    ssize_t written = pwrite(fd_, pid.data(), pid.size(), 0);
    (void)written;  // the pid is only for messages
  }
}

RunLock::~RunLock() {
  if (fd_ < 0) return;
  if (held_) {
    if (ftruncate(fd_, 0) != 0) {
      // The stale pid would only be shown in a message; the lock itself goes with the close.
    }
  }
  close(fd_);
}

std::string RunLockPath(const std::string& registry_path) { return registry_path + "-run.lock"; }

}  // namespace clerk::cli
