#include "layout/line_breaker.h"

#include <linebreak.h>

#include <mutex>
#include <set>
#include <utility>

namespace clerk::layout {

namespace {

constexpr double kEpsilon = 1e-6;

void InitLinebreakOnce() {
  static std::once_flag once;
  std::call_once(once, [] { init_linebreak(); });
}

/// One character of the segment being gathered: its bytes in the joined text, its piece and
/// its advance in thousandths of the size.
struct CharInfo {
  size_t begin = 0;
  size_t end = 0;
  int piece = 0;
  int units = 0;
  bool space = false;  // a trailing space or a forced break: never printed at a line's end
  bool extend = false;
};

/// The line being filled: spans of joined text, each inside one piece.
struct Span {
  int piece = 0;
  size_t begin = 0;
  size_t end = 0;
  long long units = 0;
  long long trailing_units = 0;  // of spaces at the span's end
  size_t trailing_bytes = 0;
};

}  // namespace

bool ExtendsGrapheme(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) ||  // combining diacritical marks
         (c >= 0x0483 && c <= 0x0489) || (c >= 0x0591 && c <= 0x05BD) ||
         (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) ||
         (c >= 0x0900 && c <= 0x0903) || (c >= 0x093A && c <= 0x094F) ||
         (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) || c == 0x200C ||
         c == 0x200D ||  // zero-width non-joiner and joiner
         (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) ||    // variation selectors
         (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0x1F3FB && c <= 0x1F3FF) ||  // skin tones
         (c >= 0xE0100 && c <= 0xE01EF);
}

LineBreaker::LineBreaker(const FontSet& fonts, std::string family, double size,
                         std::string language)
    : fonts_(fonts), family_(std::move(family)), size_(size), language_(std::move(language)) {
  InitLinebreakOnce();
}

std::vector<TextLine> LineBreaker::Break(const std::vector<TextPiece>& pieces, double width,
                                         std::vector<MissingGlyph>* missing) const {
  std::vector<TextLine> lines;
  std::string all;
  std::vector<size_t> piece_end;
  std::vector<const FontMetrics*> faces;
  for (const TextPiece& piece : pieces) {
    all += piece.text;
    piece_end.push_back(all.size());
    faces.push_back(&fonts_.Face(family_, piece.style));
  }
  if (all.empty()) return lines;
  std::vector<char> breaks(all.size());
  set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(all.data()), all.size(),
                      language_.substr(0, 2).c_str(), breaks.data());

  const double scale = size_ / 1000.0;
  const long long limit = static_cast<long long>(width / scale * (1 + kEpsilon) + kEpsilon);
  std::set<std::pair<char32_t, FontStyle>> reported;

  std::vector<Span> line;
  long long line_units = 0;     // without the trailing spaces of its last segment
  long long pending_units = 0;  // those trailing spaces

  auto emit = [&] {
    TextLine out;
    // Drop the spaces at the line's end.
    while (!line.empty()) {
      Span& last = line.back();
      last.end -= last.trailing_bytes;
      last.units -= last.trailing_units;
      last.trailing_bytes = 0;
      last.trailing_units = 0;
      if (last.end > last.begin) break;
      line.pop_back();
    }
    long long x = 0;
    for (const Span& span : line) {
      const TextPiece& piece = pieces[static_cast<size_t>(span.piece)];
      std::string text = all.substr(span.begin, span.end - span.begin);
      // A forced break inside a span (only at its end, after trimming) prints nothing.
      if (!text.empty() && text.back() == '\n') text.pop_back();
      if (text.empty()) {
        x += span.units;
        continue;
      }
      if (!out.fragments.empty()) {
        LineFragment& previous = out.fragments.back();
        if (previous.style == piece.style && previous.element == piece.element &&
            previous.link == piece.link) {
          previous.text += text;
          x += span.units;
          previous.width = static_cast<double>(x) * scale - previous.x;
          continue;
        }
      }
      LineFragment fragment;
      fragment.text = std::move(text);
      fragment.style = piece.style;
      fragment.x = static_cast<double>(x) * scale;
      fragment.width = static_cast<double>(span.units) * scale;
      fragment.element = piece.element;
      fragment.link = piece.link;
      out.fragments.push_back(std::move(fragment));
      x += span.units;
    }
    out.width = static_cast<double>(x) * scale;
    lines.push_back(std::move(out));
    line.clear();
    line_units = 0;
    pending_units = 0;
  };

  auto append = [&](const CharInfo& c) {
    if (line.empty() || line.back().piece != c.piece || line.back().end != c.begin) {
      line.push_back(Span{c.piece, c.begin, c.begin, 0, 0, 0});
    }
    Span& span = line.back();
    span.end = c.end;
    span.units += c.units;
    if (c.space) {
      span.trailing_units += c.units;
      span.trailing_bytes += c.end - c.begin;
    } else {
      span.trailing_units = 0;
      span.trailing_bytes = 0;
    }
  };

  std::vector<CharInfo> segment;
  size_t i = 0;
  int piece = 0;
  while (i < all.size()) {
    // Gather one segment: the characters up to the next break opportunity.
    segment.clear();
    bool forced = false;
    while (i < all.size()) {
      while (static_cast<size_t>(piece) < piece_end.size() - 1 &&
             i >= piece_end[static_cast<size_t>(piece)]) {
        ++piece;
      }
      CharInfo c;
      c.begin = i;
      c.piece = piece;
      char32_t code = DecodeUtf8(all, &i);
      c.end = i;
      const FontMetrics& face = *faces[static_cast<size_t>(piece)];
      c.space = code == ' ' || code == '\n';
      c.extend = ExtendsGrapheme(code);
      c.units = code == '\n' ? 0 : face.Advance(code);
      if (code != '\n' && missing && !face.HasGlyph(code)) {
        FontStyle style = pieces[static_cast<size_t>(piece)].style;
        if (reported.emplace(code, style).second) {
          missing->push_back({code, style, pieces[static_cast<size_t>(piece)].source});
        }
      }
      segment.push_back(c);
      char opportunity = breaks[i - 1];
      if (opportunity == LINEBREAK_MUSTBREAK || opportunity == LINEBREAK_ALLOWBREAK) {
        forced = opportunity == LINEBREAK_MUSTBREAK && code == '\n';
        // Treat a break libunibreak requires for other line separators (CR, NEL, U+2028) too.
        if (opportunity == LINEBREAK_MUSTBREAK && i < all.size()) forced = true;
        break;
      }
    }
    long long content = 0, trailing = 0;
    size_t content_end = segment.size();
    while (content_end > 0 && segment[content_end - 1].space) --content_end;
    for (size_t k = 0; k < segment.size(); ++k) {
      (k < content_end ? content : trailing) += segment[k].units;
    }

    if (!line.empty() && line_units + pending_units + content > limit) emit();
    if (content <= limit || content_end == 0) {
      bool was_empty = line.empty();
      for (const CharInfo& c : segment) append(c);
      line_units += (was_empty ? 0 : pending_units) + content;
      pending_units = trailing;
    } else {
      // A word wider than the line: break it between grapheme clusters, filling each line.
      size_t k = 0;
      while (k < content_end) {
        size_t end = k + 1;
        long long cluster = segment[k].units;
        while (end < content_end && segment[end].extend) cluster += segment[end++].units;
        if (!line.empty() && line_units + cluster > limit) emit();
        for (size_t m = k; m < end; ++m) append(segment[m]);
        line_units += cluster;
        k = end;
      }
      for (size_t m = content_end; m < segment.size(); ++m) append(segment[m]);
      pending_units = trailing;
    }
    if (forced) {
      if (line.empty()) {
        lines.push_back(TextLine{});  // <br/><br/>: an empty line
      } else {
        emit();
      }
    }
  }
  if (!line.empty()) emit();
  return lines;
}

}  // namespace clerk::layout
