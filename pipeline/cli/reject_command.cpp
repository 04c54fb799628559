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

namespace clerk::cli {

namespace {

/// `clerk reject <reference> --by <name> [--role <role>] --comment <text>`: records that the
/// latest draft is not approved, and why.
class RejectCommand : public Command {
 public:
  RejectCommand()
      : Command("reject", "Record that a report's latest draft is not approved, and why.",
                "<reference> --by <name> --comment <text>",
                "Records a rejection of the report's latest draft in the registry, with who "
                "and what must change. Nothing is published; the report's state becomes "
                "rejected until a new draft is built (or the draft is signed off after all). "
                "Refused, with nothing changed: an unknown reference, a draft already approved. "
                "Exit status: 0; 2 when refused or when the registry cannot be used; 64 when "
                "the command line is wrong (a missing or blank --by or --comment among them), "
                "before the registry is opened.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    using Poco::Util::Option;
    options.addOption(ValueOption("by", "", "Who rejects the draft: their name.", "name"));
    options.addOption(ValueOption("role", "", "Their role.", "role"));
    options.addOption(ValueOption("comment", "", "What must change.", "text"));
    options.addOption(RegistryOption());
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.size() != 1) return UsageError("give one reference, such as CSSC/2011/01");
    // A command-line mistake, said before the registry is opened.
    std::string missing = MissingOptions(
        "a rejection",
        {{"by", "the name of who makes it"}, {"comment", "a comment saying what must change"}});
    if (!missing.empty()) return UsageError(missing);
    registry::DecisionRequest request;
    request.reference = arguments[0];
    request.by = config().getString("by", "");
    request.role = config().getString("role", "");
    request.comment = config().getString("comment", "");
    request.at = registry::NowUtc();
    std::string path = config().getString("registry.path", registry::kDefaultRegistryPath);
    DiskFileSystem files;
    Diagnostics diagnostics;
    auto opened = registry::Registry::Open(path, diagnostics);
    std::optional<registry::ReportStatus> status;
    if (opened && opened->Reject(request, diagnostics)) {
      status = opened->StatusOf(request.reference, diagnostics);
    }
    std::cerr << FormatDiagnostics(diagnostics, files);
    if (!status) return kExitErrors;
    std::cout << request.reference << ": draft v" << status->latest_version << " rejected by "
              << status->by << "\n";
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeRejectCommand() { return std::make_unique<RejectCommand>(); }

}  // namespace clerk::cli
