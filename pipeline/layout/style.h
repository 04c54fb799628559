#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "core/file_system.h"
#include "layout/font_metrics.h"
#include "layout/pages.h"

/// The look of a paper (templates/style.yaml) and the fonts that set it. Lengths are in points
/// (1/72 inch); gray is 0 black .. 1 white. Render reads the same Style for the font files to
/// embed, so what layout measures is what render draws.
namespace clerk::layout {

/// The four TrueType files of one family, as paths render and layout both open.
struct FontFaces {
  std::string family_name;  ///< "Liberation Sans", as fonts/fonts.yaml names it
  std::string regular, bold, italic, bold_italic;
  const std::string& For(FontStyle style) const;
};

/// A size and the distance between baselines.
struct TextStyle {
  std::string family = "sans";  ///< a key of Style::fonts; TextRun::family
  double size = 11;             ///< points
  double leading = 14;          ///< points, baseline to baseline
};

struct HeadingStyle {
  TextStyle text;
  FontStyle style = FontStyle::kBold;
  double space_before = 12;
  double space_after = 6;
};

struct Style {
  double page_width = 595.276;  ///< A4
  double page_height = 841.89;
  double margin_top = 56.7, margin_right = 56.7, margin_bottom = 62.4, margin_left = 56.7;

  /// Font role ("sans") -> its files. TextRun::family is one of these keys.
  std::map<std::string, FontFaces> fonts;

  TextStyle body;                ///< paragraphs, lists, fields
  double paragraph_space = 8;    ///< between paragraphs
  HeadingStyle headings[3];      ///< h1, h2, h3
  double label_width = 36;       ///< the hanging label column of <np> and labelled headings
  double list_indent = 0;        ///< from the text's left edge to a list's marker
  double list_label_width = 14;  ///< from the marker to the item's text
  double list_item_space = 3;    ///< between list items

  TextStyle table_text{"sans", 10, 12.5};
  double cell_padding = 4;                   ///< inside every cell edge
  double table_rule = 0.5;                   ///< rule thickness
  std::optional<double> header_fill = 0.88;  ///< gray behind header cells; none when absent
  double table_space = 10;                   ///< before and after a table

  double box_padding = 6;
  double box_rule = 1;

  double field_label_width = 130;
  double field_space = 6;  ///< between fields

  TextStyle footer_text{"sans", 8, 10};
  double footer_baseline = 30;  ///< from the page's bottom edge

  TextStyle draft_text{"sans", 10, 12};  ///< the small mark at the top right
  double draft_watermark_size = 110;
  double draft_watermark_gray = 0.85;

  TextStyle appendix_label{"sans", 12, 15};

  double TextWidth() const { return page_width - margin_left - margin_right; }
  double BodyHeight() const { return page_height - margin_top - margin_bottom; }
};

/// The built-in style: an A4 council paper in Liberation Sans from the fonts-liberation package.
/// LoadStyle starts from it, so style.yaml need only say what differs.
Style DefaultStyle();

/// Reads templates/style.yaml (format: the file itself and docs/markup.md) and the font catalogue
/// it names (fonts/fonts.yaml), through `files`. Unknown keys, wrong types and impossible values
/// (text wider than the page, a size of 0) are errors with file:line:column; the defaults stand
/// for whatever is wrong, so every problem is reported at once.
Style LoadStyle(const FileSystem& files, const std::string& style_path, Diagnostics& diagnostics);

/// The faces layout measures with: one FontMetrics per family and style named in Style::fonts.
class FontSet {
 public:
  /// Reads every face `style` names through `files`; an unreadable or broken file is an error.
  static FontSet Load(const Style& style, const FileSystem& files, Diagnostics& diagnostics);

  /// Adds (or replaces) a face, for tests and tools that hold the bytes already.
  void Add(const std::string& family, FontStyle style, FontMetrics metrics);

  /// The face for `family` and `style`; falls back to the family's regular face, then to any face.
  /// Must not be called on an empty set.
  const FontMetrics& Face(const std::string& family, FontStyle style) const;
  bool Empty() const { return families_.empty(); }

 private:
  /// A family's faces, indexed by FontStyle; every family here has at least one. Looked up by
  /// family name once and by style as an index, as layout asks for a face for every line.
  using Faces = std::array<std::optional<FontMetrics>, 4>;
  std::map<std::string, Faces> families_;
};

}  // namespace clerk::layout
