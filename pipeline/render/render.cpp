#include "render/render.h"

#include <hpdf_doc.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <tuple>

#include "render/document_info.h"
#include "render/draw.h"
#include "render/fonts.h"
#include "render/outline.h"
#include "render/pdf_writer.h"
#include "render/tagging.h"
#include "render/validate.h"

namespace clerk::render {

bool operator<(const FontFace& a, const FontFace& b) {
  return std::tie(a.family, a.style) < std::tie(b.family, b.style);
}

bool operator==(const FontFace& a, const FontFace& b) {
  return a.family == b.family && a.style == b.style;
}

const char* FontStyleName(layout::FontStyle style) {
  switch (style) {
    case layout::FontStyle::kRegular:
      return "regular";
    case layout::FontStyle::kBold:
      return "bold";
    case layout::FontStyle::kItalic:
      return "italic";
    case layout::FontStyle::kBoldItalic:
      return "bold italic";
  }
  return "regular";
}

namespace {

// A document being written and what writes it, freed together once the bytes are out.
struct Writing {
  PdfWriter pdf;  // first, so freed last: the others refer to its objects
  EmbeddedFonts fonts;
  std::vector<HPDF_Page> pages;
  std::optional<Destinations> destinations;
  std::optional<Tagger> tagger;
};

// Writes `document` with `writing`, which must be new; with `release`, which must be
// document.pages, each page's items are freed once the page is drawn, so that the document and
// libharu's copy are not held together.
std::optional<std::string> Write(Writing& writing, const layout::LaidOutDocument& document,
                                 const FontFiles& files, std::vector<layout::Page>* release) {
  PdfWriter& pdf = writing.pdf;
  if (!pdf.Ok()) return std::nullopt;
  HPDF_Doc doc = pdf.doc();
  // Compression first: libharu gives each page its filter when the page is made.
  if (!pdf.Check(HPDF_SetCompressionMode(doc, HPDF_COMP_ALL) == HPDF_OK &&
                     HPDF_UseUTFEncodings(doc) == HPDF_OK &&
                     HPDF_SetCurrentEncoder(doc, "UTF-8") == HPDF_OK,
                 "setting up libharu")) {
    return std::nullopt;
  }
  // Each page makes about four objects (itself, its contents and their length, a link or so),
  // each structure element one, and the fonts and the rest a few hundred.
  pdf.ReserveObjects(4 * document.pages.size() + document.structure.size() + 1024);
  EmbeddedFonts& fonts = writing.fonts;
  if (!fonts.Load(pdf, CharactersOf(document), files)) return std::nullopt;

  std::vector<HPDF_Page>& pages = writing.pages;
  for (size_t i = 0; i < document.pages.size(); ++i) {
    const layout::Page& source = document.pages[i];
    HPDF_Page page = HPDF_AddPage(doc);
    char size[64];
    std::snprintf(size, sizeof size, " (%g x %g points)", source.width, source.height);
    const std::string doing = "making page " + std::to_string(i + 1) + size;
    if (!pdf.Check(page != nullptr, doing) || !pdf.CollectPageContents(page, doing) ||
        !pdf.Check(HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(source.width)) == HPDF_OK &&
                       HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(source.height)) == HPDF_OK,
                   doing)) {
      return std::nullopt;
    }
    pages.push_back(page);
  }

  Destinations& destinations = writing.destinations.emplace(pdf, pages, document.anchors);
  Tagger& tagger = writing.tagger.emplace(pdf, document.structure, static_cast<int>(pages.size()));
  for (size_t i = 0; i < pages.size(); ++i) {
    if (!DrawPage(pdf, pages[i], static_cast<int>(i), document.pages[i], fonts, destinations,
                  &tagger) ||
        !pdf.CompressPageContents(pages[i], "compressing page " + std::to_string(i + 1))) {
      return std::nullopt;
    }
    if (release) std::vector<layout::PlacedItem>().swap((*release)[i].items);
  }
  if (!AddOutline(pdf, document.outline, destinations)) return std::nullopt;
  if (!document.outline.empty() &&
      !pdf.Check(HPDF_SetPageMode(doc, HPDF_PAGE_MODE_USE_OUTLINE) == HPDF_OK,
                 "showing the bookmarks")) {
    return std::nullopt;
  }
  if (!AddPageLabels(pdf, document.page_labels)) return std::nullopt;
  if (!SetDocumentInfo(pdf, document.info)) return std::nullopt;
  if (!tagger.Finish(pages, document.info)) return std::nullopt;
  // Last: libharu raises the version itself when some features are used; tagged PDF with
  // /Lang and /MarkInfo needs at least 1.4.
  doc->pdf_version = HPDF_VER_17;
  if (!fonts.Finish(pdf)) return std::nullopt;
  return pdf.Save();
}

}  // namespace

namespace {

std::string Render(const layout::LaidOutDocument& document, const FontFiles& fonts,
                   Diagnostics& diagnostics, std::vector<layout::Page>* release) {
  if (!ValidateDocument(document, fonts, diagnostics)) return "";
  auto writing = std::make_unique<Writing>();
  std::optional<std::string> bytes;
  {
    // libharu's allocation callback has no context: it finds the document's arena this way.
    LibharuArena::Use use = writing->pdf.Allocating();
    bytes = Write(*writing, document, fonts, release);
  }
  const PdfWriter& pdf = writing->pdf;
  if (!bytes || !pdf.Ok()) {
    diagnostics.Error({pdf.FailureFile(), 0, 0}, "cannot write the PDF: " + pdf.Failure());
    return "";
  }
  // The bytes are all the caller needs: libharu's objects and the rest are freed meanwhile.
  FreeInBackground([freeing = writing.release()] { delete freeing; });
  return std::move(*bytes);
}

}  // namespace

std::string RenderPdf(const layout::LaidOutDocument& document, const FontFiles& fonts,
                      Diagnostics& diagnostics) {
  return Render(document, fonts, diagnostics, nullptr);
}

std::string RenderPdf(layout::LaidOutDocument&& document, const FontFiles& fonts,
                      Diagnostics& diagnostics) {
  return Render(document, fonts, diagnostics, &document.pages);
}

void WaitUntilRendersFreed() { WaitForBackgroundFree(); }

}  // namespace clerk::render
