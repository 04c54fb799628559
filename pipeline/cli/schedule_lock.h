#pragma once

#include <string>

/// The lock that keeps two scheduled runs from overlapping: flock(2) on a file beside the
/// registry. The kernel lets it go when the holding process ends in any way (a crash, SIGKILL),
/// so a dead run never leaves it stuck, and there is no stale pid to guess about; the pid written
/// in the file only names the holder in messages. The descriptor is close-on-exec, so the
/// builds a run starts do not hold it.
namespace clerk::cli {

class RunLock {
 public:
  /// Tries to take the lock at `path` (creating the file), without waiting.
  explicit RunLock(const std::string& path);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  bool Held() const { return held_; }
  /// Why it is not held: "another clerk run (pid 1234) holds ..." or the system's error.
  const std::string& Problem() const { return problem_; }

 private:
  int fd_ = -1;
  bool held_ = false;
  std::string problem_;
};

/// The lock file of a registry: "<registry>-run.lock".
std::string RunLockPath(const std::string& registry_path);

}  // namespace clerk::cli
