#include "render/draw.h"

#include <hpdf_consts.h>
#include <hpdf_font.h>
#include <hpdf_pages.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "render/deflated_stream.h"
#include "render/digit_pairs.h"
#include "render/tagging.h"

namespace clerk::render {

namespace {

constexpr double kPi = 3.14159265358979323846;

// The most bytes WriteReal writes: a sign, five whole digits, a point and five decimals.
constexpr size_t kLongestReal = 12;

// Writes `value` at `out` as AppendReal appends it, and returns the end. Writes up to
// kLongestReal bytes (then moves the end back over trailing zeros).
char* WriteReal(HPDF_REAL value, char* out) {
  // libharu's arithmetic, step for step (float, and double where it adds its half unit of the
  // fifth decimal), so that every value gets libharu's digits.
  if (value > HPDF_LIMIT_MAX_REAL) {
    value = HPDF_LIMIT_MAX_REAL;
  } else if (value < HPDF_LIMIT_MIN_REAL) {
    value = HPDF_LIMIT_MIN_REAL;
  }
  if (value < 0) {
    *out++ = '-';
    value = -value;
  }
  auto whole = static_cast<HPDF_INT32>(value + 0.000005);
  auto fraction =
      static_cast<HPDF_INT32>(static_cast<HPDF_REAL>(value - whole + 0.000005) * 100000);
  // Digits are written two at a time, from a table; `whole` is at most 32767 (clamped above).
  auto pair = [&](HPDF_INT32 two_digits) {
    std::memcpy(out, &kDecimalDigitPairs[2 * two_digits], 2);
    out += 2;
  };
  if (whole < 10) {
    *out++ = static_cast<char>('0' + whole);
  } else if (whole < 100) {
    pair(whole);
  } else if (whole < 1000) {
    *out++ = static_cast<char>('0' + whole / 100);
    pair(whole % 100);
  } else if (whole < 10000) {
    pair(whole / 100);
    pair(whole % 100);
  } else {
    *out++ = static_cast<char>('0' + whole / 10000);
    pair(whole / 100 % 100);
    pair(whole % 100);
  }
  // libharu writes five decimals (of `fraction`, only the last five digits count), then drops
  // trailing zeros and a bare point.
  fraction %= 100000;
  if (fraction != 0) {
    *out++ = '.';
    pair(fraction / 1000);
    pair(fraction / 10 % 100);
    *out++ = static_cast<char>('0' + fraction % 10);
    while (out[-1] == '0') --out;  // stops at the first nonzero decimal: there is one
  }
  return out;
}

// Numbers recur on a page (a column's edge, a rule's ends, a font size, a gray): the digits
// WriteReal wrote are kept by the number's bits, so that a number met again is copied, which
// costs a fraction of working its digits out again. The same digits either way.
class RecentReals {
 public:
  // As WriteReal, with up to kLongestReal bytes of room at `out`.
  char* Write(HPDF_REAL value, char* out) {
    std::uint32_t bits;
    static_assert(sizeof bits == sizeof value);
    std::memcpy(&bits, &value, sizeof bits);
    // Fibonacci hashing: the top bits of the product mix all of the float's bits.
    Entry& entry = entries_[(bits * 0x9E3779B1u) >> (32 - kIndexBits)];
    if (entry.size != 0 && entry.bits == bits) {
      std::memcpy(out, entry.text, sizeof entry.text);  // all of it: there is room
      return out + entry.size;
    }
    char* end = WriteReal(value, out);
    auto size = static_cast<size_t>(end - out);
    if (size <= sizeof entry.text) {  // not the longest: below -9999, with five decimals
      entry.bits = bits;
      entry.size = static_cast<std::uint8_t>(size);
      std::memcpy(entry.text, out, size);
    }
    return end;
  }

 private:
  static constexpr int kIndexBits = 9;  // a page has some hundred different numbers
  struct Entry {
    std::uint32_t bits = 0;
    std::uint8_t size = 0;  // 0: empty
    char text[kLongestReal - 1];
  };
  std::array<Entry, size_t{1} << kIndexBits> entries_{};
};

// Draws the items of one page, setting line width, grays and font only when they change.
//
// The page's operators are gathered in one buffer and handed to its content stream once, at
// the end, rather than written by a libharu call each (each call checks the page's state and writes
// through its stream; some first clear a 512-byte buffer byte by byte). They are written as
// those calls write them, number for number (AppendReal), and every item leaves the page as
// they would: outside any text or path object. So libharu's own state of the page is kept only
// where it is read later: its graphics state, updated by Finish. A value libharu refuses goes
// to libharu itself, after what is gathered so far, to be refused with its own error.
//
// An item's operators, numbers and string are first composed in line_, a fixed buffer, and added
// to the gathered ones with one append (not one per number and word); line_ is emptied into
// them before anything else (the tagger, libharu) writes.
class PagePainter {
 public:
  PagePainter(PdfWriter& pdf, HPDF_Page page, int page_index, const layout::Page& content,
              const EmbeddedFonts& fonts, Destinations& destinations, Tagger* tagger,
              std::string& operators)
      : pdf_(pdf),
        page_(page),
        page_index_(page_index),
        content_(content),
        fonts_(fonts),
        destinations_(destinations),
        tagger_(tagger),
        operators_(operators) {}

  bool Draw(const layout::PlacedItem& item) {
    return std::visit([&](const auto& placed) { return Draw(placed); }, item);
  }

  /// Writes what is gathered to the page and gives libharu the graphics state it leaves.
  bool Finish() {
    HPDF_STATUS status = WriteOperators();
    auto* attr = static_cast<HPDF_PageAttr>(page_->attr);
    HPDF_GState gstate = attr->gstate;
    if (fill_gray_set_) {
      gstate->gray_fill = static_cast<HPDF_REAL>(fill_gray_);
      gstate->cs_fill = HPDF_CS_DEVICE_GRAY;
    }
    if (stroke_gray_set_) {
      gstate->gray_stroke = static_cast<HPDF_REAL>(stroke_gray_);
      gstate->cs_stroke = HPDF_CS_DEVICE_GRAY;
    }
    if (line_width_set_) gstate->line_width = static_cast<HPDF_REAL>(line_width_);
    if (font_) {
      gstate->font = font_;
      gstate->font_size = static_cast<HPDF_REAL>(font_size_);
      gstate->writing_mode = static_cast<HPDF_FontAttr>(font_->attr)->writing_mode;
    }
    // Asked even when every call succeeded: PdfWriter also sees errors libharu only recorded.
    return pdf_.Check(status == HPDF_OK, Doing());
  }

 private:
  bool Draw(const layout::TextRun& run) {
    const std::string_view text = content_.Text(run);
    if (text.empty()) return true;
    // Runs of one face follow each other: the face is looked up only when it changes.
    if (!face_font_ || run.style != face_style_ || run.family != face_family_) {
      face_font_ = fonts_.Find(run.family, run.style);
      if (!face_font_) {
        return pdf_.Fail(Doing() + ": no font was loaded for '" + fonts_.FamilyName(run.family) +
                         "' in " + FontStyleName(run.style));
      }
      face_family_ = run.family;
      face_style_ = run.style;
    }
    if (!BeginItem(run.element, text)) return false;
    const layout::TextPaint paint = content_.Paint(run);
    HPDF_STATUS status = SetFillGray(paint.gray);
    Put("BT\012");
    if (face_font_ != font_ || run.size != font_size_) {
      status += SetFontAndSize(face_font_, static_cast<HPDF_REAL>(run.size));
      font_ = face_font_;
      font_size_ = run.size;
    }
    auto x = static_cast<HPDF_REAL>(run.x);
    auto baseline = static_cast<HPDF_REAL>(run.baseline);
    if (paint.angle == 0) {
      // Td from BT's identity matrix, as HPDF_Page_TextOut writes it.
      PutReal(x);
      PutReal(baseline, " Td\012(");
    } else {
      // Turned text (the watermark): the text matrix rotates about the run's origin.
      double radians = paint.angle * kPi / 180;
      auto cos = static_cast<HPDF_REAL>(std::cos(radians));
      auto sin = static_cast<HPDF_REAL>(std::sin(radians));
      status += SetTextMatrix(cos, sin, -sin, cos, x, baseline);
      Put("(");
    }
    // The string is written here, with the codes HPDF_Page_ShowText writes (libharu would first
    // measure the text again, looking up every character's glyph in the font's cmap table), as
    // a literal string: half the bytes of libharu's hexadecimal one, to write and to deflate.
    constexpr std::string_view kShowAndEnd = ") Tj\012ET\012";
    const size_t most = kMostLiteralBytesPerByte * text.size() + kShowAndEnd.size();
    if (most > LineRoomLeft()) FlushLine();
    if (most <= LineRoomLeft()) {
      // Nearly every run: the whole text object goes to operators_ in one append.
      line_end_ = WriteLiteralCodes(text, line_end_);
      Put(kShowAndEnd);
    } else {
      const size_t at = operators_.size();
      operators_.resize(at + most);
      char* end = WriteLiteralCodes(text, operators_.data() + at);
      end = std::copy(kShowAndEnd.begin(), kShowAndEnd.end(), end);
      operators_.resize(static_cast<size_t>(end - operators_.data()));
    }
    EndItem();
    return Check(status);
  }

  bool Draw(const layout::Rule& rule) {
    if (!BeginItem(rule.element)) return false;
    HPDF_STATUS status = SetLineWidth(rule.thickness);
    status += SetStrokeGray(rule.gray);
    // m, l and S as HPDF_Page_MoveTo, _LineTo and _Stroke write them.
    PutReal(static_cast<HPDF_REAL>(rule.x1));
    PutReal(static_cast<HPDF_REAL>(rule.y1), " m\012");
    PutReal(static_cast<HPDF_REAL>(rule.x2));
    PutReal(static_cast<HPDF_REAL>(rule.y2), " l\012S\012");
    EndItem();
    return Check(status);
  }

  bool Draw(const layout::Box& box) {
    bool stroked = box.stroke > 0;
    if (!stroked && !box.filled) return true;  // nothing to paint
    if (!BeginItem(box.element)) return false;
    HPDF_STATUS status = HPDF_OK;
    if (box.filled) status += SetFillGray(box.fill);
    if (stroked) {
      status += SetLineWidth(box.stroke);
      status += SetStrokeGray(0);
    }
    // re, then f, S or B, as HPDF_Page_Rectangle and _Fill, _Stroke or _FillStroke write them.
    PutReal(static_cast<HPDF_REAL>(box.x));
    PutReal(static_cast<HPDF_REAL>(box.y));
    PutReal(static_cast<HPDF_REAL>(box.width));
    PutReal(static_cast<HPDF_REAL>(box.height), " re\012");
    Put(stroked && box.filled ? "B\012" : stroked ? "S\012" : "f\012");
    EndItem();
    return Check(status);
  }

  bool Draw(const layout::LinkArea& link) {
    const std::string target(content_.Target(link));
    HPDF_Destination destination = destinations_.For(target);
    if (!destination) return false;
    HPDF_Rect rect{static_cast<HPDF_REAL>(link.x), static_cast<HPDF_REAL>(link.y),
                   static_cast<HPDF_REAL>(link.x + link.width),
                   static_cast<HPDF_REAL>(link.y + link.height)};
    const std::string doing = Doing() + ": adding a link to '" + target + "'";
    HPDF_Annotation annotation = HPDF_Page_CreateLinkAnnot(page_, rect, destination);
    if (!pdf_.Check(annotation != nullptr, doing)) return false;
    if (!pdf_.Check(HPDF_LinkAnnot_SetBorderStyle(annotation, 0, 0, 0) == HPDF_OK, doing)) {
      return false;
    }
    return !tagger_ || tagger_->AddLink(annotation, page_, page_index_, link.element);
  }

  std::string Doing() const { return "drawing page " + std::to_string(page_index_ + 1); }

  // Whether `status` is HPDF_OK; when not, the failure is recorded.
  bool Check(HPDF_STATUS status) { return status == HPDF_OK || pdf_.Check(false, Doing()); }

  size_t LineRoomLeft() const { return static_cast<size_t>(line_ + kLineRoom - line_end_); }

  // Adds `words` to line_.
  void Put(std::string_view words) {
    if (words.size() > LineRoomLeft()) {
      FlushLine();
      if (words.size() > kLineRoom) {
        operators_ += words;
        return;
      }
    }
    std::memcpy(line_end_, words.data(), words.size());
    line_end_ += words.size();
  }

  // Adds `value` to line_ as libharu writes a number, then `after` (a few bytes).
  void PutReal(HPDF_REAL value, std::string_view after = " ") {
    if (kLongestReal + after.size() > LineRoomLeft()) FlushLine();
    line_end_ = reals_.Write(value, line_end_);
    std::memcpy(line_end_, after.data(), after.size());
    line_end_ += after.size();
  }

  // Appends line_ to operators_ and empties it.
  void FlushLine() {
    if (line_end_ == line_) return;
    operators_.append(line_, static_cast<size_t>(line_end_ - line_));
    line_end_ = line_;
  }

  // Writes operators_ to the page's content stream and empties it. The page's first (and, but
  // for a value libharu refuses, only) write hands the buffer over, without copying it.
  HPDF_STATUS WriteOperators() {
    FlushLine();
    if (operators_.empty()) return HPDF_OK;
    HPDF_Stream stream = static_cast<HPDF_PageAttr>(page_->attr)->stream;
    if (MoveIntoCollecting(stream, operators_)) return HPDF_OK;
    HPDF_STATUS status =
        HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(operators_.data()),
                          static_cast<HPDF_UINT>(operators_.size()));
    operators_.clear();
    return status;
  }

  bool BeginItem(int element, std::string_view text = {}) {
    FlushLine();
    return !tagger_ || tagger_->BeginItem(operators_, page_, page_index_, element, text);
  }
  void EndItem() {
    FlushLine();
    if (tagger_) Tagger::EndItem(operators_);
  }

  // "/F1 12 Tf" as HPDF_Page_SetFontAndSize writes it, with the same font resource. Sizes
  // libharu refuses go to libharu, to be refused with its error.
  HPDF_STATUS SetFontAndSize(HPDF_Font font, HPDF_REAL size) {
    const char* name = size <= 0 || size > HPDF_MAX_FONTSIZE
                           ? nullptr
                           : HPDF_Page_GetLocalFontName(page_, font);  // adds it to the resources
    if (!name) return WriteOperators() + HPDF_Page_SetFontAndSize(page_, font, size);
    Put("/");
    Put(name);  // "F<n>": nothing in it to escape
    Put(" ");
    PutReal(size, " Tf\012");
    return HPDF_OK;
  }

  // "a b c d x y Tm" as HPDF_Page_SetTextMatrix writes it, inside BT.
  HPDF_STATUS SetTextMatrix(HPDF_REAL a, HPDF_REAL b, HPDF_REAL c, HPDF_REAL d, HPDF_REAL x,
                            HPDF_REAL y) {
    if ((a == 0 || d == 0) && (b == 0 || c == 0)) {
      // libharu refuses a matrix that flattens the text; its state must be inside BT for that.
      HPDF_STATUS status = WriteOperators();
      auto* attr = static_cast<HPDF_PageAttr>(page_->attr);
      attr->gmode = HPDF_GMODE_TEXT_OBJECT;
      status += HPDF_Page_SetTextMatrix(page_, a, b, c, d, x, y);
      attr->gmode = HPDF_GMODE_PAGE_DESCRIPTION;
      return status;
    }
    for (HPDF_REAL value : {a, b, c, d, x}) PutReal(value);
    PutReal(y, " Tm\012");
    return HPDF_OK;
  }

  // "g", "G" and "w" as libharu writes them; values out of its range go to libharu.
  HPDF_STATUS SetFillGray(double gray) {
    if (fill_gray_ == gray) return HPDF_OK;
    auto value = static_cast<HPDF_REAL>(gray);
    if (value < 0 || value > 1) return WriteOperators() + HPDF_Page_SetGrayFill(page_, value);
    fill_gray_ = gray;
    fill_gray_set_ = true;
    PutReal(value, " g\012");
    return HPDF_OK;
  }

  HPDF_STATUS SetStrokeGray(double gray) {
    if (stroke_gray_ == gray) return HPDF_OK;
    auto value = static_cast<HPDF_REAL>(gray);
    if (value < 0 || value > 1) return WriteOperators() + HPDF_Page_SetGrayStroke(page_, value);
    stroke_gray_ = gray;
    stroke_gray_set_ = true;
    PutReal(value, " G\012");
    return HPDF_OK;
  }

  HPDF_STATUS SetLineWidth(double width) {
    if (line_width_ == width) return HPDF_OK;
    auto value = static_cast<HPDF_REAL>(width);
    if (value < 0) return WriteOperators() + HPDF_Page_SetLineWidth(page_, value);
    line_width_ = width;
    line_width_set_ = true;
    PutReal(value, " w\012");
    return HPDF_OK;
  }

  PdfWriter& pdf_;
  HPDF_Page page_;
  int page_index_;
  const layout::Page& content_;  // the items' text and paints
  const EmbeddedFonts& fonts_;
  Destinations& destinations_;
  Tagger* tagger_;
  std::string& operators_;  // the page's operators, not yet written
  // The operators being composed, not yet in operators_: line_ up to line_end_. Room for a
  // text object with a string of some 300 bytes of UTF-8 (a run is a line's words at most).
  static constexpr size_t kLineRoom = 1024;
  char line_[kLineRoom];
  char* line_end_ = line_;
  RecentReals reals_;
  // The face of the last run, and its font.
  std::uint16_t face_family_ = 0;
  layout::FontStyle face_style_ = layout::FontStyle::kRegular;
  HPDF_Font face_font_ = nullptr;
  // The graphics state as PDF starts each page: black, 1-point lines, no font.
  double fill_gray_ = 0;
  double stroke_gray_ = 0;
  double line_width_ = 1;
  bool fill_gray_set_ = false;
  bool stroke_gray_set_ = false;
  bool line_width_set_ = false;
  HPDF_Font font_ = nullptr;
  double font_size_ = 0;
};

}  // namespace

void AppendReal(HPDF_REAL value, std::string& out) {
  char text[kLongestReal];
  out.append(text, WriteReal(value, text));
}

bool DrawPage(PdfWriter& pdf, HPDF_Page page, int page_index, const layout::Page& content,
              const EmbeddedFonts& fonts, Destinations& destinations, Tagger* tagger) {
  std::string operators;
  operators.reserve(16384);  // a full page's operators: no reallocation on most pages
  PagePainter painter(pdf, page, page_index, content, fonts, destinations, tagger, operators);
  for (const layout::PlacedItem& item : content.items) {
    if (!painter.Draw(item)) return false;
  }
  return painter.Finish();
}

}  // namespace clerk::render
