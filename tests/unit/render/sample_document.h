#pragma once

// A two-page laid-out document built by hand, as layout would place it: a DRAFT watermark, a
// heading, paragraphs in the four styles with typographic characters, a boxed recommendation, a
// link on page 1 to an appendix table on page 2, running header and footers, bookmarks and page
// labels.

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layout/pages.h"
#include "pdf_tools.h"
#include "render/render.h"

namespace clerk::test {

inline constexpr const char* kLiberationDirectory = "/usr/share/fonts/truetype/liberation/";

/// Liberation Sans, the house font, for the family "sans".
inline render::FontFiles SansFonts() {
  using layout::FontStyle;
  std::string dir = kLiberationDirectory;
  return {
      {{"sans", FontStyle::kRegular}, dir + "LiberationSans-Regular.ttf"},
      {{"sans", FontStyle::kBold}, dir + "LiberationSans-Bold.ttf"},
      {{"sans", FontStyle::kItalic}, dir + "LiberationSans-Italic.ttf"},
      {{"sans", FontStyle::kBoldItalic}, dir + "LiberationSans-BoldItalic.ttf"},
  };
}

/// Renders `document` with SansFonts into `scratch` as `name`, with no diagnostics; its path.
inline std::string RenderTo(const ScratchDirectory& scratch,
                            const layout::LaidOutDocument& document,
                            const std::string& name = "report.pdf") {
  Diagnostics diagnostics;
  std::string bytes = render::RenderPdf(document, SansFonts(), diagnostics);
  CHECK(diagnostics.Items().empty());
  REQUIRE_FALSE(bytes.empty());
  std::string path = scratch.File(name);
  WriteWholeFile(path, bytes);
  return path;
}

/// An item of a sample page: a run with its text, a link with its target, or any other item.
struct SampleItem {
  template <typename Item>
  SampleItem(Item placed, std::string shown = "") : item(placed), text(std::move(shown)) {}
  layout::PlacedItem item;
  std::string text;         ///< a run's text or a link's target
  layout::TextPaint paint;  ///< a run's gray and angle
};

/// Puts `sample` on `page` before item `index` (its text added to the page's store).
inline void PlaceAt(layout::Page& page, size_t index, const SampleItem& sample) {
  layout::PlacedItem item = sample.item;
  if (auto* run = std::get_if<layout::TextRun>(&item)) {
    run->text = page.text.Add(sample.text);
    if (sample.paint.gray != 0 || sample.paint.angle != 0) run->paint = page.AddPaint(sample.paint);
  } else if (auto* link = std::get_if<layout::LinkArea>(&item)) {
    link->target = page.text.Add(sample.text);
  }
  page.items.insert(page.items.begin() + static_cast<std::ptrdiff_t>(index), item);
}

/// Puts `sample` at the end of `page`.
inline void Place(layout::Page& page, const SampleItem& sample) {
  PlaceAt(page, page.items.size(), sample);
}

/// A page of `items`, in order.
inline layout::Page SamplePage(const std::vector<SampleItem>& items) {
  layout::Page page;
  for (const SampleItem& sample : items) Place(page, sample);
  return page;
}

/// A run of family 0 ("sans" in the sample document).
inline SampleItem Run(double x, double baseline, std::string text, layout::FontStyle style,
                      double size, int element) {
  layout::TextRun run;
  run.x = x;
  run.baseline = baseline;
  run.width = 0.5 * size * static_cast<double>(text.size());  // render does not use it
  run.style = style;
  run.size = size;
  run.element = element;
  return SampleItem(run, std::move(text));
}

/// A link area to the anchor `target`.
inline SampleItem Link(double x, double y, double width, double height, std::string target,
                       int element) {
  layout::LinkArea link;
  link.x = x;
  link.y = y;
  link.width = width;
  link.height = height;
  link.element = element;
  return SampleItem(link, std::move(target));
}

/// A box, filled with `fill` (a gray) unless it is nullopt.
inline layout::Box MakeBox(double x, double y, double width, double height, double stroke,
                           std::optional<double> fill, int element) {
  layout::Box box;
  box.x = x;
  box.y = y;
  box.width = width;
  box.height = height;
  box.stroke = stroke;
  box.SetFillGray(fill);
  box.element = element;
  return box;
}

/// Gives item `item` of `page`, a run, the text `text` (added to the page's store).
inline void SetRunText(layout::Page& page, size_t item, std::string_view text) {
  std::get<layout::TextRun>(page.items[item]).text = page.text.Add(text);
}

/// Points item `item` of `page`, a link, at `target` (added to the page's store).
inline void SetLinkTarget(layout::Page& page, size_t item, std::string_view target) {
  std::get<layout::LinkArea>(page.items[item]).target = page.text.Add(target);
}

/// Structure element indexes of SampleDocument().
enum SampleElement {
  kDocumentElement,
  kHeading,
  kFirstParagraph,
  kItalicParagraph,
  kRecommendation,
  kLinkParagraph,
  kLink,
  kAppendix,
  kAppendixHeading,
  kTable,
  kHeaderRow,
  kActionHeader,
  kStatusHeader,
  kDataRow,
  kActionCell,
  kStatusCell
};

inline layout::LaidOutDocument SampleDocument() {
  using layout::FontStyle;
  using layout::Role;
  using layout::Rule;
  layout::LaidOutDocument document;
  document.info.title = "KS2 Maths – scrutiny review";
  document.info.author = "Scrutiny Officer";
  document.info.subject = "Progress on the recommendations";
  document.info.keywords = "scrutiny; maths";
  document.info.date = "2011-06-14";

  auto element = [&](Role role, int parent) {
    layout::StructureElement e;
    e.role = role;
    e.parent = parent;
    document.structure.push_back(e);
  };
  element(Role::kDocument, -1);
  element(Role::kH1, kDocumentElement);
  element(Role::kP, kDocumentElement);
  element(Role::kP, kDocumentElement);
  element(Role::kP, kDocumentElement);
  element(Role::kP, kDocumentElement);
  element(Role::kLink, kLinkParagraph);
  document.structure.back().link_target = "appendix-a";
  element(Role::kSect, kDocumentElement);
  element(Role::kH1, kAppendix);
  element(Role::kTable, kAppendix);
  element(Role::kTR, kTable);
  element(Role::kTH, kHeaderRow);
  document.structure.back().scope = "Column";
  element(Role::kTH, kHeaderRow);
  document.structure.back().scope = "Column";
  element(Role::kTR, kTable);
  element(Role::kTD, kDataRow);
  element(Role::kTD, kDataRow);

  constexpr double kLeft = 56.7;
  document.families = {"sans"};
  SampleItem watermark = Run(150, 250, "DRAFT", FontStyle::kBold, 110, -1);
  watermark.paint = layout::TextPaint{0.85, 45};
  layout::Page first = SamplePage({
      watermark,
      Run(kLeft, 810, "Cabinet – 14 June 2011", FontStyle::kRegular, 8, -1),
      Run(kLeft, 760, "Report of the Scrutiny Review", FontStyle::kBold, 12, kHeading),
      Rule{kLeft, 752, 538.6, 752, 0.5, 0.5, -1},
      Run(kLeft, 730, "The council’s “action plan” is set out below • it cost £2,500 (café).",
          FontStyle::kRegular, 11, kFirstParagraph),
      Run(kLeft, 712, "Updated since the previous report: ‘Spring 2011’ – see résumé.",
          FontStyle::kItalic, 11, kItalicParagraph),
      MakeBox(50, 680, 495, 24, 1, 0.9, -1),
      Run(kLeft, 688, "Recommendation 1", FontStyle::kBoldItalic, 11, kRecommendation),
      Run(kLeft, 660, "See ", FontStyle::kRegular, 11, kLinkParagraph),
      Run(kLeft + 20.8, 660, "Appendix A", FontStyle::kRegular, 11, kLink),
      Run(kLeft + 76.2, 660, " for the action plan.", FontStyle::kRegular, 11, kLinkParagraph),
      Link(kLeft + 20.8, 657, 55.4, 13, "appendix-a", kLink),
      Run(kLeft, 30, "Page 1 of 2", FontStyle::kRegular, 8, -1),
  });
  layout::Page second = SamplePage({
      Run(kLeft, 780, "Appendix A: Action plan", FontStyle::kBold, 12, kAppendixHeading),
      MakeBox(kLeft, 738, 300, 18, 0.5, 0.88, -1),
      Run(kLeft + 4, 743, "Action", FontStyle::kBold, 10, kActionHeader),
      Run(kLeft + 154, 743, "Status", FontStyle::kBold, 10, kStatusHeader),
      Rule{kLeft, 720, kLeft + 300, 720, 0.5, 0, -1},
      Rule{kLeft + 150, 720, kLeft + 150, 756, 0.5, 0, -1},
      Run(kLeft + 4, 725, "Extra tuition – Year 6", FontStyle::kRegular, 10, kActionCell),
      Run(kLeft + 154, 725, "Done", FontStyle::kRegular, 10, kStatusCell),
      Run(kLeft, 30, "Page 2 of 2", FontStyle::kRegular, 8, -1),
  });
  document.pages = {first, second};
  document.anchors = {{"report", 0, 775}, {"recommendation-1", 0, 704}, {"appendix-a", 1, 795}};
  document.outline = {{"Report of the Scrutiny Review", 1, "report"},
                      {"Recommendation 1", 2, "recommendation-1"},
                      {"Appendix A: Action plan", 1, "appendix-a"}};
  document.page_labels = {{0, "", 1}, {1, "A-", 1}};
  return document;
}

}  // namespace clerk::test
