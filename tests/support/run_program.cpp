#include "run_program.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace clerk::testing {

namespace fs = std::filesystem;

ProgramResult RunProgram(const std::string& program, const std::vector<std::string>& arguments,
                         const std::string& working_directory) {
  Poco::Pipe in_pipe;
  Poco::Pipe out_pipe;
  Poco::Pipe err_pipe;
  Poco::Process::Args args(arguments.begin(), arguments.end());
  Poco::ProcessHandle handle = Poco::Process::launch(
      program, args, working_directory.empty() ? fs::current_path().string() : working_directory,
      &in_pipe, &out_pipe, &err_pipe);
  in_pipe.close();
  ProgramResult result;
  std::thread err_reader([&] {
    Poco::PipeInputStream err_stream(err_pipe);
    std::ostringstream text;
    text << err_stream.rdbuf();
    result.err = text.str();
  });
  Poco::PipeInputStream out_stream(out_pipe);
  std::ostringstream out_text;
  out_text << out_stream.rdbuf();
  result.out = out_text.str();
  err_reader.join();
  result.exit_code = handle.wait();
  return result;
}

ProgramResult RunClerk(const std::vector<std::string>& arguments,
                       const std::string& working_directory) {
  return RunProgram(CLERK_BINARY, arguments, working_directory);
}

TemporaryDirectory::TemporaryDirectory() {
  // mkdtemp makes a new, empty folder or fails: a name made from the process id (as
  // Poco::TemporaryFile's) can be one a killed test of an earlier process left, files and all.
  std::string pattern = (fs::temp_directory_path() / "clerk-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot make a temporary folder from " + pattern + ": " +
                             std::strerror(errno));
  }
  path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::vector<std::string> SnapshotTree(const std::string& directory) {
  std::vector<std::string> entries;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(directory, ec)) {
    std::string line = fs::relative(entry.path(), directory).string();
    if (entry.is_regular_file()) {
      line += " " + std::to_string(entry.file_size()) + " " +
              std::to_string(entry.last_write_time().time_since_epoch().count());
    }
    entries.push_back(line);
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteWholeFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace clerk::testing
