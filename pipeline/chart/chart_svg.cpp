#include <cstdio>
#include <string>
#include <string_view>

#include "chart/chart.h"
#include "chart/fixed_decimal.h"
#include "core/xml_escape.h"

namespace clerk::chart {

namespace {

/// Appends a coordinate or size: at most two decimals, trailing zeros dropped, never "-0".
void AppendNumber(std::string& out, double value) {
  char buffer[kFixedBufferSize];
  std::string_view text = FormatFixed(value, 2, buffer);
  while (text.back() == '0') text.remove_suffix(1);
  if (text.back() == '.') text.remove_suffix(1);
  if (text == "-0") text = "0";
  out += text;
}

/// Appends an attribute whose value is a number; `prefix` is the attribute up to its value,
/// ` x1="`, a literal (its length known here, where most of the SVG's bytes are written).
template <size_t kPrefixSize>
void AppendNumberAttribute(std::string& out, const char (&prefix)[kPrefixSize], double value) {
  out.append(prefix, kPrefixSize - 1);
  AppendNumber(out, value);
  out += '"';
}

/// Appends a gray level (0 black, 1 white) as "#rrggbb".
void AppendGray(std::string& out, double gray) {
  static const char kHex[] = "0123456789abcdef";
  const int level = static_cast<int>(gray * 255 + 0.5);
  if (level < 0 || level > 255) {  // never drawn; printed as printf's "%02x" prints it
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", level, level, level);
    out += buffer;
    return;
  }
  const char high = kHex[level >> 4], low = kHex[level & 0xF];
  out += '#';
  for (int i = 0; i < 3; ++i) {
    out += high;
    out += low;
  }
}

void AppendText(std::string& out, const layout::TextRun& run, std::string_view text, double top) {
  const bool bold =
      run.style == layout::FontStyle::kBold || run.style == layout::FontStyle::kBoldItalic;
  out += "<text";
  AppendNumberAttribute(out, " x=\"", run.x);
  AppendNumberAttribute(out, " y=\"", top + run.baseline);
  AppendNumberAttribute(out, " font-size=\"", run.size);
  if (bold) out += " font-weight=\"bold\"";
  out += '>';
  AppendXmlAttribute(out, text);
  out += "</text>\n";
}

void AppendLine(std::string& out, const layout::Rule& rule, double top) {
  out += "<line";
  AppendNumberAttribute(out, " x1=\"", rule.x1);
  AppendNumberAttribute(out, " y1=\"", top + rule.y1);
  AppendNumberAttribute(out, " x2=\"", rule.x2);
  AppendNumberAttribute(out, " y2=\"", top + rule.y2);
  out += " stroke=\"";
  AppendGray(out, rule.gray);
  out += '"';
  AppendNumberAttribute(out, " stroke-width=\"", rule.thickness);
  out += "/>\n";
}

void AppendRect(std::string& out, const layout::Box& box, double top) {
  out += "<rect";
  AppendNumberAttribute(out, " x=\"", box.x);
  AppendNumberAttribute(out, " y=\"", top + box.y);
  AppendNumberAttribute(out, " width=\"", box.width);
  AppendNumberAttribute(out, " height=\"", box.height);
  out += " fill=\"";
  if (box.filled) {
    AppendGray(out, box.fill);
  } else {
    out += "none";
  }
  out += '"';
  if (box.stroke > 0) {
    out += " stroke=\"#000000\"";
    AppendNumberAttribute(out, " stroke-width=\"", box.stroke);
  }
  out += "/>\n";
}

/// Writes a strip's items `top` points below the SVG's top edge (SVG's y also runs down).
void WriteStrip(const Strip& strip, double top, std::string& out) {
  for (const layout::PlacedItem& item : strip.items) {
    if (const auto* run = std::get_if<layout::TextRun>(&item)) {
      AppendText(out, *run, strip.text.View(run->text), top);
    } else if (const auto* rule = std::get_if<layout::Rule>(&item)) {
      AppendLine(out, *rule, top);
    } else if (const auto* box = std::get_if<layout::Box>(&item)) {
      AppendRect(out, *box, top);
    }
  }
}

}  // namespace

void AppendChartSvg(std::string& out, const Spec& spec, const ChartFonts& fonts, double width) {
  ChartLayout chart = LayOutChart(spec, fonts, 0, width);
  std::vector<const Strip*> strips;
  for (const Strip& strip : chart.title) strips.push_back(&strip);
  strips.push_back(&chart.legend);
  strips.push_back(&chart.axis);
  for (const Strip& strip : chart.rows) strips.push_back(&strip);
  double height = 0;
  size_t items = 0;
  for (const Strip* strip : strips) {
    height += strip->height;
    items += strip->items.size();
  }
  const std::string alt = XmlAttribute(AltText(spec));
  // About 100 bytes an item: room for the whole drawing at once rather than a doubling series.
  out.reserve(out.size() + 512 + 2 * alt.size() + 100 * items);
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"";
  out += alt;
  out += '"';
  AppendNumberAttribute(out, " width=\"", width);
  AppendNumberAttribute(out, " height=\"", height);
  out += " viewBox=\"0 0 ";
  AppendNumber(out, width);
  out += ' ';
  AppendNumber(out, height);
  out += "\" font-family=\"'Liberation Sans', Arial, Helvetica, sans-serif\">\n<title>";
  out += alt;
  out += "</title>\n";
  double top = 0;
  for (const Strip* strip : strips) {
    WriteStrip(*strip, top, out);
    top += strip->height;
  }
  out += "</svg>\n";
}

std::string ChartSvg(const Spec& spec, const ChartFonts& fonts, double width) {
  std::string out;
  AppendChartSvg(out, spec, fonts, width);
  return out;
}

void AppendChartSvg(std::string& out, const markup::Chart& chart, const layout::Style& style,
                    const layout::FontSet& fonts) {
  AppendChartSvg(out, SpecFromMarkup(chart), FontsFor(style, fonts), style.TextWidth());
}

}  // namespace clerk::chart
