#include <Poco/Util/Option.h>

#include <functional>
#include <future>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "check/check.h"
#include "check/text_fields.h"
#include "cli/command.h"
#include "cli/paper_maker.h"
#include "compute/facts.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "layout/missing_glyphs.h"
#include "layout/style.h"
#include "load/committees.h"
#include "load/load.h"

namespace clerk::cli {

namespace {

std::string Count(size_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

// The style and the fonts it names, read as build reads them.
struct StyleAndFonts {
  layout::Style style;
  layout::FontSet fonts;
  bool usable = false;  // both read without errors
};

// What is wrong with the style or its fonts is not reported here (check has never read them;
// build reports it): without them, the characters they cannot draw are not looked for.
StyleAndFonts LoadStyleAndFonts(const FileSystem& files, const std::string& style_path) {
  StyleAndFonts loaded;
  Diagnostics ignored;
  loaded.style = layout::LoadStyle(files, style_path, ignored);
  if (ignored.HasErrors()) return loaded;
  loaded.fonts = layout::FontSet::Load(loaded.style, files, ignored);
  loaded.usable = !ignored.HasErrors() && !loaded.fonts.Empty();
  return loaded;
}

// Every error `clerk build` finds in a loaded review besides the review's own records, found as
// build finds them: each report's committee in the committees file, its template set, read and
// checked against the report's data (without merging, laying out or drawing anything), and the
// characters of the review's text that the style's fonts cannot draw.
void CheckAgainstBuild(const FileSystem& files, const PreparedReview& prepared,
                       const std::string& committees_path, const std::string& templates_dir,
                       const StyleAndFonts& style, Diagnostics& diagnostics) {
  std::optional<load::Committees> committees =
      load::LoadCommittees(files, committees_path, diagnostics);
  TemplateSets templates(files, templates_dir);
  for (const ReportDefinition& report : prepared.review.reports) {
    if (committees) load::FindReportCommittee(*committees, report.committee, diagnostics);
    templates.Check(prepared, report.id.value, diagnostics);
  }
  if (!style.usable) return;
  layout::CheckTextGlyphs(check::ReviewTexts(prepared.review), style.style, style.fonts,
                          diagnostics);
}

/// `clerk check <review-folder> [--strict]`: loads and checks a review, computes its figures and
/// audits the published ones, and checks what a build would check besides (each report's
/// committee and template set); prints every problem to standard error and writes nothing.
class CheckCommand : public Command {
 public:
  CheckCommand()
      : Command("check", "Check a review's records and report every problem at once.",
                "<review-folder>",
                "Reads the review's YAML files, checks every field and how the records fit "
                "together, computes each report's figures and compares them with any published "
                "ones. Then it checks what 'clerk build' checks before it makes a paper: that "
                "each report's committee is in the committees file and that its template set "
                "exists and fits the report's data (nothing is merged, laid out or drawn), so "
                "that build does not refuse a review that check passes. It warns, as build does, "
                "of each character of the review's text that the style's fonts cannot draw. "
                "Every problem is printed to standard error as file:line:column, sorted by file "
                "and line; nothing is written. Exit status: 0 when there are no errors (warnings "
                "alone included), 1 when there are warnings and --strict is given, 2 when there "
                "are errors, 64 when the command line is wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(
        Poco::Util::Option("strict", "s", "Exit with status 1 when there are warnings.")
            .required(false)
            .repeatable(false)
            .binding("strict"));
    options.addOption(ValueOption(
        "templates", "t", "The templates folder (default: templates/ here, else clerk's own).",
        "folder"));
    options.addOption(Poco::Util::Option("committees", "",
                                         "The committees file: codes and reference patterns "
                                         "(default: committees.yaml here, else clerk's own).")
                          .required(false)
                          .repeatable(false)
                          .argument("file")
                          .binding("committees.path"));
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.empty()) return UsageError("give the review folder to check");
    if (arguments.size() > 1)
      return UsageError("give one review folder, not " + std::to_string(arguments.size()));
    const std::string& folder = arguments[0];
    DiskFileSystem files;
    std::string problem = ReviewFolderProblem(files, folder);
    if (!problem.empty()) return UsageError(problem);
    bool strict = config().hasProperty("strict");

    PaperSettings settings = DefaultPaperSettings(files);
    if (config().hasProperty("templates")) {
      settings.templates_dir = config().getString("templates");
      settings.style_path = JoinPath(settings.templates_dir, "style.yaml");
    }
    std::string committees_path =
        config().getString("committees.path", load::DefaultCommitteesPath(files));

    // Reading the fonts takes a few milliseconds: the second core does it while the review loads.
    std::future<StyleAndFonts> style = std::async(std::launch::async, LoadStyleAndFonts,
                                                  std::cref(files), std::cref(settings.style_path));
    Diagnostics diagnostics;
    std::optional<PreparedReview> prepared = PrepareReview(files, folder, diagnostics);
    if (prepared) {
      CheckAgainstBuild(files, *prepared, committees_path, settings.templates_dir, style.get(),
                        diagnostics);
    }
    std::cerr << FormatDiagnostics(diagnostics, files);
    if (!prepared || diagnostics.HasErrors()) return kExitErrors;
    const Review& review = prepared->review;

    std::string summary =
        folder + ": " + Count(review.recommendations.size(), "recommendation", "recommendations") +
        ", " + Count(review.actions.size(), "action", "actions") + ", " +
        Count(review.attainment.schools.size(), "school", "schools") + ", " +
        Count(review.reports.size(), "report", "reports") + ": ";
    summary += diagnostics.Empty() ? "no problems" : CountDiagnostics(diagnostics);
    std::cout << summary << "\n";
    return strict && diagnostics.HasWarnings() ? kExitWarnings : kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeCheckCommand() { return std::make_unique<CheckCommand>(); }

}  // namespace clerk::cli
