// main() of clerk and of each verb's own program (see verb_program.h): the same dispatch, each
// program linked with its own table of verbs, AllCommands().
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"

namespace {

using clerk::cli::AllCommands;
using clerk::cli::Command;
using clerk::cli::CommandFactory;

void PrintProgramHelp(const std::vector<CommandFactory>& factories) {
  std::cout << "clerk " << CLERK_VERSION
            << ": committee-report papers from the living records of a scrutiny review.\n\n"
            << "usage: clerk <verb> [options] [arguments]\n\nverbs:\n";
  for (CommandFactory factory : factories) {
    std::unique_ptr<Command> command = factory();
    const std::string& name = command->Name();
    std::cout << "  " << name << std::string(name.size() < 12 ? 12 - name.size() : 1, ' ')
              << command->Summary() << "\n";
  }
  std::cout << "\nRun 'clerk <verb> --help' for a verb's options.\n";
}

// The whole program: dispatches argv[1] to its verb.
int RunClerk(int argc, char** argv) {
  std::vector<CommandFactory> factories = AllCommands();
  std::string verb = argc >= 2 ? argv[1] : "";
  if (verb == "--help" || verb == "-h" || verb == "help") {
    PrintProgramHelp(factories);
    return clerk::cli::kExitOk;
  }
  if (verb == "--version") {
    std::cout << "clerk " << CLERK_VERSION << "\n";
    return clerk::cli::kExitOk;
  }
  if (verb.empty()) {
    PrintProgramHelp(factories);
    return clerk::cli::kExitUsage;
  }
  for (CommandFactory factory : factories) {
    std::unique_ptr<Command> command = factory();
    if (command->Name() == verb) return command->Run(argc - 1, argv + 1);
  }
  std::cerr << "clerk: '" << verb << "' is not a verb. Run 'clerk --help' for the list.\n";
  return clerk::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) { return RunClerk(argc, argv); }
