#include "layout/style.h"

#include <catch2/catch.hpp>

#include "core/file_system.h"

using namespace clerk::layout;

namespace {

std::string Messages(const clerk::Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics.Sorted()) {
    out += d.where.file + ":" + std::to_string(d.where.line) + ":" +
           std::to_string(d.where.column) + ": " + d.message + "\n";
  }
  return out;
}

const char* kCatalogue =
    "Liberation Sans:\n"
    "  package: fonts-liberation\n"
    "  regular: /fonts/Sans-Regular.ttf\n"
    "  bold: /fonts/Sans-Bold.ttf\n"
    "  italic: Sans-Italic.ttf\n"
    "Plain:\n"
    "  regular: /fonts/Plain.ttf\n";

}  // namespace

TEST_CASE("The project's style file reads cleanly: A4, Liberation Sans, 11pt") {
  clerk::DiskFileSystem disk;
  clerk::Diagnostics diagnostics;
  Style style =
      LoadStyle(disk, std::string(CLERK_SOURCE_DIR) + "/templates/style.yaml", diagnostics);
  CHECK(Messages(diagnostics) == "");
  CHECK(style.page_width == Approx(595.276));
  CHECK(style.page_height == Approx(841.89));
  CHECK(style.body.size == 11);
  REQUIRE(style.fonts.count("sans"));
  const FontFaces& sans = style.fonts.at("sans");
  CHECK(sans.family_name == "Liberation Sans");
  CHECK(sans.For(FontStyle::kRegular) ==
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf");
  CHECK(sans.For(FontStyle::kBoldItalic) ==
        "/usr/share/fonts/truetype/liberation/LiberationSans-BoldItalic.ttf");
  // It says what the built-in style says, so a style.yaml that leaves a key out changes nothing.
  Style defaults = DefaultStyle();
  CHECK(style.margin_left == defaults.margin_left);
  CHECK(style.table_text.size == defaults.table_text.size);
  CHECK(style.headings[2].style == defaults.headings[2].style);
  CHECK(style.header_fill == defaults.header_fill);
  CHECK(style.fonts.at("sans").regular == defaults.fonts.at("sans").regular);
  FontSet fonts = FontSet::Load(style, disk, diagnostics);
  CHECK(Messages(diagnostics) == "");
}

TEST_CASE("Font files resolve through the catalogue, a missing style falls back to regular") {
  clerk::MemoryFileSystem files;
  files.Add("templates/style.yaml",
            "font-catalogue: ../fonts/fonts.yaml\nfonts:\n  sans: Liberation Sans\n"
            "  plain: Plain\nbody: {size: 12, leading: 15}\n");
  files.Add("templates/../fonts/fonts.yaml", kCatalogue);
  clerk::Diagnostics diagnostics;
  Style style = LoadStyle(files, "templates/style.yaml", diagnostics);
  CHECK(Messages(diagnostics) == "");
  CHECK(style.body.size == 12);
  CHECK(style.fonts.at("sans").bold == "/fonts/Sans-Bold.ttf");
  CHECK(style.fonts.at("sans").italic == "templates/../fonts/Sans-Italic.ttf");
  CHECK(style.fonts.at("sans").bold_italic == "/fonts/Sans-Regular.ttf");
  CHECK(style.fonts.at("plain").bold == "/fonts/Plain.ttf");
}

TEST_CASE("Mistakes in the style are errors at their line and column") {
  clerk::MemoryFileSystem files;
  files.Add("s/style.yaml",
            "page: {width: 595, height: 842}\n"
            "margins: {top: 20, left: wide}\n"
            "colour: red\n"
            "headings:\n"
            "  h2: {style: heavy}\n"
            "font-catalogue: fonts.yaml\n"
            "fonts: {sans: Comic Sans}\n");
  files.Add("s/fonts.yaml", kCatalogue);
  clerk::Diagnostics diagnostics;
  Style style = LoadStyle(files, "s/style.yaml", diagnostics);
  CHECK(Messages(diagnostics) ==
        "s/style.yaml:2:26: \"wide\" is not a number from 0 to 1000\n"
        "s/style.yaml:3:1: style.yaml has no setting \"colour\"\n"
        "s/style.yaml:5:15: \"heavy\" is not a font style\n"
        "s/style.yaml:7:15: font family \"Comic Sans\" is not in s/fonts.yaml\n");
  CHECK(style.margin_top == 20);
  CHECK(style.margin_left == DefaultStyle().margin_left);  // the default stands for the mistake
}

TEST_CASE("A missing font file is an error naming the package to install") {
  clerk::MemoryFileSystem files;
  Style style = DefaultStyle();
  style.fonts["sans"].regular = "/nowhere/Sans.ttf";
  clerk::Diagnostics diagnostics;
  FontSet::Load(style, files, diagnostics);
  REQUIRE(diagnostics.HasErrors());
  CHECK(diagnostics.Sorted()[0].where.file == "/nowhere/Sans.ttf");
  CHECK(diagnostics.Sorted()[0].message == "cannot read the font file: no such file");
}

TEST_CASE("A YAML syntax error in the style is reported where it is") {
  clerk::MemoryFileSystem files;
  files.Add("style.yaml", "page: {width: 595\nmargins: [\n");
  clerk::Diagnostics diagnostics;
  LoadStyle(files, "style.yaml", diagnostics);
  REQUIRE(diagnostics.HasErrors());
  CHECK(diagnostics.Sorted()[0].message.rfind("YAML syntax: ", 0) == 0);
  CHECK(diagnostics.Sorted()[0].where.line >= 1);
}
