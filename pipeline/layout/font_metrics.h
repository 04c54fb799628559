#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clerk::layout {

/// The horizontal metrics of one TrueType face, read from its 'head', 'hhea', 'hmtx' and
/// 'cmap' tables. Advances are kept as libharu writes them into the PDF's /W array (the glyph's
/// advance * 1000 / unitsPerEm, truncated to an integer), so a width measured here is exactly the
/// width render draws.
class FontMetrics {
 public:
  /// Reads a face from the bytes of a .ttf file; nullopt, with *error set to a sentence, when
  /// the bytes are not a TrueType font with the tables above (cmap format 4 or 12).
  static std::optional<FontMetrics> Parse(std::string_view bytes, std::string* error);

  int UnitsPerEm() const { return units_per_em_; }
  /// hhea ascender (positive) and descender (negative), in font units.
  int Ascender() const { return ascender_; }
  int Descender() const { return descender_; }
  int LineGap() const { return line_gap_; }

  /// Height above the baseline at `size` points, in points.
  double Ascent(double size) const { return ascender_ * size / units_per_em_; }
  /// Depth below the baseline at `size` points, in points (positive).
  double Descent(double size) const { return -descender_ * size / units_per_em_; }

  /// The glyph that draws `code_point`; 0 (.notdef) when the face has none.
  uint16_t GlyphOf(char32_t code_point) const {
    return code_point < 0x10000 ? bmp_glyphs_[code_point] : OtherGlyphOf(code_point);
  }
  /// Whether render can draw `code_point` with this face: the face has a glyph for it and it
  /// lies in the Basic Multilingual Plane (libharu draws nothing else).
  bool HasGlyph(char32_t code_point) const {
    return code_point < 0x10000 && bmp_glyphs_[code_point] != 0;
  }
  /// Advance of `code_point` in thousandths of the font size (the PDF's glyph space).
  int Advance(char32_t code_point) const { return advances_[GlyphOf(code_point)]; }
  /// Advance width of UTF-8 `text` at `size` points, in points (no kerning, as libharu).
  double Width(std::string_view text, double size) const;
  /// The first character of `text` this face cannot draw, if any.
  std::optional<char32_t> FirstMissing(std::string_view text) const;

 private:
  uint16_t OtherGlyphOf(char32_t code_point) const;

  int units_per_em_ = 1000;
  int ascender_ = 800;
  int descender_ = -200;
  int line_gap_ = 0;
  std::vector<uint16_t> advances_;    ///< by glyph id, in thousandths of the size
  std::vector<uint16_t> bmp_glyphs_;  ///< code point (< 0x10000) -> glyph id
  std::unordered_map<char32_t, uint16_t> other_glyphs_;  ///< beyond the BMP
};

/// DecodeUtf8 for a character of more than one byte (or a malformed one).
char32_t DecodeUtf8Sequence(std::string_view text, size_t* index);

/// Decodes one UTF-8 character starting at text[*index] and advances *index past it. A byte that
/// does not start a well-formed sequence decodes as U+FFFD and advances by one byte, so that
/// callers never split or loop on malformed input.
inline char32_t DecodeUtf8(std::string_view text, size_t* index) {
  // Inline for ASCII, which is nearly all the text layout measures and breaks.
  auto lead = static_cast<unsigned char>(text[*index]);
  if (lead < 0x80) {
    ++*index;
    return lead;
  }
  return DecodeUtf8Sequence(text, index);
}

/// Appends the UTF-8 encoding of `code_point` to `out`.
void AppendUtf8(char32_t code_point, std::string& out);

}  // namespace clerk::layout
