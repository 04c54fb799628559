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
  // By piece: where the characters of the later pieces begin in `all` (a character belongs to
  // the piece its first byte is in).
  std::vector<size_t> piece_cut;
  std::vector<const BreakFace*> faces;  // by piece
  // By byte boundary of `all`: the advance, in thousandths of the size, of the characters that
  // end at or before it; so a stretch's width is one subtraction.
  std::vector<long long> units_before;
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
  // Bit 0: allowed straight after `cur`; bit 1: allowed after a space (so the loop below reads
  // whether a break is allowed as one shift of the action).
  enum Action : unsigned char { kProhibited = 0, kIndirect = 2, kDirect = 3 };
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
  std::array<LineBreakClass, 0x80> ascii_classes{};  // each looked up once: the tables are long
  for (utf32_t c = 0; c < ascii_classes.size(); ++c) {
    LineBreakClass found = specific ? ClassIn(specific, c) : LBP_XX;
    ascii_classes[c] = found != LBP_XX ? found : ClassIn(lb_prop_default, c);
  }
  auto class_of = [&](utf32_t c) { return ascii_classes[c]; };
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
  // A document's texts are all in one language: the last answer, kept per thread, spares each
  // text the lock and the search (the map's entries never move).
  thread_local std::string last_language;
  thread_local const AsciiRules* last_rules = nullptr;
  if (last_rules && language == last_language) return *last_rules;
  static std::mutex mutex;
  static std::map<std::string, AsciiRules> by_language;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = by_language.find(language);
  if (found == by_language.end()) {
    found = by_language.emplace(language, MakeRules(language)).first;
  }
  last_language = language;
  last_rules = &found->second;
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
    const unsigned action = rules.actions[cur][static_cast<size_t>(next)];
    const bool allowed = (action >> (after_space ? 1 : 0)) & 1;
    breaks[i - 1] = allowed ? LINEBREAK_ALLOWBREAK : LINEBREAK_NOBREAK;
    cur = static_cast<size_t>(next);
    after_space = false;
  }
  breaks[text.size() - 1] = LINEBREAK_MUSTBREAK;
}

/// libunibreak's breaks for `text`: from the pair table for printable ASCII, otherwise found by
/// libunibreak in a copy with ASCII stand-ins. `printable_ascii`: IsPrintableAscii(text), when
/// the caller already knows it.
void SetBreaks(const std::string& text, const std::string& language, bool printable_ascii,
               char* breaks) {
  const AsciiRules& rules = RulesFor(language);
  if (rules.usable && printable_ascii) {
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
bool IsPrintableAscii(const std::string&) { return false; }  // (not needed without stand-ins)

void SetBreaks(const std::string& text, const std::string& language, bool /*printable_ascii*/,
               char* breaks) {
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
  SetBreaks(text, language, IsPrintableAscii(text), breaks.data());
  return breaks;
}

LineBreaker::LineBreaker(const FontSet& fonts, std::string family, double size,
                         std::string language)
    : family_(std::move(family)),
      size_(size),
      language_(std::move(language)),
      break_language_(language_.substr(0, 2)) {
  InitLinebreakOnce();
  for (FontStyle style :
       {FontStyle::kRegular, FontStyle::kBold, FontStyle::kItalic, FontStyle::kBoldItalic}) {
    BreakFace& face = faces_[static_cast<size_t>(style)];
    face.metrics = &fonts.Face(family_, style);
    face.printable_ascii = true;
    for (char32_t c = 0; c < face.ascii_units.size(); ++c) {
      face.ascii_units[c] = static_cast<std::uint16_t>(face.metrics->Advance(c));
      if (c >= ' ' && c < 0x7F && !face.metrics->HasGlyph(c)) face.printable_ascii = false;
    }
  }
}

namespace {

/// Whether byte `c` is a character Break treats as a space: never printed at a line's end. (A
/// space or a line feed is always a character of its own, as no UTF-8 sequence holds one.)
bool IsSpaceByte(char c) { return c == ' ' || c == '\n'; }

/// What measuring a text found.
struct Measured {
  long long units = 0;     // the whole text's advance, in thousandths of the size
  bool plain = true;       // well-formed, and no character that forces a break
  bool printable = true;   // every byte printable ASCII
  bool multibyte = false;  // some character of more than one byte
};

/// Measures every character of `scratch.all` once, filling `units_before` and `piece_cut`, and
/// appends the characters the faces lack to `missing` (each code point and style once).
Measured Measure(const std::vector<TextPiece>& pieces, BreakScratch& scratch,
                 std::vector<MissingGlyph>* missing) {
  const std::string& all = scratch.all;
  scratch.units_before.resize(all.size() + 1);
  long long* before = scratch.units_before.data();
  before[0] = 0;
  scratch.piece_cut.assign(pieces.size(), all.size());
  std::set<std::pair<char32_t, FontStyle>> reported;
  auto check_glyph = [&](const FontMetrics& face, char32_t code, size_t piece) {
    if (!missing || face.HasGlyph(code)) return;
    FontStyle style = pieces[piece].style;
    if (reported.emplace(code, style).second) {
      missing->push_back({code, style, pieces[piece].source});
    }
  };
  Measured measured;
  long long units = 0;
  size_t i = 0;
  for (size_t p = 0; p < pieces.size(); ++p) {
    // A character belongs to the piece its first byte is in (one that runs on past its piece's
    // end, from a malformed sequence, too).
    const size_t end = scratch.piece_end[p];
    const BreakFace& face = *scratch.faces[p];
    while (i < end) {
      const size_t begin = i;
      const auto lead = static_cast<unsigned char>(all[i]);
      if (lead >= ' ' && lead < 0x7F) {  // printable ASCII, nearly every character
        units += face.ascii_units[lead];
        before[++i] = units;
        if (!face.printable_ascii) check_glyph(*face.metrics, lead, p);
        continue;
      }
      const char32_t code = DecodeUtf8(all, &i);
      measured.printable = false;
      if (ForcesBreak(code) || (code == 0xFFFD && i - begin != 3)) measured.plain = false;
      measured.multibyte = measured.multibyte || i - begin > 1;
      if (code != '\n') {
        units += face.metrics->Advance(code);
        check_glyph(*face.metrics, code, p);
      }
      for (size_t k = begin + 1; k < i; ++k) before[k] = before[begin];  // inside a character
      before[i] = units;
    }
    if (p + 1 < pieces.size()) scratch.piece_cut[p] = i;
  }
  measured.units = units;
  return measured;
}

/// Marks the bytes inside each character of more than one byte as LINEBREAK_INSIDEACHAR, so
/// that only a character's last byte can offer a break. libunibreak does so itself, except
/// where it reads a malformed sequence differently from DecodeUtf8.
void MarkInsideCharacters(const std::string& all, std::vector<char>& breaks) {
  size_t i = 0;
  while (i < all.size()) {
    const size_t begin = i;
    DecodeUtf8(all, &i);
    for (size_t k = begin; k + 1 < i; ++k) breaks[k] = LINEBREAK_INSIDEACHAR;
  }
}

/// Fills lines greedily from the segments of the joined text (the stretches between break
/// opportunities): spans of text, each inside one piece.
class LineFiller {
 public:
  /// `limit`: the measure, in thousandths of the size.
  LineFiller(const std::vector<TextPiece>& pieces, BreakScratch& scratch, double scale,
             long long limit, std::vector<TextLine>& lines)
      : pieces_(pieces),
        all_(scratch.all),
        cut_(scratch.piece_cut),
        before_(scratch.units_before),
        line_(scratch.line),
        scale_(scale),
        limit_(limit),
        lines_(lines) {
    line_.clear();
  }

  /// Adds the segment of bytes [begin, end): on this line when it fits, else on the next; a word
  /// wider than a whole line is broken between grapheme clusters, filling each line.
  void AddSegment(size_t begin, size_t end) {
    size_t content_end = end;
    while (content_end > begin && IsSpaceByte(all_[content_end - 1])) --content_end;
    const long long content = Units(begin, content_end);
    const long long trailing = Units(content_end, end);
    if (!line_.empty() && line_units_ + pending_units_ + content > limit_) Emit();
    if (content <= limit_ || content_end == begin) {
      if (!line_.empty()) line_units_ += pending_units_;
      Append(begin, end);
      line_units_ += content;
    } else {
      AddClusters(begin, content_end);
      Append(content_end, end);
    }
    pending_units_ = trailing;
  }

  /// Ends the line where the text requires it: an empty line when it is empty (<br/><br/>).
  void ForceBreak() {
    if (line_.empty()) {
      NextLine();
    } else {
      Emit();
    }
  }

  /// Ends the last line; `lines_` then holds the lines and no more.
  void Finish() {
    if (!line_.empty()) Emit();
    lines_.resize(count_);
  }

 private:
  /// The advance of bytes [begin, end) of the joined text (both at character boundaries).
  long long Units(size_t begin, size_t end) const { return before_[end] - before_[begin]; }

  /// Adds the word of bytes [begin, end), wider than a line, a grapheme cluster at a time.
  void AddClusters(size_t begin, size_t end) {
    size_t at = begin;
    while (at < end) {
      size_t cluster_end = at;
      DecodeUtf8(all_, &cluster_end);
      while (cluster_end < end) {
        size_t next = cluster_end;
        if (!ExtendsGrapheme(DecodeUtf8(all_, &next))) break;
        cluster_end = next;
      }
      const long long cluster = Units(at, cluster_end);
      if (!line_.empty() && line_units_ + cluster > limit_) Emit();
      Append(at, cluster_end);
      line_units_ += cluster;
      at = cluster_end;
    }
  }

  /// Adds the characters of bytes [begin, end) to the line, as if one at a time: a new span
  /// where the piece changes, and each span's trailing spaces counted.
  void Append(size_t begin, size_t end) {
    while (begin < end) {
      while (cut_[piece_] <= begin) ++piece_;  // stretches come in order: the piece only grows
      const size_t chunk_end = std::min(end, cut_[piece_]);
      if (line_.empty() || line_.back().piece != static_cast<int>(piece_)) {
        line_.push_back(Span{static_cast<int>(piece_), begin, begin, 0, 0, 0});
      }
      Span& span = line_.back();
      span.end = chunk_end;
      span.units += Units(begin, chunk_end);
      size_t trail = chunk_end;
      while (trail > begin && IsSpaceByte(all_[trail - 1])) --trail;
      if (trail == begin) {  // spaces only: they add to the span's trailing spaces
        span.trailing_units += Units(begin, chunk_end);
        span.trailing_bytes += chunk_end - begin;
      } else {
        span.trailing_units = Units(trail, chunk_end);
        span.trailing_bytes = chunk_end - trail;
      }
      begin = chunk_end;
    }
  }

  /// Ends the line: its spans, without the spaces at its end, become a TextLine.
  void Emit() {
    TextLine& out = NextLine();
    while (!line_.empty()) {
      Span& last = line_.back();
      last.end -= last.trailing_bytes;
      last.units -= last.trailing_units;
      last.trailing_bytes = 0;
      last.trailing_units = 0;
      if (last.end > last.begin) break;
      line_.pop_back();
    }
    long long x = 0;
    size_t bytes = 0;
    for (const Span& span : line_) bytes += span.end - span.begin;
    out.text.Reserve(bytes);
    out.fragments.reserve(line_.size());
    for (const Span& span : line_) {
      const TextPiece& piece = pieces_[static_cast<size_t>(span.piece)];
      std::string_view text(all_.data() + span.begin, span.end - span.begin);
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
          previous.width = static_cast<double>(x) * scale_ - previous.x;
          continue;
        }
      }
      LineFragment fragment;
      fragment.text = out.text.Add(text);
      fragment.style = piece.style;
      fragment.x = static_cast<double>(x) * scale_;
      fragment.width = static_cast<double>(span.units) * scale_;
      fragment.element = piece.element;
      fragment.link = piece.link;
      out.fragments.push_back(fragment);
      x += span.units;
    }
    out.width = static_cast<double>(x) * scale_;
    line_.clear();
    line_units_ = 0;
    pending_units_ = 0;
  }

  /// A new, empty line at the end: one of `lines_` reused when there is one.
  TextLine& NextLine() {
    if (count_ == lines_.size()) lines_.emplace_back();
    TextLine& line = lines_[count_++];
    line.fragments.clear();  // keeps its room
    if (line.text.Size() > 0) line.text = TextStore();
    line.width = 0;
    return line;
  }

  const std::vector<TextPiece>& pieces_;
  const std::string& all_;
  const std::vector<size_t>& cut_;
  const std::vector<long long>& before_;
  std::vector<Span>& line_;
  const double scale_;
  const long long limit_;
  std::vector<TextLine>& lines_;
  size_t count_ = 0;          // lines emitted, the first of lines_
  size_t piece_ = 0;          // the piece of the last character appended
  long long line_units_ = 0;  // the line's advance, without the trailing spaces of its last segment
  long long pending_units_ = 0;  // those trailing spaces
};

/// Where the segment of `all` from `begin` ends: after the next break opportunity in `breaks`
/// (its kind in *opportunity), else at the text's end (LINEBREAK_NOBREAK).
size_t SegmentEnd(const std::string& all, const std::vector<char>& breaks, size_t begin,
                  char* opportunity) {
  size_t end = begin;
  while (end < all.size()) {
    const char after = breaks[end++];
    if (after == LINEBREAK_MUSTBREAK || after == LINEBREAK_ALLOWBREAK) {
      *opportunity = after;
      return end;
    }
  }
  *opportunity = LINEBREAK_NOBREAK;
  return end;
}

}  // namespace

std::vector<TextLine> LineBreaker::Break(const std::vector<TextPiece>& pieces, double width,
                                         std::vector<MissingGlyph>* missing) const {
  std::vector<TextLine> lines;
  Break(pieces, width, missing, &lines);
  return lines;
}

void LineBreaker::Break(const std::vector<TextPiece>& pieces, double width,
                        std::vector<MissingGlyph>* missing, std::vector<TextLine>* lines) const {
  size_t total = 0;
  for (const TextPiece& piece : pieces) total += piece.text.size();
  if (total == 0) {
    lines->clear();
    return;
  }
  BreakScratch& scratch = ThreadScratch();
  std::string& all = scratch.all;
  all.clear();
  all.reserve(total);
  scratch.piece_end.clear();
  scratch.faces.clear();
  for (const TextPiece& piece : pieces) {
    all += piece.text;
    scratch.piece_end.push_back(all.size());
    scratch.faces.push_back(&faces_[static_cast<size_t>(piece.style)]);
  }
  const double scale = size_ / 1000.0;
  const long long limit = static_cast<long long>(width / scale * (1 + kEpsilon) + kEpsilon);
  const Measured measured = Measure(pieces, scratch, missing);
  // About as many lines as the text fills, for fewer moves as they are added (not more than a
  // long paragraph's: a text of spaces fills few).
  constexpr long long kMostLinesReserved = 256;
  if (limit > 0) {
    lines->reserve(static_cast<size_t>(std::min(measured.units / limit, kMostLinesReserved)) + 1);
  }

  // A text that fits on its line and forces no break is that one line wherever it may break, so
  // libunibreak is asked only about the others (most table cells need no answer). Without one,
  // the whole text is one segment, ending in the break every text ends with.
  std::vector<char>& breaks = scratch.breaks;
  const bool have_breaks = !measured.plain || measured.units > limit;
  if (have_breaks) {
    breaks.resize(all.size());
    SetBreaks(all, break_language_, measured.printable, breaks.data());
    if (measured.multibyte) MarkInsideCharacters(all, breaks);
  }

  LineFiller filler(pieces, scratch, scale, limit, *lines);
  size_t begin = 0;
  while (begin < all.size()) {
    size_t end = all.size();
    char opportunity = LINEBREAK_MUSTBREAK;
    if (have_breaks) end = SegmentEnd(all, breaks, begin, &opportunity);
    filler.AddSegment(begin, end);
    // Treat a break libunibreak requires for other line separators (CR, NEL, U+2028) too.
    if (opportunity == LINEBREAK_MUSTBREAK && (all[end - 1] == '\n' || end < all.size())) {
      filler.ForceBreak();
    }
    begin = end;
  }
  filler.Finish();
}

}  // namespace clerk::layout
