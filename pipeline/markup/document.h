#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/source_location.h"

/// The document tree: what the markup (docs/markup.md) says, as plain values, each node keeping
/// the 1-based line and column of its start tag. Produced by ParseMarkup, read by layout and by
/// the HTML renderer. Text is UTF-8 with whitespace already collapsed.
namespace clerk::markup {

enum class Align { kLeft, kCenter, kRight };

/// A stretch of text in one style, or a forced line break.
struct Inline {
  enum class Kind { kText, kBreak };
  Kind kind = Kind::kText;
  std::string text;  ///< UTF-8, whitespace collapsed; empty for kBreak
  bool bold = false;
  bool italic = false;
  int link = -1;  ///< index into the owning InlineText::links; -1 when not inside a <link>
  SourceLocation where;
};

/// A <link to="..."> element; the spans inside it name it by index.
struct Link {
  std::string to;  ///< the anchor id it points at
  SourceLocation where;
};

/// The inline content of a paragraph or heading.
struct InlineText {
  std::vector<Inline> spans;
  std::vector<Link> links;
  bool Empty() const { return spans.empty(); }
};

struct Block;
using Blocks = std::vector<Block>;

/// <h1>, <h2>, <h3>.
struct Heading {
  int level = 1;        ///< 1..3
  std::string id;       ///< anchor id; empty when none
  std::string label;    ///< "1." printed before the text; empty when none
  bool outline = true;  ///< false: kept out of the bookmarks
  InlineText text;
};

/// <p>, and the paragraph made of loose text inside a <li>, <td> or similar.
struct Paragraph {
  Align align = Align::kLeft;
  double space_before = -1;  ///< points; -1: the style's spacing
  bool implicit = false;     ///< made from loose text, not written as <p>
  InlineText text;
};

/// <np label="1.1">: a numbered paragraph whose label hangs in the margin column.
struct NumberedParagraph {
  std::string label;
  Blocks body;
};

struct ListItem {
  std::string label;  ///< from <li label=".."> (ordered lists); empty: the list's marker
  Blocks body;
  SourceLocation where;
};

/// <ul> / <ol>.
struct List {
  bool ordered = false;
  std::string marker = "\xE2\x80\xA2";  ///< "•", for unordered lists
  std::vector<ListItem> items;
};

/// <box>: blocks inside a ruled box.
struct BoxBlock {
  Blocks body;
};

struct Cell {
  bool header = false;  ///< <th>
  int colspan = 1;
  Align align = Align::kLeft;
  Blocks body;
  SourceLocation where;
};

struct Row {
  std::vector<Cell> cells;
  SourceLocation where;
};

/// One entry of a table's `widths`: a proportion of the text width, or a fixed width.
struct ColumnWidth {
  double value = 1;
  bool fixed = false;  ///< true: `value` is in points ("120pt")
};

enum class TableRule { kGrid, kRows, kNone };

struct Table {
  std::vector<ColumnWidth> widths;  ///< one per column (filled in by the parser when absent)
  TableRule rule = TableRule::kGrid;
  std::vector<Row> head;  ///< <thead> rows: repeated on every page the table spans
  std::vector<Row> body;
};

struct Field {
  std::string label;  ///< "Report to:"
  Blocks value;
  SourceLocation where;
};

/// <fields>: the cover's label/value pairs.
struct Fields {
  std::vector<Field> fields;
};

/// <appendix>: starts a new page.
struct Appendix {
  std::string id;
  std::string label;  ///< "Appendix 1"
  std::string title;
  Blocks body;
};

struct PageBreak {};

/// <space height="12"/>.
struct Space {
  double height = 0;  ///< points
};

/// <keep>: blocks kept on one page when they fit on one.
struct Keep {
  Blocks body;
};

/// The two forms of <chart>.
enum class ChartKind {
  kChange,   ///< one bar per row: the change (value) from the earlier to the later year
  kCompare,  ///< two bars per row: the earlier and the later value side by side
};

/// One <bar> of a <chart>: a labelled row of the chart.
struct ChartBar {
  std::string label;   ///< the school (printed beside the bar; may be wrapped or shortened)
  double value = 0;    ///< kChange: the change, in the chart's unit
  double earlier = 0;  ///< kCompare: the earlier value
  double later = 0;    ///< kCompare: the later value
  SourceLocation where;
};

/// <chart>: a horizontal bar chart whose data travels in the markup (docs/markup.md). Layout
/// draws it with pipeline/chart; the alternative text is made from the same data.
struct Chart {
  ChartKind kind = ChartKind::kChange;
  std::string id;     ///< anchor id; empty when none
  std::string title;  ///< "Change in Level 4+ percentage by school, 2009 to 2010"
  std::string unit;   ///< "points" (kChange) or "%" (kCompare): how values are read out
  std::optional<double> headline;  ///< kChange: the value marked by a labelled line
  std::string headline_label;      ///< "cohort-weighted change"
  std::string earlier_label;       ///< kCompare: the legend's name for `earlier` ("2009")
  std::string later_label;         ///< kCompare: the legend's name for `later` ("2010")
  std::vector<ChartBar> bars;      ///< in the order drawn, top to bottom; at least one
};

struct Block {
  std::variant<Heading, Paragraph, NumberedParagraph, List, BoxBlock, Table, Fields, Appendix,
               PageBreak, Space, Keep, Chart>
      node;
  SourceLocation where;  ///< the start tag (for an implicit paragraph, its first text)
};

/// The whole document: the attributes of <document> and its blocks.
struct Document {
  std::string lang = "en-GB";
  std::string title;
  std::string author;
  std::string subject;
  std::string keywords;
  std::string date;    ///< "YYYY-MM-DD"
  std::string footer;  ///< printed at the bottom left of every page
  std::string draft;   ///< non-empty: the mark printed on every page
  Blocks body;
  SourceLocation where;
};

}  // namespace clerk::markup
