#include "layout/line_breaker.h"

#include <linebreak.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "layout_checks.h"

using namespace clerk::layout;
using clerk::layout::testing::TestFonts;

namespace {

std::vector<TextLine> BreakText(const std::string& text, double width,
                                std::vector<MissingGlyph>* missing = nullptr) {
  LineBreaker breaker(TestFonts(), "sans", 11, "en-GB");
  std::vector<TextPiece> pieces{TextPiece{text, FontStyle::kRegular, 0, -1, 0}};
  return breaker.Break(pieces, width, missing);
}

std::string Joined(const std::vector<TextLine>& lines, const char* between) {
  std::string out;
  for (size_t l = 0; l < lines.size(); ++l) {
    if (l) out += between;
    for (const LineFragment& fragment : lines[l].fragments) out += lines[l].Text(fragment);
  }
  return out;
}

/// No line is wider than the measure, and each fragment's width is its text's measured width.
void CheckWidths(const std::vector<TextLine>& lines, double width) {
  const FontMetrics& face = TestFonts().Face("sans", FontStyle::kRegular);
  for (const TextLine& line : lines) {
    CHECK(line.width <= width + 1e-9);
    double x = 0;
    for (const LineFragment& fragment : line.fragments) {
      CHECK(fragment.x == Approx(x));
      CHECK(fragment.width == Approx(face.Width(line.Text(fragment), 11)));
      x += fragment.width;
    }
    CHECK(x == Approx(line.width));
  }
}

std::string NoSpaces(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  return text;
}

bool ValidUtf8(const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    if (DecodeUtf8(text, &i) == 0xFFFD) return false;
  }
  return true;
}

const std::string kParagraph =
    "Since the previous report to Scrutiny (November 2010), the Standards and Learning "
    "Effectiveness Service (SLES) has been fully restructured. Mathematics advice and guidance "
    "remains a priority for service provision and there is no loss in the number of specialist "
    "mathematics consultants in the service.";

}  // namespace

TEST_CASE("Lines are never wider than the measure, at any measure") {
  for (double width : {481.9, 300.0, 150.0, 80.0, 40.0, 12.0}) {
    INFO("width " << width);
    auto lines = BreakText(kParagraph, width);
    CheckWidths(lines, width);
    if (width >= 80) {
      CHECK(Joined(lines, " ") == kParagraph);  // breaks fall at spaces: every word comes out
    } else {
      CHECK(NoSpaces(Joined(lines, "")) == NoSpaces(kParagraph));  // words broken, none lost
    }
  }
}

TEST_CASE("Lines are filled greedily: the next word would not have fitted") {
  const double width = 200;
  auto lines = BreakText(kParagraph, width);
  REQUIRE(lines.size() > 3);
  const FontMetrics& face = TestFonts().Face("sans", FontStyle::kRegular);
  for (size_t l = 0; l + 1 < lines.size(); ++l) {
    std::string next(lines[l + 1].Text(lines[l + 1].fragments.front()));
    next = next.substr(0, next.find(' '));
    CHECK(lines[l].width + face.Width(" " + next, 11) > width);
  }
}

TEST_CASE("A 300-character word is broken between characters, never inside one") {
  std::string word;
  // a é ﬁ Ж: letters of 1, 2, 3 and 2 bytes, with no break opportunity between them.
  for (int i = 0; i < 75; ++i) word += "a\xC3\xA9\xEF\xAC\x81\xD0\x96";
  auto lines = BreakText("Before " + word + " after", 100);
  CheckWidths(lines, 100);
  REQUIRE(lines.size() > 5);
  for (const TextLine& line : lines) {
    for (const LineFragment& fragment : line.fragments) {
      CHECK(ValidUtf8(std::string(line.Text(fragment))));
    }
  }
  // The word starts its own line.
  CHECK(lines.front().Text(lines.front().fragments.front()) == "Before");
  CHECK(NoSpaces(Joined(lines, "")) == "Before" + word + "after");
  for (size_t l = 1; l + 1 < lines.size(); ++l) CHECK(lines[l].fragments.size() == 1);
  // Every line but the last of the word is full: the next character would not have fitted.
  const FontMetrics& face = TestFonts().Face("sans", FontStyle::kRegular);
  for (size_t l = 1; l + 2 < lines.size(); ++l) {
    std::string next(lines[l + 1].Text(lines[l + 1].fragments.front()));
    size_t after_first = 1;
    while ((static_cast<unsigned char>(next[after_first]) & 0xC0) == 0x80) ++after_first;
    CHECK(lines[l].width + face.Width(next.substr(0, after_first), 11) > 100);
  }
}

TEST_CASE("A combining accent stays with its letter when a word is broken") {
  std::string word;
  for (int i = 0; i < 80; ++i) word += "e\xCC\x81";  // e + U+0301 COMBINING ACUTE ACCENT
  auto lines = BreakText(word, 50);
  REQUIRE(lines.size() > 2);
  for (const TextLine& line : lines) {
    std::string text(line.Text(line.fragments.front()));
    CHECK(text.substr(0, 1) == "e");                    // no line starts with the accent
    CHECK(text.substr(text.size() - 2) == "\xCC\x81");  // none ends between e and its accent
  }
}

TEST_CASE("A URL breaks after its slashes before it is broken between letters") {
  std::string url =
      "https://www.eastsussex.gov.uk/educationandlearning/schools/"
      "virtualschoolbag/mathematics/homework-booklets";
  auto lines = BreakText("See " + url + " for the booklets.", 200);
  CheckWidths(lines, 200);
  std::string joined = Joined(lines, " ");
  CHECK(joined.find(url) == std::string::npos);  // it was broken
  CHECK(NoSpaces(joined) == NoSpaces("See " + url + " for the booklets."));
  bool broke_after_slash = false;
  for (size_t l = 0; l + 1 < lines.size(); ++l) {
    std::string_view end = lines[l].Text(lines[l].fragments.back());
    if (!end.empty() && end.back() == '/') broke_after_slash = true;
  }
  CHECK(broke_after_slash);
}

TEST_CASE("A forced break starts a new line, and two make an empty line") {
  auto lines = BreakText("one\ntwo\n\nthree", 400);
  REQUIRE(lines.size() == 4);
  CHECK(Joined(lines, "|") == "one|two||three");
}

TEST_CASE("Empty text makes no lines") { CHECK(BreakText("", 100).empty()); }

TEST_CASE("Styles keep their own widths and make their own fragments") {
  LineBreaker breaker(TestFonts(), "sans", 11, "en");
  std::vector<TextPiece> pieces{{"plain ", FontStyle::kRegular, 1, -1, 0},
                                {"bold", FontStyle::kBold, 1, -1, 1},
                                {" italic", FontStyle::kItalic, 1, -1, 2}};
  auto lines = breaker.Break(pieces, 400, nullptr);
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0].fragments.size() == 3);
  CHECK(lines[0].Text(lines[0].fragments[1]) == "bold");
  CHECK(lines[0].fragments[1].width ==
        Approx(TestFonts().Face("sans", FontStyle::kBold).Width("bold", 11)));
  CHECK(lines[0].fragments[2].x == Approx(lines[0].fragments[1].x + lines[0].fragments[1].width));
}

TEST_CASE("Spaces at a line's end are dropped across pieces, and a line's width leaves them out") {
  LineBreaker breaker(TestFonts(), "sans", 11, "en");
  std::vector<TextPiece> pieces{{"word ", FontStyle::kRegular, 1, -1, 0},
                                {"  ", FontStyle::kBold, 2, -1, 1},
                                {"next", FontStyle::kRegular, 1, -1, 2}};
  const double word = TestFonts().Face("sans", FontStyle::kRegular).Width("word", 11);
  auto lines = breaker.Break(pieces, word + 1, nullptr);
  REQUIRE(lines.size() == 2);
  REQUIRE(lines[0].fragments.size() == 1);
  CHECK(lines[0].Text(lines[0].fragments[0]) == "word");
  CHECK(lines[0].width == Approx(word));
  REQUIRE(lines[1].fragments.size() == 1);
  CHECK(lines[1].Text(lines[1].fragments[0]) == "next");
  CHECK(lines[1].fragments[0].x == 0);
}

TEST_CASE("A character split between two pieces belongs to the piece it starts in") {
  LineBreaker breaker(TestFonts(), "sans", 11, "en");
  std::vector<TextPiece> pieces{{"ab\xC3", FontStyle::kRegular, 1, -1, 0},
                                {"\xA9"
                                 "cd",
                                 FontStyle::kBold, 2, -1, 1}};
  auto lines = breaker.Break(pieces, 400, nullptr);
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0].fragments.size() == 2);
  CHECK(lines[0].Text(lines[0].fragments[0]) == "ab\xC3\xA9");
  CHECK(lines[0].Text(lines[0].fragments[1]) == "cd");
  CHECK(lines[0].fragments[1].element == 2);
}

TEST_CASE("Breaking into lines already used gives the lines a fresh break gives") {
  LineBreaker breaker(TestFonts(), "sans", 11, "en-GB");
  std::vector<TextLine> reused;
  const std::vector<TextPiece> long_text{{kParagraph, FontStyle::kRegular, 0, -1, 0}};
  breaker.Break(long_text, 200, nullptr, &reused);
  REQUIRE(reused.size() > 3);
  const std::string short_text = "Two words\nand a break";
  const std::vector<TextPiece> pieces{{short_text, FontStyle::kItalic, 3, 1, 0}};
  breaker.Break(pieces, 400, nullptr, &reused);
  const std::vector<TextLine> fresh = breaker.Break(pieces, 400, nullptr);
  REQUIRE(reused.size() == fresh.size());
  CHECK(Joined(reused, "|") == "Two words|and a break");
  for (size_t l = 0; l < fresh.size(); ++l) {
    CHECK(reused[l].width == fresh[l].width);
    CHECK(reused[l].text.Size() == fresh[l].text.Size());
    REQUIRE(reused[l].fragments.size() == fresh[l].fragments.size());
    for (size_t f = 0; f < fresh[l].fragments.size(); ++f) {
      CHECK(reused[l].Text(reused[l].fragments[f]) == fresh[l].Text(fresh[l].fragments[f]));
      CHECK(reused[l].fragments[f].x == fresh[l].fragments[f].x);
      CHECK(reused[l].fragments[f].width == fresh[l].fragments[f].width);
      CHECK(reused[l].fragments[f].style == FontStyle::kItalic);
      CHECK(reused[l].fragments[f].link == 1);
    }
  }
  breaker.Break({}, 400, nullptr, &reused);
  CHECK(reused.empty());
}

TEST_CASE("Characters the font lacks are reported once each") {
  std::vector<MissingGlyph> missing;
  BreakText("\xE4\xB8\xAD and \xE4\xB8\xAD again", 400, &missing);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].code_point == 0x4E2D);
}

namespace {

/// libunibreak's own answer for `text`, to hold BreakOpportunities to.
std::vector<char> LibunibreakBreaks(const std::string& text, const std::string& language) {
  std::vector<char> breaks(text.size());
  set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(text.data()), text.size(), language.c_str(),
                      breaks.data());
  return breaks;
}

}  // namespace

TEST_CASE("Break opportunities are libunibreak's own for every pair of ASCII characters") {
  BreakOpportunities("", "en");  // initialises libunibreak before it is called directly
  for (const std::string language : {"en", "fr", "zh", ""}) {
    for (int a = 1; a < 0x80; ++a) {
      for (int b = 1; b < 0x80; ++b) {
        std::string pair{static_cast<char>(a), static_cast<char>(b)};
        for (const std::string& text :
             {pair, "x" + pair + " y", "(" + pair.substr(0, 1) + " " + pair.substr(1) + ")"}) {
          INFO("language \"" << language << "\", characters " << a << " and " << b);
          REQUIRE(BreakOpportunities(text, language) == LibunibreakBreaks(text, language));
        }
      }
    }
  }
}

TEST_CASE("Break opportunities are libunibreak's own for any printable ASCII text") {
  // Printable ASCII is broken without libunibreak, by its pair table read back from it: every
  // sequence of classes, spaces among them, must still get libunibreak's answer.
  BreakOpportunities("", "en");
  const std::string common = "aZ7 -.,()'\"/%!?;:[]{}$+#&*<>=@\\^_`|~";
  unsigned state = 2011;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7FFF;
  };
  for (const std::string language : {"en", "fr", "de", "zh", "ja", "ko", ""}) {
    for (int n = 0; n < 4000; ++n) {
      std::string text;
      size_t length = 1 + next() % 40;
      for (size_t k = 0; k < length; ++k) {
        // Half the characters from the usual few, half from anywhere in printable ASCII.
        text += next() % 2 ? common[next() % common.size()] : static_cast<char>(' ' + next() % 95);
      }
      INFO("language \"" << language << "\", text \"" << text << "\"");
      REQUIRE(BreakOpportunities(text, language) == LibunibreakBreaks(text, language));
    }
  }
}

TEST_CASE("Break opportunities are libunibreak's own for mixed and malformed text") {
  BreakOpportunities("", "en");
  const std::vector<std::string> pieces{"a",
                                        "Z",
                                        "7",
                                        " ",
                                        " ",
                                        "-",
                                        ".",
                                        ",",
                                        "(",
                                        ")",
                                        "\"",
                                        "'",
                                        "/",
                                        "%",
                                        "£",
                                        "é",
                                        "–",
                                        "—",
                                        "“",
                                        "”",
                                        "‘",
                                        "’",
                                        "«",
                                        "»",
                                        "\xC2\xA0",
                                        "中",
                                        "\xCC\x81",
                                        "\n",
                                        "\r",
                                        "\t",
                                        "\xE2\x80\xA8",
                                        "\xC2\x85",
                                        "\x85",
                                        "\xE2\x82",
                                        "!",
                                        "?",
                                        "http://",
                                        "e.g."};
  unsigned state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7FFF;
  };
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    size_t length = 1 + next() % 30;
    for (size_t k = 0; k < length; ++k) text += pieces[next() % pieces.size()];
    INFO("text \"" << text << "\"");
    REQUIRE(BreakOpportunities(text, "en") == LibunibreakBreaks(text, "en"));
  }
}

TEST_CASE("A short text still breaks where a separator or a stray byte forces a break") {
  // Text that fits its line is set without asking libunibreak, except when it forces a break.
  for (const std::string separator : {"\xE2\x80\xA8", "\xC2\x85", "\r", "\x85"}) {
    std::vector<TextLine> lines = BreakText("first" + separator + "second", 1000);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].Text(lines[1].fragments.front()) == "second");
  }
  CHECK(BreakText("first second", 1000).size() == 1);
}

TEST_CASE("A face missing from a set falls back to its family's regular, then to any face") {
  const FontSet& fonts = TestFonts();
  const double regular = fonts.Face("sans", FontStyle::kRegular).Width("Hello", 11);
  const double bold = fonts.Face("sans", FontStyle::kBold).Width("Hello", 11);
  REQUIRE(regular != bold);
  FontSet set;
  set.Add("sans", FontStyle::kRegular, fonts.Face("sans", FontStyle::kRegular));
  set.Add("mono", FontStyle::kBold, fonts.Face("sans", FontStyle::kBold));
  CHECK(set.Face("sans", FontStyle::kRegular).Width("Hello", 11) == regular);
  CHECK(set.Face("sans", FontStyle::kBoldItalic).Width("Hello", 11) == regular);
  // "mono" has no regular face and "serif" is not there: the first family's first face.
  CHECK(set.Face("mono", FontStyle::kItalic).Width("Hello", 11) == bold);
  CHECK(set.Face("serif", FontStyle::kRegular).Width("Hello", 11) == bold);
}
