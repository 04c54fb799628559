#include <algorithm>
#include <ctime>

#include "layout_checks.h"

using namespace clerk::layout;
using namespace clerk::layout::testing;

namespace {

/// The June 2011 update report, as merge writes it (tests/unit/layout/data/).
std::string PaperMarkup() {
  clerk::DiskFileSystem disk;
  std::string error;
  auto text = disk.ReadFile(
      std::string(CLERK_TESTS_DIR) + "/unit/layout/data/scrutiny-update-2011-06.xml", &error);
  REQUIRE(text);
  return *text;
}

}  // namespace

TEST_CASE("The June 2011 paper sets as a council paper") {
  std::string markup = PaperMarkup();
  clerk::Diagnostics diagnostics;
  auto document = clerk::markup::ParseMarkup(markup, "paper.xml", diagnostics);
  REQUIRE(document);
  REQUIRE(diagnostics.Empty());
  std::clock_t start = std::clock();
  LaidOutDocument laid = Layout(*document, TestStyle(), TestFonts(), diagnostics);
  double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  CHECK(diagnostics.Empty());
  CHECK(seconds < 0.25);  // a few milliseconds, with room for a loaded machine
  CHECK(laid.pages.size() == 6);
  CHECK(FindOverlap(laid) == "");
  CHECK(FindOutside(laid) == "");

  // The cover: labels in bold, the recommendation boxed, then "1." Financial Appraisal.
  const Page& cover = laid.pages[0];
  auto report_to = Find(cover, "Report to:");
  REQUIRE(report_to.size() == 1);
  CHECK(report_to[0].style == FontStyle::kBold);
  CHECK(Find(cover, "RECOMMENDATION:").size() == 1);
  CHECK(Find(cover, "Financial Appraisal").size() == 1);

  // The action plan: its head on both pages the table spans, row 1 split between them.
  int head_pages = 0;
  for (const Page& page : laid.pages) head_pages += !Find(page, "Time scale").empty();
  CHECK(head_pages == 3);
  // Signed where it should be, and Appendix 2 on the last page.
  CHECK(Find(laid.pages[1], "MATT DUNKLEY").size() == 1);
  CHECK(Find(laid.pages[5], "Appendix 2").size() == 1);

  // Every word of the markup's text comes out (labels and markers added).
  std::vector<std::string> words = Words(laid);
  for (const char* word : {"Quarterly", "Siddall.", "Hankham", "36%", "‘Numbers", "1:1",
                           "Children's", "14th-25th", "(0-11)"}) {
    CHECK(std::count(words.begin(), words.end(), word) >= 1);
  }
  CHECK(laid.outline.size() == 5);
  CHECK(laid.info.date == "2011-06-14");
}
