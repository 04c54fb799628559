#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

/// Layout's output and render's input: pages of placed items, in points (1/72 inch), origin at
/// the page's bottom-left corner as in PDF. Render only draws what it is given.
namespace clerk::layout {

enum class FontStyle { kRegular, kBold, kItalic, kBoldItalic };

/// The logical role of a structure element, for tagged PDF (and for tests that read layout).
enum class Role {
  kDocument, kPart, kSect, kH1, kH2, kH3, kP, kL, kLI, kLbl, kLBody,
  kTable, kTHead, kTBody, kTR, kTH, kTD, kLink, kFigure, kNote
};

/// One node of the document's logical structure. Elements form a tree through `parent`
/// (index into LaidOutDocument::structure; -1 for the root) and keep document order.
struct StructureElement {
  Role role = Role::kP;
  int parent = -1;
  std::string alt;          ///< alternative text (figures)
  std::string scope;        ///< "Column" / "Row" for TH
  std::string link_target;  ///< kLink: the anchor it points at
};

/// A run of text in one font at one size, drawn from its baseline origin.
struct TextRun {
  double x = 0;
  double baseline = 0;
  std::string text;  ///< UTF-8
  std::string family = "sans";  ///< a family named in templates/style.yaml
  FontStyle style = FontStyle::kRegular;
  // Beside `style`, so that the two share 8 bytes: every placed item is as large as a TextRun.
  int element = -1;  ///< structure element it belongs to; -1: an artifact (header, footer, ...)
  double size = 11;  ///< points
  double width = 0;  ///< measured advance width, points
  double gray = 0;   ///< fill: 0 black .. 1 white (the DRAFT watermark is light)
  double angle = 0;  ///< degrees counter-clockwise about (x, baseline); only the watermark turns
};

/// A straight line (table rules, underlines, the recommendation box's sides).
struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double thickness = 0.5;
  double gray = 0;  ///< 0 black .. 1 white
  int element = -1;
};

/// A rectangle, stroked and/or filled.
struct Box {
  double x = 0, y = 0, width = 0, height = 0;  ///< (x, y) is the bottom-left corner
  double stroke = 0.5;  ///< 0: no outline
  std::optional<double> fill_gray;
  int element = -1;
};

/// A clickable area that jumps to an anchor.
struct LinkArea {
  double x = 0, y = 0, width = 0, height = 0;
  std::string target;  ///< anchor id
  int element = -1;    ///< its kLink element
};

using PlacedItem = std::variant<TextRun, Rule, Box, LinkArea>;

struct Page {
  double width = 595.276;  ///< A4
  double height = 841.89;
  std::vector<PlacedItem> items;  ///< in drawing order
};

/// A named place in the document: link target and bookmark.
struct Anchor {
  std::string id;
  int page = 0;  ///< 0-based page index
  double y = 0;  ///< top of the target, points from the bottom
};

struct OutlineEntry {
  std::string title;
  int level = 1;  ///< 1 = top
  std::string anchor;
};

/// The document's metadata, for the PDF info dictionary and XMP.
struct DocumentInfo {
  std::string title;
  std::string author;
  std::string subject;
  std::string keywords;
  std::string language = "en-GB";
  std::string date;  ///< "YYYY-MM-DD": from the report, never the clock
};

/// Page labels: from page `first_page` (0-based) on, pages are numbered from `start` with `prefix`.
struct PageLabelRange {
  int first_page = 0;
  std::string prefix;
  int start = 1;
};

struct LaidOutDocument {
  DocumentInfo info;
  std::vector<Page> pages;
  std::vector<StructureElement> structure;
  std::vector<Anchor> anchors;
  std::vector<OutlineEntry> outline;
  std::vector<PageLabelRange> page_labels;
};

}  // namespace clerk::layout
