#include <Poco/Util/Option.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "check/check.h"
#include "cli/command.h"
#include "cli/paper_maker.h"
#include "compute/facts.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "load/load.h"

namespace clerk::cli {

namespace {

std::string Count(size_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

/// `clerk check <review-folder> [--strict]`: loads and checks a review, computes its figures and
/// audits the published ones; prints every problem to standard error and writes nothing.
class CheckCommand : public Command {
 public:
  CheckCommand()
      : Command("check", "Check a review's records and report every problem at once.",
                "<review-folder>",
                "Reads the review's YAML files, checks every field and how the records fit "
                "together, computes each report's figures and compares them with any published "
                "ones. Every problem is printed to standard error as file:line:column, sorted by "
                "file and line; nothing is written. Exit status: 0 when there are no errors "
                "(warnings alone included), 1 when there are warnings and --strict is given, "
                "2 when there are errors, 64 when the command line is wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(
        Poco::Util::Option("strict", "s", "Exit with status 1 when there are warnings.")
            .required(false)
            .repeatable(false)
            .binding("strict"));
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

    Diagnostics diagnostics;
    std::optional<PreparedReview> prepared = PrepareReview(files, folder, diagnostics);
    std::cerr << FormatDiagnostics(diagnostics, files);
    if (!prepared) return kExitErrors;
    const Review& review = prepared->review;

    std::string summary =
        folder + ": " + Count(review.recommendations.size(), "recommendation", "recommendations") +
        ", " + Count(review.actions.size(), "action", "actions") + ", " +
        Count(review.attainment.schools.size(), "school", "schools") + ", " +
        Count(review.reports.size(), "report", "reports") + ": ";
    int warnings = diagnostics.WarningCount();
    summary +=
        warnings == 0 ? "no problems" : "0 errors, " + Count(warnings, "warning", "warnings");
    std::cout << summary << "\n";
    return strict && warnings > 0 ? kExitWarnings : kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeCheckCommand() { return std::make_unique<CheckCommand>(); }

}  // namespace clerk::cli
