#include "registry/pending_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "registry/hashing.h"

namespace clerk::registry {

namespace {

constexpr const char* kPendingSuffix = ".clerk-pending";

std::string NameOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool SyncFolder(const std::string& folder, std::string* error) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    *error = "cannot sync the folder " + folder + ": " + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  return true;
}

std::string FolderOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string PendingPathFor(const std::string& path) {
  std::string folder = path.find('/') == std::string::npos ? "" : FolderOf(path) + "/";
  return folder + "." + NameOf(path) + kPendingSuffix;
}

bool IsPendingName(const std::string& file_name) {
  size_t suffix = std::strlen(kPendingSuffix);
  return file_name.size() > suffix + 1 && file_name[0] == '.' &&
         file_name.compare(file_name.size() - suffix, suffix, kPendingSuffix) == 0;
}

namespace {

// The bytes go to the file a piece at a time, and each piece is handed to the disk as soon as it
// is written (sync_file_range starts its writeback without waiting), so that the device writes
// while the next piece is copied and hashed: the fsync after waits only for the last pieces.
// 1 MiB: small enough for the writeback to start early, large enough for few system calls.
constexpr size_t kWritePiece = size_t{1} << 20;

// Writes all of `bytes` at the file's current end, hashing them into `sha` when given.
bool WriteInPieces(int fd, std::string_view bytes, Sha256Stream* sha) {
  off_t offset = 0;
  while (!bytes.empty()) {
    std::string_view piece = bytes.substr(0, kWritePiece);
    while (!piece.empty()) {
      ssize_t written = ::write(fd, piece.data(), piece.size());
      if (written < 0 && errno == EINTR) continue;
      if (written < 0) return false;
      if (sha != nullptr) sha->Add(piece.substr(0, static_cast<size_t>(written)));
      piece.remove_prefix(static_cast<size_t>(written));
      bytes.remove_prefix(static_cast<size_t>(written));
#ifdef __linux__
      // Only a hint: the fsync after is what makes the bytes durable, so its failure is ignored.
      ::sync_file_range(fd, offset, written, SYNC_FILE_RANGE_WRITE);
#endif
      offset += written;
    }
  }
  return true;
}

}  // namespace

bool WritePendingFile(const std::string& pending_path, std::string_view bytes, unsigned mode,
                      std::string* error, PendingSync sync, std::string* sha256) {
  auto fail = [&](const std::string& doing) {
    *error = "cannot " + doing + " " + pending_path + ": " + std::strerror(errno);
    ::unlink(pending_path.c_str());
    return false;
  };
  // A leftover from an interrupted run may be read-only (a final): remove it rather than open it.
  if (::unlink(pending_path.c_str()) != 0 && errno != ENOENT) return fail("remove the old");
  int fd = ::open(pending_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return fail("create");
  std::optional<Sha256Stream> sha;
  if (sha256 != nullptr) sha.emplace();
  if (!WriteInPieces(fd, bytes, sha ? &*sha : nullptr)) {
    int saved = errno;
    ::close(fd);
    errno = saved;
    return fail("write");
  }
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || ::fsync(fd) != 0) {
    int saved = errno;
    ::close(fd);
    errno = saved;
    return fail("sync");
  }
  if (::close(fd) != 0) return fail("close");
  if (sync == PendingSync::kBeforeCommit && !SyncFolder(FolderOf(pending_path), error)) {
    ::unlink(pending_path.c_str());
    return false;
  }
  if (sha256 != nullptr) *sha256 = sha->Hex();
  return true;
}

bool FileHasSha(const std::string& path, const std::string& sha256) {
  std::string ignored;
  auto actual = Sha256OfFile(path, &ignored);
  return actual && *actual == sha256;
}

bool PlacePendingFile(const std::string& pending_path, const std::string& path, Placement placement,
                      const std::string& expected_sha256, std::string* error, FolderSync folder) {
  int result = placement == Placement::kReplace ? ::rename(pending_path.c_str(), path.c_str())
                                                : ::link(pending_path.c_str(), path.c_str());
  if (result != 0) {
    int saved = errno;
    // Another process (recovery) may have placed it already: then the file at `path` is ours.
    bool already_placed = (saved == ENOENT || saved == EEXIST) && !expected_sha256.empty() &&
                          FileHasSha(path, expected_sha256);
    if (!already_placed) {
      if (saved == EEXIST) {
        *error = "a different file is already at " + path + "; a final is never overwritten";
      } else {
        *error = "cannot give " + pending_path + " its name " + path + ": " + std::strerror(saved);
      }
      return false;
    }
  }
  if (placement == Placement::kNever && ::unlink(pending_path.c_str()) != 0 && errno != ENOENT) {
    *error = "cannot remove " + pending_path + ": " + std::strerror(errno);
    return false;
  }
  return folder == FolderSync::kNow ? SyncFolder(FolderOf(path), error) : true;
}

std::vector<std::string> PendingFilesIn(const std::string& folder) {
  std::vector<std::string> found;
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr) return found;
  while (const dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (IsPendingName(name)) found.push_back(folder == "." ? name : folder + "/" + name);
  }
  ::closedir(dir);
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace clerk::registry
