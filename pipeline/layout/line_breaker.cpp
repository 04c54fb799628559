#include "layout/line_breaker.h"

#include <linebreak.h>
#if defined(LINEBREAK_VERSION) && LINEBREAK_VERSION == 0x0202  // libunibreak 1.1 (Debian 12)
#define CLERK_ASCII_STAND_INS 1
extern "C" {  // libunibreak's second header, unlike its first, does not say it is C
#include <linebreakdef.h>
}
#endif

#include <array>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
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

#ifdef CLERK_ASCII_STAND_INS
// libunibreak 1.1 finds each character's line-breaking class by a linear search from the start
// of its table (about 30 steps for a lowercase letter), and reads the character for nothing else
// (set_linebreaks in its linebreak.c). So it finds the same breaks, in half the time, in a copy
// of the text where each ASCII character is replaced by the first ASCII character of the same
// class, taken from the library's own exported tables. Later versions read more than the class
// of some characters, so they are given the text itself.

using StandIns = std::array<char, 0x80>;

/// The class `table` gives `c`, as libunibreak 1.1 looks it up (get_char_lb_class).
LineBreakClass ClassIn(const LineBreakProperties* table, utf32_t c) {
  for (; table->prop != LBP_Undefined && c >= table->start; ++table) {
    if (c <= table->end) return table->prop;
  }
  return LBP_XX;
}

/// For each ASCII character, the first ASCII character libunibreak puts in the same class for
/// `language` (matched as its get_lb_prop_lang does: language-specific classes first).
StandIns MakeStandIns(const std::string& language) {
  const LineBreakProperties* specific = nullptr;
  for (const LineBreakPropertiesLang* entry = lb_prop_lang_map; entry->lang; ++entry) {
    if (std::strncmp(language.c_str(), entry->lang, entry->namelen) == 0) {
      specific = entry->lbp;
      break;
    }
  }
  auto class_of = [&](utf32_t c) {
    LineBreakClass found = specific ? ClassIn(specific, c) : LBP_XX;
    return found != LBP_XX ? found : ClassIn(lb_prop_default, c);
  };
  StandIns stand_ins{};
  for (utf32_t c = 0; c < stand_ins.size(); ++c) {
    utf32_t first = 0;
    while (class_of(first) != class_of(c)) ++first;
    stand_ins[c] = static_cast<char>(first);
  }
  return stand_ins;
}

const StandIns& StandInsFor(const std::string& language) {
  static std::mutex mutex;
  static std::map<std::string, StandIns> by_language;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = by_language.find(language);
  if (found == by_language.end()) {
    found = by_language.emplace(language, MakeStandIns(language)).first;
  }
  return found->second;
}

/// libunibreak's breaks for `text`, found in a copy with ASCII stand-ins.
void SetBreaks(const std::string& text, const std::string& language, char* breaks) {
  const StandIns& stand_ins = StandInsFor(language);
  std::string classes = text;
  auto* bytes = reinterpret_cast<const utf8_t*>(text.data());
  size_t at = 0;
  while (at < text.size()) {
    if (bytes[at] < 0x80) {
      classes[at] = stand_ins[bytes[at]];
      ++at;
    } else if (lb_get_next_char_utf8(bytes, text.size(), &at) == EOS) {
      break;  // where libunibreak stops reading
    }
    // (It reads a sequence as long as its first byte says, so a malformed one can take in
    // ASCII bytes: those are left as they are, stepped over as it steps over them.)
  }
  set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(classes.data()), classes.size(),
                      language.c_str(), breaks);
}
#else
void SetBreaks(const std::string& text, const std::string& language, char* breaks) {
  set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(text.data()), text.size(), language.c_str(),
                      breaks);
}
#endif

/// Whether UAX #14 requires a break after `c`: classes BK, CR, LF and NL.
bool ForcesBreak(char32_t c) {
  if (c <= 0x0D) return c >= 0x0A;
  return c == 0x85 || c == 0x2028 || c == 0x2029;
}

}  // namespace

bool ExtendsGrapheme(char32_t c) {
  if (c < 0x0300) return false;           // nearly every character: none below extends
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

std::vector<char> BreakOpportunities(const std::string& text, const std::string& language) {
  InitLinebreakOnce();
  std::vector<char> breaks(text.size());
  SetBreaks(text, language, breaks.data());
  return breaks;
}

LineBreaker::LineBreaker(const FontSet& fonts, std::string family, double size,
                         std::string language)
    : fonts_(fonts),
      family_(std::move(family)),
      size_(size),
      language_(std::move(language)),
      break_language_(language_.substr(0, 2)) {
  InitLinebreakOnce();
}

std::vector<TextLine> LineBreaker::Break(const std::vector<TextPiece>& pieces, double width,
                                         std::vector<MissingGlyph>* missing) const {
  std::vector<TextLine> lines;
  size_t total = 0;
  for (const TextPiece& piece : pieces) total += piece.text.size();
  if (total == 0) return lines;
  std::string all;
  all.reserve(total);
  std::vector<size_t> piece_end;
  piece_end.reserve(pieces.size());
  std::vector<const FontMetrics*> faces;
  faces.reserve(pieces.size());
  const FontMetrics* by_style[4] = {};  // Face() compares family names: once per style
  for (const TextPiece& piece : pieces) {
    all += piece.text;
    piece_end.push_back(all.size());
    const FontMetrics*& face = by_style[static_cast<int>(piece.style)];
    if (!face) face = &fonts_.Face(family_, piece.style);
    faces.push_back(face);
  }
  const double scale = size_ / 1000.0;
  const long long limit = static_cast<long long>(width / scale * (1 + kEpsilon) + kEpsilon);

  // Measure every character once.
  std::vector<CharInfo> chars;
  chars.reserve(all.size());
  std::set<std::pair<char32_t, FontStyle>> reported;
  long long total_units = 0;
  bool plain = true;  // well-formed, and no character that forces a break
  size_t i = 0;
  int at_piece = 0;  // the piece of character i
  while (i < all.size()) {
    while (static_cast<size_t>(at_piece) < piece_end.size() - 1 &&
           i >= piece_end[static_cast<size_t>(at_piece)]) {
      ++at_piece;
    }
    CharInfo c;
    c.begin = i;
    c.piece = at_piece;
    char32_t code = DecodeUtf8(all, &i);
    c.end = i;
    const FontMetrics& face = *faces[static_cast<size_t>(at_piece)];
    c.space = code == ' ' || code == '\n';
    c.extend = ExtendsGrapheme(code);
    c.units = code == '\n' ? 0 : face.Advance(code);
    if (code != '\n' && missing && !face.HasGlyph(code)) {
      FontStyle style = pieces[static_cast<size_t>(at_piece)].style;
      if (reported.emplace(code, style).second) {
        missing->push_back({code, style, pieces[static_cast<size_t>(at_piece)].source});
      }
    }
    if (ForcesBreak(code) || (code == 0xFFFD && c.end - c.begin != 3)) plain = false;
    total_units += c.units;
    chars.push_back(c);
  }

  // A text that fits on its line and forces no break is that one line wherever it may break, so
  // libunibreak is asked only about the others (most table cells need no answer). Without one,
  // the whole text is one segment, ending in the break every text ends with.
  std::vector<char> breaks;
  if (!plain || total_units > limit) {
    breaks = BreakOpportunities(all, break_language_);
  }
  auto opportunity_after = [&](const CharInfo& c) -> char {
    if (!breaks.empty()) return breaks[c.end - 1];
    return c.end == all.size() ? LINEBREAK_MUSTBREAK : LINEBREAK_NOBREAK;
  };

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
      std::string_view text(all.data() + span.begin, span.end - span.begin);
      // A forced break inside a span (only at its end, after trimming) prints nothing.
      if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
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
      fragment.text = text;
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

  size_t next = 0;
  while (next < chars.size()) {
    // One segment: the characters up to the next break opportunity.
    const CharInfo* segment = chars.data() + next;
    size_t count = 0;
    bool forced = false;
    while (next < chars.size()) {
      const CharInfo& c = chars[next++];
      ++count;
      char opportunity = opportunity_after(c);
      if (opportunity == LINEBREAK_MUSTBREAK || opportunity == LINEBREAK_ALLOWBREAK) {
        forced = opportunity == LINEBREAK_MUSTBREAK && all[c.begin] == '\n';
        // Treat a break libunibreak requires for other line separators (CR, NEL, U+2028) too.
        if (opportunity == LINEBREAK_MUSTBREAK && c.end < all.size()) forced = true;
        break;
      }
    }
    long long content = 0, trailing = 0;
    size_t content_end = count;
    while (content_end > 0 && segment[content_end - 1].space) --content_end;
    for (size_t k = 0; k < count; ++k) {
      (k < content_end ? content : trailing) += segment[k].units;
    }

    if (!line.empty() && line_units + pending_units + content > limit) emit();
    if (content <= limit || content_end == 0) {
      bool was_empty = line.empty();
      for (size_t k = 0; k < count; ++k) append(segment[k]);
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
      for (size_t m = content_end; m < count; ++m) append(segment[m]);
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
