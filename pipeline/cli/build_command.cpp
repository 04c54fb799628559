#include <Poco/Util/Option.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/draft_builder.h"
#include "cli/paper_maker.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "html/html.h"
#include "layout/style.h"
#include "load/committees.h"
#include "markup/parser.h"
#include "registry/registry.h"

namespace clerk::cli {

namespace {

/// `clerk build <review-folder> (--report <id> | --all)`: the papers of a review as numbered
/// drafts, recorded in the registry; with --emit, one stage of one paper, recording nothing.
class BuildCommand : public Command {
 public:
  BuildCommand()
      : Command("build", "Make a review's papers: numbered drafts in outputs/.",
                "<review-folder> (--report <id> | --all)",
                "Loads and checks the review, computes its figures, merges them into the "
                "report's templates and lays the paper out. Each report gets its reference the "
                "first time (its committee's pattern in committees.yaml) and keeps it. When the "
                "inputs, templates, style or fonts changed since the report's latest draft, a "
                "new draft version is written (the first, for report cssc-2011-06 of "
                "inputs/ks2-maths-scrutiny, is outputs/CSSC-2011-01-draft-v1.pdf, marked DRAFT "
                "v1 on every page; the next -draft-v2.pdf); when nothing changed, nothing is "
                "written. Every build, "
                "reference and draft is recorded in the registry (docs/registry.md). Every "
                "problem in the inputs or templates is reported at once as file:line:column; "
                "when there is any error, nothing is written. --emit prints one stage's output "
                "for one report instead, without the registry: markup (what the templates "
                "made), tree (the parsed document), layout (every item placed on every "
                "page) or html (the paper's accessible HTML twin, docs/accessibility.md). Exit "
                "status: 0; 2 on errors in the inputs or templates or when the "
                "registry cannot be used; 70 when a PDF could not be written; 64 when the "
                "command line is wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    using Poco::Util::Option;
    options.addOption(QuietOption(
        "Print only warnings and errors, not the reference given to each report and the draft "
        "written or found unchanged."));
    options.addOption(VerboseOption(
        "Also say when a report is planned again because another build recorded a draft of it "
        "first."));
    options.addOption(
        ValueOption("report", "r", "The report to build (its id, e.g. cssc-2011-06).", "id"));
    options.addOption(
        Option("all", "a", "Build every report of the review.").required(false).binding("all"));
    options.addOption(ValueOption("emit", "e",
                                  "Print one stage instead of writing a PDF: "
                                  "markup, tree, layout or html.",
                                  "stage"));
    options.addOption(ValueOption("output-dir", "o",
                                  "Where PDFs go (default: outputs); also where the registry is, "
                                  "unless --registry says.",
                                  "folder"));
    options.addOption(ValueOption(
        "templates", "t", "The templates folder (default: templates/ here, else clerk's own).",
        "folder"));
    options.addOption(Option("registry", "",
                             std::string("The registry file (default <output-dir>/registry.db, "
                                         "that is ") +
                                 registry::kDefaultRegistryPath + ").")
                          .required(false)
                          .repeatable(false)
                          .argument("path")
                          .binding("registry.path"));
    options.addOption(Option("committees", "",
                             "The committees file: codes and reference patterns (default: "
                             "committees.yaml here, else clerk's own).")
                          .required(false)
                          .repeatable(false)
                          .argument("file")
                          .binding("committees.path"));
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.size() != 1) return UsageError("give one review folder");
    const std::string& folder = arguments[0];
    bool all = config().hasProperty("all");
    std::string report_id = config().getString("report", "");
    if (all == !report_id.empty()) return UsageError("give either --report <id> or --all");
    std::string emit_name = config().getString("emit", "pdf");
    // The twin is made from the parsed markup: take the paper as far as markup, then parse.
    bool emit_html = emit_name == "html";
    std::optional<Emit> emit = emit_html ? Emit::kMarkup : ParseEmit(emit_name);
    if (!emit) return UsageError("--emit takes markup, tree, layout or html");
    if (*emit != Emit::kPdf && all) return UsageError("--emit shows one report: use --report");

    DiskFileSystem files;
    std::string problem = ReviewFolderProblem(files, folder);
    if (!problem.empty()) return UsageError(problem);
    PaperSettings settings = DefaultPaperSettings(files);
    if (config().hasProperty("templates")) {
      settings.templates_dir = config().getString("templates");
      settings.style_path = JoinPath(settings.templates_dir, "style.yaml");
    }
    if (*emit == Emit::kPdf) {
      DraftBuildSettings build;
      build.review_folder = folder;
      build.report_id = report_id;
      build.output_dir = config().getString("output-dir", "outputs");
      build.registry_path =
          config().getString("registry.path", config().hasProperty("output-dir")
                                                  ? JoinPath(build.output_dir, "registry.db")
                                                  : std::string(registry::kDefaultRegistryPath));
      build.committees_path =
          config().getString("committees.path", load::DefaultCommitteesPath(files));
      build.paper = settings;
      return BuildDrafts(files, build);
    }

    Diagnostics diagnostics;
    std::optional<Paper> paper = EmitPaper(files, folder, report_id, *emit, settings, diagnostics);
    std::cerr << FormatDiagnostics(diagnostics, files);
    if (!paper || diagnostics.HasErrors()) return kExitErrors;
    if (emit_html) {
      Diagnostics parsing;  // what was found so far is printed already
      std::optional<markup::Document> document =
          markup::ParseMarkup(paper->markup, report_id + ".markup.xml", parsing);
      // The style and fonts, again, so that charts are drawn as the PDF draws them.
      layout::Style style = layout::LoadStyle(files, settings.style_path, parsing);
      layout::FontSet fonts = layout::FontSet::Load(style, files, parsing);
      std::cerr << FormatDiagnostics(parsing, files);
      if (!document || parsing.HasErrors()) return kExitErrors;
      html::HtmlSettings html_settings;
      html_settings.style = &style;
      html_settings.fonts = &fonts;
      std::cout << html::RenderHtml(*document, html_settings);
      return kExitOk;
    }
    std::cout << (*emit == Emit::kMarkup ? paper->markup : paper->dump);
    return kExitOk;
  }

 private:
  static std::optional<Emit> ParseEmit(const std::string& name) {
    if (name == "pdf") return Emit::kPdf;
    if (name == "markup") return Emit::kMarkup;
    if (name == "tree") return Emit::kTree;
    if (name == "layout") return Emit::kLayout;
    return std::nullopt;
  }

  // One stage of one paper, marked as a draft without a number: the registry is not consulted.
  static std::optional<Paper> EmitPaper(const FileSystem& files, const std::string& folder,
                                        const std::string& report_id, Emit emit,
                                        const PaperSettings& settings, Diagnostics& diagnostics) {
    std::optional<PreparedReview> prepared = PrepareReview(files, folder, diagnostics);
    if (!prepared) return std::nullopt;
    std::optional<PaperMaker> maker = PaperMaker::Create(files, settings, diagnostics);
    if (!maker) return std::nullopt;
    merge::MergeOptions options;
    options.draft = "DRAFT";
    options.footer = report_id;
    return maker->Make(*prepared, report_id, options, emit, diagnostics);
  }
};

}  // namespace

std::unique_ptr<Command> MakeBuildCommand() { return std::make_unique<BuildCommand>(); }

}  // namespace clerk::cli
