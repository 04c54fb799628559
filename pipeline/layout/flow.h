#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "layout/pages.h"
#include "layout/style.h"

/// The vertical list between setting blocks and cutting pages: bands (one line, one rule, one
/// label) that never break, and table rows that break between the bands of their cells.
/// Items inside are in band coordinates: x in page points; y in points *down* from the band's
/// top (TextRun::baseline, Rule::y1/y2, and Box::y / LinkArea::y as the offset of the top edge).
/// Their text is in their band's TextStore until they are placed on a page (and in the page's
/// after); runs in bands are black and upright (paint 0).
namespace clerk::layout {

struct Band {
  double height = 0;            ///< points
  double space_before = 0;      ///< points; dropped at the top of a page or of a cell's part
  bool keep_with_next = false;  ///< no page break between this and what follows
  bool break_before = false;    ///< starts a new page
  std::vector<PlacedItem> items;
  TextStore text;                    ///< the text of its runs and the targets of its links
  std::vector<std::string> anchors;  ///< ids whose target is this band's top
};

/// One cell of a row: its outer box (where rules go) and its content, already inset by padding.
struct CellFlow {
  double x = 0;      ///< left edge, points
  double width = 0;  ///< points
  std::vector<Band> bands;
};

enum class RowFrame { kNone, kGrid, kRows, kBox };

/// A table row (or a box, or a field of the cover): cells side by side. It splits across pages
/// between bands, each cell where its own content allows.
struct RowFlow {
  std::vector<CellFlow> cells;
  double padding = 0;  ///< points above and below the cells' content
  RowFrame frame = RowFrame::kNone;
  double rule = 0.5;           ///< rule thickness, points
  std::optional<double> fill;  ///< gray behind the row
  bool header = false;         ///< a table head row: repeated, as an artifact, on later pages
  int table = -1;              ///< index in Flow::tables; -1: not part of a table
  double space_before = 0;
  bool keep_with_next = false;
  bool break_before = false;
};

using FlowEntry = std::variant<Band, RowFlow>;

struct FlowTable {
  std::vector<size_t> head;  ///< indices in Flow::entries of the table's head rows
};

struct Flow {
  std::vector<FlowEntry> entries;
  std::vector<FlowTable> tables;
};

/// Cuts the flow into pages of `style`'s size, filling the body area (inside the margins) from
/// the top: a band that does not fit starts a new page; runs of entries joined by keep_with_next
/// move to a new page together when they would fit on one; a row that does not fit is split at
/// band boundaries (keeping each cell's widows and orphans) and continues on the next page under
/// a repeat of its table's head rows, drawn as artifacts. Anchors land in `anchors`. Takes the
/// flow by value: its items move onto the pages.
std::vector<Page> Paginate(Flow flow, const Style& style, std::vector<Anchor>* anchors);

}  // namespace clerk::layout
