// End to end: `clerk build` on the example review, read back as a reader's tools read the PDFs.
#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>
#include <memory>
#include <string>

#include "cli/paper_maker.h"
#include "core/file_system.h"
#include "example_review.h"
#include "run_program.h"

using clerk::testing::Example;
using clerk::testing::kExample;
using clerk::testing::RunClerk;
using clerk::testing::RunProgram;
using clerk::testing::Squeeze;
using clerk::testing::TemporaryDirectory;

namespace {

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// True when `expected`'s words stand in `text` in order, starting together (its first three
// words in a row) and finishing within three times its length: a sentence in a table row that
// was split over two pages has the other cells' parts and the page's footer between its words.
bool ContainsWordsInOrder(const std::vector<std::string>& text, const std::string& expected) {
  std::vector<std::string> wanted = Words(expected);
  if (wanted.empty()) return true;
  size_t lead = std::min<size_t>(3, wanted.size());
  for (size_t start = 0; start + lead <= text.size(); ++start) {
    if (!std::equal(wanted.begin(), wanted.begin() + lead, text.begin() + start)) continue;
    size_t limit = std::min(text.size(), start + 3 * wanted.size() + 20);
    size_t next = lead;
    for (size_t i = start + lead; i < limit && next < wanted.size(); ++i) {
      if (text[i] == wanted[next]) {
        ++next;
      } else if (i + 1 < limit && text[i] + text[i + 1] == wanted[next]) {
        ++next;  // a line broken after a slash or a dash: "training/" "familiarisation"
        ++i;
      }
    }
    if (next == wanted.size()) return true;
  }
  return false;
}

struct BuiltPapers {
  TemporaryDirectory outputs;
  int exit_code = -1;
  std::string log;
};

// Builds both reports once for every test in this file.
const BuiltPapers& Built() {
  // Held until the program ends, when its folder is removed.
  static std::unique_ptr<BuiltPapers> built = [] {
    auto papers = std::make_unique<BuiltPapers>();
    auto result = RunClerk({"build", kExample, "--all", "--output-dir", papers->outputs.Path()});
    papers->exit_code = result.exit_code;
    papers->log = result.err;
    return papers;
  }();
  return *built;
}

// Each report's first draft, named by the reference its committee's pattern gives it.
std::string DraftName(const std::string& report) {
  return report == "cabinet-2010-12" ? "CAB-2010-01-draft-v1.pdf" : "CSSC-2011-01-draft-v1.pdf";
}

std::string PdfPath(const std::string& report) {
  return Built().outputs.Path() + "/" + DraftName(report);
}

// layout: as the page shows it (pdftotext -layout), for table rows; otherwise in the order the
// text was drawn (-raw), which is the reading order, for sentences that wrap in a cell.
std::string Text(const std::string& report, bool layout) {
  std::vector<std::string> args{layout ? "-layout" : "-raw"};
  args.insert(args.end(), {PdfPath(report), "-"});
  auto result = RunProgram("/usr/bin/pdftotext", args);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.empty());  // no poppler warnings (for example about the ToUnicode map)
  return result.out;
}

int PageCount(const std::string& report) {
  auto info = RunProgram("/usr/bin/pdfinfo", {PdfPath(report)});
  REQUIRE(info.exit_code == 0);
  std::smatch match;
  REQUIRE(std::regex_search(info.out, match, std::regex("Pages:\\s+(\\d+)")));
  return std::stoi(match[1]);
}

}  // namespace

TEST_CASE("both reports build, and the PDFs are sound") {
  REQUIRE(Built().exit_code == 0);
  for (const char* report : {"cabinet-2010-12", "cssc-2011-06"}) {
    auto check = RunProgram("/usr/bin/qpdf", {"--check", PdfPath(report)});
    CHECK(check.exit_code == 0);
    auto fonts = RunProgram("/usr/bin/pdffonts", {PdfPath(report)});
    REQUIRE(fonts.exit_code == 0);
    // Every font line (after the two header lines) says emb yes.
    std::regex font_line("\\n[^\\n]*(CID TrueType|TrueType)[^\\n]*");
    int faces = 0;
    for (std::sregex_iterator it(fonts.out.begin(), fonts.out.end(), font_line), end; it != end;
         ++it) {
      ++faces;
      CHECK_THAT(it->str(), Catch::Contains(" yes yes yes "));
    }
    CHECK(faces >= 3);
  }
}

TEST_CASE("every page of the June 2011 paper says Page n of N with the right N") {
  REQUIRE(Built().exit_code == 0);
  int pages = PageCount("cssc-2011-06");
  CHECK(pages > 8);
  std::string text = Squeeze(Text("cssc-2011-06", true));
  for (int page = 1; page <= pages; ++page) {
    CHECK_THAT(text,
               Catch::Contains("Page " + std::to_string(page) + " of " + std::to_string(pages)));
  }
  CHECK_THAT(text, !Catch::Contains("Page " + std::to_string(pages + 1) + " of"));
}

TEST_CASE("the June 2011 narrative's figures and references come from the facts") {
  REQUIRE(Built().exit_code == 0);
  std::string text = Squeeze(Text("cssc-2011-06", false));
  CHECK_THAT(text, Catch::Contains("very positive outcomes with 12.4% improvement at level 4 in "
                                   "focus schools in 2010"));
  CHECK_THAT(text, Catch::Contains("for the 22 schools involved in the quality mathematics "
                                   "programme (QMP) is attached as Appendix 2"));
  CHECK_THAT(text, Catch::Contains("attached to this report as Appendix 1 was resourced"));
  CHECK_THAT(text, Catch::Contains("Appendix 3 contains the action plan to November 2010"));
  for (const char* number : {"1.1", "1.6", "2.1", "2.5", "3.1", "3.2"}) {
    CHECK_THAT(text, Catch::Contains(std::string(" ") + number + " "));
  }
}

TEST_CASE("the June 2011 attainment appendix shows every figure as computed") {
  REQUIRE(Built().exit_code == 0);
  std::string text = Squeeze(Text("cssc-2011-06", true));
  const auto* report = Example().facts.Find("cssc-2011-06");
  REQUIRE(report);
  REQUIRE(report->attainment.count("2009-2010") == 1);
  const auto& analysis = report->attainment.at("2009-2010");
  REQUIRE(analysis.measures.size() == 2);
  for (const auto& measure : analysis.measures) {
    for (const auto& school : measure.schools) {
      // A row of the per-measure table: school, % increase, 2010 cohort, improved pupils.
      CHECK_THAT(text, Catch::Contains(school.school + " " + school.change.ToString() + " " +
                                       std::to_string(school.cohort) + " " +
                                       std::to_string(school.improved)));
    }
  }
  CHECK_THAT(text, Catch::Contains("Total 974 120"));
  CHECK_THAT(text, Catch::Contains("Total 974 54"));
  CHECK_THAT(text, Catch::Contains("12.4%"));
  CHECK_THAT(text, Catch::Contains("5.6%"));
  // The first table: both years' percentages and the change, per school.
  CHECK_THAT(text, Catch::Contains("Tollgate 68% 25% 84% 33% 16% 8%"));
  CHECK_THAT(text, Catch::Contains("Castledown 50% 17% 76% 33% 26% 16%"));
}

TEST_CASE("every recommendation and action of a report is in its paper") {
  REQUIRE(Built().exit_code == 0);
  for (const char* id : {"cabinet-2010-12", "cssc-2011-06"}) {
    std::vector<std::string> words = Words(Text(id, false));
    const auto* report = Example().facts.Find(id);
    REQUIRE(report);
    for (const auto& recommendation : report->recommendations) {
      INFO(id << " recommendation " << recommendation.id);
      CHECK(ContainsWordsInOrder(words, recommendation.text));
      for (const auto& action : recommendation.actions) {
        INFO("action " << action.id << ": " << action.text);
        CHECK(ContainsWordsInOrder(words, action.text));
      }
    }
  }
}

TEST_CASE("the December 2010 report shows no update dated after November 2010") {
  REQUIRE(Built().exit_code == 0);
  std::string text = Squeeze(Text("cabinet-2010-12", false));
  CHECK_THAT(text, Catch::Contains("Launch conference 24/11/10"));
  CHECK_THAT(text, !Catch::Contains("May 2011"));
  CHECK_THAT(text, !Catch::Contains("Mathematics Fortnight ran 14th-25th March"));
  int pages = PageCount("cabinet-2010-12");
  CHECK_THAT(text,
             Catch::Contains("Page " + std::to_string(pages) + " of " + std::to_string(pages)));
}

TEST_CASE("the same inputs give the same bytes") {
  REQUIRE(Built().exit_code == 0);
  TemporaryDirectory again;
  auto result =
      RunClerk({"build", kExample, "--report", "cssc-2011-06", "--output-dir", again.Path()});
  REQUIRE(result.exit_code == 0);
  CHECK(clerk::testing::ReadWholeFile(again.Path() + "/" + DraftName("cssc-2011-06")) ==
        clerk::testing::ReadWholeFile(PdfPath("cssc-2011-06")));
}
