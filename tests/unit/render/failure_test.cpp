#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "pdf_tools.h"
#include "render/render.h"
#include "sample_document.h"

using clerk::Diagnostic;
using clerk::Diagnostics;
using clerk::Severity;
using clerk::layout::FontStyle;
using clerk::layout::LaidOutDocument;
using clerk::layout::Rule;
using clerk::layout::TextRun;
using clerk::render::FontFiles;
using clerk::render::RenderPdf;
using clerk::test::SampleDocument;
using clerk::test::SansFonts;
using clerk::test::ScratchDirectory;
using clerk::test::SetLinkTarget;
using clerk::test::SetRunText;

namespace {

// Items of SampleDocument() that the tests below change.
constexpr int kLinkItem = 11;         // page 1: the link to the appendix
constexpr int kActionHeaderItem = 2;  // page 2: "Action"
constexpr int kStatusHeaderItem = 3;  // page 2: "Status"
constexpr int kRowRuleItem = 4;       // page 2: the rule under the rows

TextRun& RunAt(LaidOutDocument& document, int page, int item) {
  return std::get<TextRun>(document.pages[page].items[item]);
}

// The diagnostics' messages, in the order reported.
std::vector<std::string> Messages(const Diagnostics& diagnostics) {
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnostics.Items()) messages.push_back(d.message);
  return messages;
}

}  // namespace

TEST_CASE("A font file libharu cannot open is an error about that file") {
  FontFiles fonts = SansFonts();
  fonts[{"sans", FontStyle::kBold}] = "/nonexistent/Bold.ttf";
  Diagnostics diagnostics;
  CHECK(RenderPdf(SampleDocument(), fonts, diagnostics).empty());
  REQUIRE(diagnostics.Items().size() == 1);
  const Diagnostic& error = diagnostics.Items()[0];
  CHECK(error.severity == Severity::kError);
  CHECK(error.where.file == "/nonexistent/Bold.ttf");
  CHECK(error.where.line == 0);
  CHECK(error.message ==
        "cannot write the PDF: loading the font for 'sans' in bold from /nonexistent/Bold.ttf: "
        "the file cannot be opened (libharu error 0x1017, detail 2)");

  // libharu's error state belongs to that one document: the next one renders.
  Diagnostics next;
  CHECK_FALSE(RenderPdf(SampleDocument(), SansFonts(), next).empty());
  CHECK(next.Items().empty());
}

TEST_CASE("A file that is not a TrueType font is an error about that file") {
  ScratchDirectory scratch;
  std::string not_a_font = scratch.File("Italic.ttf");
  clerk::test::WriteWholeFile(not_a_font, "this is not a font\n");
  FontFiles fonts = SansFonts();
  fonts[{"sans", FontStyle::kItalic}] = not_a_font;
  Diagnostics diagnostics;
  CHECK(RenderPdf(SampleDocument(), fonts, diagnostics).empty());
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].where.file == not_a_font);
  CHECK(diagnostics.Items()[0].message ==
        "cannot write the PDF: loading the font for 'sans' in italic from " + not_a_font +
            ": the file is not a TrueType font (libharu error 0x105F)");
}

TEST_CASE("Values libharu refuses while drawing are errors naming the page") {
  LaidOutDocument document = SampleDocument();
  std::string expected;
  SECTION("a font size of 0") {
    RunAt(document, 1, kActionHeaderItem).size = 0;
    expected =
        "cannot write the PDF: drawing page 2: the font size is outside what PDF allows (above "
        "0, at most 600 points) (libharu error 0x1050)";
  }
  SECTION("a gray level above 1") {
    std::get<Rule>(document.pages[1].items[kRowRuleItem]).gray = 2;
    expected =
        "cannot write the PDF: drawing page 2: a gray level, line width or other drawing value "
        "is outside the range PDF allows (libharu error 0x1056)";
  }
  SECTION("a page too narrow for PDF") {
    document.pages[1].width = 1;
    expected =
        "cannot write the PDF: making page 2 (1 x 841.89 points): the page size is outside what "
        "PDF allows (3 to 14400 points) (libharu error 0x1054)";
  }
  Diagnostics diagnostics;
  CHECK(RenderPdf(document, SansFonts(), diagnostics).empty());
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].where.file.empty());
  CHECK(diagnostics.Items()[0].message == expected);
}

TEST_CASE("A character outside the Basic Multilingual Plane is reported, not silently a space") {
  LaidOutDocument document = SampleDocument();
  SetRunText(document.pages[1], kActionHeaderItem, "Score 😀 and 𝔸");
  SetRunText(document.pages[1], kStatusHeaderItem, "😀 again");
  Diagnostics diagnostics;
  std::string bytes = RenderPdf(document, SansFonts(), diagnostics);
  CHECK_FALSE(bytes.empty());  // layout has warned with the input's location; render goes on
  REQUIRE(diagnostics.Items().size() == 1);  // once per character, not once per run
  CHECK(diagnostics.Items()[0].severity == Severity::kWarning);
  CHECK(diagnostics.Items()[0].message ==
        "page 2: the text “Score 😀 and 𝔸” has U+1F600 (😀), a character outside the Basic "
        "Multilingual Plane, which libharu prints as a space");
  CHECK(diagnostics.Items()[0].hint == "replace the character in the input");
  CHECK(diagnostics.Items()[0].character == 0x1F600);
}

TEST_CASE("Text that is not UTF-8, or has control characters, is an error and nothing is drawn") {
  LaidOutDocument document = SampleDocument();
  SetRunText(document.pages[1], kActionHeaderItem, "Caf\xE9");
  SetRunText(document.pages[1], kStatusHeaderItem, "Done\tlate");
  Diagnostics diagnostics;
  CHECK(RenderPdf(document, SansFonts(), diagnostics).empty());
  CHECK(Messages(diagnostics) ==
        std::vector<std::string>{
            "page 2: the text “Caf…” is not valid UTF-8 (at byte 4)",
            "page 2: the text “Done\tlate” has the control character U+0009, which cannot be "
            "printed",
        });
}

TEST_CASE("References that point nowhere are all reported before anything is drawn") {
  LaidOutDocument document = SampleDocument();
  document.anchors.push_back({"report", 1, 300});
  document.anchors.push_back({"beyond", 2, 300});
  document.outline.push_back({"Appendix B", 0, "appendix-b"});
  SetLinkTarget(document.pages[0], kLinkItem, "appendix-c");
  document.page_labels = {{0, "", 0}, {0, "A-", 1}};
  document.structure[3].parent = 5;
  RunAt(document, 1, kActionHeaderItem).family = document.FamilyIndex("serif");
  RunAt(document, 1, kStatusHeaderItem).family = document.FamilyIndex("serif");
  RunAt(document, 1, kStatusHeaderItem).element = 99;
  document.info.date = "14 June 2011";
  Diagnostics diagnostics;
  CHECK(RenderPdf(document, SansFonts(), diagnostics).empty());
  CHECK(Messages(diagnostics) ==
        std::vector<std::string>{
            "the anchor 'report' is placed twice, on page 1 and on page 2",
            "the anchor 'beyond' is on page 3, but the document has 2 pages",
            "page 1: a link points at the anchor 'appendix-c', which is not in the document",
            "page 2: no font file is named for the family 'serif' in bold",
            "page 2: a text run belongs to structure element 99, but there are only 16 elements",
            "the bookmark 'Appendix B' points at the anchor 'appendix-b', which is not in the "
            "document",
            "the bookmark 'Appendix B' has level 0; levels start at 1",
            "page labels: the range from page 1 is numbered from 0; PDF page numbers start at 1 "
            "or more",
            "page labels: a range starts on page 1; ranges must start on pages of the document, "
            "in increasing order",
            "structure element 3 has parent 5; a parent must be an earlier element, or -1 for a "
            "root",
            "the document's date '14 June 2011' is not a date of the form YYYY-MM-DD",
        });
  CHECK(diagnostics.ErrorCount() == 11);
}

TEST_CASE("A document without pages is an error") {
  LaidOutDocument document;
  document.info.date = "2011-06-14";
  Diagnostics diagnostics;
  CHECK(RenderPdf(document, SansFonts(), diagnostics).empty());
  CHECK(Messages(diagnostics) == std::vector<std::string>{"the document has no pages"});
}

TEST_CASE("A document without a date is a warning, and its PDF has no dates") {
  LaidOutDocument document = SampleDocument();
  document.info.date.clear();
  Diagnostics diagnostics;
  std::string bytes = RenderPdf(document, SansFonts(), diagnostics);
  REQUIRE_FALSE(bytes.empty());
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].severity == Severity::kWarning);
  CHECK(diagnostics.Items()[0].message ==
        "the document has no date, so the PDF has no creation date");
  ScratchDirectory scratch;
  std::string pdf = scratch.File("undated.pdf");
  clerk::test::WriteWholeFile(pdf, bytes);
  clerk::test::ToolRun info = clerk::test::RunTool("pdfinfo '" + pdf + "'", scratch);
  CHECK(info.out.find("CreationDate") == std::string::npos);
  CHECK(info.out.find("Title:") != std::string::npos);
}

TEST_CASE("A face used without a font file, or with an empty path, is an error, once") {
  FontFiles fonts = SansFonts();
  fonts[{"sans", FontStyle::kItalic}] = "";
  fonts.erase({"sans", FontStyle::kBoldItalic});
  Diagnostics diagnostics;
  CHECK(RenderPdf(SampleDocument(), fonts, diagnostics).empty());
  CHECK(Messages(diagnostics) ==
        std::vector<std::string>{
            "page 1: no font file is named for the family 'sans' in italic",
            "page 1: no font file is named for the family 'sans' in bold italic",
        });
  CHECK(diagnostics.Items()[0].hint ==
        "name one for that family and style in the style's font list");
}
