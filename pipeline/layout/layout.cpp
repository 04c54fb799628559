#include "layout/layout.h"

#include <cmath>

#include "layout/flow.h"
#include "layout/setter.h"

namespace clerk::layout {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// A run measured for `content` in `text`'s size and family (`family`, the family's index in the
/// document); Page::AddRun gives it its text.
TextRun MakeRun(const FontSet& fonts, const TextStyle& text, std::uint16_t family, FontStyle style,
                std::string_view content, double x, double baseline) {
  TextRun run;
  run.x = x;
  run.baseline = baseline;
  run.family = family;
  run.style = style;
  run.size = text.size;
  run.width = fonts.Face(text.family, style).Width(content, text.size);
  return run;
}

/// Shortens `text` with "…" until it is no wider than `width` points (whole characters only).
std::string Fit(const FontMetrics& face, std::string text, double size, double width) {
  if (face.Width(text, size) <= width) return text;
  const std::string ellipsis = "\xE2\x80\xA6";
  while (!text.empty() && face.Width(text + ellipsis, size) > width) {
    size_t cut = text.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }
  return text + ellipsis;
}

void AddFooters(const markup::Document& document, const Style& style, const FontSet& fonts,
                LaidOutDocument& out) {
  const int count = static_cast<int>(out.pages.size());
  const TextStyle& text = style.footer_text;
  const FontMetrics& face = fonts.Face(text.family, FontStyle::kRegular);
  const std::uint16_t family = out.FamilyIndex(text.family);
  const double right = style.page_width - style.margin_right;
  for (int n = 0; n < count; ++n) {
    Page& page = out.pages[static_cast<size_t>(n)];
    std::string number = "Page " + std::to_string(n + 1) + " of " + std::to_string(count);
    TextRun page_number =
        MakeRun(fonts, text, family, FontStyle::kRegular, number, 0, style.footer_baseline);
    page_number.x = right - page_number.width;
    if (!document.footer.empty()) {
      double room = style.TextWidth() - page_number.width - 12;
      std::string footer = Fit(face, document.footer, text.size, room);
      page.AddRun(MakeRun(fonts, text, family, FontStyle::kRegular, footer, style.margin_left,
                          style.footer_baseline),
                  footer);
    }
    page.AddRun(page_number, number);
  }
}

void AddDraftMarks(const markup::Document& document, const Style& style, const FontSet& fonts,
                   LaidOutDocument& out) {
  if (document.draft.empty()) return;
  const double right = style.page_width - style.margin_right;
  // The small mark sits in the top margin, clear of the body.
  const double mark_baseline = style.page_height - style.margin_top / 2;
  const std::uint16_t family = out.FamilyIndex(style.draft_text.family);
  const std::string mark_text = Fit(fonts.Face(style.draft_text.family, FontStyle::kBold),
                                    document.draft, style.draft_text.size, style.TextWidth());
  TextRun mark =
      MakeRun(fonts, style.draft_text, family, FontStyle::kBold, mark_text, 0, mark_baseline);
  mark.x = right - mark.width;

  // The watermark: "DRAFT", large and light, corner to corner, behind everything else.
  const FontMetrics& bold = fonts.Face(style.draft_text.family, FontStyle::kBold);
  const std::string word = "DRAFT";
  double angle = std::atan2(style.page_height, style.page_width);
  double diagonal = std::hypot(style.page_width, style.page_height);
  double size = std::min(style.draft_watermark_size, 0.7 * diagonal / bold.Width(word, 1));
  double width = bold.Width(word, size);
  double cap = 0.72 * size;  // about the capitals' height, to centre them on the diagonal
  double cx = style.page_width / 2, cy = style.page_height / 2;
  TextRun watermark;
  watermark.family = family;
  watermark.style = FontStyle::kBold;
  watermark.size = size;
  watermark.width = width;
  watermark.x = cx - width / 2 * std::cos(angle) + cap / 2 * std::sin(angle);
  watermark.baseline = cy - width / 2 * std::sin(angle) - cap / 2 * std::cos(angle);
  const TextPaint paint{style.draft_watermark_gray, angle * 180 / kPi};
  for (Page& page : out.pages) {
    if (style.draft_watermark_size > 0) {
      watermark.text = page.text.Add(word);
      watermark.paint = page.AddPaint(paint);
      page.items.insert(page.items.begin(), watermark);
    }
    page.AddRun(mark, mark_text);
  }
}

}  // namespace

LaidOutDocument Layout(const markup::Document& document, const Style& style, const FontSet& fonts,
                       Diagnostics& diagnostics) {
  LaidOutDocument out;
  out.info.title = document.title;
  out.info.author = document.author;
  out.info.subject = document.subject;
  out.info.keywords = document.keywords;
  out.info.language = document.lang;
  out.info.date = document.date;
  if (fonts.Empty()) {
    diagnostics.Error(document.where, "no fonts could be loaded, so nothing can be measured",
                      "see the errors about font files above");
    return out;
  }
  Flow flow;
  Setter setter(style, fonts, diagnostics, out, flow);
  setter.SetDocument(document);
  setter.CheckGlyphs(document.footer, style.footer_text.family, FontStyle::kRegular,
                     document.where);
  setter.CheckGlyphs(document.draft, style.draft_text.family, FontStyle::kBold, document.where);
  out.pages = Paginate(std::move(flow), style, &out.anchors);
  AddFooters(document, style, fonts, out);
  AddDraftMarks(document, style, fonts, out);
  out.page_labels.push_back(PageLabelRange{0, "", 1});
  return out;
}

}  // namespace clerk::layout
