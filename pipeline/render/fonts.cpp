#include "render/fonts.h"

#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>

#include <cstring>
#include <variant>

#include "layout/font_metrics.h"
#include "render/to_unicode.h"

namespace clerk::render {

namespace {

constexpr int kCodes = 0x10000;

// libharu calls this once, when the encoder is first looked up; the characters are filled in
// after that, since the callback gets nothing but the encoder.
extern "C" HPDF_STATUS InitUsedCharactersEncoder(HPDF_Encoder encoder) {
  HPDF_STATUS status = HPDF_CMapEncoder_InitAttr(encoder);
  if (status != HPDF_OK) return status;
  auto* attr = static_cast<HPDF_CMapEncoderAttr>(encoder->attr);
  // As libharu's UTF-8 encoder says them, so that the font dictionaries stay as they were:
  // "Identity-H" makes libharu write /Encoding /Identity-H and a ToUnicode map.
  std::strcpy(attr->registry, "Adobe");
  std::strcpy(attr->ordering, "Identity-H");
  attr->suppliment = 0;
  attr->writing_mode = HPDF_WMODE_HORIZONTAL;
  encoder->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
  return HPDF_OK;
}

void MapCode(HPDF_CMapEncoderAttr attr, unsigned code) {
  attr->cid_map[code >> 8][code & 0xFF] = static_cast<HPDF_UINT16>(code);
  attr->unicode_map[code >> 8][code & 0xFF] = static_cast<HPDF_UNICODE>(code);
}

// An encoder named `name` coding each of `characters` as its Unicode value; nullptr (and a
// recorded failure) when libharu cannot make it.
HPDF_Encoder NewEncoder(PdfWriter& pdf, const std::string& name,
                        const std::set<char16_t>& characters, const std::string& doing) {
  std::string writable = name;
  HPDF_Encoder encoder =
      HPDF_CMapEncoder_New(pdf.doc()->mmgr, writable.data(), InitUsedCharactersEncoder);
  if (!pdf.Check(encoder != nullptr, doing)) return nullptr;
  // Registering hands the encoder to the document, which frees it, even on failure.
  if (!pdf.Check(HPDF_Doc_RegisterEncoder(pdf.doc(), encoder) == HPDF_OK, doing)) return nullptr;
  encoder = HPDF_GetEncoder(pdf.doc(), name.c_str());  // runs InitUsedCharactersEncoder
  if (!pdf.Check(encoder != nullptr, doing)) return nullptr;
  auto* attr = static_cast<HPDF_CMapEncoderAttr>(encoder->attr);
  for (char16_t code : characters) MapCode(attr, code);
  // libharu 2.3.0 writes /W and the CIDToGIDMap for the codes below the highest one only: one
  // more code past the last, never drawn, keeps the last character's width and glyph.
  if (!characters.empty() && *characters.rbegin() + 1u < kCodes) {
    MapCode(attr, *characters.rbegin() + 1u);
  }
  return encoder;
}

}  // namespace

UsedCharacters CharactersOf(const layout::LaidOutDocument& document) {
  std::map<FontFace, std::vector<bool>> seen;
  FontFace last_face;
  std::vector<bool>* last = nullptr;
  for (const layout::Page& page : document.pages) {
    for (const layout::PlacedItem& item : page.items) {
      const auto* run = std::get_if<layout::TextRun>(&item);
      if (!run || run->text.empty()) continue;
      if (!last || run->style != last_face.style || run->family != last_face.family) {
        last_face = FontFace{run->family, run->style};
        last = &seen[last_face];
        if (last->empty()) last->resize(kCodes);
      }
      const std::string& text = run->text;
      size_t i = 0;
      while (i < text.size()) {
        char32_t code = layout::DecodeUtf8(text, &i);
        (*last)[code < kCodes ? code : U' '] = true;  // HexCodes draws those as spaces
      }
    }
  }
  UsedCharacters used;
  for (const auto& [face, codes] : seen) {
    std::set<char16_t>& characters = used[face];
    for (unsigned code = 1; code < kCodes; ++code) {
      if (codes[code]) characters.insert(characters.end(), static_cast<char16_t>(code));
    }
  }
  return used;
}

bool EmbeddedFonts::Load(PdfWriter& pdf, const UsedCharacters& used, const FontFiles& files) {
  // Faces that share a file share its font, which must then draw the characters of them all.
  std::map<std::string, std::set<char16_t>> by_path;
  for (const auto& [face, characters] : used) {
    by_path[files.at(face)].insert(characters.begin(), characters.end());
  }
  std::map<std::string, HPDF_Font> by_file;
  for (const auto& [face, unused] : used) {
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
    const std::set<char16_t>& characters = by_path[path];
    std::string encoder_name = "clerk-font-" + std::to_string(by_file.size() + 1);
    if (!NewEncoder(pdf, encoder_name, characters, doing)) return false;
    HPDF_Font font = HPDF_GetFont(pdf.doc(), name, encoder_name.c_str());
    if (!pdf.Check(font != nullptr, doing, path)) return false;
    // Measuring a character is what marks its glyph (and a composite glyph's parts) for the
    // embedded subset; the pages' text is written without libharu measuring it again.
    HPDF_FontDef definition = static_cast<HPDF_FontAttr>(font->attr)->fontdef;
    for (char16_t code : characters) HPDF_TTFontDef_GetCharWidth(definition, code);
    if (!ReplaceToUnicode(pdf, font, doing)) return false;
    by_file[path] = font;
    by_face_[face] = font;
    in_order_.push_back(font);
  }
  return true;
}

bool EmbeddedFonts::Finish(PdfWriter& pdf) {
  for (HPDF_Font font : in_order_) {
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    HPDF_FontDef definition = attr->fontdef;
    const std::string doing = std::string("embedding the font ") + definition->base_font;
    // What libharu runs when it first writes the font: it makes the subset (FontFile2) and the
    // descriptor, and sets the filters of the font's streams. Run once, here, it is not run again.
    if (font->before_write_fn) {
      if (!pdf.Check(font->before_write_fn(font) == HPDF_OK, doing)) return false;
      font->before_write_fn = nullptr;
    }
    HPDF_Dict descriptor = definition->descriptor;
    HPDF_Dict file =
        descriptor
            ? static_cast<HPDF_Dict>(HPDF_Dict_GetItem(descriptor, "FontFile2", HPDF_OCLASS_DICT))
            : nullptr;
    if (!file || !attr->map_stream || !attr->cmap_stream) {
      return pdf.Fail(doing + ": libharu made no font file, CIDToGIDMap or ToUnicode map");
    }
    if (!pdf.CompressStream(file, doing) || !pdf.CompressStream(attr->map_stream, doing) ||
        !pdf.CompressStream(attr->cmap_stream, doing)) {
      return false;
    }
  }
  return true;
}

HPDF_Font EmbeddedFonts::Find(const FontFace& face) const {
  auto found = by_face_.find(face);
  return found == by_face_.end() ? nullptr : found->second;
}

void AppendHexCodes(std::string_view text, std::string& out) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  size_t at = out.size();
  out.resize(at + 4 * text.size());  // at most four digits per byte
  char* hex = out.data() + at;
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    char32_t code = byte;
    if (byte < 0x80) {
      ++i;
    } else {
      code = layout::DecodeUtf8(text, &i);
      if (code >= kCodes) code = U' ';  // as libharu: it has no codes beyond the BMP
    }
    *hex++ = kDigits[(code >> 12) & 0xF];
    *hex++ = kDigits[(code >> 8) & 0xF];
    *hex++ = kDigits[(code >> 4) & 0xF];
    *hex++ = kDigits[code & 0xF];
  }
  out.resize(static_cast<size_t>(hex - out.data()));
}

std::string HexCodes(std::string_view text) {
  std::string hex;
  AppendHexCodes(text, hex);
  return hex;
}

}  // namespace clerk::render
