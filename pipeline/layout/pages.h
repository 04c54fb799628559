#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

/// Layout's output and render's input: pages of placed items, in points (1/72 inch), origin at
/// the page's bottom-left corner as in PDF. Render only draws what it is given.
namespace clerk::layout {

enum class FontStyle : std::uint8_t { kRegular, kBold, kItalic, kBoldItalic };

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

/// Where the text of a run (or the target of a link) lies in the TextStore of its page (or of
/// the band or chart strip it is placed in before it is on a page).
struct TextSpan {
  std::uint32_t offset = 0;  ///< bytes from the store's start
  std::uint32_t size = 0;    ///< bytes
};

/// The text of the runs and links of one page (or band, or chart strip), end to end. They hold
/// TextSpans of it rather than strings of their own: a run costs no allocation, and a page's
/// text is one block. A document of a thousand pages holds all of them until it is drawn.
class TextStore {
 public:
  /// Appends `text` (UTF-8) and returns where it lies. A store holds less than 4 GiB (Add
  /// throws std::length_error past that).
  TextSpan Add(std::string_view text);
  /// The text at `span`, a span of this store; valid until the store next changes.
  std::string_view View(TextSpan span) const {
    return std::string_view(bytes_.data() + span.offset, span.size);
  }
  size_t Size() const { return bytes_.size(); }
  /// Makes room for `bytes` in all without reallocating.
  void Reserve(size_t bytes) { bytes_.reserve(bytes); }
  /// Gives back the room beyond Size() + `spare` bytes when it is more than an eighth more.
  void Fit(size_t spare);
  /// Empties the store and frees its memory.
  void Release() { std::string().swap(bytes_); }

 private:
  std::string bytes_;
};

/// A run of text in one font at one size, drawn from its baseline origin. Every placed item is
/// as large as the largest kind, and a long document holds hundreds of thousands of them, so
/// what most runs share lives elsewhere: the text in the page's TextStore, the family's name in
/// LaidOutDocument::families, a gray or a turn (the watermark's alone) in Page::paints.
struct TextRun {
  double x = 0;
  double baseline = 0;
  double size = 11;  ///< points
  double width = 0;  ///< measured advance width, points
  TextSpan text;     ///< UTF-8, in its page's (or band's) TextStore
  int element = -1;  ///< structure element it belongs to; -1: an artifact (header, footer, ...)
  std::uint16_t family = 0;  ///< index in LaidOutDocument::families
  FontStyle style = FontStyle::kRegular;
  std::uint8_t paint = 0;  ///< 0: black and upright; n: its page's paints[n - 1]
};

/// How a run is painted when it is not black and upright (the DRAFT watermark).
struct TextPaint {
  double gray = 0;   ///< fill: 0 black .. 1 white
  double angle = 0;  ///< degrees counter-clockwise about the run's (x, baseline)
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
  double fill = 0;      ///< the fill's gray (0 black .. 1 white) when `filled`
  int element = -1;
  bool filled = false;  // beside `element`, where std::optional's flag would cost 8 bytes more

  /// The fill's gray; nullopt when the box is not filled.
  std::optional<double> FillGray() const {
    return filled ? std::optional<double>(fill) : std::nullopt;
  }
  void SetFillGray(std::optional<double> gray) {
    filled = gray.has_value();
    fill = gray.value_or(0);
  }
};

/// A clickable area that jumps to an anchor.
struct LinkArea {
  double x = 0, y = 0, width = 0, height = 0;
  TextSpan target;   ///< the anchor's id, in its page's (or band's) TextStore
  int element = -1;  ///< its kLink element
};

using PlacedItem = std::variant<TextRun, Rule, Box, LinkArea>;

// A thousand pages hold about 200,000 items until they are drawn: keep each to a cache line.
static_assert(sizeof(PlacedItem) <= 64, "a placed item should fit in 64 bytes");

struct Page {
  double width = 595.276;  ///< A4
  double height = 841.89;
  std::vector<PlacedItem> items;  ///< in drawing order
  TextStore text;                 ///< the text of its runs and the targets of its links
  std::vector<TextPaint> paints;  ///< TextRun::paint - 1 indexes it

  /// Appends a run showing `shown` (UTF-8); run.text is set here.
  void AddRun(TextRun run, std::string_view shown);
  /// Appends a link to the anchor `target`; link.target is set here.
  void AddLink(LinkArea link, std::string_view target);
  /// `paint` for runs of this page: the TextRun::paint that names it.
  std::uint8_t AddPaint(const TextPaint& paint);

  /// The text of `run`, one of this page's runs.
  std::string_view Text(const TextRun& run) const { return text.View(run.text); }
  /// The anchor `link`, one of this page's links, points at.
  std::string_view Target(const LinkArea& link) const { return text.View(link.target); }
  /// How `run`, one of this page's runs, is painted (black and upright when its paint is not
  /// one of the page's).
  TextPaint Paint(const TextRun& run) const {
    return run.paint == 0 || run.paint > paints.size() ? TextPaint{} : paints[run.paint - 1u];
  }

  /// Frees its items, text and paints, as render may once the page is drawn.
  void ReleaseContent();
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
  std::vector<std::string> families;  ///< TextRun::family indexes it: "sans", as Style::fonts
  std::vector<Page> pages;
  std::vector<StructureElement> structure;
  std::vector<Anchor> anchors;
  std::vector<OutlineEntry> outline;
  std::vector<PageLabelRange> page_labels;

  /// The index of `family` in `families`, added when it is not there yet.
  std::uint16_t FamilyIndex(const std::string& family);
  /// The name of family `index`; "" when there is none.
  const std::string& FamilyName(std::uint16_t index) const;
};

}  // namespace clerk::layout
