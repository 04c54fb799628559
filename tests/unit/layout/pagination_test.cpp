#include <algorithm>
#include <ctime>
#include <optional>

#include "layout_checks.h"

using namespace clerk::layout;
using namespace clerk::layout::testing;

namespace {

/// `count` one-line paragraphs.
std::string Filler(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += "<p>Filler line " + std::to_string(i) + ".</p>";
  return out;
}

std::string Sentence(int i) {
  return "Sentence " + std::to_string(i) +
         " of the response says what the department did and when it did it. ";
}

std::string LongText(int sentences) {
  std::string out;
  for (int i = 0; i < sentences; ++i) out += Sentence(i);
  return out;
}

/// The page index and run of the first run whose text starts with `prefix`.
std::pair<int, std::optional<ShownRun>> Locate(const LaidOutDocument& laid,
                                               const std::string& prefix) {
  for (size_t p = 0; p < laid.pages.size(); ++p) {
    for (const ShownRun& run : Runs(laid.pages[p])) {
      if (run.text.rfind(prefix, 0) == 0) return {static_cast<int>(p), run};
    }
  }
  return {-1, std::nullopt};
}

/// Runs of structure element `element`, counted per page.
std::vector<int> LinesPerPage(const LaidOutDocument& laid, int element) {
  std::vector<int> counts;
  for (const Page& page : laid.pages) {
    int count = 0;
    for (const ShownRun& run : Runs(page)) count += run.element == element;
    counts.push_back(count);
  }
  return counts;
}

int FindElement(const LaidOutDocument& laid, const std::string& prefix) {
  return Locate(laid, prefix).second ? Locate(laid, prefix).second->element : -1;
}

/// The words of the markup's text: tags removed, split at whitespace.
std::vector<std::string> SourceWords(const std::string& markup) {
  std::string text;
  bool in_tag = false;
  for (char c : markup) {
    if (c == '<') in_tag = true;
    if (!in_tag) text.push_back(c);
    if (c == '>') {
      in_tag = false;
      text.push_back(' ');
    }
  }
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ' || c == '\n') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  return words;
}

void CheckSameWords(std::vector<std::string> in, std::vector<std::string> out) {
  std::sort(in.begin(), in.end());
  std::sort(out.begin(), out.end());
  CHECK(in.size() == out.size());
  CHECK(in == out);
}

const double kBottom = TestStyle().margin_bottom;

}  // namespace

TEST_CASE("A heading is never the last thing on a page: it moves with its paragraph") {
  for (int filler = 25; filler <= 36; ++filler) {
    INFO("filler paragraphs: " << filler);
    std::string markup =
        Doc(Filler(filler) + "<h2>Supporting information</h2><p>" + LongText(6) + "</p>");
    LaidOutDocument laid = LayOut(markup);
    auto [heading_page, heading] = Locate(laid, "Supporting information");
    auto [text_page, text] = Locate(laid, "Sentence 0");
    REQUIRE(heading);
    REQUIRE(text);
    CHECK(heading_page == text_page);
    // And with at least two lines of it (the paragraph's orphan rule holds too).
    CHECK(LinesPerPage(laid, text->element)[static_cast<size_t>(text_page)] >= 2);
    CHECK(FindOverlap(laid) == "");
  }
}

TEST_CASE("No paragraph leaves a single line at the foot or the head of a page") {
  for (int filler = 26; filler <= 34; ++filler) {
    INFO("filler paragraphs: " << filler);
    LaidOutDocument laid = LayOut(Doc(Filler(filler) + "<p>" + LongText(7) + "</p>" + Filler(3)));
    int element = FindElement(laid, "Sentence 0");
    std::vector<int> lines = LinesPerPage(laid, element);
    int total = 0, pages = 0;
    for (int count : lines) {
      total += count;
      pages += count > 0;
      if (count > 0) CHECK(count >= 2);
    }
    CHECK(total >= 6);
    CHECK(FindOverlap(laid) == "");
  }
}

TEST_CASE("Every page shows \"Page n of N\" at the right and the report's reference at the left") {
  LaidOutDocument laid = LayOut(Doc(Filler(100)));
  REQUIRE(laid.pages.size() == 4);  // 33 one-line paragraphs a page
  for (size_t p = 0; p < laid.pages.size(); ++p) {
    std::string number = "Page " + std::to_string(p + 1) + " of 4";
    auto found = Find(laid.pages[p], number);
    REQUIRE(found.size() == 1);
    CHECK(found[0].element == -1);
    CHECK(found[0].x + found[0].width == Approx(TestStyle().page_width - TestStyle().margin_right));
    CHECK(found[0].baseline < kBottom);
    auto reference = Find(laid.pages[p], "CSSC/2011/07");
    REQUIRE(reference.size() == 1);
    CHECK(reference[0].x == Approx(TestStyle().margin_left));
    CHECK(reference[0].element == -1);
  }
  CHECK(FindOutside(laid) == "");
}

TEST_CASE("A draft says DRAFT on every page, a final paper nowhere") {
  LaidOutDocument draft = LayOut(Doc(Filler(120), " draft=\"DRAFT v2\""));
  REQUIRE(draft.pages.size() == 4);
  for (const Page& page : draft.pages) {
    CHECK(Find(page, "DRAFT v2").size() == 1);
    int watermarks = 0;
    for (const ShownRun& run : Runs(page, true)) {
      if (run.text == "DRAFT" && run.angle != 0) {
        ++watermarks;
        CHECK(run.gray > 0.5);
        CHECK(run.element == -1);
      }
    }
    CHECK(watermarks == 1);
    // Drawn first, behind the text.
    CHECK(page.Text(std::get<TextRun>(page.items.front())) == "DRAFT");
  }
  CHECK(FindOverlap(draft) == "");
  LaidOutDocument final_paper = LayOut(Doc(Filler(120)));
  for (const Page& page : final_paper.pages) {
    for (const ShownRun& run : Runs(page, true)) CHECK(run.text.find("DRAFT") == std::string::npos);
  }
}

TEST_CASE("A table's head row is repeated, as an artifact, on every page the table spans") {
  std::string rows;
  for (int i = 0; i < 80; ++i) {
    rows += "<tr><td>" + std::to_string(i) + "</td><td>" + Sentence(i) + "</td><td>" +
            (i % 3 ? "Termly" : "") + "</td></tr>";
  }
  LaidOutDocument laid =
      LayOut(Doc("<p>Before the table.</p><table widths=\"8 72 20\"><thead><tr><th>No</th>"
                 "<th>Recommendation</th><th>Time scale</th></tr></thead>" +
                 rows + "</table>"));
  REQUIRE(laid.pages.size() >= 3);
  for (size_t p = 0; p < laid.pages.size(); ++p) {
    INFO("page " << p + 1);
    auto heads = Find(laid.pages[p], "Recommendation");
    REQUIRE(heads.size() == 1);
    if (p == 0) {
      CHECK(laid.structure[static_cast<size_t>(heads[0].element)].role == Role::kP);
      CHECK(laid.structure[static_cast<size_t>(
                               laid.structure[static_cast<size_t>(heads[0].element)].parent)]
                .role == Role::kTH);
    } else {
      CHECK(heads[0].element == -1);
      // At the top of the page's body, above every row.
      for (const ShownRun& run : Runs(laid.pages[p])) {
        if (run.element >= 0) CHECK(run.baseline < heads[0].baseline);
      }
      CHECK(heads[0].baseline > TestStyle().page_height - TestStyle().margin_top - 20);
    }
  }
  CHECK(FindOverlap(laid) == "");
  CHECK(FindOutside(laid) == "");
}

TEST_CASE("A long row is split between lines, not moved whole to the next page") {
  for (int filler = 20; filler <= 28; filler += 4) {
    INFO("filler " << filler);
    std::string markup = Doc(
        Filler(filler) +
        "<table widths=\"6 47 47\"><thead><tr><th>No</th><th>Recommendation"
        "</th><th>Response</th></tr></thead><tr><td>1</td><td>Promote mathematics.</td><td><p>" +
        LongText(30) + "</p></td></tr></table>");
    LaidOutDocument laid = LayOut(markup);
    auto [first_page, first_line] = Locate(laid, "Sentence 0");
    auto [filler_page, last_filler] = Locate(laid, "Filler line " + std::to_string(filler - 1));
    REQUIRE(first_line);
    CHECK(first_page == filler_page);  // the row starts on the page where the filler ends
    // ... and fills that page: its lowest line is within three lines of the bottom margin.
    double lowest = 1e9;
    for (const ShownRun& run : Runs(laid.pages[static_cast<size_t>(first_page)])) {
      if (run.element >= 0) lowest = std::min(lowest, run.baseline);
    }
    CHECK(lowest < kBottom + 3 * TestStyle().table_text.leading + 10);
    // The rest continues on the next page, under the repeated head.
    int element = first_line->element;
    std::vector<int> lines = LinesPerPage(laid, element);
    CHECK(lines[static_cast<size_t>(first_page)] >= 2);
    CHECK(lines[static_cast<size_t>(first_page) + 1] >= 2);
    CHECK(Find(laid.pages[static_cast<size_t>(first_page) + 1], "Response").size() == 1);
    CHECK(FindOverlap(laid) == "");
    CHECK(FindOutside(laid) == "");
    CheckSameWords(SourceWords(markup), Words(laid));
  }
}

TEST_CASE("A cell longer than a page runs over as many pages as it needs, losing nothing") {
  std::string markup =
      Doc("<table widths=\"10 90\"><thead><tr><th>No</th><th>Response</th></tr>"
          "</thead><tr><td>1</td><td><p>" +
          LongText(160) + "</p><ul><li>A bullet after it all.</li></ul></td></tr></table>");
  LaidOutDocument laid = LayOut(markup);
  CHECK(laid.pages.size() >= 3);
  CHECK(FindOverlap(laid) == "");
  CHECK(FindOutside(laid) == "");
  CheckSameWords(SourceWords(markup), [&] {
    auto words = Words(laid);
    words.erase(std::find(words.begin(), words.end(), "\xE2\x80\xA2"));  // the bullet's marker
    return words;
  }());
  // Every page's grid has rules down both sides of the table.
  for (const Page& page : laid.pages) {
    int verticals = 0;
    for (const PlacedItem& item : page.items) {
      if (const auto* rule = std::get_if<Rule>(&item)) {
        verticals += rule->x1 == rule->x2;
        CHECK(rule->element == -1);
      }
    }
    CHECK(verticals >= 3);
  }
}

TEST_CASE("Table text never crosses its cell's edges, even a long word or an empty cell") {
  std::string long_word(300, 'x');
  std::string markup =
      Doc("<table widths=\"10 30 60\"><tr><td>" + long_word +
          "</td><td></td><td>"
          "https://www.eastsussex.gov.uk/educationandlearning/schools/virtualschoolbag/mathematics"
          "</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>");
  LaidOutDocument laid = LayOut(markup);
  const Style& style = TestStyle();
  double width = style.TextWidth();
  std::vector<double> edges{style.margin_left, style.margin_left + width * 0.1,
                            style.margin_left + width * 0.4, style.margin_left + width};
  int cells_checked = 0;
  for (const Page& page : laid.pages) {
    for (const ShownRun& run : Runs(page)) {
      if (run.element < 0) continue;
      // The column is the one the run starts in; it must end inside it, padding included.
      size_t column = 0;
      while (column + 2 < edges.size() && run.x >= edges[column + 1]) ++column;
      CHECK(run.x >= edges[column] + style.cell_padding - 1e-6);
      CHECK(run.x + run.width <= edges[column + 1] - style.cell_padding + 1e-6);
      ++cells_checked;
    }
  }
  CHECK(cells_checked > 10);
  CHECK(FindOverlap(laid) == "");
  CheckSameWords({long_word, "a", "b", "c"}, [&] {
    std::string joined;
    std::vector<std::string> out;
    for (const std::string& word : Words(laid)) {
      if (word[0] == 'x')
        joined += word;
      else if (word.size() == 1)
        out.push_back(word);
    }
    out.push_back(joined);
    return out;
  }());
}

TEST_CASE("Two thousand rows lay out quickly, with the head on every page") {
  std::string rows;
  for (int i = 0; i < 2000; ++i) {
    rows += "<tr><td>" + std::to_string(i) +
            "</td><td>Building upon the good practice employed"
            " by some schools.</td><td><ul><li>Publish suggestions on the Virtual School Bag. "
            "<i>May 2011 \xE2\x80\x93 booklets replaced this priority.</i></li></ul></td>"
            "<td>Quarterly</td></tr>";
  }
  std::string markup =
      Doc("<table widths=\"8 33 44 15\"><thead><tr><th>No</th>"
          "<th>Recommendation</th><th>Response</th><th>Time scale</th></tr>"
          "</thead>" +
          rows + "</table>");
  clerk::Diagnostics diagnostics;
  auto document = clerk::markup::ParseMarkup(markup, "big.xml", diagnostics);
  REQUIRE(document);
  std::clock_t start = std::clock();
  LaidOutDocument laid = Layout(*document, TestStyle(), TestFonts(), diagnostics);
  double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  CHECK(diagnostics.Empty());
  CHECK(laid.pages.size() > 100);
  // Generous: it takes a few hundredths of a second per hundred pages on a laptop.
  CHECK(seconds < 2.0);
  for (const Page& page : laid.pages) CHECK(Find(page, "Recommendation").size() == 1);
  auto last = Locate(laid, "1999");
  CHECK(last.first == static_cast<int>(laid.pages.size()) - 1);
  CHECK(Words(laid).size() == SourceWords(markup).size() + 2000);  // and a bullet a row
}

TEST_CASE("Pathological inputs cost time in proportion to their length") {
  // One cell of thousands of lines, one paragraph of thousands of lines, and a <keep> far longer
  // than a page: each must lay out in linear time and lose nothing.
  std::string huge_cell = Doc("<table widths=\"10 90\"><thead><tr><th>No</th><th>Response</th>"
                              "</tr></thead><tr><td>1</td><td>" + LongText(3000) +
                              "</td></tr></table>");
  std::string huge_paragraph = Doc("<p>" + LongText(3000) + "</p>");
  std::string long_keep = Doc("<keep>" + Filler(400) + "</keep>");
  for (const std::string* markup : {&huge_cell, &huge_paragraph, &long_keep}) {
    clerk::Diagnostics diagnostics;
    auto document = clerk::markup::ParseMarkup(*markup, "big.xml", diagnostics);
    REQUIRE(document);
    std::clock_t start = std::clock();
    LaidOutDocument laid = Layout(*document, TestStyle(), TestFonts(), diagnostics);
    double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    CHECK(seconds < 1.0);
    CHECK(laid.pages.size() > 10);
    CHECK(FindOutside(laid) == "");
    CheckSameWords(SourceWords(*markup), Words(laid));
  }
}
