#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "layout/pages.h"
#include "layout/style.h"

namespace clerk::layout {

/// A stretch of a paragraph's text in one face, with the structure element its runs belong to.
struct TextPiece {
  std::string_view text;  ///< UTF-8, held by the caller; "\n" forces a line break (<br/>)
  FontStyle style = FontStyle::kRegular;
  int element = -1;  ///< structure element of the runs made from it
  int link = -1;     ///< which link of the paragraph it is part of; -1: none
  int source = -1;   ///< caller's index for diagnostics (the markup span it came from)
};

/// A piece of one line: text in one face, `x` points from the line's start.
struct LineFragment {
  TextSpan text;  ///< in its line's TextStore
  FontStyle style = FontStyle::kRegular;
  double x = 0;      ///< points from the start of the line
  double width = 0;  ///< measured advance, points
  int element = -1;
  int link = -1;
};

struct TextLine {
  std::vector<LineFragment> fragments;  ///< left to right, none empty
  TextStore text;                       ///< the fragments' text, end to end: a band's to take
  double width = 0;                     ///< points, without trailing spaces

  std::string_view Text(const LineFragment& fragment) const { return text.View(fragment.text); }
};

/// A character a face has no glyph for, and the piece where it was first seen.
struct MissingGlyph {
  char32_t code_point = 0;
  FontStyle style = FontStyle::kRegular;
  int source = -1;
};

/// A face as LineBreaker measures with it: its metrics, with the ASCII characters' advances at
/// hand (nearly all the text it measures).
struct BreakFace {
  const FontMetrics* metrics = nullptr;
  std::array<std::uint16_t, 0x80> ascii_units{};  ///< advance of each ASCII character
  bool printable_ascii = false;  ///< it has a glyph for every printable ASCII character
};

/// Breaks text into lines no wider than a measure, at the Unicode line-break opportunities
/// (UAX #14, from libunibreak), filling each line greedily. A word wider than the measure is
/// broken between grapheme clusters (never inside a UTF-8 sequence or before a combining mark).
/// Each character is measured once, from the face's cached advances.
class LineBreaker {
 public:
  LineBreaker(const FontSet& fonts, std::string family, double size, std::string language);

  /// Lines for `pieces` at `width` points. Every line's width is <= `width` unless a single
  /// grapheme cluster is wider than `width` (then it stands alone on its line). Appends the
  /// characters the faces lack to `missing` (each code point once per call).
  std::vector<TextLine> Break(const std::vector<TextPiece>& pieces, double width,
                              std::vector<MissingGlyph>* missing) const;
  /// The same lines, into `*lines`, whose elements (and their fragments' room) are reused: a
  /// caller breaking many texts then allocates no fragments once it has broken a long one.
  void Break(const std::vector<TextPiece>& pieces, double width, std::vector<MissingGlyph>* missing,
             std::vector<TextLine>* lines) const;

  const std::string& Family() const { return family_; }
  double Size() const { return size_; }  ///< points

 private:
  std::array<BreakFace, 4> faces_{};  ///< by FontStyle, from the FontSet
  std::string family_;
  double size_;
  std::string language_;
  std::string break_language_;  ///< its first two letters, as libunibreak matches them
};

/// The Unicode line-break opportunities of UTF-8 `text` for `language` (two letters, as libunibreak
/// matches them): for each byte one of libunibreak's LINEBREAK_* values, exactly as its
/// set_linebreaks_utf8 gives them.
std::vector<char> BreakOpportunities(const std::string& text, const std::string& language);

/// Whether `code_point` extends the grapheme cluster before it (combining marks, joiners,
/// variation selectors, emoji modifiers): a word is never broken before such a character.
bool ExtendsGrapheme(char32_t code_point);

}  // namespace clerk::layout
