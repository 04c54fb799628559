#include "layout/line_breaker.h"

#include <linebreak.h>
#if defined(LINEBREAK_VERSION) && LINEBREAK_VERSION == 0x0202  // libunibreak 1.1 (Debian 12)
#define CLERK_ASCII_STAND_INS 1
extern "C" {  // libunibreak's second header, unlike its first, does not say it is C
#include <linebreakdef.h>
}
#endif

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

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

/// The buffers Break fills for each text, kept from one call to the next on the same thread: a
/// document's thousands of texts then cost no allocation for them.
struct BreakScratch {
  std::string all;  // the pieces' text, joined
  std::vector<size_t> piece_end;
  std::vector<const FontMetrics*> faces;  // by piece
  std::vector<CharInfo> chars;
  std::vector<char> breaks;  // libunibreak's LINEBREAK_* after each byte of `all`
  std::vector<Span> line;
};

BreakScratch& ThreadScratch() {
  thread_local BreakScratch scratch;
  return scratch;
}

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

/// libunibreak 1.1's rules for text of printable ASCII (U+0020 to U+007E) in one language, with
/// which such text, nearly all of a council's papers, is broken here without calling it.
///
/// Its set_linebreaks decides each break from the class of the last character that was not a
/// space (`cur`), the class of the next one, and whether a space came between: through its
/// pair table, a break is direct (always allowed), indirect (allowed only after a space) or
/// prohibited. (Its fourth kind, for combining marks, and its special cases for line ends, are
/// never met in printable ASCII.) The table is not copied here but read back from the library:
/// for each pair of classes, from its answers for "xy" and "x y". A leading space makes `cur`
/// a word joiner (WJ), kept as one more row.
struct AsciiRules {
  StandIns stand_ins{};  // each ASCII character's first ASCII character of the same class
  // Whether every printable character's class is one the pair table decides: if not, the
  // language's text always goes to libunibreak.
  bool usable = false;
  enum Action : unsigned char { kProhibited, kDirect, kIndirect };
  static constexpr int kJoinerRow = 0x80;                // `cur` after a leading space
  std::array<std::array<Action, 0x80>, 0x81> actions{};  // [cur's stand-in][next's stand-in]
};

/// libunibreak's breaks for `text` (ASCII stand-ins only), as a string of LINEBREAK_* values.
std::string ProbeBreaks(const std::string& text, const std::string& language) {
  std::string breaks(text.size(), '\0');
  set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(text.data()), text.size(), language.c_str(),
                      breaks.data());
  return breaks;
}

/// For each ASCII character, the first ASCII character libunibreak puts in the same class for
/// `language` (matched as its get_lb_prop_lang does: language-specific classes first), and the
/// pair table for printable ASCII.
AsciiRules MakeRules(const std::string& language) {
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
  AsciiRules rules;
  for (utf32_t c = 0; c < rules.stand_ins.size(); ++c) {
    utf32_t first = 0;
    while (class_of(first) != class_of(c)) ++first;
    rules.stand_ins[c] = static_cast<char>(first);
  }

  // The classes of printable characters, by stand-in; all must be decided by the pair table.
  std::vector<char> classes;
  for (char c = ' '; c <= '~'; ++c) {
    char stand_in = rules.stand_ins[static_cast<size_t>(c)];
    if (std::find(classes.begin(), classes.end(), stand_in) != classes.end()) continue;
    LineBreakClass lbc = class_of(static_cast<utf32_t>(stand_in));
    bool in_table = lbc >= LBP_OP && lbc <= LBP_RI && lbc != LBP_CM;
    if (!in_table && lbc != LBP_SP) return rules;  // not usable
    classes.push_back(stand_in);
  }
  const char space = rules.stand_ins[' '];
  for (int row = 0; row <= AsciiRules::kJoinerRow; ++row) {
    bool joiner = row == AsciiRules::kJoinerRow;
    if (!joiner &&
        (std::find(classes.begin(), classes.end(), static_cast<char>(row)) == classes.end() ||
         row == space)) {
      continue;
    }
    // A text that leaves `cur` at this row's class, with no space last.
    const std::string before(1, joiner ? ' ' : static_cast<char>(row));
    for (char next : classes) {
      if (next == space) continue;
      AsciiRules::Action& action =
          rules.actions[static_cast<size_t>(row)][static_cast<size_t>(next)];
      if (ProbeBreaks(before + next, language)[before.size() - 1] == LINEBREAK_ALLOWBREAK) {
        action = AsciiRules::kDirect;
      } else if (ProbeBreaks(before + ' ' + next, language)[before.size()] ==
                 LINEBREAK_ALLOWBREAK) {
        action = AsciiRules::kIndirect;
      } else {
        action = AsciiRules::kProhibited;
      }
    }
  }
  rules.usable = true;
  return rules;
}

const AsciiRules& RulesFor(const std::string& language) {
  static std::mutex mutex;
  static std::map<std::string, AsciiRules> by_language;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = by_language.find(language);
  if (found == by_language.end()) {
    found = by_language.emplace(language, MakeRules(language)).first;
  }
  return found->second;
}

/// Whether every byte of `text` is printable ASCII.
bool IsPrintableAscii(const std::string& text) {
  for (char c : text) {
    if (c < ' ' || c > '~') return false;  // (char may be signed: bytes above 0x7F are < ' ')
  }
  return true;
}

/// set_linebreaks' loop for printable ASCII, with `rules`' table: the same breaks.
void SetAsciiBreaks(const std::string& text, const AsciiRules& rules, char* breaks) {
  if (text.empty()) return;
  const char space = rules.stand_ins[' '];
  auto stand_in = [&](char c) { return rules.stand_ins[static_cast<unsigned char>(c)]; };
  size_t cur =
      stand_in(text[0]) == space ? AsciiRules::kJoinerRow : static_cast<size_t>(stand_in(text[0]));
  bool after_space = false;
  for (size_t i = 1; i < text.size(); ++i) {
    char next = stand_in(text[i]);
    if (next == space) {
      breaks[i - 1] = LINEBREAK_NOBREAK;
      after_space = true;
      continue;
    }
    AsciiRules::Action action = rules.actions[cur][static_cast<size_t>(next)];
    bool allowed =
        action == AsciiRules::kDirect || (action == AsciiRules::kIndirect && after_space);
    breaks[i - 1] = allowed ? LINEBREAK_ALLOWBREAK : LINEBREAK_NOBREAK;
    cur = static_cast<size_t>(next);
    after_space = false;
  }
  breaks[text.size() - 1] = LINEBREAK_MUSTBREAK;
}

/// libunibreak's breaks for `text`: from the pair table for printable ASCII, otherwise found by
/// libunibreak in a copy with ASCII stand-ins.
void SetBreaks(const std::string& text, const std::string& language, char* breaks) {
  const AsciiRules& rules = RulesFor(language);
  if (rules.usable && IsPrintableAscii(text)) {
    SetAsciiBreaks(text, rules, breaks);
    return;
  }
  const StandIns& stand_ins = rules.stand_ins;
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
  BreakScratch& scratch = ThreadScratch();
  std::string& all = scratch.all;
  all.clear();
  all.reserve(total);
  std::vector<size_t>& piece_end = scratch.piece_end;
  piece_end.clear();
  std::vector<const FontMetrics*>& faces = scratch.faces;
  faces.clear();
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
  std::vector<CharInfo>& chars = scratch.chars;
  chars.clear();
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
  std::vector<char>& breaks = scratch.breaks;
  const bool have_breaks = !plain || total_units > limit;
  if (have_breaks) {
    breaks.resize(all.size());
    SetBreaks(all, break_language_, breaks.data());
  }
  auto opportunity_after = [&](const CharInfo& c) -> char {
    if (have_breaks) return breaks[c.end - 1];
    return c.end == all.size() ? LINEBREAK_MUSTBREAK : LINEBREAK_NOBREAK;
  };

  std::vector<Span>& line = scratch.line;
  line.clear();
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
    size_t bytes = 0;
    for (const Span& span : line) bytes += span.end - span.begin;
    out.text.Reserve(bytes);
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
          // Its bytes go right after the previous fragment's, the last added: one fragment.
          previous.text.size += out.text.Add(text).size;
          x += span.units;
          previous.width = static_cast<double>(x) * scale - previous.x;
          continue;
        }
      }
      LineFragment fragment;
      fragment.text = out.text.Add(text);
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
