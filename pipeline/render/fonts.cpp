#include "render/fonts.h"

#include "render/to_unicode.h"

namespace clerk::render {

bool EmbeddedFonts::Load(PdfWriter& pdf, const std::set<FontFace>& faces, const FontFiles& files) {
  std::map<std::string, HPDF_Font> by_file;
  for (const FontFace& face : faces) {
    const std::string& path = files.at(face);
    auto loaded = by_file.find(path);
    if (loaded != by_file.end()) {
      by_face_[face] = loaded->second;
      continue;
    }
    std::string doing = std::string("loading the font for '") + face.family + "' in " +
                        FontStyleName(face.style) + " from " + path;
    const char* name = HPDF_LoadTTFontFromFile(pdf.doc(), path.c_str(), HPDF_TRUE);
    if (!pdf.Check(name != nullptr, doing, path)) return false;
    HPDF_Font font = HPDF_GetFont(pdf.doc(), name, "UTF-8");
    if (!pdf.Check(font != nullptr, doing, path)) return false;
    if (!ReplaceToUnicode(pdf, font, doing)) return false;
    by_file[path] = font;
    by_face_[face] = font;
  }
  return true;
}

HPDF_Font EmbeddedFonts::Find(const FontFace& face) const {
  auto found = by_face_.find(face);
  return found == by_face_.end() ? nullptr : found->second;
}

}  // namespace clerk::render
