#include <algorithm>
#include <iterator>

#include "layout/flow.h"

namespace clerk::layout {

namespace {

constexpr double kSlack = 1e-6;  // points: rounding never pushes a band to the next page

// Layout adds the running items to each page after paginating (footer, page number, draft mark
// and watermark): a finished page keeps room for them, so that they cost no reallocation.
constexpr size_t kItemsAddedLater = 4;
constexpr size_t kTextAddedLater = 96;  // bytes: "Page 1103 of 1103", a reference, "DRAFT"

/// Where a cell part ends: for each cell, the band after its last band in the part.
struct RowPart {
  std::vector<size_t> end;
  double content_height = 0;
  bool empty = true;
};

double CellHeight(const CellFlow& cell, size_t from, size_t to) {
  double height = 0;
  for (size_t k = from; k < to; ++k) {
    height += cell.bands[k].height + (k == from ? 0 : cell.bands[k].space_before);
  }
  return height;
}

/// The height of a cell's bands from `from` to its end, or a value above `limit` as soon as it
/// passes it.
double CellHeightUpTo(const CellFlow& cell, size_t from, double limit) {
  double height = 0;
  for (size_t k = from; k < cell.bands.size() && height <= limit; ++k) {
    height += cell.bands[k].height + (k == from ? 0 : cell.bands[k].space_before);
  }
  return height;
}

/// `item`, of a band whose top is at `top` on the page, in page coordinates, with its text
/// copied from the band's store `from` to the page's `to`.
PlacedItem ToPage(PlacedItem item, const TextStore& from, TextStore& to, double top,
                  bool artifact) {
  std::visit(
      [&](auto& placed) {
        using T = std::decay_t<decltype(placed)>;
        if constexpr (std::is_same_v<T, TextRun>) {
          placed.baseline = top - placed.baseline;
          placed.text = to.Add(from.View(placed.text));
        } else if constexpr (std::is_same_v<T, Rule>) {
          placed.y1 = top - placed.y1;
          placed.y2 = top - placed.y2;
        } else {
          placed.y = top - placed.y - placed.height;
          if constexpr (std::is_same_v<T, LinkArea>) {
            placed.target = to.Add(from.View(placed.target));
          }
        }
        if (artifact) placed.element = -1;
      },
      item);
  return item;
}

/// Frees the room of a band's items (and their text) once they are on a page: otherwise the
/// whole flow's worth stays allocated, empty, beside the pages until the flow is dropped (23 MB
/// for 1,103 pages).
void Release(Band& band) {
  std::vector<PlacedItem>().swap(band.items);
  band.text.Release();
}

class Paginator {
 public:
  Paginator(Flow& flow, const Style& style, std::vector<Anchor>* anchors)
      : flow_(flow), style_(style), anchors_(anchors), started_(flow.tables.size(), false) {
    body_top_ = style.page_height - style.margin_top;
    body_height_ = style.BodyHeight();
    head_height_.assign(flow.tables.size(), 0);
    for (size_t t = 0; t < flow.tables.size(); ++t) {
      for (size_t index : flow.tables[t].head) head_height_[t] += FullHeight(index, true);
    }
  }

  std::vector<Page> Run() {
    NewPage(-1);
    size_t chain_end = 0;
    for (size_t i = 0; i < flow_.entries.size(); ++i) {
      if (BreakBefore(i) && !fresh_) NewPage(RepeatFor(i));
      if (i >= chain_end) chain_end = CheckChain(i);
      if (auto* band = std::get_if<Band>(&flow_.entries[i])) {
        double space = fresh_ ? 0 : band->space_before;
        if (space + band->height > Remaining() + kSlack && !fresh_) {
          NewPage(RepeatFor(i));
          space = 0;
        }
        PlaceBand(*band, space, false);
        fresh_ = false;
      } else {
        PlaceRow(i);
      }
    }
    FitItems(pages_.back());
    return std::move(pages_);
  }

 private:
  double Remaining() const { return body_height_ - cursor_; }

  bool BreakBefore(size_t i) const {
    const FlowEntry& entry = flow_.entries[i];
    if (const auto* band = std::get_if<Band>(&entry)) return band->break_before;
    return std::get<RowFlow>(entry).break_before;
  }

  bool KeepWithNext(size_t i) const {
    const FlowEntry& entry = flow_.entries[i];
    if (const auto* band = std::get_if<Band>(&entry)) return band->keep_with_next;
    return std::get<RowFlow>(entry).keep_with_next;
  }

  /// The table whose head rows a new page must repeat before entry `i`, or -1.
  int RepeatFor(size_t i) const {
    const auto* row = std::get_if<RowFlow>(&flow_.entries[i]);
    if (!row || row->header || row->table < 0) return -1;
    size_t t = static_cast<size_t>(row->table);
    // A head taller than half a page would leave no room for the rows it heads.
    if (!started_[t] || head_height_[t] > body_height_ / 2) return -1;
    return row->table;
  }

  double FullHeight(size_t i, bool at_top) const {
    const FlowEntry& entry = flow_.entries[i];
    if (const auto* band = std::get_if<Band>(&entry)) {
      return band->height + (at_top ? 0 : band->space_before);
    }
    const RowFlow& row = std::get<RowFlow>(entry);
    double content = 0;
    for (const CellFlow& cell : row.cells) {
      content = std::max(content, CellHeight(cell, 0, cell.bands.size()));
    }
    return content + 2 * row.padding + (at_top ? 0 : row.space_before);
  }

  /// The height of the smallest first part of entry `i` that may end a page.
  double LeastHeight(size_t i, bool at_top) const {
    const auto* row = std::get_if<RowFlow>(&flow_.entries[i]);
    if (!row) return FullHeight(i, at_top);
    double content = 0;
    for (const CellFlow& cell : row->cells) {
      size_t k = 0;
      while (k < cell.bands.size() && cell.bands[k].keep_with_next) ++k;
      content = std::max(content, CellHeight(cell, 0, std::min(k + 1, cell.bands.size())));
    }
    return content + 2 * row->padding + (at_top ? 0 : row->space_before);
  }

  /// Entries i..j-1 are joined by keep_with_next: when together they fit on a page but not in
  /// what is left of this one, start a new page. Returns j (the chain is checked once).
  size_t CheckChain(size_t i) {
    size_t j = i;
    double total = 0;
    while (KeepWithNext(j) && j + 1 < flow_.entries.size() && !BreakBefore(j + 1)) {
      total += FullHeight(j, fresh_ && j == i);
      ++j;
      if (total > body_height_) break;  // too long to keep together anyway: stop measuring
    }
    if (j == i) return i + 1;
    total += LeastHeight(j, false);
    if (!fresh_ && total > Remaining() + kSlack && total <= body_height_) NewPage(RepeatFor(i));
    return j + 1;
  }

  /// A long document holds every page's items until it is drawn: a finished page gives back
  /// the room it did not use, and gets room for the footer and the DRAFT mark, which would
  /// otherwise double a full page's vector (scale 45: 18 MB at the peak).
  static void FitItems(Page& page) {
    page.text.Fit(kTextAddedLater);
    size_t wanted = page.items.size() + kItemsAddedLater;
    size_t capacity = page.items.capacity();
    if (capacity >= wanted && capacity <= wanted + wanted / 8) return;
    std::vector<PlacedItem> fitted;
    fitted.reserve(wanted);
    std::move(page.items.begin(), page.items.end(), std::back_inserter(fitted));
    page.items.swap(fitted);
  }

  void NewPage(int repeat_table) {
    Page page;
    // Pages of one document hold similar numbers of items: room for as many as the last one
    // had (and for its running items) saves most reallocations without reserving much more
    // than is used.
    if (!pages_.empty()) {
      FitItems(pages_.back());
      page.items.reserve(pages_.back().items.size() + kItemsAddedLater);
      page.text.Reserve(pages_.back().text.Size());
    }
    page.width = style_.page_width;
    page.height = style_.page_height;
    pages_.push_back(std::move(page));
    cursor_ = 0;
    fresh_ = true;
    if (repeat_table >= 0) {
      for (size_t index : flow_.tables[static_cast<size_t>(repeat_table)].head) {
        RowFlow& row = std::get<RowFlow>(flow_.entries[index]);
        std::vector<size_t> from(row.cells.size(), 0), to;
        for (const CellFlow& cell : row.cells) to.push_back(cell.bands.size());
        PlaceRowPart(row, from, to, FullHeight(index, true) - 2 * row.padding, true);
      }
    }
  }

  /// Places `band`, moving its items onto the page.
  void PlaceBand(Band& band, double space, bool artifact) {
    double top = body_top_ - cursor_ - space;
    Page& page = pages_.back();
    for (const PlacedItem& item : band.items) {
      if (artifact && std::holds_alternative<LinkArea>(item)) continue;
      page.items.push_back(ToPage(item, band.text, page.text, top, artifact));
    }
    Release(band);
    if (!artifact) {
      for (const std::string& id : band.anchors) {
        anchors_->push_back(Anchor{id, static_cast<int>(pages_.size()) - 1, top});
      }
    }
    cursor_ += space + band.height;
  }

  RowPart Split(const RowFlow& row, const std::vector<size_t>& next, double available,
                bool forced) const {
    RowPart part;
    double room = available - 2 * row.padding;
    bool every_cell_started = true;
    for (size_t c = 0; c < row.cells.size(); ++c) {
      const std::vector<Band>& bands = row.cells[c].bands;
      size_t best = next[c];
      double best_height = 0, height = 0;
      for (size_t k = next[c]; k < bands.size(); ++k) {
        height += bands[k].height + (k == next[c] ? 0 : bands[k].space_before);
        if (height > room + kSlack) break;
        if (!bands[k].keep_with_next || k + 1 == bands.size()) {
          best = k + 1;
          best_height = height;
        }
      }
      if (forced && best == next[c] && next[c] < bands.size()) {
        // Nothing fits with the cell's widows and orphans kept: take what fits, at least a band.
        height = 0;
        best = next[c];
        do {
          height += bands[best].height + (best == next[c] ? 0 : bands[best].space_before);
          ++best;
        } while (best < bands.size() &&
                 height + bands[best].space_before + bands[best].height <= room + kSlack);
        best_height = height;
      }
      if (best == next[c] && next[c] < bands.size()) every_cell_started = false;
      if (best > next[c]) part.empty = false;
      part.end.push_back(best);
      part.content_height = std::max(part.content_height, best_height);
    }
    // A part that starts some cells but not others reads badly: unless forced, move the row.
    if (!forced && !every_cell_started) part.empty = true;
    return part;
  }

  void PlaceRow(size_t i) {
    RowFlow& row = std::get<RowFlow>(flow_.entries[i]);
    if (row.table >= 0 && row.header) started_[static_cast<size_t>(row.table)] = true;
    std::vector<size_t> next(row.cells.size(), 0);
    bool first_part = true;
    while (true) {
      double space = first_part && !fresh_ ? row.space_before : 0;
      std::vector<size_t> all;
      double content = 0;
      // Measured only as far as the page's room: a cell many pages long costs a page's worth.
      const double limit = Remaining() - space - 2 * row.padding + kSlack;
      for (size_t c = 0; c < row.cells.size(); ++c) {
        const CellFlow& cell = row.cells[c];
        all.push_back(cell.bands.size());
        content = std::max(content, CellHeightUpTo(cell, next[c], limit));
      }
      if (space + content + 2 * row.padding <= Remaining() + kSlack) {
        cursor_ += space;
        PlaceRowPart(row, next, all, content, false);
        fresh_ = false;
        return;
      }
      RowPart part = Split(row, next, Remaining() - space, fresh_);
      if (part.empty && fresh_) {
        // Cannot happen (a forced split takes a band), but never loop on a new page.
        content = 0;
        for (size_t c = 0; c < row.cells.size(); ++c) {
          content = std::max(content, CellHeight(row.cells[c], next[c], all[c]));
        }
        PlaceRowPart(row, next, all, content, false);
        fresh_ = false;
        return;
      }
      if (part.empty) {
        NewPage(RepeatFor(i));
        continue;
      }
      cursor_ += space;
      PlaceRowPart(row, next, part.end, part.content_height, false);
      fresh_ = false;
      next = part.end;
      first_part = false;
      NewPage(RepeatFor(i));
    }
  }

  /// Places bands [from, to) of each cell of `row`; moves their items unless the row is a head
  /// row (placed again on later pages) or this is such a repeat.
  void PlaceRowPart(RowFlow& row, const std::vector<size_t>& from, const std::vector<size_t>& to,
                    double content_height, bool artifact) {
    const bool move = !artifact && !row.header;
    Page& page = pages_.back();
    double top = body_top_ - cursor_;
    double height = content_height + 2 * row.padding;
    double left = row.cells.front().x;
    double right = row.cells.back().x + row.cells.back().width;
    if (row.fill) {
      Box fill;
      fill.x = left;
      fill.y = top - height;
      fill.width = right - left;
      fill.height = height;
      fill.stroke = 0;
      fill.SetFillGray(row.fill);
      page.items.push_back(fill);
    }
    for (size_t c = 0; c < row.cells.size(); ++c) {
      CellFlow& cell = row.cells[c];
      double y = top - row.padding;
      for (size_t k = from[c]; k < to[c]; ++k) {
        Band& band = cell.bands[k];
        if (k != from[c]) y -= band.space_before;
        for (const PlacedItem& item : band.items) {
          if (artifact && std::holds_alternative<LinkArea>(item)) continue;
          page.items.push_back(ToPage(item, band.text, page.text, y, artifact));
        }
        if (move) Release(band);
        if (!artifact) {
          for (const std::string& id : band.anchors) {
            anchors_->push_back(Anchor{id, static_cast<int>(pages_.size()) - 1, y});
          }
        }
        y -= band.height;
      }
    }
    auto rule = [&](double x1, double y1, double x2, double y2) {
      Rule line;
      line.x1 = x1;
      line.y1 = y1;
      line.x2 = x2;
      line.y2 = y2;
      line.thickness = row.rule;
      page.items.push_back(line);
    };
    double bottom = top - height;
    if (row.frame != RowFrame::kNone) {
      rule(left, top, right, top);
      rule(left, bottom, right, bottom);
    }
    if (row.frame == RowFrame::kGrid || row.frame == RowFrame::kBox) {
      rule(left, top, left, bottom);
      if (row.frame == RowFrame::kGrid) {
        for (size_t c = 1; c < row.cells.size(); ++c)
          rule(row.cells[c].x, top, row.cells[c].x, bottom);
      }
      rule(right, top, right, bottom);
    }
    cursor_ += height;
  }

  Flow& flow_;  // its items are moved onto the pages as they are placed
  const Style& style_;
  std::vector<Anchor>* anchors_;
  std::vector<Page> pages_;
  std::vector<bool> started_;        // by table: its head has been placed
  std::vector<double> head_height_;  // by table
  double body_top_ = 0;
  double body_height_ = 0;
  double cursor_ = 0;  // points used from the top of the body area
  bool fresh_ = true;  // nothing but repeated head rows on this page yet
};

}  // namespace

std::vector<Page> Paginate(Flow flow, const Style& style, std::vector<Anchor>* anchors) {
  Paginator paginator(flow, style, anchors);
  return paginator.Run();
}

}  // namespace clerk::layout
