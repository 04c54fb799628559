#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "layout/pages.h"
#include "layout/style.h"
#include "markup/document.h"

/// Stage "chart": horizontal bar charts from plain numbers and labels, as placed items for
/// layout (so that they are drawn by render and tested without a PDF), as alternative text and
/// as inline SVG for the HTML twin. Nothing here reads a file or knows a PDF library.
namespace clerk::chart {

enum class Kind {
  kChange,   ///< one bar per row: the change, left of zero for a fall, right for a rise
  kCompare,  ///< two bars per row: the earlier and the later value side by side
};

/// One row of a chart.
struct Row {
  std::string label;   ///< UTF-8; wrapped onto two lines or shortened when too long
  double value = 0;    ///< kChange: the change, in the chart's unit
  double earlier = 0;  ///< kCompare
  double later = 0;    ///< kCompare
};

/// What a chart shows: plain numbers and labels.
struct Spec {
  Kind kind = Kind::kChange;
  std::string title;               ///< "Change in Level 4+ percentage by school, 2009 to 2010"
  std::string unit = "points";     ///< "points" or "%": how values are read out and labelled
  std::optional<double> headline;  ///< kChange: the value marked with a labelled dashed line
  std::string headline_label = "headline";  ///< "cohort-weighted change"
  std::string earlier_label;                ///< kCompare: the legend's name of the earlier bars
  std::string later_label;                  ///< kCompare: the legend's name of the later bars
  std::vector<Row> rows;                    ///< top to bottom
};

/// The spec a <chart> element of the markup describes.
Spec SpecFromMarkup(const markup::Chart& chart);

/// The fonts and sizes a chart is set in (the paper's body font).
struct ChartFonts {
  const layout::FontSet* fonts = nullptr;  ///< must outlive the call
  std::string family = "sans";
  std::uint16_t family_index = 0;  ///< TextRun::family of its runs (layout's index of `family`)
  double size = 9;  ///< labels, ticks, legend, points
  double leading = 11;
  double title_size = 10;
};

/// A horizontal strip of a chart. Items are in layout's band coordinates: x in page points,
/// y in points down from the strip's top (TextRun::baseline, Rule::y1/y2, Box::y = top edge).
/// Items have element -1: layout gives them the chart's structure element. The runs' text is in
/// the strip's own TextStore.
struct Strip {
  double height = 0;
  std::vector<layout::PlacedItem> items;
  layout::TextStore text;
};

/// A chart set into a given width: the strips layout stacks, and the geometry tests read.
struct ChartLayout {
  std::vector<Strip> title;  ///< one strip per line of the title
  Strip legend;              ///< the key: what each bar and line means
  Strip axis;                ///< tick labels and the axis line: repeated on every page
  std::vector<Strip> rows;   ///< one per Spec row, in order
  // Geometry, in page points (x) and in the spec's unit (values).
  double label_left = 0, label_right = 0;  ///< the column the row labels are set in
  double plot_left = 0, plot_right = 0;    ///< where axis_min and axis_max fall
  double axis_min = 0, axis_max = 0;       ///< the axis' ends: multiples of tick_step
  double tick_step = 1;                    ///< a round number: 1, 2, 2.5 or 5 times a power of 10
  double zero_x = 0;                       ///< where 0 falls
  /// The x of `value` on the axis.
  double X(double value) const {
    return plot_left + (value - axis_min) / (axis_max - axis_min) * (plot_right - plot_left);
  }
};

/// Sets `spec` into the width from `x` to `x + width` points. Every item lies inside that
/// width; row labels never overlap each other, the bars or the value printed at each bar's end.
ChartLayout LayOutChart(const Spec& spec, const ChartFonts& fonts, double x, double width);

/// The chart's alternative text, from its data: "Change in Level 4+ percentage by school,
/// 2009 to 2010: largest rise Hankham +36 points, largest fall Punnetts Town −8 points;
/// cohort-weighted change +12.4 points".
std::string AltText(const Spec& spec);

/// A value as the chart prints it: at most two decimal places, trailing zeros dropped, a sign
/// when `signed_value` ("+36", "−8.5", "0"; the minus is U+2212).
std::string FormatValue(double value, bool signed_value);

/// The chart as an inline <svg> element of `width` points (1 pt = 1 SVG user unit), with the
/// same geometry as the PDF's, role="img", aria-label and <title> the AltText. Well-formed XML.
std::string ChartSvg(const Spec& spec, const ChartFonts& fonts, double width);

/// The same, appended to `out` (the HTML twin being written) rather than made apart and copied.
void AppendChartSvg(std::string& out, const Spec& spec, const ChartFonts& fonts, double width);

/// The same, for a <chart> of the markup set in `style`'s body font across its text width.
void AppendChartSvg(std::string& out, const markup::Chart& chart, const layout::Style& style,
                    const layout::FontSet& fonts);

/// The fonts a chart uses in `style`: its body family, a little smaller than the body text.
ChartFonts FontsFor(const layout::Style& style, const layout::FontSet& fonts);

}  // namespace clerk::chart
