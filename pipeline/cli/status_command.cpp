#include <Poco/Util/Option.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "registry/registry.h"
#include "registry/text.h"

namespace clerk::cli {

namespace {

/// `clerk status [<review-folder>] [--registry <path>]`: every report the registry knows (or
/// those of one review) with its reference, latest draft, state, who and when. Reads only.
class StatusCommand : public Command {
 public:
  StatusCommand()
      : Command("status", "List reports: reference, latest draft, state, who and when.",
                "[<review-folder>]",
                "Lists the reports recorded in the registry (all of them, or those of the "
                "review folder given), one line each: the reference, the review and report, "
                "the latest draft version, the state (no draft, draft, approved, rejected, "
                "changed since approval), who brought that state about and when, and a note "
                "(the published final, a lost file). Nothing is written. Exit status: 0, or 2 "
                "when the registry cannot be read, 64 when the command line is wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(RegistryOption());
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.size() > 1) {
      return UsageError("give at most one review folder, not " + std::to_string(arguments.size()));
    }
    std::string review_key = arguments.empty() ? "" : registry::ReviewKeyOf(arguments[0]);
    std::string path = config().getString("registry.path", registry::kDefaultRegistryPath);
    Diagnostics diagnostics;
    DiskFileSystem files;
    auto opened = registry::Registry::Open(path, diagnostics, {registry::OpenMode::kReadOnly});
    std::vector<registry::ReportStatus> reports;
    if (opened) reports = opened->Status(review_key, diagnostics);
    std::cerr << FormatDiagnostics(diagnostics, files);
    if (diagnostics.HasErrors()) return kExitErrors;
    if (reports.empty()) {
      std::cout << (review_key.empty() ? "No reports are" : "No report of " + review_key + " is")
                << " recorded in " << path << ".\n";
      return kExitOk;
    }
    std::cout << registry::FormatStatus(reports);
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeStatusCommand() { return std::make_unique<StatusCommand>(); }

}  // namespace clerk::cli
