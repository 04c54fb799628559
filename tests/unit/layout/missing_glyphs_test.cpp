#include "layout/missing_glyphs.h"

#include <catch2/catch.hpp>

#include "core/file_system.h"
#include "layout/style.h"

using clerk::Diagnostic;
using clerk::Diagnostics;
using clerk::LocatedText;
using clerk::layout::CheckTextGlyphs;
using clerk::layout::FontMetrics;
using clerk::layout::FontSet;
using clerk::layout::FontStyle;
using clerk::layout::Style;

namespace {

const std::string kLiberation = "/usr/share/fonts/truetype/liberation/";

FontMetrics LoadFace(const std::string& file) {
  clerk::DiskFileSystem disk;
  std::string error;
  auto bytes = disk.ReadFile(kLiberation + file, &error);
  REQUIRE(bytes);
  auto face = FontMetrics::Parse(*bytes, &error);
  INFO(error);
  REQUIRE(face);
  return *face;
}

FontSet DefaultFonts() {
  clerk::DiskFileSystem disk;
  Diagnostics diagnostics;
  FontSet fonts = FontSet::Load(clerk::layout::DefaultStyle(), disk, diagnostics);
  REQUIRE(diagnostics.Empty());
  return fonts;
}

LocatedText Text(std::string value, std::string file, int line, int column) {
  return LocatedText{std::move(value), {std::move(file), line, column}};
}

std::string Located(const Diagnostic& diagnostic) {
  return diagnostic.where.file + ":" + std::to_string(diagnostic.where.line) + ":" +
         std::to_string(diagnostic.where.column) + ": " + diagnostic.message + " | " +
         diagnostic.hint;
}

}  // namespace

TEST_CASE("Text the fonts can draw gives no warning") {
  Style style = clerk::layout::DefaultStyle();
  FontSet fonts = DefaultFonts();
  LocatedText text = Text(
      "Caf\xC3\xA9 \xE2\x80\x93 \xC2\xA3"
      "5 \xE2\x80\x9Cquoted\xE2\x80\x9D",
      "responses.yaml", 3, 9);
  Diagnostics diagnostics;
  CHECK(CheckTextGlyphs({&text}, style, fonts, diagnostics).empty());
  CHECK(diagnostics.Empty());
}

TEST_CASE("Each character the fonts lack is one warning at its field, naming the faces") {
  Style style = clerk::layout::DefaultStyle();
  FontSet fonts = DefaultFonts();
  LocatedText text =
      Text("\xE2\x9C\x93 done \xF0\x9F\x98\x80 \xE2\x9C\x93", "responses.yaml", 7, 15);
  Diagnostics diagnostics;
  std::set<char32_t> reported = CheckTextGlyphs({&text}, style, fonts, diagnostics);
  CHECK(reported == std::set<char32_t>{0x2713, 0x1F600});
  REQUIRE(diagnostics.Items().size() == 2);
  CHECK(Located(diagnostics.Items()[0]) ==
        "responses.yaml:7:15: the font Liberation Sans (regular, bold, italic and bold italic) "
        "has no glyph for \"\xE2\x9C\x93\" (U+2713); it will print as an empty box | write the "
        "text without it, or choose a font that has it in templates/style.yaml");
  CHECK(Located(diagnostics.Items()[1]) ==
        "responses.yaml:7:15: the font Liberation Sans (regular, bold, italic and bold italic) "
        "has no glyph for \"\xF0\x9F\x98\x80\" (U+1F600); it will print as an empty box | "
        "characters beyond U+FFFF cannot be printed; write the text without them");
  CHECK(diagnostics.Items()[0].severity == clerk::Severity::kWarning);
}

TEST_CASE("A character in many fields is one warning per file, counting the other fields") {
  Style style = clerk::layout::DefaultStyle();
  FontSet fonts = DefaultFonts();
  std::vector<LocatedText> texts;
  for (int line = 1; line <= 300; ++line) texts.push_back(Text("\xE2\x9C\x93", "a.yaml", line, 9));
  texts.push_back(Text("ok \xE2\x9C\x93", "reports/b.yaml", 4, 12));
  std::vector<const LocatedText*> pointers;
  for (const LocatedText& text : texts) pointers.push_back(&text);
  Diagnostics diagnostics;
  CheckTextGlyphs(pointers, style, fonts, diagnostics);
  REQUIRE(diagnostics.Items().size() == 2);
  CHECK(Located(diagnostics.Items()[0]) ==
        "a.yaml:1:9: the font Liberation Sans (regular, bold, italic and bold italic) has no "
        "glyph for \"\xE2\x9C\x93\" (U+2713); it will print as an empty box (and it is in 299 "
        "more text fields of this file) | write the text without it, or choose a font that has "
        "it in templates/style.yaml");
  CHECK(Located(diagnostics.Items()[1]) ==
        "reports/b.yaml:4:12: the font Liberation Sans (regular, bold, italic and bold italic) "
        "has no glyph for \"\xE2\x9C\x93\" (U+2713); it will print as an empty box | write the "
        "text without it, or choose a font that has it in templates/style.yaml");
}

TEST_CASE("A character only some faces lack names those faces") {
  Style style = clerk::layout::DefaultStyle();
  FontSet fonts = DefaultFonts();
  // Liberation Mono has no Cyrillic fita (U+0472), which Liberation Sans has.
  fonts.Add("sans", FontStyle::kItalic, LoadFace("LiberationMono-Regular.ttf"));
  LocatedText text = Text("\xD1\xB2", "review.yaml", 2, 8);
  Diagnostics diagnostics;
  CheckTextGlyphs({&text}, style, fonts, diagnostics);
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].message ==
        "the font Liberation Sans (italic) has no glyph for \"\xD1\xB2\" (U+0472); it will print "
        "as an empty box where the text is set in a face without it");
}

TEST_CASE("Every font of the style lacking a character is named in its one warning") {
  Style style = clerk::layout::DefaultStyle();
  FontSet fonts = DefaultFonts();
  style.fonts["serif"] = style.fonts.at("sans");
  style.fonts["serif"].family_name = "Liberation Serif";
  fonts.Add("serif", FontStyle::kRegular, LoadFace("LiberationSerif-Regular.ttf"));
  fonts.Add("serif", FontStyle::kBold, LoadFace("LiberationSerif-Bold.ttf"));
  fonts.Add("serif", FontStyle::kItalic, LoadFace("LiberationSerif-Italic.ttf"));
  fonts.Add("serif", FontStyle::kBoldItalic, LoadFace("LiberationSerif-BoldItalic.ttf"));
  LocatedText text = Text("\xE2\x9C\x93\xD1\xB2", "review.yaml", 2, 8);
  Diagnostics diagnostics;
  CheckTextGlyphs({&text}, style, fonts, diagnostics);
  REQUIRE(diagnostics.Items().size() == 2);
  CHECK(diagnostics.Items()[0].message ==
        "the fonts Liberation Sans (regular, bold, italic and bold italic) and Liberation Serif "
        "(regular, bold, italic and bold italic) have no glyph for \"\xE2\x9C\x93\" (U+2713); "
        "it will print as an empty box");
  CHECK(diagnostics.Items()[1].message.rfind("the font Liberation Serif (regular", 0) == 0);
  CHECK_THAT(diagnostics.Items()[1].message,
             Catch::EndsWith("has no glyph for \"\xD1\xB2\" (U+0472); it will print as an empty "
                             "box where the text is set in a face without it"));
}

TEST_CASE("Missing-glyph warnings carry their character, and other diagnostics none") {
  Style style = clerk::layout::DefaultStyle();
  FontSet fonts = DefaultFonts();
  LocatedText text = Text("ok \xE2\x9C\x93 \xF0\x9F\x98\x80", "review.yaml", 2, 8);
  Diagnostics diagnostics;
  diagnostics.Warning({"review.yaml", 1, 1}, "the font file is broken");
  CheckTextGlyphs({&text}, style, fonts, diagnostics);
  REQUIRE(diagnostics.Items().size() == 3);
  CHECK(diagnostics.Items()[0].character == 0);
  CHECK(diagnostics.Items()[1].character == 0x2713);
  CHECK(diagnostics.Items()[2].character == 0x1F600);
}
