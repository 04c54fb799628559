#include "render/draw.h"

#include <hpdf_consts.h>
#include <hpdf_font.h>
#include <hpdf_pages.h>

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "render/tagging.h"

namespace clerk::render {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Draws the items of one page, setting line width, grays and font only when they change.
//
// The page's operators are gathered in one buffer and written to its content stream once, at
// the end, rather than by a libharu call each (each call checks the page's state and writes
// through its stream; some first clear a 512-byte buffer byte by byte). They are written as
// those calls write them, number for number (AppendReal), and every item leaves the page as
// they would: outside any text or path object. So libharu's own state of the page is kept only
// where it is read later: its graphics state, updated by Finish. A value libharu refuses goes
// to libharu itself, after what is gathered so far, to be refused with its own error.
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
    operators_ += "BT\012";
    if (face_font_ != font_ || run.size != font_size_) {
      status += SetFontAndSize(face_font_, static_cast<HPDF_REAL>(run.size));
      font_ = face_font_;
      font_size_ = run.size;
    }
    auto x = static_cast<HPDF_REAL>(run.x);
    auto baseline = static_cast<HPDF_REAL>(run.baseline);
    if (paint.angle == 0) {
      // Td from BT's identity matrix, as HPDF_Page_TextOut writes it.
      AppendNumber(x);
      AppendNumber(baseline, " Td\012<");
    } else {
      // Turned text (the watermark): the text matrix rotates about the run's origin.
      double radians = paint.angle * kPi / 180;
      auto cos = static_cast<HPDF_REAL>(std::cos(radians));
      auto sin = static_cast<HPDF_REAL>(std::sin(radians));
      status += SetTextMatrix(cos, sin, -sin, cos, x, baseline);
      operators_ += '<';
    }
    // The string is written here, as HPDF_Page_ShowText writes it: libharu would first measure
    // the text again, looking up every character's glyph in the font's cmap table.
    AppendHexCodes(text, operators_);
    operators_ += "> Tj\012ET\012";
    EndItem();
    return Check(status);
  }

  bool Draw(const layout::Rule& rule) {
    if (!BeginItem(rule.element)) return false;
    HPDF_STATUS status = SetLineWidth(rule.thickness);
    status += SetStrokeGray(rule.gray);
    // m, l and S as HPDF_Page_MoveTo, _LineTo and _Stroke write them.
    AppendNumber(static_cast<HPDF_REAL>(rule.x1));
    AppendNumber(static_cast<HPDF_REAL>(rule.y1), " m\012");
    AppendNumber(static_cast<HPDF_REAL>(rule.x2));
    AppendNumber(static_cast<HPDF_REAL>(rule.y2), " l\012S\012");
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
    AppendNumber(static_cast<HPDF_REAL>(box.x));
    AppendNumber(static_cast<HPDF_REAL>(box.y));
    AppendNumber(static_cast<HPDF_REAL>(box.width));
    AppendNumber(static_cast<HPDF_REAL>(box.height), " re\012");
    operators_ += stroked && box.filled ? "B\012" : stroked ? "S\012" : "f\012";
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

  // Appends `value` to operators_ as libharu writes a number, then `after`.
  void AppendNumber(HPDF_REAL value, const char* after = " ") {
    AppendReal(value, operators_);
    operators_ += after;
  }

  // Writes operators_ to the page's content stream and empties it.
  HPDF_STATUS WriteOperators() {
    if (operators_.empty()) return HPDF_OK;
    HPDF_Stream stream = static_cast<HPDF_PageAttr>(page_->attr)->stream;
    HPDF_STATUS status =
        HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(operators_.data()),
                          static_cast<HPDF_UINT>(operators_.size()));
    operators_.clear();
    return status;
  }

  bool BeginItem(int element, std::string_view text = {}) {
    return !tagger_ || tagger_->BeginItem(operators_, page_, page_index_, element, text);
  }
  void EndItem() {
    if (tagger_) Tagger::EndItem(operators_);
  }

  // "/F1 12 Tf" as HPDF_Page_SetFontAndSize writes it, with the same font resource. Sizes
  // libharu refuses go to libharu, to be refused with its error.
  HPDF_STATUS SetFontAndSize(HPDF_Font font, HPDF_REAL size) {
    const char* name = size <= 0 || size > HPDF_MAX_FONTSIZE
                           ? nullptr
                           : HPDF_Page_GetLocalFontName(page_, font);  // adds it to the resources
    if (!name) return WriteOperators() + HPDF_Page_SetFontAndSize(page_, font, size);
    operators_ += '/';
    operators_ += name;  // "F<n>": nothing in it to escape
    operators_ += ' ';
    AppendNumber(size, " Tf\012");
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
    for (HPDF_REAL value : {a, b, c, d, x}) AppendNumber(value);
    AppendNumber(y, " Tm\012");
    return HPDF_OK;
  }

  // "g", "G" and "w" as libharu writes them; values out of its range go to libharu.
  HPDF_STATUS SetFillGray(double gray) {
    if (fill_gray_ == gray) return HPDF_OK;
    auto value = static_cast<HPDF_REAL>(gray);
    if (value < 0 || value > 1) return WriteOperators() + HPDF_Page_SetGrayFill(page_, value);
    fill_gray_ = gray;
    fill_gray_set_ = true;
    AppendNumber(value, " g\012");
    return HPDF_OK;
  }

  HPDF_STATUS SetStrokeGray(double gray) {
    if (stroke_gray_ == gray) return HPDF_OK;
    auto value = static_cast<HPDF_REAL>(gray);
    if (value < 0 || value > 1) return WriteOperators() + HPDF_Page_SetGrayStroke(page_, value);
    stroke_gray_ = gray;
    stroke_gray_set_ = true;
    AppendNumber(value, " G\012");
    return HPDF_OK;
  }

  HPDF_STATUS SetLineWidth(double width) {
    if (line_width_ == width) return HPDF_OK;
    auto value = static_cast<HPDF_REAL>(width);
    if (value < 0) return WriteOperators() + HPDF_Page_SetLineWidth(page_, value);
    line_width_ = width;
    line_width_set_ = true;
    AppendNumber(value, " w\012");
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
  // libharu's arithmetic, step for step (float, and double where it adds its half unit of the
  // fifth decimal), so that every value gets libharu's digits.
  if (value > HPDF_LIMIT_MAX_REAL) {
    value = HPDF_LIMIT_MAX_REAL;
  } else if (value < HPDF_LIMIT_MIN_REAL) {
    value = HPDF_LIMIT_MIN_REAL;
  }
  if (value < 0) {
    out += '-';
    value = -value;
  }
  auto whole = static_cast<HPDF_INT32>(value + 0.000005);
  auto fraction =
      static_cast<HPDF_INT32>(static_cast<HPDF_REAL>(value - whole + 0.000005) * 100000);
  // libharu writes five decimals (of `fraction`, only the last five digits count), then drops
  // trailing zeros and a bare point. Digits are written two at a time, from a table.
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  char text[16];
  char* at = text + 6;  // the whole part goes before, right-aligned; the decimals after
  char* end = at;
  fraction %= 100000;
  if (fraction != 0) {
    *end++ = '.';
    std::memcpy(end, kPairs + 2 * (fraction / 1000), 2);
    std::memcpy(end + 2, kPairs + 2 * (fraction / 10 % 100), 2);
    end[4] = static_cast<char>('0' + fraction % 10);
    end += 5;
    while (end[-1] == '0') --end;  // stops at the first nonzero decimal: there is one
  }
  if (whole == 0) *--at = '0';
  for (; whole >= 100; whole /= 100) {
    at -= 2;
    std::memcpy(at, kPairs + 2 * (whole % 100), 2);
  }
  if (whole >= 10) {
    at -= 2;
    std::memcpy(at, kPairs + 2 * whole, 2);
  } else if (whole > 0) {
    *--at = static_cast<char>('0' + whole);
  }
  out.append(at, end);
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
