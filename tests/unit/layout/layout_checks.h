#pragma once

// Shared by the layout tests: the real fonts, a markup-to-pages helper, and checkers for the
// invariants every laid-out document keeps (no overlapping text, nothing past a margin).

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/file_system.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "markup/parser.h"

namespace clerk::layout::testing {

/// The default style with the fonts from fonts-liberation, loaded once.
inline const Style& TestStyle() {
  static const Style style = DefaultStyle();
  return style;
}

inline const FontSet& TestFonts() {
  static const FontSet fonts = [] {
    DiskFileSystem disk;
    Diagnostics diagnostics;
    FontSet set = FontSet::Load(TestStyle(), disk, diagnostics);
    REQUIRE(diagnostics.Empty());
    return set;
  }();
  return fonts;
}

/// Parses `markup` (which must be valid) and lays it out with `style`.
inline LaidOutDocument LayOut(const std::string& markup, Diagnostics& diagnostics,
                              const Style& style = TestStyle()) {
  auto document = markup::ParseMarkup(markup, "test.xml", diagnostics);
  REQUIRE(document);
  REQUIRE_FALSE(diagnostics.HasErrors());
  return Layout(*document, style, TestFonts(), diagnostics);
}

inline LaidOutDocument LayOut(const std::string& markup) {
  Diagnostics diagnostics;
  LaidOutDocument laid = LayOut(markup, diagnostics);
  CHECK_FALSE(diagnostics.HasWarnings());
  return laid;
}

/// "<document ...>" + body + "</document>".
inline std::string Doc(const std::string& body, const std::string& attributes = "") {
  return "<document title=\"Test\" footer=\"CSSC/2011/07\"" + attributes + ">" + body +
         "</document>";
}

/// A run as the tests read it: its fields, with its text and paint from its page.
struct ShownRun {
  double x = 0, baseline = 0, size = 0, width = 0;
  std::string text;
  std::uint16_t family = 0;
  FontStyle style = FontStyle::kRegular;
  int element = -1;
  double gray = 0, angle = 0;
};

/// `run` with its text `text` and its paint.
inline ShownRun Shown(const TextRun& run, std::string_view text, TextPaint paint = {}) {
  return ShownRun{run.x,      run.baseline, run.size,    run.width,  std::string(text),
                  run.family, run.style,    run.element, paint.gray, paint.angle};
}

/// The ink box of a run: from the face's descender to its ascender (Liberation's hhea values).
/// The test style names one family, which is every run's.
struct Ink {
  double left, right, bottom, top;
};

inline Ink InkOf(const ShownRun& run) {
  const FontMetrics& face = TestFonts().Face(TestStyle().body.family, run.style);
  return Ink{run.x, run.x + run.width, run.baseline - face.Descent(run.size),
             run.baseline + face.Ascent(run.size)};
}

inline std::vector<ShownRun> Runs(const Page& page, bool with_watermark = false) {
  std::vector<ShownRun> runs;
  for (const PlacedItem& item : page.items) {
    if (const auto* run = std::get_if<TextRun>(&item)) {
      TextPaint paint = page.Paint(*run);
      if (paint.angle == 0 || with_watermark) runs.push_back(Shown(*run, page.Text(*run), paint));
    }
  }
  return runs;
}

/// Every pair of text runs on every page (the turned DRAFT watermark aside, which lies behind
/// the text by design) is apart: their ink boxes do not intersect. Returns a description of the
/// first overlap, or "" when there is none.
inline std::string FindOverlap(const LaidOutDocument& document) {
  const double slack = 0.01;
  for (size_t p = 0; p < document.pages.size(); ++p) {
    std::vector<ShownRun> runs = Runs(document.pages[p]);
    for (size_t a = 0; a < runs.size(); ++a) {
      if (runs[a].width == 0) continue;
      Ink i = InkOf(runs[a]);
      for (size_t b = a + 1; b < runs.size(); ++b) {
        if (runs[b].width == 0) continue;
        Ink j = InkOf(runs[b]);
        bool apart = i.right <= j.left + slack || j.right <= i.left + slack ||
                     i.top <= j.bottom + slack || j.top <= i.bottom + slack;
        if (!apart) {
          return "page " + std::to_string(p + 1) + ": \"" + runs[a].text + "\" overlaps \"" +
                 runs[b].text + "\"";
        }
      }
    }
  }
  return "";
}

/// Every text run lies inside the page's margins (left and right) and, but for the artifacts
/// placed in the margins (footer, DRAFT mark), between the top and bottom margins.
inline std::string FindOutside(const LaidOutDocument& document, const Style& style = TestStyle()) {
  const double slack = 0.01;
  for (size_t p = 0; p < document.pages.size(); ++p) {
    for (const ShownRun& run : Runs(document.pages[p])) {
      Ink ink = InkOf(run);
      bool inside = ink.left >= style.margin_left - slack &&
                    ink.right <= style.page_width - style.margin_right + slack;
      if (run.element >= 0) {
        inside = inside && ink.top <= style.page_height - style.margin_top + slack &&
                 ink.bottom >= style.margin_bottom - slack;
      }
      if (!inside) {
        return "page " + std::to_string(p + 1) + ": \"" + run.text +
               "\" at x=" + std::to_string(run.x) + " w=" + std::to_string(run.width) +
               " baseline=" + std::to_string(run.baseline);
      }
    }
  }
  return "";
}

/// The texts of the runs that belong to the document (not artifacts), in order, joined by
/// spaces, with every run's leading and trailing spaces dropped.
inline std::vector<std::string> Words(const LaidOutDocument& document) {
  std::vector<std::string> words;
  for (const Page& page : document.pages) {
    for (const ShownRun& run : Runs(page)) {
      if (run.element < 0) continue;
      std::string word;
      for (char c : run.text) {
        if (c == ' ') {
          if (!word.empty()) words.push_back(word);
          word.clear();
        } else {
          word.push_back(c);
        }
      }
      if (!word.empty()) words.push_back(word);
    }
  }
  return words;
}

/// The runs of one page whose text is exactly `text`.
inline std::vector<ShownRun> Find(const Page& page, const std::string& text) {
  std::vector<ShownRun> found;
  for (const ShownRun& run : Runs(page)) {
    if (run.text == text) found.push_back(run);
  }
  return found;
}

}  // namespace clerk::layout::testing
