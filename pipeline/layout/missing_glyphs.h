#pragma once

#include <set>
#include <vector>

#include "core/diagnostic.h"
#include "core/source_location.h"
#include "layout/style.h"

/// Characters of the inputs that the style's fonts cannot draw, found before anything is laid
/// out, so that each is reported where the clerk wrote it (`clerk check` and `clerk build`).
namespace clerk::layout {

/// Warns, at the field, of every character of `texts` that some face of `style`'s fonts lacks
/// (render draws such a character as an empty box): which font and faces lack it, and a hint. One
/// warning per character and file, at the first field that has it, saying in how many more
/// fields of that file it is. Characters beyond U+FFFF are always reported (render draws none).
/// Each warning carries its character (Diagnostic::character). Returns the characters reported.
/// `fonts` must be FontSet::Load(style, ...).
std::set<char32_t> CheckTextGlyphs(const std::vector<const LocatedText*>& texts, const Style& style,
                                   const FontSet& fonts, Diagnostics& diagnostics);

/// The hint of a missing-glyph warning about `code_point`.
std::string MissingGlyphHint(char32_t code_point);

/// "U+2713".
std::string CodePointName(char32_t code_point);

}  // namespace clerk::layout
