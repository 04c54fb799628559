#include <Poco/Util/Option.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "html/html.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "markup/dump.h"
#include "markup/parser.h"
#include "publish/publish_file.h"

namespace clerk::cli {

namespace {

/// `clerk typeset <markup.xml> [--emit tree|layout] [--style <style.yaml>] [--html <file>]`:
/// parses document markup and prints its tree, or lays it out and prints the pages; for looking
/// at what parse and layout make of a template's output. --html writes the HTML twin.
class TypesetCommand : public Command {
 public:
  TypesetCommand()
      : Command("typeset", "Parse document markup and print its tree or its laid-out pages.",
                "<markup.xml>",
                "Reads document markup (docs/markup.md), reports every problem in it as "
                "file:line:column on standard error, and prints to standard output either the "
                "document tree (--emit tree) or the pages layout makes of it with the fonts and "
                "sizes of the style (--emit layout, the default): every text run, rule and box "
                "with its position in points and its role. --html <file> writes the "
                "document's accessible HTML twin (docs/accessibility.md) to the file instead "
                "(atomically), and prints nothing unless --emit is given too. Exit status 2 "
                "when there are errors (nothing is written then).") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(
        ValueOption("emit", "e", "What to print: tree or layout (the default).", "what"));
    options.addOption(ValueOption("style", "", "The style file (templates/style.yaml).", "file"));
    options.addOption(
        ValueOption("html", "", "Write the document's HTML twin to this file.", "file"));
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.size() != 1) return UsageError("give one markup file");
    std::string html_path = config().getString("html", "");
    // With --html alone, the twin is all that is asked for.
    std::string emit = config().getString("emit", html_path.empty() ? "layout" : "none");
    if (emit != "tree" && emit != "layout" && emit != "none") {
      return UsageError("--emit takes tree or layout, not '" + emit + "'");
    }
    DiskFileSystem files;
    std::string style_path = config().getString("style", "templates/style.yaml");
    if (!config().hasProperty("style") && !files.IsFile(style_path)) {
      style_path = std::string(CLERK_SOURCE_DIR) + "/templates/style.yaml";
    }
    Diagnostics diagnostics;
    std::string error;
    auto text = files.ReadFile(arguments[0], &error);
    if (!text) {
      diagnostics.Error({arguments[0], 0, 0}, "cannot read the markup: " + error);
      std::cerr << FormatDiagnostics(diagnostics, files);
      return kExitErrors;
    }
    auto document = markup::ParseMarkup(*text, arguments[0], diagnostics);
    if (document && emit == "tree" && !diagnostics.HasErrors()) {
      std::cout << markup::DumpDocument(*document);
    }
    if (document && (emit == "layout" || !html_path.empty()) && !diagnostics.HasErrors()) {
      layout::Style style = layout::LoadStyle(files, style_path, diagnostics);
      layout::FontSet fonts = layout::FontSet::Load(style, files, diagnostics);
      if (!diagnostics.HasErrors() && emit == "layout") {
        layout::LaidOutDocument laid = layout::Layout(*document, style, fonts, diagnostics);
        std::cout << layout::DumpLayout(laid);
      }
      if (!diagnostics.HasErrors() && !html_path.empty()) {
        html::HtmlSettings settings;
        settings.style = &style;  // charts drawn as the PDF draws them
        settings.fonts = &fonts;
        publish::PublishFile(html_path, html::RenderHtml(*document, settings),
                             publish::OverwritePolicy::kReplaceDraft, diagnostics);
      }
    }
    std::cerr << FormatDiagnostics(diagnostics, files);
    return diagnostics.HasErrors() ? kExitErrors : kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeTypesetCommand() { return std::make_unique<TypesetCommand>(); }

}  // namespace clerk::cli
