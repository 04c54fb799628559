#pragma once

#include <map>
#include <set>

#include "render/pdf_writer.h"
#include "render/render.h"

namespace clerk::render {

/// The fonts of one document, each embedded once.
class EmbeddedFonts {
 public:
  /// Loads `faces` from `files` in the set's (sorted) order, which keeps libharu's subset tags
  /// (HPDFAA, HPDFAB, ...) and so the output bytes the same from run to run. Each file is
  /// embedded once even when several faces name it. Gives every font an identity ToUnicode
  /// map. Every face must be in `files`. Returns false, with the failure recorded in `pdf`,
  /// when libharu cannot load one.
  bool Load(PdfWriter& pdf, const std::set<FontFace>& faces, const FontFiles& files);

  /// The loaded font for `face`; nullptr when it was not loaded.
  HPDF_Font Find(const FontFace& face) const;

 private:
  std::map<FontFace, HPDF_Font> by_face_;
};

}  // namespace clerk::render
