#pragma once

#include <array>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "layout/flow.h"
#include "layout/line_breaker.h"
#include "markup/document.h"

/// Setting blocks into the flow: the inside of layout, shared by setter.cpp (text, headings,
/// lists, appendices) and table_setter.cpp (tables, boxes, fields).
namespace clerk::layout {

/// A horizontal stretch where blocks are set: x of its left edge and its width, in points.
struct Region {
  double x = 0;
  double width = 0;
};

/// How text is set where a block stands (the page's body, or a table cell).
struct TextContext {
  TextStyle text;
  FontStyle base = FontStyle::kRegular;  ///< bold in header cells
  double paragraph_space = 8;            ///< points between paragraphs
  bool in_cell = false;
};

/// Collects the entries one region produces, with the spacing between blocks collapsed as CSS
/// margins are (the larger of the space after one block and before the next).
class FlowBuilder {
 public:
  /// Asks for at least `points` before the next entry.
  void Space(double points) { pending_ = std::max(pending_, points); }
  /// Adds `points` to the space before the next entry (<space height>).
  void AddSpace(double points) { pending_ += points; }
  void BreakBefore() { break_next_ = true; }
  /// Makes room for `more` entries (and, as a vector grows, for as many again as it has).
  void Reserve(size_t more);
  void Add(Band&& band);
  void Add(RowFlow&& row);
  /// Joins entries [first, Size()) with keep_with_next so that they move as one.
  void KeepTogether(size_t first);
  size_t Size() const { return entries_.size(); }
  std::vector<FlowEntry>& Entries() { return entries_; }
  /// The bands, for a cell (which holds no rows). Leaves the builder as new, but with its room.
  std::vector<Band> TakeBands();

 private:
  std::vector<FlowEntry> entries_;
  double pending_ = 0;
  bool break_next_ = false;
};

FontStyle Combine(FontStyle base, bool bold, bool italic);

class Setter {
 public:
  Setter(const Style& style, const FontSet& fonts, Diagnostics& diagnostics, LaidOutDocument& out,
         Flow& flow);

  /// Sets the document's blocks into the flow and its structure into `out`.
  void SetDocument(const markup::Document& document);

  /// The distance from a line's top to its baseline, and the line's height, for `text`.
  double BaselineOffset(const TextStyle& text) const;
  double LineHeight(const TextStyle& text) const;

  /// Reports characters of `text` the face lacks (once per character and face) at `where`.
  void CheckGlyphs(const std::string& text, const std::string& family, FontStyle style,
                   const SourceLocation& where);

 private:
  int AddElement(Role role, int parent, std::string scope = "", std::string target = "");

  void SetBlocks(const markup::Blocks& blocks, Region region, const TextContext& context,
                 int parent, FlowBuilder& builder);
  void SetBlock(const markup::Block& block, Region region, const TextContext& context, int parent,
                FlowBuilder& builder);

  /// Sets inline text as lines (bands) into `builder`; widows and orphans kept. Returns the
  /// number of lines. `element` is the structure element of the text (P, H1...).
  size_t SetText(const markup::InlineText& text, markup::Align align, Region region,
                 const TextContext& context, FontStyle base, int element, FlowBuilder& builder,
                 const std::vector<std::string>& anchors);
  void SetHeading(const markup::Heading& heading, const SourceLocation& where, Region region,
                  const TextContext& context, int parent, FlowBuilder& builder);
  void SetList(const markup::List& list, Region region, const TextContext& context, int parent,
               FlowBuilder& builder);
  void SetNumbered(const markup::NumberedParagraph& numbered, const SourceLocation& where,
                   Region region, const TextContext& context, int parent, FlowBuilder& builder);
  void SetAppendix(const markup::Appendix& appendix, const SourceLocation& where, Region region,
                   const TextContext& context, int parent, FlowBuilder& builder);
  /// Puts `label` at `x` on the first line set since entry `first` (a new band when none was).
  void AttachLabel(FlowBuilder& builder, size_t first, const std::string& label, double x,
                   const TextContext& context, FontStyle style, int element,
                   const SourceLocation& where);

  // table_setter.cpp
  void SetTable(const markup::Table& table, const SourceLocation& where, Region region,
                const TextContext& context, int parent, FlowBuilder& builder);
  void SetBox(const markup::BoxBlock& box, Region region, const TextContext& context, int parent,
              FlowBuilder& builder);
  void SetFields(const markup::Fields& fields, Region region, const TextContext& context,
                 int parent, FlowBuilder& builder);
  std::vector<double> ColumnWidths(const markup::Table& table, double width,
                                   const SourceLocation& where);
  CellFlow SetCell(const markup::Blocks& blocks, double x, double width, double padding,
                   const TextContext& context, int parent);

  // chart_setter.cpp
  void SetChart(const markup::Chart& chart, const SourceLocation& where, Region region,
                const TextContext& context, int parent, FlowBuilder& builder);

  std::string NewAnchor();

  /// fonts_.Face(family, style), remembered for the last family asked for: a document's text
  /// is nearly all in one family, and FontSet::Face compares family names.
  const FontMetrics& Face(const std::string& family, FontStyle style) const;
  /// A line breaker for text in `text`'s family and size (and the document's language), made
  /// once and kept.
  const LineBreaker& BreakerFor(const TextStyle& text);

  const Style& style_;
  const FontSet& fonts_;
  Diagnostics& diagnostics_;
  LaidOutDocument& out_;
  Flow& flow_;
  std::string language_ = "en";
  int appendix_depth_ = 0;  ///< 1 inside an appendix: headings go one level deeper in the outline
  int anchor_count_ = 0;
  std::set<std::pair<char32_t, std::string>> reported_;  ///< missing glyphs already reported
  mutable std::string face_family_;                      ///< the family faces_ are of
  mutable std::array<const FontMetrics*, 4> faces_{};    ///< by FontStyle; null: not asked yet
  std::vector<std::unique_ptr<LineBreaker>> breakers_;   ///< for BreakerFor
  // SetCell's builders, by depth of cells within cells, kept for their room.
  std::vector<std::unique_ptr<FlowBuilder>> cell_builders_;
  size_t cell_depth_ = 0;
  std::vector<TextLine> lines_;  ///< SetText's lines, kept from one text to the next for their room
};

}  // namespace clerk::layout
