#pragma once

#include <string>

#include "layout/pages.h"
#include "render/fonts.h"
#include "render/outline.h"
#include "render/pdf_writer.h"

namespace clerk::render {

class Tagger;

/// Draws one page's items in their order: text runs in their font and gray (turned by their
/// angle about their origin), rules, boxes, and link areas as borderless link annotations to
/// their anchor's destination. With a `tagger`, each painted item is wrapped in marked content
/// and each link joins the structure tree.
/// Returns false, with the failure recorded in `pdf`, when libharu fails.
bool DrawPage(PdfWriter& pdf, HPDF_Page page, int page_index, const layout::Page& content,
              const EmbeddedFonts& fonts, Destinations& destinations, Tagger* tagger);

/// Appends `value` to `out` as libharu writes a real number (HPDF_FToA): clamped to +-32767,
/// rounded to five decimals, without trailing zeros or a bare point ("12", "0.5", "-3.25").
void AppendReal(HPDF_REAL value, std::string& out);

}  // namespace clerk::render
