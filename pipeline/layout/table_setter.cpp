#include <algorithm>
#include <numeric>

#include "layout/setter.h"

namespace clerk::layout {

std::vector<double> Setter::ColumnWidths(const markup::Table& table, double width,
                                         const SourceLocation& where) {
  double fixed = 0, proportional = 0;
  for (const markup::ColumnWidth& column : table.widths) {
    (column.fixed ? fixed : proportional) += column.value;
  }
  double fixed_scale = 1;
  if (fixed > width || (fixed == width && proportional > 0)) {
    diagnostics_.Warning(where,
                         "the table's fixed column widths add up to more than the " +
                             std::to_string(static_cast<int>(width)) +
                             "pt of the text width; they are narrowed to fit",
                         "use proportions (widths=\"6 47 47\") or smaller widths");
    // Leave the proportional columns a share as if they were a fifth of the table each.
    double share = proportional > 0 ? width * 0.2 : 0;
    fixed_scale = (width - share) / fixed;
  }
  double rest = std::max(0.0, width - fixed * fixed_scale);
  std::vector<double> widths;
  for (const markup::ColumnWidth& column : table.widths) {
    widths.push_back(column.fixed ? column.value * fixed_scale
                                  : (proportional > 0 ? rest * column.value / proportional : 0));
  }
  double narrowest = *std::min_element(widths.begin(), widths.end());
  if (narrowest < 2 * style_.cell_padding + 12) {
    diagnostics_.Warning(where,
                         "a column of this table is narrower than a word of two letters; its "
                         "text will be broken between letters",
                         "give the column a larger share of widths=\"...\"");
  }
  return widths;
}

CellFlow Setter::SetCell(const markup::Blocks& blocks, double x, double width, double padding,
                         const TextContext& context, int parent) {
  CellFlow cell;
  cell.x = x;
  cell.width = width;
  if (cell_depth_ == cell_builders_.size()) {
    cell_builders_.push_back(std::make_unique<FlowBuilder>());
  }
  FlowBuilder& builder = *cell_builders_[cell_depth_++];  // (a cell may hold a box with cells)
  double inner = std::max(1.0, width - 2 * padding);
  SetBlocks(blocks, Region{x + padding, inner}, context, parent, builder);
  cell.bands = builder.TakeBands();
  --cell_depth_;
  return cell;
}

void Setter::SetTable(const markup::Table& table, const SourceLocation& where, Region region,
                      const TextContext& context, int parent, FlowBuilder& builder) {
  std::vector<double> widths = ColumnWidths(table, region.width, where);
  std::vector<double> left(widths.size() + 1, region.x);
  for (size_t c = 0; c < widths.size(); ++c) left[c + 1] = left[c] + widths[c];

  size_t table_index = flow_.tables.size();
  flow_.tables.emplace_back();
  int table_element = AddElement(Role::kTable, parent);
  TextContext cell_context;
  cell_context.text = style_.table_text;
  cell_context.paragraph_space =
      style_.paragraph_space * style_.table_text.size / std::max(1.0, style_.body.size);
  cell_context.in_cell = true;
  RowFrame frame = table.rule == markup::TableRule::kGrid   ? RowFrame::kGrid
                   : table.rule == markup::TableRule::kRows ? RowFrame::kRows
                                                            : RowFrame::kNone;
  builder.Space(std::max(style_.table_space, context.paragraph_space));

  auto set_rows = [&](const std::vector<markup::Row>& rows, bool head, int group) {
    for (const markup::Row& row : rows) {
      int row_element = AddElement(Role::kTR, group);
      RowFlow flow_row;
      flow_row.padding = style_.cell_padding;
      flow_row.frame = frame;
      flow_row.rule = style_.table_rule;
      flow_row.header = head;
      flow_row.table = static_cast<int>(table_index);
      flow_row.cells.reserve(row.cells.size());
      flow_row.keep_with_next = head;  // a head never ends a page
      if (head) flow_row.fill = style_.header_fill;
      size_t column = 0;
      for (const markup::Cell& cell : row.cells) {
        size_t span = static_cast<size_t>(cell.colspan);
        size_t end = std::min(column + span, widths.size());
        int cell_element = AddElement(cell.header ? Role::kTH : Role::kTD, row_element,
                                      cell.header ? (head ? "Column" : "Row") : "");
        TextContext this_cell = cell_context;
        if (cell.header) this_cell.base = FontStyle::kBold;
        flow_row.cells.push_back(SetCell(cell.body, left[column], left[end] - left[column],
                                         style_.cell_padding, this_cell, cell_element));
        column = end;
      }
      if (flow_row.cells.empty()) continue;
      if (head) flow_.tables[table_index].head.push_back(builder.Size());
      builder.Add(std::move(flow_row));
    }
  };
  if (!table.head.empty()) set_rows(table.head, true, AddElement(Role::kTHead, table_element));
  if (!table.body.empty()) set_rows(table.body, false, AddElement(Role::kTBody, table_element));
  builder.Space(std::max(style_.table_space, context.paragraph_space));
}

void Setter::SetBox(const markup::BoxBlock& box, Region region, const TextContext& context,
                    int parent, FlowBuilder& builder) {
  RowFlow row;
  row.frame = RowFrame::kBox;
  row.rule = style_.box_rule;
  row.padding = style_.box_padding;
  row.cells.push_back(
      SetCell(box.body, region.x, region.width, style_.box_padding, context, parent));
  builder.Space(context.paragraph_space);
  builder.Add(std::move(row));
  builder.Space(context.paragraph_space);
}

void Setter::SetFields(const markup::Fields& fields, Region region, const TextContext& context,
                       int parent, FlowBuilder& builder) {
  double label_width = std::min(style_.field_label_width, region.width / 2);
  builder.Space(context.paragraph_space);
  bool first = true;
  for (const markup::Field& field : fields.fields) {
    markup::Paragraph label;
    markup::Inline span;
    span.text = field.label;
    span.where = field.where;
    label.text.spans.push_back(span);
    markup::Blocks label_blocks;
    label_blocks.push_back(markup::Block{label, field.where});
    TextContext label_context = context;
    label_context.base = FontStyle::kBold;
    RowFlow row;
    row.cells.push_back(SetCell(label_blocks, region.x, label_width, 0, label_context, parent));
    // The value starts a little after the label column so that a long label never touches it.
    double gap = 6;
    CellFlow value = SetCell(field.value, region.x + label_width + gap,
                             region.width - label_width - gap, 0, context, parent);
    row.cells.push_back(std::move(value));
    if (!first) builder.Space(style_.field_space);
    first = false;
    builder.Add(std::move(row));
  }
  builder.Space(context.paragraph_space);
}

}  // namespace clerk::layout
