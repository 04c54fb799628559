#include <catch2/catch.hpp>

#include "layout_checks.h"

using namespace clerk::layout;
using namespace clerk::layout::testing;

namespace {

std::string ChartMarkup(size_t count) {
  std::string markup =
      "<p>Before the chart.</p>"
      "<chart kind=\"change\" title=\"Change in Level 4+ percentage by school, 2009 to 2010\" "
      "unit=\"points\" headline=\"12.4\" headline-label=\"cohort-weighted change\">";
  for (size_t i = 0; i < count; ++i) {
    markup += "<bar label=\"School " + std::to_string(i + 1) + "\" value=\"" +
              std::to_string(static_cast<int>(i % 17) - 5) + "\"/>";
  }
  return markup + "</chart><p>After the chart.</p>";
}

/// Whether every rule and box of the page lies inside the text block.
bool GraphicsInside(const Page& page, const Style& style) {
  const double slack = 0.01;
  const double left = style.margin_left, right = style.page_width - style.margin_right;
  const double bottom = style.margin_bottom, top = style.page_height - style.margin_top;
  for (const PlacedItem& item : page.items) {
    if (const auto* rule = std::get_if<Rule>(&item)) {
      for (double x : {rule->x1, rule->x2}) {
        if (x < left - slack || x > right + slack) return false;
      }
      for (double y : {rule->y1, rule->y2}) {
        if (y < bottom - slack || y > top + slack) return false;
      }
    } else if (const auto* box = std::get_if<Box>(&item)) {
      if (box->x < left - slack || box->x + box->width > right + slack || box->y < bottom - slack ||
          box->y + box->height > top + slack) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace

TEST_CASE("A chart of 120 rows runs over pages with its axis repeated, as one Figure") {
  LaidOutDocument laid = LayOut(Doc(ChartMarkup(120)));
  REQUIRE(laid.pages.size() >= 3);
  CHECK(FindOverlap(laid) == "");
  CHECK(FindOutside(laid) == "");
  int figures = 0, figure = -1;
  for (size_t e = 0; e < laid.structure.size(); ++e) {
    if (laid.structure[e].role == Role::kFigure) {
      ++figures;
      figure = static_cast<int>(e);
    }
  }
  REQUIRE(figures == 1);
  CHECK(laid.structure[static_cast<size_t>(figure)].alt ==
        "Change in Level 4+ percentage by school, 2009 to 2010: largest rise School 17 +11 points, "
        "largest fall School 1 \xE2\x88\x92"
        "5 points; cohort-weighted change +12.4 points");
  // Every school once, in order, belonging to the figure; the axis on every page with rows,
  // an artifact after the first.
  int next = 1;
  bool first_chart_page = true;
  for (size_t p = 0; p < laid.pages.size(); ++p) {
    const Page& page = laid.pages[p];
    CHECK(GraphicsInside(page, TestStyle()));
    bool has_rows = false;
    for (const ShownRun& run : Runs(page)) {
      if (run.text == "School " + std::to_string(next)) {
        CHECK(run.element == figure);
        has_rows = true;
        ++next;
      }
    }
    if (!has_rows) continue;
    std::vector<ShownRun> captions = Find(page, "Change, percentage points");
    REQUIRE(captions.size() == 1);
    CHECK(captions[0].element == (first_chart_page ? figure : -1));
    first_chart_page = false;
    // The axis sits above the page's first row.
    double first_row = 0;
    for (const ShownRun& run : Runs(page)) {
      if (run.text.rfind("School ", 0) == 0) {
        first_row = std::max(first_row, run.baseline);
      }
    }
    CHECK(captions[0].baseline > first_row);
  }
  CHECK(next == 121);
  std::string dump = DumpLayout(laid);
  CHECK(dump.find(" Figure parent=") != std::string::npos);
  CHECK(dump.find("alt=\"Change in Level 4+") != std::string::npos);
}

TEST_CASE("A chart of one row fits the text block") {
  LaidOutDocument laid = LayOut(Doc(ChartMarkup(1)));
  REQUIRE(laid.pages.size() == 1);
  CHECK(FindOverlap(laid) == "");
  CHECK(FindOutside(laid) == "");
  CHECK(GraphicsInside(laid.pages[0], TestStyle()));
  CHECK(Find(laid.pages[0], "School 1").size() == 1);
  // The bar's value, and the axis' tick at -5.
  CHECK(Find(laid.pages[0],
             "\xE2\x88\x92"
             "5")
            .size() == 2);
}
