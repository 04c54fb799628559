#include <cstdio>
#include <sstream>

#include "chart/chart.h"
#include "core/xml_escape.h"

namespace clerk::chart {

namespace {

std::string Escape(const std::string& text) { return XmlAttribute(text); }

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::string Gray(double gray) {
  int level = static_cast<int>(gray * 255 + 0.5);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", level, level, level);
  return buffer;
}

/// Writes a strip's items `top` points below the SVG's top edge (SVG's y also runs down).
void WriteStrip(const Strip& strip, double top, std::ostringstream& out) {
  for (const layout::PlacedItem& item : strip.items) {
    if (const auto* run = std::get_if<layout::TextRun>(&item)) {
      bool bold =
          run->style == layout::FontStyle::kBold || run->style == layout::FontStyle::kBoldItalic;
      out << "<text x=\"" << Number(run->x) << "\" y=\"" << Number(top + run->baseline)
          << "\" font-size=\"" << Number(run->size) << "\"";
      if (bold) out << " font-weight=\"bold\"";
      out << ">" << Escape(run->text) << "</text>\n";
    } else if (const auto* rule = std::get_if<layout::Rule>(&item)) {
      out << "<line x1=\"" << Number(rule->x1) << "\" y1=\"" << Number(top + rule->y1) << "\" x2=\""
          << Number(rule->x2) << "\" y2=\"" << Number(top + rule->y2) << "\" stroke=\""
          << Gray(rule->gray) << "\" stroke-width=\"" << Number(rule->thickness) << "\"/>\n";
    } else if (const auto* box = std::get_if<layout::Box>(&item)) {
      out << "<rect x=\"" << Number(box->x) << "\" y=\"" << Number(top + box->y) << "\" width=\""
          << Number(box->width) << "\" height=\"" << Number(box->height) << "\" fill=\""
          << (box->fill_gray ? Gray(*box->fill_gray) : "none") << "\"";
      if (box->stroke > 0) {
        out << " stroke=\"#000000\" stroke-width=\"" << Number(box->stroke) << "\"";
      }
      out << "/>\n";
    }
  }
}

}  // namespace

std::string ChartSvg(const Spec& spec, const ChartFonts& fonts, double width) {
  ChartLayout chart = LayOutChart(spec, fonts, 0, width);
  std::vector<const Strip*> strips;
  for (const Strip& strip : chart.title) strips.push_back(&strip);
  strips.push_back(&chart.legend);
  strips.push_back(&chart.axis);
  for (const Strip& strip : chart.rows) strips.push_back(&strip);
  double height = 0;
  for (const Strip* strip : strips) height += strip->height;
  const std::string alt = Escape(AltText(spec));
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" << alt
      << "\" width=\"" << Number(width) << "\" height=\"" << Number(height) << "\" viewBox=\"0 0 "
      << Number(width) << " " << Number(height)
      << "\" font-family=\"'Liberation Sans', Arial, Helvetica, sans-serif\">\n";
  out << "<title>" << alt << "</title>\n";
  double top = 0;
  for (const Strip* strip : strips) {
    WriteStrip(*strip, top, out);
    top += strip->height;
  }
  out << "</svg>\n";
  return out.str();
}

std::string ChartSvg(const markup::Chart& chart, const layout::Style& style,
                     const layout::FontSet& fonts) {
  return ChartSvg(SpecFromMarkup(chart), FontsFor(style, fonts), style.TextWidth());
}

}  // namespace clerk::chart
