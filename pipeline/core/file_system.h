#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clerk {

/// Reading from disk goes through this interface so that stages can be tested in memory.
/// Paths are plain strings joined with '/'.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  /// The whole file, or nullopt with *error set to a sentence ("no such file", ...).
  virtual std::optional<std::string> ReadFile(const std::string& path, std::string* error) const = 0;

  /// Names (not paths) of the entries of a directory, sorted; nullopt when it is not a directory.
  virtual std::optional<std::vector<std::string>> ListDirectory(const std::string& path) const = 0;

  virtual bool IsDirectory(const std::string& path) const = 0;
  virtual bool IsFile(const std::string& path) const = 0;
};

/// The real disk. Refuses files larger than `max_file_bytes` (a clerk's YAML is kilobytes; a 50 MB
/// file is a mistake, and reading it whole would only slow the error down).
class DiskFileSystem : public FileSystem {
 public:
  static constexpr long long kDefaultMaxFileBytes = 16LL * 1024 * 1024;
  explicit DiskFileSystem(long long max_file_bytes = kDefaultMaxFileBytes)
      : max_file_bytes_(max_file_bytes) {}

  std::optional<std::string> ReadFile(const std::string& path, std::string* error) const override;
  std::optional<std::vector<std::string>> ListDirectory(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;

 private:
  long long max_file_bytes_;
};

/// Files held in memory, for tests: path -> contents. Directories are implied by the paths.
class MemoryFileSystem : public FileSystem {
 public:
  void Add(const std::string& path, std::string contents) { files_[path] = std::move(contents); }

  std::optional<std::string> ReadFile(const std::string& path, std::string* error) const override;
  std::optional<std::vector<std::string>> ListDirectory(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

/// The folder a path is in: "outputs/x.pdf" -> "outputs", "x.pdf" -> ".".
std::string ParentDirectory(const std::string& path);

/// "a" + "b" -> "a/b", without doubling a trailing slash.
std::string JoinPath(const std::string& directory, const std::string& name);

}  // namespace clerk
