#pragma once

// Helpers for render tests: a scratch directory and the real PDF tools (qpdf, poppler-utils).

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "run_program.h"

namespace clerk::test {

/// A fresh directory under the system's temporary directory, removed with everything in it.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "clerk-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : "";
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Shared with every test executable (tests/support).
using clerk::testing::ReadWholeFile;
using clerk::testing::WriteWholeFile;

/// What a command printed and how it ended.
struct ToolRun {
  int exit_status = -1;
  std::string out;
  std::string err;
};

/// Runs `command` (a shell command line; quote the paths) with stdout and stderr captured in
/// files of `scratch`.
inline ToolRun RunTool(const std::string& command, const ScratchDirectory& scratch) {
  std::string out = scratch.File("tool.out");
  std::string err = scratch.File("tool.err");
  int status = std::system((command + " >'" + out + "' 2>'" + err + "'").c_str());
  ToolRun run;
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadWholeFile(out);
  run.err = ReadWholeFile(err);
  return run;
}

/// `qpdf --json=2` restricted to `keys` (such as "outlines", "pagelabels", "qpdf"), parsed.
inline Poco::JSON::Object::Ptr QpdfJson(const std::string& pdf, const std::string& keys,
                                        const ScratchDirectory& scratch) {
  std::string command = "qpdf --json=2";
  std::istringstream key_list(keys);
  for (std::string key; key_list >> key;) command += " --json-key=" + key;
  ToolRun run = RunTool(command + " '" + pdf + "'", scratch);
  if (run.exit_status != 0) return nullptr;
  return Poco::JSON::Parser().parse(run.out).extract<Poco::JSON::Object::Ptr>();
}

/// Counts the times `needle` occurs in `haystack`.
inline int Count(const std::string& haystack, const std::string& needle) {
  int count = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

}  // namespace clerk::test
