#pragma once

#include <string>
#include <vector>

namespace clerk::testing {

/// What a program printed and how it ended.
struct ProgramResult {
  int exit_code = -1;
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};

/// Runs `program` with `arguments` in `working_directory` (the current one when empty), with no
/// standard input, and waits for it. Both output streams are read at once, so neither can fill up
/// and stall the program.
ProgramResult RunProgram(const std::string& program, const std::vector<std::string>& arguments,
                         const std::string& working_directory = "");

/// Runs the clerk program built alongside the tests.
ProgramResult RunClerk(const std::vector<std::string>& arguments,
                       const std::string& working_directory = "");

/// A fresh empty directory under the system's temporary folder, removed when this goes away.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::string& Path() const { return path_; }

 private:
  std::string path_;
};

/// Every file under `directory` (relative paths) with its size and modification time, sorted:
/// two snapshots compare equal when nothing was written.
std::vector<std::string> SnapshotTree(const std::string& directory);

/// The whole file, or "" when it cannot be read.
std::string ReadWholeFile(const std::string& path);

/// Writes `bytes` as the whole file, replacing what was there.
void WriteWholeFile(const std::string& path, const std::string& bytes);

}  // namespace clerk::testing
