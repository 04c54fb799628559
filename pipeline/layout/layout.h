#pragma once

#include <string>

#include "core/diagnostic.h"
#include "layout/pages.h"
#include "layout/style.h"
#include "markup/document.h"

/// Stage "layout": a document tree -> pages of placed, measured items, each keeping its role in
/// the document's structure. Measures with the real fonts (FontSet); knows no PDF library.
namespace clerk::layout {

/// Sets `document` on pages of `style` with `fonts`: text broken into lines at Unicode break
/// opportunities and never wider than its column; headings kept with what follows; no widows or
/// orphans; table head rows repeated on every page a table spans; long rows split between lines;
/// a footer ("reference ... Page n of N") and, for a draft, a DRAFT mark on every page.
/// Fills structure (in logical order), anchors, outline, page labels and info. Characters the
/// fonts lack become warnings. `fonts` must hold every family `style` names (FontSet::Load).
LaidOutDocument Layout(const markup::Document& document, const Style& style, const FontSet& fonts,
                       Diagnostics& diagnostics);

/// A stable text dump of the pages (one item a line, coordinates to 0.01 pt, roles by name),
/// the structure tree, anchors and outline: `clerk typeset --emit layout` and golden tests.
std::string DumpLayout(const LaidOutDocument& document);

/// "H1", "TD", ... as tagged PDF names the role.
const char* RoleName(Role role);

}  // namespace clerk::layout
