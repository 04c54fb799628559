#include "render/draw.h"

#include <hpdf_consts.h>
#include <hpdf_font.h>
#include <hpdf_pages.h>

#include <cmath>
#include <optional>
#include <string>
#include <variant>

#include "render/tagging.h"

namespace clerk::render {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Draws the items of one page, setting line width, grays and font only when they change.
class PagePainter {
 public:
  PagePainter(PdfWriter& pdf, HPDF_Page page, int page_index, const EmbeddedFonts& fonts,
              Destinations& destinations, Tagger* tagger)
      : pdf_(pdf),
        page_(page),
        page_index_(page_index),
        fonts_(fonts),
        destinations_(destinations),
        tagger_(tagger),
        doing_("drawing page " + std::to_string(page_index + 1)) {}

  bool Draw(const layout::PlacedItem& item) {
    return std::visit([&](const auto& placed) { return Draw(placed); }, item);
  }

 private:
  bool Draw(const layout::TextRun& run) {
    if (run.text.empty()) return true;
    HPDF_Font font = fonts_.Find({run.family, run.style});
    if (!font) {
      return pdf_.Fail(doing_ + ": no font was loaded for '" + run.family + "' in " +
                       FontStyleName(run.style));
    }
    if (!BeginItem(run.element, run.text)) return false;
    HPDF_STATUS status = SetFillGray(run.gray);
    status += HPDF_Page_BeginText(page_);
    if (font != font_ || run.size != font_size_) {
      status += SetFontAndSize(font, static_cast<HPDF_REAL>(run.size));
      font_ = font;
      font_size_ = run.size;
    }
    auto x = static_cast<HPDF_REAL>(run.x);
    auto baseline = static_cast<HPDF_REAL>(run.baseline);
    if (run.angle == 0) {
      // Td from BT's identity matrix, as HPDF_Page_TextOut writes it.
      AppendNumber(x);
      AppendNumber(baseline, " Td\012<");
    } else {
      // Turned text (the watermark): the text matrix rotates about the run's origin.
      double radians = run.angle * kPi / 180;
      auto cos = static_cast<HPDF_REAL>(std::cos(radians));
      auto sin = static_cast<HPDF_REAL>(std::sin(radians));
      status += HPDF_Page_SetTextMatrix(page_, cos, sin, -sin, cos, x, baseline);
      operators_ += '<';
    }
    // The string is written here, as HPDF_Page_ShowText writes it: libharu would first measure
    // the text again, looking up every character's glyph in the font's cmap table.
    AppendHexCodes(run.text, operators_);
    operators_ += "> Tj\012";
    status += WriteOperators();
    status += HPDF_Page_EndText(page_);
    return pdf_.Check(status == HPDF_OK, doing_) && EndItem();
  }

  bool Draw(const layout::Rule& rule) {
    if (!BeginItem(rule.element)) return false;
    HPDF_STATUS status = SetLineWidth(rule.thickness);
    status += SetStrokeGray(rule.gray);
    // m, l and S as HPDF_Page_MoveTo, _LineTo and _Stroke write them, in one write (each of
    // those clears a 512-byte buffer byte by byte first). libharu's path state is left as
    // Stroke leaves it: no path under way.
    AppendNumber(static_cast<HPDF_REAL>(rule.x1));
    AppendNumber(static_cast<HPDF_REAL>(rule.y1), " m\012");
    AppendNumber(static_cast<HPDF_REAL>(rule.x2));
    AppendNumber(static_cast<HPDF_REAL>(rule.y2), " l\012S\012");
    status += WriteOperators();
    return pdf_.Check(status == HPDF_OK, doing_) && EndItem();
  }

  bool Draw(const layout::Box& box) {
    bool stroked = box.stroke > 0;
    if (!stroked && !box.fill_gray) return true;  // nothing to paint
    if (!BeginItem(box.element)) return false;
    HPDF_STATUS status = HPDF_OK;
    if (box.fill_gray) status += SetFillGray(*box.fill_gray);
    if (stroked) {
      status += SetLineWidth(box.stroke);
      status += SetStrokeGray(0);
    }
    status +=
        HPDF_Page_Rectangle(page_, static_cast<HPDF_REAL>(box.x), static_cast<HPDF_REAL>(box.y),
                            static_cast<HPDF_REAL>(box.width), static_cast<HPDF_REAL>(box.height));
    if (stroked && box.fill_gray) {
      status += HPDF_Page_FillStroke(page_);
    } else if (stroked) {
      status += HPDF_Page_Stroke(page_);
    } else {
      status += HPDF_Page_Fill(page_);
    }
    return pdf_.Check(status == HPDF_OK, doing_) && EndItem();
  }

  bool Draw(const layout::LinkArea& link) {
    HPDF_Destination destination = destinations_.For(link.target);
    if (!destination) return false;
    HPDF_Rect rect{static_cast<HPDF_REAL>(link.x), static_cast<HPDF_REAL>(link.y),
                   static_cast<HPDF_REAL>(link.x + link.width),
                   static_cast<HPDF_REAL>(link.y + link.height)};
    const std::string doing = doing_ + ": adding a link to '" + link.target + "'";
    HPDF_Annotation annotation = HPDF_Page_CreateLinkAnnot(page_, rect, destination);
    if (!pdf_.Check(annotation != nullptr, doing)) return false;
    if (!pdf_.Check(HPDF_LinkAnnot_SetBorderStyle(annotation, 0, 0, 0) == HPDF_OK, doing)) {
      return false;
    }
    return !tagger_ || tagger_->AddLink(annotation, page_, page_index_, link.element);
  }

  // Appends `value` to operators_ as libharu writes a number, then `after`.
  void AppendNumber(HPDF_REAL value, const char* after = " ") {
    AppendReal(value, operators_);
    operators_ += after;
  }

  // Writes operators_ to the page's content stream and empties it.
  HPDF_STATUS WriteOperators() {
    HPDF_Stream stream = static_cast<HPDF_PageAttr>(page_->attr)->stream;
    HPDF_STATUS status =
        HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(operators_.data()),
                          static_cast<HPDF_UINT>(operators_.size()));
    operators_.clear();
    return status;
  }

  bool BeginItem(int element, const std::string& text = "") {
    return !tagger_ || tagger_->BeginItem(page_, page_index_, element, text);
  }
  bool EndItem() { return !tagger_ || tagger_->EndItem(page_); }

  // "/F1 12 Tf" as HPDF_Page_SetFontAndSize writes it, with the same font resource and text
  // state (libharu's own clears a 512-byte buffer byte by byte first, and measures the size
  // with HPDF_FToA). Sizes
  // libharu refuses go to libharu, to be refused with its error.
  HPDF_STATUS SetFontAndSize(HPDF_Font font, HPDF_REAL size) {
    if (size <= 0 || size > HPDF_MAX_FONTSIZE) return HPDF_Page_SetFontAndSize(page_, font, size);
    const char* name = HPDF_Page_GetLocalFontName(page_, font);  // adds it to the resources
    if (!name) return HPDF_Page_SetFontAndSize(page_, font, size);
    operators_ += '/';
    operators_ += name;  // "F<n>": nothing in it to escape
    operators_ += ' ';
    AppendNumber(size, " Tf\012");
    HPDF_STATUS status = WriteOperators();  // now, in order with what libharu writes next
    auto* attr = static_cast<HPDF_PageAttr>(page_->attr);
    attr->gstate->font = font;
    attr->gstate->font_size = size;
    attr->gstate->writing_mode = static_cast<HPDF_FontAttr>(font->attr)->writing_mode;
    return status;
  }

  HPDF_STATUS SetFillGray(double gray) {
    if (fill_gray_ == gray) return HPDF_OK;
    fill_gray_ = gray;
    return HPDF_Page_SetGrayFill(page_, static_cast<HPDF_REAL>(gray));
  }

  HPDF_STATUS SetStrokeGray(double gray) {
    if (stroke_gray_ == gray) return HPDF_OK;
    stroke_gray_ = gray;
    return HPDF_Page_SetGrayStroke(page_, static_cast<HPDF_REAL>(gray));
  }

  HPDF_STATUS SetLineWidth(double width) {
    if (line_width_ == width) return HPDF_OK;
    line_width_ = width;
    return HPDF_Page_SetLineWidth(page_, static_cast<HPDF_REAL>(width));
  }

  PdfWriter& pdf_;
  HPDF_Page page_;
  int page_index_;
  const EmbeddedFonts& fonts_;
  Destinations& destinations_;
  Tagger* tagger_;
  std::string doing_;
  std::string operators_;  // written by WriteOperators; kept to reuse its buffer
  // The graphics state as PDF starts each page: black, 1-point lines, no font.
  double fill_gray_ = 0;
  double stroke_gray_ = 0;
  double line_width_ = 1;
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
  char text[24];
  char* end = text + sizeof text;
  char* at = end;
  for (int i = 0; i < 5; ++i) {
    *--at = static_cast<char>(fraction % 10 + '0');
    fraction /= 10;
  }
  *--at = '.';
  if (whole == 0) *--at = '0';
  for (; whole > 0; whole /= 10) *--at = static_cast<char>(whole % 10 + '0');
  // Trailing zeros go, then the point if nothing is left after it.
  while (end > at && end[-1] == '0') --end;
  if (end[-1] == '.') --end;
  out.append(at, end);
}

bool DrawPage(PdfWriter& pdf, HPDF_Page page, int page_index, const layout::Page& content,
              const EmbeddedFonts& fonts, Destinations& destinations, Tagger* tagger) {
  PagePainter painter(pdf, page, page_index, fonts, destinations, tagger);
  for (const layout::PlacedItem& item : content.items) {
    if (!painter.Draw(item)) return false;
  }
  return true;
}

}  // namespace clerk::render
