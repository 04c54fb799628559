#include "chart/chart.h"

#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>

#include <catch2/catch.hpp>
#include <cmath>

#include "../layout/layout_checks.h"

using clerk::chart::AltText;
using clerk::chart::ChartFonts;
using clerk::chart::ChartLayout;
using clerk::chart::ChartSvg;
using clerk::chart::FontsFor;
using clerk::chart::FormatValue;
using clerk::chart::Kind;
using clerk::chart::LayOutChart;
using clerk::chart::Spec;
using clerk::chart::Strip;
using clerk::layout::Box;
using clerk::layout::PlacedItem;
using clerk::layout::Rule;
using clerk::layout::TextRun;
using clerk::layout::testing::Shown;
using clerk::layout::testing::ShownRun;
using clerk::layout::testing::TestFonts;
using clerk::layout::testing::TestStyle;

namespace {

ChartFonts Fonts() { return FontsFor(TestStyle(), TestFonts()); }

Spec ChangeSpec(std::vector<std::pair<std::string, double>> rows) {
  Spec spec;
  spec.kind = Kind::kChange;
  spec.title = "Change in Level 4+ percentage by school, 2009 to 2010";
  spec.unit = "points";
  spec.headline = 12.4;
  spec.headline_label = "cohort-weighted change";
  for (auto& [label, value] : rows) spec.rows.push_back({label, value, 0, 0});
  return spec;
}

/// The bars of a row: its boxes (filled or outlined), left to right.
std::vector<Box> Bars(const Strip& strip) {
  std::vector<Box> boxes;
  for (const PlacedItem& item : strip.items) {
    if (const auto* box = std::get_if<Box>(&item)) boxes.push_back(*box);
  }
  return boxes;
}

/// The runs of a strip, with their text.
std::vector<ShownRun> Texts(const Strip& strip) {
  std::vector<ShownRun> runs;
  for (const PlacedItem& item : strip.items) {
    if (const auto* run = std::get_if<TextRun>(&item)) {
      runs.push_back(Shown(*run, strip.text.View(run->text)));
    }
  }
  return runs;
}

/// Whether every item of `strip` lies between x = left and x = right.
bool Inside(const Strip& strip, double left, double right) {
  const double slack = 0.01;
  for (const PlacedItem& item : strip.items) {
    double a = 0, b = 0;
    if (const auto* run = std::get_if<TextRun>(&item)) {
      a = run->x;
      b = run->x + run->width;
    } else if (const auto* rule = std::get_if<Rule>(&item)) {
      a = std::min(rule->x1, rule->x2);
      b = std::max(rule->x1, rule->x2);
    } else if (const auto* box = std::get_if<Box>(&item)) {
      a = box->x;
      b = box->x + box->width;
    }
    if (a < left - slack || b > right + slack) return false;
  }
  return true;
}

/// Whether the ink boxes of two runs of one strip intersect.
bool Overlap(const ShownRun& a, const ShownRun& b) {
  auto ink = [](const ShownRun& run) { return clerk::layout::testing::InkOf(run); };
  auto i = ink(a), j = ink(b);
  const double slack = 0.01;
  return !(i.right <= j.left + slack || j.right <= i.left + slack || i.top <= j.bottom + slack ||
           j.top <= i.bottom + slack);
}

}  // namespace

TEST_CASE("A change bar's length is proportional to its value, falls to the left of zero") {
  Spec spec =
      ChangeSpec({{"Hankham", 36}, {"Punnetts Town", -8}, {"Ninfield", 12}, {"Wadhurst", 2.5}});
  ChartLayout chart = LayOutChart(spec, Fonts(), 56.7, 481.9);
  REQUIRE(chart.rows.size() == 4);
  double per_point = (chart.X(10) - chart.X(0)) / 10;
  REQUIRE(per_point > 0);
  for (size_t i = 0; i < spec.rows.size(); ++i) {
    std::vector<Box> bars = Bars(chart.rows[i]);
    REQUIRE(bars.size() == 1);
    double value = spec.rows[i].value;
    CHECK(bars[0].width == Approx(std::fabs(value) * per_point));
    if (value < 0) {
      CHECK(bars[0].x + bars[0].width == Approx(chart.zero_x));
      // A fall is outlined and hatched, not filled: it reads in black and white.
      CHECK(bars[0].stroke > 0);
      CHECK_FALSE(bars[0].FillGray());
    } else {
      CHECK(bars[0].x == Approx(chart.zero_x));
      CHECK(bars[0].FillGray());
    }
  }
  // The hatching stays inside the fall's bar.
  Box fall = Bars(chart.rows[1])[0];
  int hatches = 0;
  for (const PlacedItem& item : chart.rows[1].items) {
    const auto* rule = std::get_if<Rule>(&item);
    if (!rule || rule->x1 == rule->x2) continue;  // gridlines, zero and headline are upright
    ++hatches;
    for (double x : {rule->x1, rule->x2}) {
      CHECK(x >= fall.x - 0.01);
      CHECK(x <= fall.x + fall.width + 0.01);
    }
    for (double y : {rule->y1, rule->y2}) {
      CHECK(y >= fall.y - 0.01);
      CHECK(y <= fall.y + fall.height + 0.01);
    }
  }
  CHECK(hatches > 3);
}

TEST_CASE("The axis covers the data and the headline with round ticks") {
  for (auto rows :
       std::vector<std::vector<std::pair<std::string, double>>>{{{"A", 36}, {"B", -8}},
                                                                {{"A", 0.3}, {"B", 0.7}},
                                                                {{"A", -120}, {"B", -45}},
                                                                {{"A", 0}},
                                                                {{"A", 1234}, {"B", 5}}}) {
    Spec spec = ChangeSpec(rows);
    spec.headline.reset();
    ChartLayout chart = LayOutChart(spec, Fonts(), 56.7, 481.9);
    for (const auto& [label, value] : rows) {
      CHECK(chart.axis_min <= value);
      CHECK(chart.axis_max >= value);
    }
    CHECK(chart.axis_min <= 0);
    CHECK(chart.axis_max >= 0);
    CHECK(chart.axis_max > chart.axis_min);
    double power = std::pow(10, std::floor(std::log10(chart.tick_step)));
    double factor = chart.tick_step / power;
    bool round = false;
    for (double allowed : {1.0, 2.0, 2.5, 5.0}) round = round || std::fabs(factor - allowed) < 1e-9;
    CHECK(round);
    double steps_min = chart.axis_min / chart.tick_step;
    CHECK(std::fabs(steps_min - std::round(steps_min)) < 1e-9);
    // Every tick is labelled in the axis strip, and the labels are apart.
    std::vector<ShownRun> labels = Texts(chart.axis);
    int ticks = static_cast<int>(std::lround((chart.axis_max - chart.axis_min) / chart.tick_step));
    CHECK(static_cast<int>(labels.size()) == ticks + 2);  // and the caption above them
    for (size_t a = 0; a < labels.size(); ++a) {
      for (size_t b = a + 1; b < labels.size(); ++b) CHECK_FALSE(Overlap(labels[a], labels[b]));
    }
  }
  Spec spec = ChangeSpec({{"Hankham", 36}, {"Punnetts Town", -8}});
  ChartLayout chart = LayOutChart(spec, Fonts(), 56.7, 481.9);
  CHECK(chart.axis_min == -10);
  CHECK(chart.axis_max == 40);
  std::vector<std::string> texts;
  for (const ShownRun& run : Texts(chart.axis)) texts.push_back(run.text);
  CHECK(texts == std::vector<std::string>{"Change, percentage points",
                                          "\xE2\x88\x92"
                                          "10",
                                          "0", "+10", "+20", "+30", "+40"});
}

TEST_CASE("Values are printed as the paper prints them") {
  CHECK(FormatValue(36, true) == "+36");
  CHECK(FormatValue(-8, true) ==
        "\xE2\x88\x92"
        "8");
  CHECK(FormatValue(12.4, true) == "+12.4");
  CHECK(FormatValue(0, true) == "0");
  CHECK(FormatValue(61, false) == "61");
  CHECK(FormatValue(2.25, false) == "2.25");
  CHECK(FormatValue(-0.001, true) == "0");
}

TEST_CASE("The alternative text is made from the data") {
  Spec spec =
      ChangeSpec({{"Ninfield", 12}, {"Hankham", 36}, {"Punnetts Town", -8}, {"Wadhurst", -2}});
  CHECK(AltText(spec) ==
        "Change in Level 4+ percentage by school, 2009 to 2010: largest rise Hankham +36 points, "
        "largest fall Punnetts Town \xE2\x88\x92"
        "8 points; cohort-weighted change +12.4 points");
  Spec rises = ChangeSpec({{"A", 3}});
  rises.headline.reset();
  CHECK(
      AltText(rises) ==
      "Change in Level 4+ percentage by school, 2009 to 2010: largest rise A +3 points, no falls");
  Spec compare;
  compare.kind = Kind::kCompare;
  compare.title = "Level 4+ percentage by school, 2009 and 2010";
  compare.unit = "%";
  compare.earlier_label = "2009";
  compare.later_label = "2010";
  compare.rows = {{"A", 0, 50, 86}, {"B", 0, 70, 62}};
  CHECK(AltText(compare) ==
        "Level 4+ percentage by school, 2009 and 2010: 2010 highest A 86%, lowest B 62%; 2009 "
        "highest B 70%, lowest A 50%");
}

TEST_CASE("Compare rows draw the earlier and the later value side by side") {
  Spec spec;
  spec.kind = Kind::kCompare;
  spec.title = "Level 4+";
  spec.unit = "%";
  spec.earlier_label = "2009";
  spec.later_label = "2010";
  spec.rows = {{"Hankham", 0, 50, 86}, {"Punnetts Town", 0, 81, 73}};
  ChartLayout chart = LayOutChart(spec, Fonts(), 56.7, 481.9);
  CHECK(chart.axis_min == 0);
  CHECK(chart.axis_max >= 86);
  double per_unit = (chart.X(10) - chart.X(0)) / 10;
  for (size_t i = 0; i < 2; ++i) {
    std::vector<Box> bars = Bars(chart.rows[i]);
    REQUIRE(bars.size() == 2);
    CHECK(bars[0].width == Approx(spec.rows[i].earlier * per_unit));
    CHECK(bars[1].width == Approx(spec.rows[i].later * per_unit));
    CHECK(bars[0].y + bars[0].height <= bars[1].y);  // earlier above later, apart
    // Distinct without colour: the earlier outlined, the later solid.
    CHECK(bars[0].stroke > 0);
    CHECK(bars[1].stroke == 0);
    std::vector<ShownRun> texts = Texts(chart.rows[i]);
    for (size_t a = 0; a < texts.size(); ++a) {
      for (size_t b = a + 1; b < texts.size(); ++b) CHECK_FALSE(Overlap(texts[a], texts[b]));
    }
  }
  std::vector<std::string> values;
  for (const ShownRun& run : Texts(chart.rows[0])) values.push_back(run.text);
  CHECK(values == std::vector<std::string>{"Hankham", "50%", "86%"});
}

TEST_CASE("1 and 200 rows keep to the width, and labels never overlap") {
  for (size_t count : {size_t{1}, size_t{200}}) {
    std::vector<std::pair<std::string, double>> rows;
    for (size_t i = 0; i < count; ++i) {
      std::string label = i % 7 == 3 ? "The Very Long Name of a Church of England Voluntary "
                                       "Aided Primary School Number " +
                                           std::to_string(i)
                                     : "School " + std::to_string(i);
      rows.emplace_back(label, (static_cast<double>(i % 23) - 9) * 1.5);
    }
    Spec spec = ChangeSpec(rows);
    ChartLayout chart = LayOutChart(spec, Fonts(), 56.7, 481.9);
    REQUIRE(chart.rows.size() == count);
    for (const Strip& strip : chart.title) CHECK(Inside(strip, 56.7, 538.6));
    CHECK(Inside(chart.legend, 56.7, 538.6));
    CHECK(Inside(chart.axis, 56.7, 538.6));
    for (const Strip& strip : chart.rows) {
      CHECK(Inside(strip, 56.7, 538.6));
      std::vector<ShownRun> texts = Texts(strip);
      REQUIRE(texts.size() >= 2);
      for (size_t a = 0; a < texts.size(); ++a) {
        // Every text inside its strip's height.
        const auto& face = TestFonts().Face(TestStyle().body.family, texts[a].style);
        CHECK(texts[a].baseline - face.Ascent(texts[a].size) >= -0.01);
        CHECK(texts[a].baseline + face.Descent(texts[a].size) <= strip.height + 0.01);
        for (size_t b = a + 1; b < texts.size(); ++b) CHECK_FALSE(Overlap(texts[a], texts[b]));
      }
      // The label (one or two lines, the rest of a long name shortened) stays in its column.
      for (const ShownRun& run : texts) {
        if (run.x < chart.label_right) CHECK(run.x + run.width <= chart.label_right + 0.01);
      }
    }
  }
  // A long name wraps onto two lines, the rest shortened with an ellipsis.
  Spec spec = ChangeSpec({{"The Very Long Name of a Church of England Voluntary Aided Primary "
                           "School with a Nursery Class and a Unit for Pupils with Hearing "
                           "Impairment",
                           4},
                          {"Short", 1}});
  ChartLayout chart = LayOutChart(spec, Fonts(), 56.7, 481.9);
  std::vector<ShownRun> texts = Texts(chart.rows[0]);
  REQUIRE(texts.size() == 3);  // two lines of label, and the value
  CHECK(texts[1].text.substr(texts[1].text.size() - 3) == "\xE2\x80\xA6");
}

namespace {

class Collect : public Poco::XML::DefaultHandler {
 public:
  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local_name,
                    const Poco::XML::XMLString& qname,
                    const Poco::XML::Attributes& attributes) override {
    std::string name = qname.empty() ? local_name : qname;
    elements.push_back(name);
    for (int i = 0; i < attributes.getLength(); ++i) {
      std::string attribute =
          attributes.getQName(i).empty() ? attributes.getLocalName(i) : attributes.getQName(i);
      if (name == "svg" && attribute == "aria-label") label = attributes.getValue(i);
    }
    in_title = name == "title";
  }
  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                  const Poco::XML::XMLString&) override {
    in_title = false;
  }
  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (in_title) title.append(ch + start, static_cast<size_t>(length));
  }
  std::vector<std::string> elements;
  std::string label, title;
  bool in_title = false;
};

}  // namespace

TEST_CASE("The SVG is well-formed XML labelled with the alternative text") {
  Spec spec = ChangeSpec({{"Hankham & Co <1>", 36}, {"Punnetts Town", -8}});
  std::string svg = ChartSvg(spec, Fonts(), 481.9);
  Collect collect;
  Poco::XML::SAXParser parser;
  parser.setContentHandler(&collect);
  REQUIRE_NOTHROW(parser.parseString(svg));
  REQUIRE(!collect.elements.empty());
  CHECK(collect.elements.front() == "svg");
  CHECK(svg.find("role=\"img\"") != std::string::npos);
  CHECK(collect.label == AltText(spec));
  CHECK(collect.title == AltText(spec));
  CHECK(std::count(collect.elements.begin(), collect.elements.end(), "rect") >= 2);
  CHECK(svg.find("&amp;") != std::string::npos);
}
