#include "cli/verb_program.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace clerk::cli {

std::string ProgramBeside(const std::string& name) {
  std::error_code error;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return name;
  return (self.parent_path() / name).string();
}

VerbProgramCommand::VerbProgramCommand(std::string name, std::string summary)
    : Command(std::move(name), std::move(summary), "", "") {}

int VerbProgramCommand::Run(int argc, char** argv) {
  return Execute(std::vector<std::string>(argv + 1, argv + argc));
}

int VerbProgramCommand::Execute(const std::vector<std::string>& arguments) {
  std::string program = ProgramBeside("clerk-" + Name());
  std::vector<std::string> words{program, Name()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::cout.flush();
  execv(program.c_str(), argv.data());
  std::cerr << "clerk " << Name() << ": cannot run " << program << ": " << std::strerror(errno)
            << " (this verb is a program of its own, built beside clerk)\n";
  return kExitFailure;
}

}  // namespace clerk::cli
