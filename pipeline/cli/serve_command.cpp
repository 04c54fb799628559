#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/verb_program.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "registry/registry.h"
#include "web/pages.h"
#include "web/server.h"

namespace clerk::cli {

namespace {

// A whole number from `low` to `high`, or -1.
int NumberIn(const std::string& text, int low, int high) {
  if (text.empty() || text.size() > 6 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return -1;
  }
  int value = std::stoi(text);
  return value < low || value > high ? -1 : value;
}

/// `clerk serve`: the sign-off web page. Runs as its own program, clerk-serve (see
/// verb_program.h): only it needs Poco::Net and Poco::Crypto.
class ServeCommand : public Command {
 public:
  ServeCommand()
      : Command("serve", kServeSummary, "",
                "Directors read drafts in their browser and approve or reject them; clerks "
                "rebuild reports and read what the build said (docs/web.md). Listens on "
                "127.0.0.1:8080 unless --address and --port say otherwise, and prints the "
                "address once listening; put it behind a reverse proxy with TLS to reach it "
                "from other machines. Accounts are made with 'clerk user add'. Builds and "
                "sign-offs from the page run this clerk program ('clerk build', 'clerk "
                "sign-off') in the current folder, on the review folders under --inputs. "
                "Stops on SIGTERM or Ctrl-C after the requests and builds under way. Exit "
                "status: 0 when stopped; 2 when it cannot start; 64 when the command line is "
                "wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(
        ValueOption("address", "", "The address to listen on (default 127.0.0.1).", "address"));
    options.addOption(
        ValueOption("port", "p", "The port (default 8080; 0: any free port).", "port"));
    options.addOption(
        ValueOption("inputs", "", "The folder of review folders (default: inputs).", "folder"));
    options.addOption(ValueOption(
        "output-dir", "o", "Where rebuilt drafts go (default: the registry's folder).", "folder"));
    options.addOption(ValueOption("templates", "t",
                                  "The paper templates for builds and sign-offs (default: theirs).",
                                  "folder"));
    options.addOption(Poco::Util::Option("committees", "", "The committees file for builds.")
                          .required(false)
                          .repeatable(false)
                          .argument("file")
                          .binding("committees.path"));
    options.addOption(ValueOption("web-templates", "",
                                  "The web page's templates (default: clerk's templates/web).",
                                  "folder"));
    options.addOption(ValueOption("threads", "", "Requests served at once (default 16).", "count"));
    options.addOption(ValueOption(
        "timeout", "", "Seconds a client may stay silent while sending (default 30).", "seconds"));
    options.addOption(
        ValueOption("session-hours", "", "Hours a sign-in lasts (default 8).", "hours"));
    options.addOption(Poco::Util::Option("secure-cookies", "",
                                         "Mark cookies Secure: behind a proxy serving HTTPS.")
                          .required(false)
                          .repeatable(false)
                          .binding("secure-cookies"));
    options.addOption(RegistryOption());
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (!arguments.empty()) return UsageError("serve takes no arguments, only options");
    web::ServeSettings settings;
    settings.address = config().getString("address", settings.address);
    settings.port = NumberIn(config().getString("port", "8080"), 0, 65535);
    if (settings.port < 0) return UsageError("--port takes a number from 0 to 65535");
    settings.threads = NumberIn(config().getString("threads", "16"), 2, 256);
    if (settings.threads < 0) return UsageError("--threads takes a number from 2 to 256");
    settings.timeout_seconds = NumberIn(config().getString("timeout", "30"), 1, 3600);
    if (settings.timeout_seconds < 0) return UsageError("--timeout takes 1 to 3600 seconds");
    settings.session_hours = NumberIn(config().getString("session-hours", "8"), 1, 24 * 30);
    if (settings.session_hours < 0) return UsageError("--session-hours takes 1 to 720 hours");
    settings.registry_path = config().getString("registry.path", registry::kDefaultRegistryPath);
    settings.inputs_dir = config().getString("inputs", "inputs");
    std::string registry_folder = ParentDirectory(settings.registry_path);
    settings.output_dir =
        config().getString("output-dir", registry_folder.empty() ? "." : registry_folder);
    settings.paper_templates = config().getString("templates", "");
    settings.committees_path = config().getString("committees.path", "");
    settings.web_templates = config().getString("web-templates", web::DefaultWebTemplatesFolder());
    settings.secure_cookies = config().hasProperty("secure-cookies");
    // This is clerk-serve; builds and sign-offs go through clerk, beside it.
    settings.clerk_program = ProgramBeside("clerk");

    DiskFileSystem files;
    Diagnostics diagnostics;
    int status = web::Serve(
        settings,
        [](const std::string& url) {
          std::cout << "clerk serve: listening on " << url << std::endl;
        },
        diagnostics);
    std::cerr << FormatDiagnostics(diagnostics, files);
    return status;
  }
};

}  // namespace

std::unique_ptr<Command> MakeServeCommand() { return std::make_unique<ServeCommand>(); }

}  // namespace clerk::cli
