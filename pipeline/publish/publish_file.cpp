#include "publish/publish_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <vector>

namespace clerk::publish {

namespace {

constexpr mode_t kDraftMode = 0644;
constexpr mode_t kFinalMode = 0444;
constexpr mode_t kAnyWrite = S_IWUSR | S_IWGRP | S_IWOTH;

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string NameOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The temporary file: removed when this goes out of scope unless released.
class TemporaryFile {
 public:
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }

  // Creates the file next to `path`; returns errno, or 0.
  int Create(const std::string& path) {
    std::string pattern = DirectoryOf(path) + "/." + NameOf(path) + ".tmp-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd_ = ::mkstemp(name.data());
    if (fd_ < 0) return errno;
    path_ = name.data();
    return 0;
  }

  // Writes all of `bytes`, sets `mode`, syncs and closes; returns errno, or 0.
  int WriteAndClose(std::string_view bytes, mode_t mode) {
    while (!bytes.empty()) {
      ssize_t written = ::write(fd_, bytes.data(), bytes.size());
      if (written < 0 && errno == EINTR) continue;
      if (written < 0) return errno;
      bytes.remove_prefix(static_cast<size_t>(written));
    }
    if (::fchmod(fd_, mode) != 0 || ::fsync(fd_) != 0) return errno;
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0 ? 0 : errno;
  }

  const std::string& path() const { return path_; }

  // After a rename the temporary name is gone: nothing to remove.
  void Forget() { path_.clear(); }

  // After a link the file has its real name too: the temporary one goes now, before the
  // directory is synced.
  void RemoveName() {
    ::unlink(path_.c_str());
    Forget();
  }

 private:
  int fd_ = -1;
  std::string path_;
};

// A rename or link is durable only once its directory is synced.
int SyncDirectory(const std::string& directory) {
  int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  int error = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return error;
}

}  // namespace

bool IsMarkedFinal(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return false;
  return S_ISREG(status.st_mode) && (status.st_mode & kAnyWrite) == 0;
}

bool PublishFile(const std::string& path, std::string_view bytes, OverwritePolicy policy,
                 Diagnostics& diagnostics, FileMark mark) {
  auto fail = [&](const std::string& message, std::string hint = "") {
    diagnostics.Error({path, 0, 0}, message, std::move(hint));
    return false;
  };
  auto fail_errno = [&](const std::string& doing, int error) {
    // std::strerror is not thread-safe; the generic category's message is the same text.
    return fail("cannot " + doing + ": " + std::generic_category().message(error));
  };
  if (policy == OverwritePolicy::kReplaceDraft && IsMarkedFinal(path)) {
    return fail("is marked final (signed off) and is not replaced",
                "a signed-off report is never overwritten; publish a new version instead");
  }
  TemporaryFile temporary;
  if (int error = temporary.Create(path)) {
    return fail_errno("create a temporary file in " + DirectoryOf(path), error);
  }
  if (int error =
          temporary.WriteAndClose(bytes, mark == FileMark::kFinal ? kFinalMode : kDraftMode)) {
    return fail_errno("write the temporary file " + temporary.path(), error);
  }
  if (policy == OverwritePolicy::kNever) {
    // link() fails if the name exists, atomically: no check-then-write race with another run.
    if (::link(temporary.path().c_str(), path.c_str()) != 0) {
      int error = errno;
      if (error == EEXIST) return fail("already exists and is not replaced");
      return fail_errno("give the file its name", error);
    }
    temporary.RemoveName();
  } else if (::rename(temporary.path().c_str(), path.c_str()) != 0) {
    return fail_errno("give the file its name", errno);
  } else {
    temporary.Forget();
  }
  if (int error = SyncDirectory(DirectoryOf(path))) {
    return fail_errno("sync the directory " + DirectoryOf(path), error);
  }
  return true;
}

}  // namespace clerk::publish
