#include <algorithm>

#include "chart/chart.h"
#include "layout/setter.h"

namespace clerk::layout {

namespace {

Band ChartBand(chart::Strip strip, int element) {
  Band band;
  band.height = strip.height;
  band.items = std::move(strip.items);
  band.text = std::move(strip.text);
  for (PlacedItem& item : band.items) {
    std::visit([&](auto& placed) { placed.element = element; }, item);
  }
  return band;
}

RowFlow ChartRow(chart::Strip strip, int element, const Region& region, int table) {
  RowFlow row;
  row.table = table;
  CellFlow cell;
  cell.x = region.x;
  cell.width = region.width;
  cell.bands.push_back(ChartBand(std::move(strip), element));
  row.cells.push_back(std::move(cell));
  return row;
}

}  // namespace

// A chart is one Figure: its title and key, then its axis as the head row of a table of its own
// (so that a page break repeats the axis, as an artifact) and each school's row as a body row,
// which the paginator never splits.
void Setter::SetChart(const markup::Chart& chart, const SourceLocation& where, Region region,
                      const TextContext& context, int parent, FlowBuilder& builder) {
  chart::Spec spec = chart::SpecFromMarkup(chart);
  int figure = AddElement(Role::kFigure, parent);
  out_.structure[static_cast<size_t>(figure)].alt = chart::AltText(spec);
  chart::ChartFonts fonts = chart::FontsFor(style_, fonts_);
  fonts.family_index = out_.FamilyIndex(fonts.family);
  CheckGlyphs(chart.title, fonts.family, FontStyle::kBold, where);
  CheckGlyphs(chart.headline_label + chart.earlier_label + chart.later_label, fonts.family,
              FontStyle::kRegular, where);
  for (const markup::ChartBar& bar : chart.bars) {
    CheckGlyphs(bar.label, fonts.family, FontStyle::kRegular, bar.where);
  }
  chart::ChartLayout laid = chart::LayOutChart(spec, fonts, region.x, region.width);

  builder.Space(std::max(style_.table_space, context.paragraph_space));
  bool first = true;
  auto add_band = [&](chart::Strip strip) {
    Band band = ChartBand(std::move(strip), figure);
    band.keep_with_next = true;
    if (first && !chart.id.empty()) band.anchors.push_back(chart.id);
    first = false;
    builder.Add(std::move(band));
  };
  for (chart::Strip& strip : laid.title) add_band(std::move(strip));
  add_band(std::move(laid.legend));

  int table = static_cast<int>(flow_.tables.size());
  flow_.tables.emplace_back();
  RowFlow head = ChartRow(std::move(laid.axis), figure, region, table);
  head.header = true;
  head.keep_with_next = true;  // the axis never ends a page
  flow_.tables.back().head.push_back(builder.Size());
  builder.Add(std::move(head));
  const size_t count = laid.rows.size();
  // A chart that fits on a page is kept on one; a longer one runs on with its axis repeated,
  // never leaving one school alone at the head of a page.
  double height = laid.legend.height + laid.axis.height;
  for (const chart::Strip& strip : laid.title) height += strip.height;
  for (const chart::Strip& strip : laid.rows) height += strip.height;
  const bool whole = height <= style_.BodyHeight();
  for (size_t i = 0; i < count; ++i) {
    RowFlow row = ChartRow(std::move(laid.rows[i]), figure, region, table);
    row.keep_with_next = i + 1 < count && (whole || (count >= 3 && i + 2 == count));
    builder.Add(std::move(row));
  }
  builder.Space(std::max(style_.table_space, context.paragraph_space));
}

}  // namespace clerk::layout
