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

/// `clerk facts <review-folder> [--report <id>]`: the computed facts (attainment figures, action
/// statuses and counts) as YAML on standard output; diagnostics on standard error.
class FactsCommand : public Command {
 public:
  FactsCommand()
      : Command("facts", "Print the computed figures and statuses of a review's reports as YAML.",
                "<review-folder>",
                "Loads and checks the review, computes every report's figures (attainment "
                "changes, improved pupils, totals, headlines) and each action's status as of the "
                "report's date, and prints them as YAML. With --report, only that report. Errors "
                "in the inputs are printed to standard error and nothing to standard output "
                "(exit status 2).") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(ValueOption("report", "r", "Print only the report with this id.", "id"));
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.size() != 1) return UsageError("give one review folder");
    const std::string& folder = arguments[0];
    std::string report_id = config().getString("report", "");
    DiskFileSystem files;
    std::string problem = ReviewFolderProblem(files, folder);
    if (!problem.empty()) return UsageError(problem);

    Diagnostics diagnostics;
    load::LoadGaps gaps;
    Review review = load::LoadReview(files, folder, diagnostics, &gaps);
    check::CheckReview(review, diagnostics, gaps);
    compute::ReviewFacts facts;
    if (!diagnostics.HasErrors()) facts = compute::ComputeFacts(review, diagnostics);
    std::cerr << FormatDiagnostics(diagnostics, files);
    if (diagnostics.HasErrors()) return kExitErrors;

    if (!report_id.empty() && facts.Find(report_id) == nullptr) {
      std::string known;
      for (const compute::ReportFacts& report : facts.reports) {
        known += (known.empty() ? "" : ", ") + report.report_id;
      }
      std::cerr << "clerk facts: " << folder << " has no report '" << report_id << "'; "
                << (known.empty() ? "it has no reports" : "its reports are: " + known) << "\n";
      return kExitErrors;
    }
    std::cout << compute::FactsToYaml(facts, report_id);
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeFactsCommand() { return std::make_unique<FactsCommand>(); }

}  // namespace clerk::cli
