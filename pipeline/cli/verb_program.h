#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"

/// Verbs that run as programs of their own. `clerk check-pdf` and `clerk serve` are the only verbs
/// that need libqpdf (and the TLS stack it loads) or Poco::Net and Poco::Crypto, and the dynamic
/// loader binds every symbol of every library a program links before main() runs. So each is also
/// a program made of that verb alone, clerk-check-pdf and clerk-serve, built beside clerk, and
/// clerk replaces itself with it (exec: same process, arguments, exit status and signals); clerk
/// itself links neither library, and every other verb starts in about half the time.
namespace clerk::cli {

/// The one-line summaries of those verbs: clerk lists them without their programs' code.
inline constexpr char kCheckPdfSummary[] = "Check that PDFs are tagged for screen readers.";
inline constexpr char kServeSummary[] = "Serve the sign-off web page on the registry.";

/// The file `name` in the folder of the running program's file (/proc/self/exe, so a symlink to
/// clerk still finds the folder clerk was built in); `name` alone when that cannot be read.
std::string ProgramBeside(const std::string& name);

/// clerk's entry for a verb that runs as its own program, clerk-<verb> beside clerk.
class VerbProgramCommand : public Command {
 public:
  VerbProgramCommand(std::string name, std::string summary);

  /// Hands every argument, options and --help included, unparsed to the verb's program.
  int Run(int argc, char** argv) override;

 protected:
  /// Replaces this process with clerk-<verb> <verb> <arguments>. Returns only when it cannot:
  /// kExitFailure, having printed which file it could not run and why.
  int Execute(const std::vector<std::string>& arguments) override;
};

}  // namespace clerk::cli
