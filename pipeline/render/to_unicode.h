#pragma once

#include <string>

#include "render/pdf_writer.h"

namespace clerk::render {

/// A ToUnicode CMap that maps every two-byte code to the same UTF-16 value (surrogates
/// excepted): render writes each character's Unicode value as its code (HexCodes in fonts.h), as
/// libharu's UTF-8 encoder does.
/// Every range stays within one high byte, as the CMap syntax requires.
std::string IdentityToUnicodeCMap();

/// Replaces, in place, the ToUnicode CMap libharu gave `font` (a Type0 font from a TrueType
/// file with an Identity-H encoder, such as EmbeddedFonts makes) by IdentityToUnicodeCMap().
/// libharu's own map uses begincidrange, which ToUnicode maps may not, and poppler warns about
/// it. Reports through `pdf` and returns false when the font has no such map.
bool ReplaceToUnicode(PdfWriter& pdf, HPDF_Font font, const std::string& doing);

}  // namespace clerk::render
