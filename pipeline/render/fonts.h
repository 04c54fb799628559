#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "render/pdf_writer.h"
#include "render/render.h"

namespace clerk::render {

/// The characters (Unicode code points of the Basic Multilingual Plane) that each face draws,
/// and the document's families, which TextRun::family indexes.
struct UsedCharacters {
  std::map<FontFace, std::set<char16_t>> by_face;
  std::vector<std::string> families;  ///< LaidOutDocument::families
};

/// What the text runs of `document` draw with each face; faces without text are left out.
UsedCharacters CharactersOf(const layout::LaidOutDocument& document);

/// The fonts of one document, each embedded once.
///
/// Each font gets an encoder of its own that knows only the characters drawn with it, each
/// coded as its Unicode value (as libharu's UTF-8 encoder codes it, so the pages' text and the
/// identity ToUnicode map stay as they were). libharu then looks up glyphs, widths (/W) and the
/// CIDToGIDMap for those characters alone, instead of for all 65,536 codes of the UTF-8
/// encoder: loading a face costs what the document uses of it.
class EmbeddedFonts {
 public:
  /// Loads the faces of `used` from `files` in the map's (sorted) order, which keeps libharu's
  /// subset tags (HPDFAA, HPDFAB, ...) and so the output bytes the same from run to run. Each
  /// file is embedded once even when several faces name it, with the glyphs of every character
  /// drawn with it. Gives every font an identity ToUnicode map. Every face must be in `files`.
  /// Returns false, with the failure recorded in `pdf`, when libharu cannot load one.
  bool Load(PdfWriter& pdf, const UsedCharacters& used, const FontFiles& files);

  /// The loaded font for `face`; nullptr when it was not loaded.
  HPDF_Font Find(const FontFace& face) const;
  /// The same for a run's face: family `family` of the document's table, in `style`.
  HPDF_Font Find(std::uint16_t family, layout::FontStyle style) const;
  /// The name of the document's family `family`; "" when there is none.
  const std::string& FamilyName(std::uint16_t family) const;

  /// After the last page is drawn (the glyphs used are known) and just before saving: makes
  /// each font's embedded subset and descriptor now, as libharu would when saving (the same
  /// objects, numbered the same), and compresses the font's streams (the subset, its CIDToGIDMap
  /// and ToUnicode map) at PdfWriter's level rather than libharu's slower default. Returns false,
  /// with the failure recorded in `pdf`, when libharu fails.
  bool Finish(PdfWriter& pdf);

 private:
  std::map<FontFace, HPDF_Font> by_face_;
  std::vector<std::string> families_;  ///< the document's, as UsedCharacters::families
  std::vector<HPDF_Font> by_index_;    ///< by family index * 4 + style; nullptr: not loaded
  std::vector<HPDF_Font> in_order_;  ///< each font once, in the order loaded (and numbered)
};

/// Appends to `out` the codes a font loaded by EmbeddedFonts draws UTF-8 `text` with, as the
/// hexadecimal digits of a PDF string (four upper-case digits per character, as libharu writes
/// them; a character beyond the Basic Multilingual Plane as a space, as libharu draws it).
/// `text` should be valid UTF-8 (ValidateDocument checks it).
void AppendHexCodes(std::string_view text, std::string& out);

/// Writes at `out` the same codes as AppendHexCodes, two bytes each (high byte first), as the
/// bytes of a PDF literal string, without its parentheses: '(', ')' and '\\' escaped by a
/// backslash, bytes 13 and 10 written as \r and \n (a raw CR or CR LF reads back as LF), every
/// other byte, NUL included, as it is: half the bytes of the hexadecimal form, for ASCII text.
/// Writes at most kMostLiteralBytesPerByte bytes per byte of `text`; returns the end.
char* WriteLiteralCodes(std::string_view text, char* out);

/// An ASCII byte becomes a NUL and the byte, perhaps escaped; a longer sequence two bytes of code,
/// at most four with escapes.
inline constexpr size_t kMostLiteralBytesPerByte = 3;

/// WriteLiteralCodes, appending to `out`.
void AppendLiteralCodes(std::string_view text, std::string& out);

/// AppendHexCodes to an empty string.
std::string HexCodes(std::string_view text);

}  // namespace clerk::render
