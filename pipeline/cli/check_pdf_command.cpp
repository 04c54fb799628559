#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/verb_program.h"
#include "core/file_system.h"
#include "pdfcheck/pdfcheck.h"

namespace clerk::cli {

namespace {

// Committee papers are a few megabytes; a PDF of a gigabyte is not a paper.
constexpr long long kMaxPdfBytes = 1024LL * 1024 * 1024;

std::string Plural(int count, const std::string& word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

/// `clerk check-pdf <pdf>...`: what a screen reader would miss in each PDF. Runs as its own
/// program, clerk-check-pdf (see verb_program.h): only it needs libqpdf.
class CheckPdfCommand : public Command {
 public:
  CheckPdfCommand()
      : Command("check-pdf", kCheckPdfSummary, "<pdf>...",
                "Reads each PDF (ours or any other) and prints one line saying whether it is "
                "tagged (the catalog marked, with a structure tree, a language and its title "
                "shown) and how many painted items it has, then one line per finding, with its "
                "page: every painted item (text, path, image) neither in marked content the "
                "structure tree reaches nor an artifact, every table header cell (TH) without a "
                "scope, every data cell (TD) without a header, every Figure without "
                "alternative text, every heading level skipped, every damage in the file. See "
                "docs/accessibility.md. Exit status: 0 when every PDF is clean; 1 when there "
                "are findings; 2 when a file cannot be read as a PDF; 64 when the command line "
                "is wrong.") {}

 protected:
  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.empty()) return UsageError("give at least one PDF");
    DiskFileSystem files(kMaxPdfBytes);
    int status = kExitOk;
    for (const std::string& path : arguments) {
      status = std::max(status, CheckOne(files, path));
    }
    return status;
  }

 private:
  static int CheckOne(const FileSystem& files, const std::string& path) {
    std::string error;
    std::optional<std::string> bytes = files.ReadFile(path, &error);
    std::optional<pdfcheck::PdfCheckResult> result;
    if (bytes) result = pdfcheck::CheckPdf(*bytes, path, &error);
    if (!result) {
      std::cout << path << ": cannot be read as a PDF: " << error << "\n";
      return kExitErrors;
    }
    std::cout << path << ": " << (result->Tagged() ? "tagged" : "not tagged") << " ("
              << (result->marked ? "marked" : "not marked") << ", "
              << (result->structure_tree ? Plural(result->structure_elements, "structure element")
                                         : std::string("no structure tree"))
              << ", "
              << (result->language.empty() ? std::string("no language")
                                           : "language " + result->language)
              << ", "
              << (result->title.empty()
                      ? std::string("no title")
                      : std::string(result->title_shown ? "title shown" : "title not shown"))
              << "), " << Plural(result->pages, "page") << ", "
              << Plural(result->painted_items, "painted item") << ": " << result->tagged_items
              << " tagged, " << result->artifact_items << " artifacts; "
              << (result->findings.empty()
                      ? "clean"
                      : Plural(static_cast<int>(result->findings.size()), "finding"))
              << "\n";
    for (const pdfcheck::Finding& finding : result->findings) {
      std::cout << path << ": ";
      if (finding.page > 0) std::cout << "page " << finding.page << ": ";
      std::cout << finding.message << "\n";
    }
    return result->findings.empty() ? kExitOk : kExitWarnings;
  }
};

}  // namespace

std::unique_ptr<Command> MakeCheckPdfCommand() { return std::make_unique<CheckPdfCommand>(); }

}  // namespace clerk::cli
