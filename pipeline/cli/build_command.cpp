#include <Poco/Logger.h>
#include <Poco/Util/Option.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/paper_maker.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "publish/publish_file.h"

namespace clerk::cli {

namespace {

/// `clerk build <review-folder> (--report <id> | --all)`: the papers of a review as PDFs.
class BuildCommand : public Command {
 public:
  BuildCommand()
      : Command("build", "Make a review's papers: PDFs in outputs/.",
                "<review-folder> (--report <id> | --all)",
                "Loads and checks the review, computes its figures, merges them into the "
                "report's templates, lays the paper out and writes it as a PDF to the output "
                "folder (outputs/<report>.pdf). Every problem in the inputs or templates is "
                "reported at once as file:line:column; when there is any error, nothing is "
                "written. Papers are made whole before any is written, and each is written "
                "atomically. --emit prints one stage's output for one report instead of "
                "writing a PDF: markup (what the templates made), tree (the parsed document) "
                "or layout (every item placed on every page).") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    using Poco::Util::Option;
    options.addOption(Option("report", "r", "The report to build (its id, e.g. cssc-2011-06).")
                          .required(false)
                          .repeatable(false)
                          .argument("id")
                          .binding("report"));
    options.addOption(
        Option("all", "a", "Build every report of the review.").required(false).binding("all"));
    options.addOption(Option("emit", "e", "Print one stage instead of writing a PDF: "
                                          "markup, tree or layout.")
                          .required(false)
                          .repeatable(false)
                          .argument("stage")
                          .binding("emit"));
    options.addOption(Option("output-dir", "o", "Where PDFs go (default: outputs).")
                          .required(false)
                          .repeatable(false)
                          .argument("folder")
                          .binding("output-dir"));
    options.addOption(Option("templates", "t",
                             "The templates folder (default: templates/ here, else clerk's own).")
                          .required(false)
                          .repeatable(false)
                          .argument("folder")
                          .binding("templates"));
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.size() != 1) return UsageError("give one review folder");
    const std::string& folder = arguments[0];
    bool all = config().hasProperty("all");
    std::string report_id = config().getString("report", "");
    if (all == !report_id.empty()) return UsageError("give either --report <id> or --all");
    std::optional<Emit> emit = ParseEmit(config().getString("emit", "pdf"));
    if (!emit) return UsageError("--emit takes markup, tree or layout");
    if (*emit != Emit::kPdf && all) return UsageError("--emit shows one report: use --report");

    DiskFileSystem files;
    if (!files.IsDirectory(folder)) return UsageError("'" + folder + "' is not a folder");
    PaperSettings settings = DefaultPaperSettings(files);
    if (config().hasProperty("templates")) {
      settings.templates_dir = config().getString("templates");
      settings.style_path = JoinPath(settings.templates_dir, "style.yaml");
    }
    std::string output_dir = config().getString("output-dir", "outputs");

    Diagnostics diagnostics;
    std::vector<Paper> papers = MakePapers(files, folder, report_id, *emit, settings, diagnostics);
    std::cerr << FormatDiagnostics(diagnostics, files);
    if (diagnostics.HasErrors()) return kExitErrors;

    if (*emit != Emit::kPdf) {
      std::cout << (*emit == Emit::kMarkup ? papers.front().markup : papers.front().dump);
      return kExitOk;
    }
    return WritePapers(papers, output_dir, files);
  }

 private:
  static std::optional<Emit> ParseEmit(const std::string& name) {
    if (name == "pdf") return Emit::kPdf;
    if (name == "markup") return Emit::kMarkup;
    if (name == "tree") return Emit::kTree;
    if (name == "layout") return Emit::kLayout;
    return std::nullopt;
  }

  // Every paper is made before any is written, so an error in the last leaves no first behind.
  std::vector<Paper> MakePapers(const FileSystem& files, const std::string& folder,
                                const std::string& report_id, Emit emit,
                                const PaperSettings& settings, Diagnostics& diagnostics) {
    std::vector<Paper> papers;
    std::optional<PreparedReview> prepared = PrepareReview(files, folder, diagnostics);
    if (!prepared) return papers;
    std::vector<std::string> ids;
    if (!report_id.empty()) {
      ids.push_back(report_id);
    } else {
      for (const ReportDefinition& report : prepared->review.reports) ids.push_back(report.id.value);
    }
    std::optional<PaperMaker> maker = PaperMaker::Create(files, settings, diagnostics);
    if (!maker) return papers;
    Poco::Logger& log = Poco::Logger::get("clerk");
    for (size_t i = 0; i < ids.size(); ++i) {
      log.debug("making %s (%z of %z)", ids[i], i + 1, ids.size());
      merge::MergeOptions options;
      options.draft = "DRAFT";
      options.footer = ids[i];
      std::optional<Paper> paper = maker->Make(*prepared, ids[i], options, emit, diagnostics);
      if (paper) papers.push_back(std::move(*paper));
    }
    return papers;
  }

  int WritePapers(const std::vector<Paper>& papers, const std::string& output_dir,
                  const FileSystem& files) {
    Diagnostics diagnostics;
    Poco::Logger& log = Poco::Logger::get("clerk");
    std::error_code ignored;
    std::filesystem::create_directories(output_dir, ignored);
    for (const Paper& paper : papers) {
      std::string path = JoinPath(output_dir, paper.report_id + ".pdf");
      if (publish::PublishFile(path, paper.pdf, publish::OverwritePolicy::kReplaceDraft,
                               diagnostics)) {
        log.information("wrote %s (%d pages)", path, paper.pages);
      }
    }
    std::cerr << FormatDiagnostics(diagnostics, files);
    return diagnostics.HasErrors() ? kExitFailure : kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeBuildCommand() { return std::make_unique<BuildCommand>(); }

}  // namespace clerk::cli
