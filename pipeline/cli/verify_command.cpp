#include <Poco/Util/Option.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "registry/registry.h"
#include "registry/text.h"

namespace clerk::cli {

namespace {

constexpr int kExitNotFinal = 1;

/// `clerk verify <pdf> [--registry <path>]`: whether a PDF is a published final of the
/// registry, unchanged, and who approved it. Reads only.
class VerifyCommand : public Command {
 public:
  VerifyCommand()
      : Command("verify", "Say whether a PDF is an unchanged published final, and who approved it.",
                "<pdf>",
                "Computes the SHA-256 of the file and looks it up in the registry. Exit status: "
                "0 when the file is a published final, unchanged, with who approved it and when; "
                "1 when it is not (a draft, a changed copy of a final or draft, or a file the "
                "registry never published), with a sentence saying which; 2 when the file or the "
                "registry cannot be read; 64 when the command line is wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(RegistryOption());
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.size() != 1) return UsageError("give one PDF file to verify");
    const std::string& pdf_path = arguments[0];
    Diagnostics diagnostics;
    DiskFileSystem files;
    std::ifstream in(pdf_path, std::ios::binary);
    if (!files.IsFile(pdf_path) || !in) {
      diagnostics.Error({pdf_path, 0, 0},
                        files.IsDirectory(pdf_path)
                            ? "is a folder, not a PDF file"
                            : std::string("cannot be read: ") + std::strerror(errno));
      std::cerr << FormatDiagnostics(diagnostics, files);
      return kExitErrors;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string path = config().getString("registry.path", registry::kDefaultRegistryPath);
    auto opened = registry::Registry::Open(path, diagnostics, {registry::OpenMode::kReadOnly});
    registry::Verdict verdict;
    if (opened) verdict = registry::VerifyPdf(*opened, pdf_path, bytes.str(), diagnostics);
    std::cerr << FormatDiagnostics(diagnostics, files);
    if (diagnostics.HasErrors()) return kExitErrors;
    std::cout << verdict.sentence << "\n";
    return verdict.published_final ? kExitOk : kExitNotFinal;
  }
};

}  // namespace

std::unique_ptr<Command> MakeVerifyCommand() { return std::make_unique<VerifyCommand>(); }

}  // namespace clerk::cli
