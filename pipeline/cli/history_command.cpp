#include <Poco/Util/Option.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "registry/registry.h"
#include "registry/text.h"

namespace clerk::cli {

namespace {

/// `clerk history <reference> [--registry <path>]`: every event of one report. Reads only.
class HistoryCommand : public Command {
 public:
  HistoryCommand()
      : Command("history", "List every event of a report: builds, drafts, sign-offs, finals.",
                "<reference>",
                "Prints the report's reference, review and state, then every event the "
                "registry recorded for it, oldest first: when, what (reference, draft, "
                "unchanged, restored, approval-superseded, approved, rejected, final, "
                "file-placed, file-missing), who, and a sentence with the draft version, the "
                "file and its SHA-256. Nothing is written. Exit status: 0, 2 when the reference "
                "is unknown or the registry cannot be read, 64 when the command line is wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(RegistryOption());
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.size() != 1) return UsageError("give one reference, such as CSSC/2011/01");
    const std::string& reference = arguments[0];
    std::string path = config().getString("registry.path", registry::kDefaultRegistryPath);
    Diagnostics diagnostics;
    DiskFileSystem files;
    auto opened = registry::Registry::Open(path, diagnostics, {registry::OpenMode::kReadOnly});
    std::optional<std::vector<registry::Event>> events;
    std::optional<registry::ReportStatus> status;
    if (opened) {
      events = opened->History(reference, diagnostics);
      status = opened->StatusOf(reference, diagnostics);
      if (!diagnostics.HasErrors() && (!events || !status)) {
        diagnostics.Error({path, 0, 0}, "no report has the reference " + reference,
                          "'clerk status' lists the references");
      }
    }
    std::cerr << FormatDiagnostics(diagnostics, files);
    if (diagnostics.HasErrors()) return kExitErrors;
    std::cout << registry::FormatHistory(*status, *events);
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeHistoryCommand() { return std::make_unique<HistoryCommand>(); }

}  // namespace clerk::cli
