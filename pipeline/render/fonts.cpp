#include "render/fonts.h"

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <variant>

#include "layout/font_metrics.h"
#include "render/font_file.h"
#include "render/to_unicode.h"

namespace clerk::render {

namespace {

constexpr int kCodes = 0x10000;

// libharu calls this once, when the encoder is first looked up; the characters are filled in
// after that, since the callback gets nothing but the encoder. It does what
// HPDF_CMapEncoder_InitAttr does, whose clearing and filling of the two 128 KB maps a byte and a
// code at a time cost more than the rest of loading a face.
extern "C" HPDF_STATUS InitUsedCharactersEncoder(HPDF_Encoder encoder) {
  if (encoder->attr) return HPDF_INVALID_ENCODER;
  auto* attr = static_cast<HPDF_CMapEncoderAttr>(
      HPDF_GetMem(encoder->mmgr, sizeof(HPDF_CMapEncoderAttr_Rec)));
  if (!attr) return encoder->error->error_no;
  std::memset(attr, 0, sizeof *attr);
  encoder->attr = attr;
  // As libharu's: a code not defined stands for a white square.
  std::fill(&attr->unicode_map[0][0], &attr->unicode_map[0][0] + kCodes, HPDF_UNICODE{0x25A1});
  attr->cmap_range = HPDF_List_New(encoder->mmgr, HPDF_DEF_RANGE_TBL_NUM);
  attr->notdef_range = HPDF_List_New(encoder->mmgr, HPDF_DEF_ITEMS_PER_BLOCK);
  attr->code_space_range = HPDF_List_New(encoder->mmgr, HPDF_DEF_ITEMS_PER_BLOCK);
  if (!attr->cmap_range || !attr->notdef_range || !attr->code_space_range) {
    return encoder->error->error_no;  // the encoder's free function frees what was made
  }
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

// What libharu's CIDFontType2_BeforeWrite_Func does when the font is first written (its
// objects made in the same order, so numbered the same), with the subset from SubsetWriter. The
// font's streams get the font's filter, as there. False, with the failure recorded, on failure.
bool WriteDescriptor(PdfWriter& pdf, HPDF_Font font, std::string_view file,
                     const std::string& doing) {
  auto* attr = static_cast<HPDF_FontAttr>(font->attr);
  HPDF_FontDef definition = attr->fontdef;
  auto* font_file = static_cast<HPDF_TTFontDefAttr>(definition->attr);
  if (attr->map_stream) attr->map_stream->filter = font->filter;
  if (attr->cmap_stream) attr->cmap_stream->filter = font->filter;
  if (!definition->descriptor) {
    HPDF_MMgr mmgr = font->mmgr;
    HPDF_Dict descriptor = HPDF_Dict_New(mmgr);
    if (!pdf.Check(descriptor != nullptr, doing)) return false;
    if (font_file->embedding) {
      HPDF_Dict data = HPDF_DictStream_New(mmgr, attr->xref);
      if (!pdf.Check(data != nullptr, doing)) return false;
      std::optional<std::string> subset = SubsetFontFile(definition, file);
      if (!subset) return pdf.Fail(doing + ": the font file is shorter than its tables say");
      font_file->length1 = static_cast<HPDF_UINT>(subset->size());
      if (!pdf.ReplaceStream(data, *subset, doing)) return false;
      HPDF_STATUS status = HPDF_Dict_Add(descriptor, "FontFile2", data);
      status += HPDF_Dict_AddNumber(data, "Length1", static_cast<HPDF_INT32>(font_file->length1));
      status += HPDF_Dict_AddNumber(data, "Length2", 0);
      status += HPDF_Dict_AddNumber(data, "Length3", 0);
      data->filter = font->filter;
      if (!pdf.Check(status == HPDF_OK, doing)) return false;
    }
    HPDF_STATUS status = HPDF_Xref_Add(attr->xref, descriptor);
    status += HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
    status += HPDF_Dict_AddNumber(descriptor, "Ascent", definition->ascent);
    status += HPDF_Dict_AddNumber(descriptor, "Descent", definition->descent);
    status += HPDF_Dict_AddNumber(descriptor, "Flags", static_cast<HPDF_INT32>(definition->flags));
    status +=
        HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(mmgr, definition->font_bbox));
    status += HPDF_Dict_AddName(descriptor, "FontName", font_file->base_font);
    status += HPDF_Dict_AddNumber(descriptor, "ItalicAngle", definition->italic_angle);
    status += HPDF_Dict_AddNumber(descriptor, "StemV", definition->stemv);
    status += HPDF_Dict_AddNumber(descriptor, "XHeight", definition->x_height);
    if (!pdf.Check(status == HPDF_OK, doing)) return false;
    definition->descriptor = descriptor;
  }
  return pdf.Check(
      HPDF_Dict_AddName(font, "BaseFont", font_file->base_font) == HPDF_OK &&
          HPDF_Dict_AddName(attr->descendant_font, "BaseFont", font_file->base_font) == HPDF_OK &&
          HPDF_Dict_Add(attr->descendant_font, "FontDescriptor", definition->descriptor) == HPDF_OK,
      doing);
}

}  // namespace

UsedCharacters CharactersOf(const layout::LaidOutDocument& document) {
  // One flag per code (bytes, not std::vector<bool>'s bits, which cost a shift and mask each).
  std::map<FontFace, std::vector<unsigned char>> seen;
  const layout::TextRun* last_run = nullptr;  // of the last face
  unsigned char* last = nullptr;
  for (const layout::Page& page : document.pages) {
    for (const layout::PlacedItem& item : page.items) {
      const auto* run = std::get_if<layout::TextRun>(&item);
      if (!run || run->text.size == 0) continue;
      if (!last || run->style != last_run->style || run->family != last_run->family) {
        std::vector<unsigned char>& codes =
            seen[FontFace{document.FamilyName(run->family), run->style}];
        if (codes.empty()) codes.resize(kCodes);
        last = codes.data();
      }
      last_run = run;
      const std::string_view text = page.Text(*run);
      size_t i = 0;
      while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
          last[byte] = 1;
          ++i;
          continue;
        }
        char32_t code = layout::DecodeUtf8(text, &i);
        last[code < kCodes ? code : U' '] = 1;  // HexCodes draws those as spaces
      }
    }
  }
  UsedCharacters used;
  used.families = document.families;
  for (const auto& [face, codes] : seen) {
    std::set<char16_t>& characters = used.by_face[face];
    for (unsigned code = 1; code < kCodes; ++code) {
      if (codes[code]) characters.insert(characters.end(), static_cast<char16_t>(code));
    }
  }
  return used;
}

bool EmbeddedFonts::Load(PdfWriter& pdf, const UsedCharacters& used, const FontFiles& files) {
  // Faces that share a file share its font, which must then draw the characters of them all.
  std::map<std::string, std::set<char16_t>> by_path;
  for (const auto& [face, characters] : used.by_face) {
    by_path[files.at(face)].insert(characters.begin(), characters.end());
  }
  std::map<std::string, HPDF_Font> by_file;
  for (const auto& [face, unused] : used.by_face) {
    const std::string& path = files.at(face);
    auto loaded = by_file.find(path);
    if (loaded != by_file.end()) {
      by_face_[face] = loaded->second;
      continue;
    }
    std::string doing = std::string("loading the font for '") + face.family + "' in " +
                        FontStyleName(face.style) + " from " + path;
    const char* name = LoadTrueTypeFont(pdf.doc(), path);
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
  // Runs name their family by its index in the document: each run finds its font by index.
  families_ = used.families;
  by_index_.assign(4 * families_.size(), nullptr);
  for (size_t family = 0; family < families_.size(); ++family) {
    for (int style = 0; style < 4; ++style) {
      by_index_[4 * family + static_cast<size_t>(style)] =
          Find(FontFace{families_[family], static_cast<layout::FontStyle>(style)});
    }
  }
  return true;
}

bool EmbeddedFonts::Finish(PdfWriter& pdf) {
  for (HPDF_Font font : in_order_) {
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    HPDF_FontDef definition = attr->fontdef;
    const std::string doing = std::string("embedding the font ") + definition->base_font;
    // What libharu runs when it first writes the font: it makes the subset (FontFile2) and the
    // descriptor, and sets the filters of the font's streams. Run once, here, it is not run again;
    // WriteDescriptor does the same faster, for a file mapped by LoadTrueTypeFont.
    HPDF_Stream source = static_cast<HPDF_TTFontDefAttr>(definition->attr)->stream;
    std::optional<std::string_view> mapped = MappedFontFile(source);
    if (font->before_write_fn) {
      bool written = mapped ? WriteDescriptor(pdf, font, *mapped, doing)
                            : pdf.Check(font->before_write_fn(font) == HPDF_OK, doing);
      if (!written) return false;
      font->before_write_fn = nullptr;
    }
    // The subset is made: the file's bytes are not read again (libharu frees the stream itself).
    if (mapped) UnmapFontFile(source);
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

HPDF_Font EmbeddedFonts::Find(std::uint16_t family, layout::FontStyle style) const {
  size_t index = 4 * size_t{family} + static_cast<size_t>(style);
  return index < by_index_.size() ? by_index_[index] : nullptr;
}

const std::string& EmbeddedFonts::FamilyName(std::uint16_t family) const {
  static const std::string kNone;
  return family < families_.size() ? families_[family] : kNone;
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

namespace {

// Per byte, the letter that follows a backslash for it in a PDF literal string, or 0 when the
// byte stands as it is. '(' and ')' are escaped even when balanced, so that no string needs
// counting; CR and LF as \r and \n, since a reader takes a raw CR or CR LF in a string as LF.
constexpr std::array<char, 256> MakeLiteralEscapes() {
  std::array<char, 256> escapes{};
  escapes['('] = '(';
  escapes[')'] = ')';
  escapes['\\'] = '\\';
  escapes['\r'] = 'r';
  escapes['\n'] = 'n';
  return escapes;
}
constexpr std::array<char, 256> kLiteralEscapes = MakeLiteralEscapes();

// Writes `byte` at `out` as it stands in a literal string; returns the end.
inline char* WriteLiteralByte(unsigned char byte, char* out) {
  char escape = kLiteralEscapes[byte];
  if (escape != 0) {
    *out++ = '\\';
    *out++ = escape;
  } else {
    *out++ = static_cast<char>(byte);
  }
  return out;
}

}  // namespace

char* WriteLiteralCodes(std::string_view text, char* literal) {
  const char* const end = text.data() + text.size();
  for (const char* next = text.data(); next != end;) {
    auto byte = static_cast<unsigned char>(*next);
    if (byte < 0x80 && kLiteralEscapes[byte] == 0) {  // nearly all text: a NUL and the byte
      literal[0] = '\0';
      literal[1] = static_cast<char>(byte);
      literal += 2;
      ++next;
      continue;
    }
    // (An index of its own: one whose address is taken could change with any byte written.)
    size_t index = static_cast<size_t>(next - text.data());
    char32_t code = layout::DecodeUtf8(text, &index);
    next = text.data() + index;
    if (code >= kCodes) code = U' ';  // as libharu: it has no codes beyond the BMP
    literal = WriteLiteralByte(static_cast<unsigned char>(code >> 8), literal);
    literal = WriteLiteralByte(static_cast<unsigned char>(code & 0xFF), literal);
  }
  return literal;
}

void AppendLiteralCodes(std::string_view text, std::string& out) {
  size_t at = out.size();
  out.resize(at + kMostLiteralBytesPerByte * text.size());
  char* end = WriteLiteralCodes(text, out.data() + at);
  out.resize(static_cast<size_t>(end - out.data()));
}

std::string HexCodes(std::string_view text) {
  std::string hex;
  AppendHexCodes(text, hex);
  return hex;
}

}  // namespace clerk::render
