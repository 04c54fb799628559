#include <Poco/Util/Option.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/approval.h"
#include "cli/command.h"
#include "cli/content_hash.h"
#include "cli/paper_maker.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "registry/hashing.h"
#include "registry/registry.h"

namespace clerk::cli {

namespace {

// A sign-off overtaken this many times in a row by other processes gives up.
constexpr int kMaxCommitAttempts = 4;

std::string Trimmed(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

/// `clerk sign-off <reference> --by <name> --role <role> [--comment c] [--draft N]`: approves the
/// latest draft and publishes the final PDF, made again from the inputs as they are now.
class SignOffCommand : public Command {
 public:
  SignOffCommand()
      : Command("sign-off", "Approve a report's latest draft and publish its final PDF.",
                "<reference> --by <name> --role <role>",
                "Makes the report again from its review folder as it is now (the folder "
                "inputs/<review> here, or --review) and checks that its inputs, templates, "
                "style and fonts are still those of the latest draft (with --draft, the draft "
                "you saw, which must be the latest). Then records the approval in the registry "
                "and publishes the final: the draft without its DRAFT mark, with \"Approved by "
                "<name>, <role>, <date>\" on the cover, beside the draft "
                "(outputs/CSSC-2011-01.pdf), read-only and never overwritten. Refused, with "
                "nothing changed: an unknown reference, a report already approved or changed "
                "since its draft. Exit status: 0; 2 when refused or when the inputs or the "
                "registry cannot be used; 70 when the final could not be written; 64 when the "
                "command line is wrong (a missing or blank --by or --role among them), before "
                "the registry is opened.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    using Poco::Util::Option;
    options.addOption(
        ValueOption("by", "", "Who signs off: their name, as the cover prints it.", "name"));
    options.addOption(
        ValueOption("role", "", "Their role (\"Director of Children's Services\").", "role"));
    options.addOption(ValueOption("comment", "", "A comment, recorded with the approval.", "text"));
    options.addOption(
        ValueOption("draft", "", "The draft version you saw (default: the latest).", "version"));
    options.addOption(ValueOption(
        "review", "", "The review folder (default: inputs/<review> in this folder).", "folder"));
    options.addOption(ValueOption(
        "templates", "t", "The templates folder (default: templates/ here, else clerk's own).",
        "folder"));
    options.addOption(RegistryOption());
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.size() != 1) return UsageError("give one reference, such as CSSC/2011/01");
    // A command-line mistake, said before the registry is opened.
    std::string missing = MissingOptions(
        "a sign-off", {{"by", "the name of who makes it"}, {"role", "the role of who signs off"}});
    if (!missing.empty()) return UsageError(missing);
    registry::DecisionRequest request;
    request.reference = arguments[0];
    request.by = Trimmed(config().getString("by", ""));
    request.role = Trimmed(config().getString("role", ""));
    request.comment = config().getString("comment", "");
    if (config().hasProperty("draft")) {
      std::string text = config().getString("draft");
      if (!text.empty() && (text[0] == 'v' || text[0] == 'V')) text.erase(0, 1);
      if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
          text.size() > 6) {
        return UsageError("--draft takes a draft version, such as 2 or v2");
      }
      request.draft_version = std::stoi(text);
    }
    DiskFileSystem files;
    PaperSettings settings = DefaultPaperSettings(files);
    if (config().hasProperty("templates")) {
      settings.templates_dir = config().getString("templates");
      settings.style_path = JoinPath(settings.templates_dir, "style.yaml");
    }
    Diagnostics diagnostics;
    int status = SignOff(files, settings, request, diagnostics);
    std::cerr << FormatDiagnostics(diagnostics, files);
    return status;
  }

 private:
  int SignOff(const FileSystem& files, const PaperSettings& settings,
              registry::DecisionRequest& request, Diagnostics& diagnostics) {
    std::string path = config().getString("registry.path", registry::kDefaultRegistryPath);
    auto opened = registry::Registry::Open(path, diagnostics);
    if (!opened) return kExitErrors;
    registry::Registry& registry = *opened;
    std::optional<registry::ReportStatus> status =
        registry.StatusOf(request.reference, diagnostics);
    if (!status) {
      if (!diagnostics.HasErrors()) {
        diagnostics.Error({path, 0, 0}, "no report has the reference " + request.reference,
                          "'clerk status' lists the references");
      }
      return kExitErrors;
    }
    std::string folder = config().getString("review", JoinPath("inputs", status->review_key));
    if (!files.IsDirectory(folder)) {
      diagnostics.Error({folder, 0, 0},
                        "there is no review folder here, so " + request.reference + " (" +
                            status->review_key + ", report " + status->report_id +
                            ") cannot be made again to check it",
                        "give the review's folder with --review <folder>");
      return kExitErrors;
    }
    // The inputs' warnings were the clerk's to read at build time; a sign-off shows only errors.
    Diagnostics review_diagnostics;
    std::optional<PreparedReview> prepared = PrepareReview(files, folder, review_diagnostics);
    for (const Diagnostic& diagnostic : review_diagnostics.Items()) {
      if (diagnostic.severity == Severity::kError) diagnostics.Add(diagnostic);
    }
    if (!prepared) return kExitErrors;
    const ReportDefinition* report = FindReport(prepared->review, status->report_id);
    if (!report) {
      diagnostics.Error({folder, 0, 0}, "the review has no report '" + status->report_id +
                                            "', which " + request.reference + " was made from");
      return kExitErrors;
    }
    std::optional<PaperMaker> maker = PaperMaker::Create(files, settings, diagnostics);
    if (!maker) return kExitErrors;
    std::optional<std::string> inputs = HashReviewFolder(files, folder, diagnostics);
    std::optional<std::string> templates = maker->TemplatesSha256(*report, diagnostics);
    if (!inputs || !templates) return kExitErrors;
    request.content_sha256 = registry::ContentHash(*inputs, *templates, OutputOptions());

    for (int attempt = 0; attempt < kMaxCommitAttempts; ++attempt) {
      request.at = registry::NowUtc();
      std::optional<registry::SignOffPlan> plan = registry.PlanSignOff(request, diagnostics);
      if (!plan) return kExitErrors;
      merge::MergeOptions options;
      options.footer = request.reference;
      options.reference = request.reference;
      // The date on the cover is the one the registry records for the approval.
      options.approval = ApprovalLine(request.by, request.role, request.at);
      std::optional<Paper> paper =
          maker->Make(*prepared, report->id.value, options, Emit::kPdf, diagnostics);
      if (!paper) return kExitErrors;
      std::string final_path =
          JoinPath(ParentDirectory(plan->draft_pdf_path), plan->final_file_name);
      registry::CommitResult result =
          registry.CommitSignOff(*plan, request, final_path, paper->pdf, diagnostics);
      if (result == registry::CommitResult::kFailed) return kExitFailure;
      if (result == registry::CommitResult::kDone) {
        // The final's twin, read-only like the final and never replaced.
        bool twin =
            registry.PublishCompanion(HtmlTwinPath(final_path), paper->html, true, diagnostics);
        std::cout << request.reference << ": draft v" << plan->draft_version << " approved by "
                  << request.by << ", " << request.role << "; the final is " << final_path << " ("
                  << paper->pages << " pages, SHA-256 "
                  << registry::ShortSha(registry::Sha256Hex(paper->pdf)) << ")\n";
        return twin ? kExitOk : kExitFailure;
      }
    }
    diagnostics.Error({path, 0, 0}, "gave up signing off " + request.reference +
                                        ": other processes kept changing it meanwhile");
    return kExitErrors;
  }
};

}  // namespace

std::unique_ptr<Command> MakeSignOffCommand() { return std::make_unique<SignOffCommand>(); }

}  // namespace clerk::cli
