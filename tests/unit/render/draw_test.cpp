#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "pdf_tools.h"
#include "render/fonts.h"
#include "render/render.h"
#include "sample_document.h"

using clerk::Diagnostics;
using clerk::layout::Box;
using clerk::layout::LaidOutDocument;
using clerk::layout::Rule;
using clerk::render::RenderPdf;
using clerk::test::RenderTo;
using clerk::test::RunTool;
using clerk::test::SampleDocument;
using clerk::test::SansFonts;
using clerk::test::ScratchDirectory;
using clerk::test::ToolRun;

namespace {

// Items of SampleDocument()'s first page that the tests below read or change.
constexpr int kRuleItem = 3;  // the rule under the heading: 0.5 points, gray 0.5
constexpr int kBoxItem = 6;   // the recommendation's box: stroked 1 point, filled gray 0.9

// The lines of page 1's content stream, uncompressed by `qpdf --qdf` (which would otherwise
// rewrite literal strings in hexadecimal).
std::vector<std::string> FirstPageOperators(const std::string& pdf,
                                            const ScratchDirectory& scratch) {
  std::string qdf = scratch.File("draw.qdf");
  REQUIRE(RunTool("qpdf --qdf --normalize-content=n --object-streams=disable '" + pdf + "' '" +
                      qdf + "'",
                  scratch)
              .exit_status == 0);
  std::string text = clerk::test::ReadWholeFile(qdf);
  size_t at = text.find("%% Contents for page 1");
  REQUIRE(at != std::string::npos);
  size_t begin = text.find("stream\n", at) + 7;
  size_t end = text.find("endstream", begin);
  std::istringstream stream(text.substr(begin, end - begin));
  std::vector<std::string> lines;
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// Whether `lines` holds `expected` one after the other, somewhere.
bool HoldsInOrder(const std::vector<std::string>& lines, const std::vector<std::string>& expected) {
  for (size_t start = 0; start + expected.size() <= lines.size(); ++start) {
    if (std::equal(expected.begin(), expected.end(), lines.begin() + static_cast<long>(start))) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("Pages are drawn with the operators libharu writes, state set only when it changes") {
  ScratchDirectory scratch;
  std::vector<std::string> lines = FirstPageOperators(RenderTo(scratch, SampleDocument()), scratch);
  std::string all;
  for (const std::string& line : lines) all += line + "\n";
  INFO("page 1:\n" << all);
  // The watermark: light gray, turned 45 degrees about its origin by the text matrix.
  CHECK(HoldsInOrder(lines, {"/Artifact BMC", "0.85 g", "BT"}));
  // Strings are literal, of two bytes per character: here a NUL and the letter.
  CHECK(HoldsInOrder(lines, {"0.70711 0.70711 -0.70711 0.70711 150 250 Tm",
                             std::string("(\0D\0R\0A\0F\0T) Tj", 15), "ET", "EMC"}));
  // Back to black for the running header, then text placed from BT's identity matrix.
  CHECK(HoldsInOrder(lines, {"/Artifact BMC", "0 g", "BT"}));
  // The rule: its width and gray once, then one path.
  CHECK(HoldsInOrder(
      lines, {"/Artifact BMC", "0.5 w", "0.5 G", "56.7 752 m", "538.59998 752 l", "S", "EMC"}));
  // The box: filled and stroked, in black at 1 point.
  CHECK(HoldsInOrder(lines,
                     {"/Artifact BMC", "0.9 g", "1 w", "0 G", "50 680 495 24 re", "B", "EMC"}));
  // A paragraph's marked content holds the whole text object; the gray stays as it was set.
  CHECK(HoldsInOrder(lines, {"/H1 <</MCID 0>> BDC", "BT", "/F1 12 Tf", "56.7 760 Td"}));
  CHECK(HoldsInOrder(lines, {"/P <</MCID 1>> BDC", "BT", "/F2 11 Tf", "56.7 730 Td"}));
}

TEST_CASE("A string's parentheses and backslash are escaped, and its text reads back") {
  constexpr int kRecommendationItem = 7;  // "Recommendation 1", at 56.7 688
  constexpr int kFooterItem = 12;         // "Page 1 of 2", at 56.7 30
  LaidOutDocument document = SampleDocument();
  clerk::test::SetRunText(document.pages[0], kRecommendationItem, "(x\\y)z");
  std::string long_text;
  while (long_text.size() < 2000) long_text += "(a\\b) ";
  clerk::test::SetRunText(document.pages[0], kFooterItem, long_text);
  ScratchDirectory scratch;
  std::string pdf = RenderTo(scratch, document);
  std::vector<std::string> lines = FirstPageOperators(pdf, scratch);
  // Each character a NUL and its byte; '(', ')' and '\' escaped (CR and LF, which text never
  // holds here, as pieces_test shows).
  const std::string expected("(\0\\(\0x\0\\\\\0y\0\\)\0z) Tj", 20);
  CHECK(HoldsInOrder(lines, {"56.7 688 Td", expected, "ET", "EMC"}));
  // A paragraph's own parenthesis, after a character of two bytes (é).
  const std::string cafe("\0\\(\0c\0a\0f\0\xE9\0\\)\0.) Tj", 20);
  CHECK(std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
    return line.size() > cafe.size() &&
           line.compare(line.size() - cafe.size(), cafe.size(), cafe) == 0;
  }));
  // A string longer than what is composed before it is appended, the same: 2,000 characters.
  std::string long_literal;
  clerk::render::AppendLiteralCodes(long_text, long_literal);
  CHECK(HoldsInOrder(lines, {"56.7 30 Td", "(" + long_literal + ") Tj", "ET", "EMC"}));
  ToolRun text = RunTool("pdftotext -f 1 -l 1 '" + pdf + "' -", scratch);
  REQUIRE(text.exit_status == 0);
  CHECK_THAT(text.out, Catch::Contains("(x\\y)z"));
  CHECK_THAT(text.out, Catch::Contains("it cost £2,500 (café)."));
}

TEST_CASE("A line width or fill libharu refuses is its error, naming the page") {
  LaidOutDocument document = SampleDocument();
  SECTION("a negative rule") { std::get<Rule>(document.pages[0].items[kRuleItem]).thickness = -1; }
  SECTION("a box filled beyond white") {
    std::get<Box>(document.pages[0].items[kBoxItem]).SetFillGray(1.5);
  }
  Diagnostics diagnostics;
  CHECK(RenderPdf(document, SansFonts(), diagnostics).empty());
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].message ==
        "cannot write the PDF: drawing page 1: a gray level, line width or other drawing value "
        "is outside the range PDF allows (libharu error 0x1056)");
}
