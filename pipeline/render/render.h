#pragma once

#include <map>
#include <string>

#include "core/diagnostic.h"
#include "layout/pages.h"

/// Render: a laid-out document in, the bytes of a PDF out. Render draws exactly what layout
/// placed and decides nothing about typography; it is the only stage that knows libharu.
namespace clerk::render {

/// One face of a font family, as TextRun names it.
struct FontFace {
  std::string family;
  layout::FontStyle style = layout::FontStyle::kRegular;
};

bool operator<(const FontFace& a, const FontFace& b);
bool operator==(const FontFace& a, const FontFace& b);

/// Which TrueType file draws each face: (family, style) -> path of a .ttf file (layout's
/// Style::fonts gives them per family: the build copies FontFaces::For(style) of each). Only the
/// faces that some TextRun uses are loaded and embedded; a used face without a path is an error.
using FontFiles = std::map<FontFace, std::string>;

/// Renders `document` as PDF bytes: fonts embedded (subset, Identity-H, with a ToUnicode map
/// so that text extracts), document info and date from `document.info` (never the clock),
/// bookmarks from `outline`, internal links from LinkAreas, page labels, everything compressed,
/// and the whole tagged for screen readers from `structure` (marked content, structure tree,
/// /Lang, /MarkInfo). The same inputs give the same bytes.
///
/// Problems are reported to `diagnostics` (all of them that can be found before drawing, such
/// as text libharu would draw wrongly, a face without a font file or a link to a missing anchor;
/// then the first failure libharu reports). Returns "" when any error was reported.
std::string RenderPdf(const layout::LaidOutDocument& document, const FontFiles& fonts,
                      Diagnostics& diagnostics);

/// RenderPdf of a document the caller gives up: each page's items are freed as soon as the page
/// is drawn, so that a long document is not held twice (as layout's items and as libharu's
/// objects). The same bytes as RenderPdf(const&). Afterwards `document`'s pages have no items.
std::string RenderPdf(layout::LaidOutDocument&& document, const FontFiles& fonts,
                      Diagnostics& diagnostics);

/// RenderPdf returns the bytes before the objects it wrote them with are freed: they are freed on
/// a thread of its own meanwhile, and their memory given back to the system (scale 45: libharu's
/// 19.5 MB, the tagging's and the rest). Waits until that is done for every document rendered so
/// far: call it before a large allocation that should not add to the process's peak. The process
/// waits for it anyway when it exits.
void WaitUntilRendersFreed();

/// "regular", "bold", "italic" or "bold italic".
const char* FontStyleName(layout::FontStyle style);

}  // namespace clerk::render
