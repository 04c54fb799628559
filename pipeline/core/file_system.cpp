#include "core/file_system.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace clerk {

namespace fs = std::filesystem;

std::optional<std::string> DiskFileSystem::ReadFile(const std::string& path,
                                                    std::string* error) const {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (error) *error = "no such file";
    return std::nullopt;
  }
  if (fs::is_directory(path, ec)) {
    if (error) *error = "is a directory, not a file";
    return std::nullopt;
  }
  auto size = fs::file_size(path, ec);
  if (!ec && static_cast<long long>(size) > max_file_bytes_) {
    if (error) {
      *error = "is " + std::to_string(size / (1024 * 1024)) + " MB, larger than the " +
               std::to_string(max_file_bytes_ / (1024 * 1024)) + " MB a review file may be";
    }
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "cannot be opened for reading";
    return std::nullopt;
  }
  // Read straight into a string of the size the file has, instead of through a stream that
  // grows by doubling and is then copied out (a review's largest file is megabytes).
  std::string contents(ec ? 0 : static_cast<size_t>(size), '\0');
  in.read(contents.data(), static_cast<std::streamsize>(contents.size()));
  contents.resize(static_cast<size_t>(in.gcount()));
  if (in && in.peek() != std::ifstream::traits_type::eof()) {
    // The file is longer than its size said (it grew meanwhile): read the rest too.
    std::ostringstream rest;
    rest << in.rdbuf();
    contents += rest.str();
  }
  return contents;
}

std::optional<std::vector<std::string>> DiskFileSystem::ListDirectory(
    const std::string& path) const {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return std::nullopt;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool DiskFileSystem::IsDirectory(const std::string& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool DiskFileSystem::IsFile(const std::string& path) const {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

std::optional<std::string> MemoryFileSystem::ReadFile(const std::string& path,
                                                      std::string* error) const {
  auto found = files_.find(path);
  if (found == files_.end()) {
    if (error) *error = IsDirectory(path) ? "is a directory, not a file" : "no such file";
    return std::nullopt;
  }
  return found->second;
}

std::optional<std::vector<std::string>> MemoryFileSystem::ListDirectory(
    const std::string& path) const {
  if (!IsDirectory(path)) return std::nullopt;
  std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  std::set<std::string> names;
  for (const auto& [file, contents] : files_) {
    if (file.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = file.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('/')));
  }
  return std::vector<std::string>(names.begin(), names.end());
}

bool MemoryFileSystem::IsDirectory(const std::string& path) const {
  std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  for (const auto& [file, contents] : files_) {
    if (file.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

bool MemoryFileSystem::IsFile(const std::string& path) const { return files_.count(path) > 0; }

std::string ParentDirectory(const std::string& path) {
  std::string folder = fs::path(path).parent_path().string();
  return folder.empty() ? "." : folder;
}

std::string JoinPath(const std::string& directory, const std::string& name) {
  if (directory.empty()) return name;
  if (directory.back() == '/') return directory + name;
  return directory + "/" + name;
}

}  // namespace clerk
