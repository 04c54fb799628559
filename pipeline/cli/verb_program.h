#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"

/// Verbs that run as programs of their own. `clerk check-pdf`, `clerk serve` and `clerk user` are
/// the only verbs that need libqpdf (and the TLS stack it loads), Poco::Net and Poco::Crypto, or
/// OpenSSL's libcrypto (for passwords), and the dynamic loader maps every library a program links
/// and binds its symbols before main() runs. So each is also a program made of that verb alone,
/// clerk-check-pdf, clerk-serve and clerk-user, built beside clerk, and clerk replaces itself with
/// it (exec: same process, arguments, exit status and signals); clerk itself links none of those
/// libraries, and every other verb starts in about half the time (libcrypto alone: 1.5 MB and
/// about 1.5 ms of every build).
namespace clerk::cli {

/// The one-line summaries of those verbs: clerk lists them without their programs' code.
inline constexpr char kCheckPdfSummary[] = "Check that PDFs are tagged for screen readers.";
inline constexpr char kServeSummary[] = "Serve the sign-off web page on the registry.";
inline constexpr char kUserSummary[] =
    "Add, list or disable the accounts of the sign-off web page.";

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
