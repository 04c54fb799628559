#include "render/fonts.h"

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdint>
#include <memory>
#include <optional>
#include <variant>

#include "layout/font_metrics.h"
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

// A font file mapped into memory, which libharu then reads through the stream functions below
// instead of its file stream, whose every read of a TrueType field (2 or 4 bytes) is an fread,
// many after an fseek, and which the subsetting reads again 4 bytes at a time. Only the pages
// libharu reads are loaded. The functions behave as libharu's file reader does: a short read
// fills the rest with zeros and ends the stream, and seeking past the end is allowed.
struct FontFileBytes {
  ~FontFileBytes() { Unmap(); }
  void Unmap() {
    if (data) munmap(data, size);
    data = nullptr;
    size = 0;
  }
  std::string_view View() const { return {static_cast<const char*>(data), size}; }
  void* data = nullptr;  // nullptr when empty
  size_t size = 0;
  size_t at = 0;
};

FontFileBytes& BytesOf(HPDF_Stream stream) { return *static_cast<FontFileBytes*>(stream->attr); }

extern "C" HPDF_STATUS ReadFontFile(HPDF_Stream stream, HPDF_BYTE* out, HPDF_UINT* size) {
  FontFileBytes& file = BytesOf(stream);
  size_t left = file.at < file.size ? file.size - file.at : 0;
  size_t count = std::min<size_t>(*size, left);
  if (count > 0) std::memcpy(out, static_cast<const char*>(file.data) + file.at, count);
  std::memset(out + count, 0, *size - count);
  file.at += count;
  if (count == *size) return HPDF_OK;
  *size = static_cast<HPDF_UINT>(count);
  return HPDF_STREAM_EOF;
}

extern "C" HPDF_STATUS SeekFontFile(HPDF_Stream stream, HPDF_INT offset, HPDF_WhenceMode mode) {
  FontFileBytes& file = BytesOf(stream);
  long long from = mode == HPDF_SEEK_CUR   ? static_cast<long long>(file.at)
                   : mode == HPDF_SEEK_END ? static_cast<long long>(file.size)
                                           : 0;
  if (from + offset < 0) return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
  file.at = static_cast<size_t>(from + offset);
  return HPDF_OK;
}

extern "C" HPDF_INT32 TellFontFile(HPDF_Stream stream) {
  return static_cast<HPDF_INT32>(BytesOf(stream).at);
}

extern "C" HPDF_UINT32 SizeOfFontFile(HPDF_Stream stream) {
  return static_cast<HPDF_UINT32>(BytesOf(stream).size);
}

extern "C" void FreeFontFile(HPDF_Stream stream) { delete &BytesOf(stream); }

// The file at `path` as a stream for libharu; nullptr, with libharu's error set as its file
// reader sets it, when the file cannot be opened or read.
HPDF_Stream NewFontFileStream(HPDF_MMgr mmgr, const std::string& path) {
  int descriptor = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) {
    HPDF_SetError(mmgr->error, HPDF_FILE_OPEN_ERROR, static_cast<HPDF_STATUS>(errno));
    return nullptr;
  }
  auto bytes = std::make_unique<FontFileBytes>();
  struct stat status;
  bool read = fstat(descriptor, &status) == 0 && S_ISREG(status.st_mode);
  if (read && status.st_size > 0) {
    bytes->size = static_cast<size_t>(status.st_size);
    bytes->data = mmap(nullptr, bytes->size, PROT_READ, MAP_PRIVATE, descriptor, 0);
    if (bytes->data == MAP_FAILED) {
      bytes->data = nullptr;
      read = false;
    }
  }
  close(descriptor);
  if (!read) {
    HPDF_SetError(mmgr->error, HPDF_FILE_IO_ERROR, 1);
    return nullptr;
  }
  auto* stream = static_cast<HPDF_Stream>(HPDF_GetMem(mmgr, sizeof(HPDF_Stream_Rec)));
  if (!stream) return nullptr;
  std::memset(stream, 0, sizeof *stream);
  stream->sig_bytes = HPDF_STREAM_SIG_BYTES;
  stream->type = HPDF_STREAM_FILE;
  stream->error = mmgr->error;
  stream->mmgr = mmgr;
  stream->read_fn = ReadFontFile;
  stream->seek_fn = SeekFontFile;
  stream->tell_fn = TellFontFile;
  stream->size_fn = SizeOfFontFile;
  stream->free_fn = FreeFontFile;
  stream->attr = bytes.release();
  return stream;
}

// What HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE) does, with the file read by
// NewFontFileStream: the font's name, or nullptr with libharu's error set.
const char* LoadTrueTypeFont(HPDF_Doc doc, const std::string& path) {
  HPDF_Stream stream = NewFontFileStream(doc->mmgr, path);
  if (!stream) return nullptr;
  HPDF_FontDef definition = HPDF_TTFontDef_Load(doc->mmgr, stream, HPDF_TRUE);  // frees stream
  if (!definition) return nullptr;
  // A face already loaded (from another file of the same name) is used as it is, untagged anew.
  if (HPDF_FontDef loaded = HPDF_Doc_FindFontDef(doc, definition->base_font)) {
    HPDF_FontDef_Free(definition);
    return loaded->base_font;
  }
  if (HPDF_List_Add(doc->fontdef_list, definition) != HPDF_OK) {
    HPDF_FontDef_Free(definition);
    return nullptr;
  }
  // The subset's tag: HPDFAA for the first font embedded, then counting up as libharu does.
  HPDF_BYTE* tag = doc->ttfont_tag;
  if (tag[0] == 0) {
    std::memcpy(tag, "HPDFAA", HPDF_TTF_FONT_TAG_LEN);
  } else {
    for (int i = HPDF_TTF_FONT_TAG_LEN - 1; i >= 0; --i) {
      if (++tag[i] <= 'Z') break;
      tag[i] = 'A';
    }
  }
  char name[HPDF_TTF_FONT_TAG_LEN + 1] = {};
  std::memcpy(name, tag, HPDF_TTF_FONT_TAG_LEN);
  HPDF_TTFontDef_SetTagName(definition, name);
  return definition->base_font;
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

// Writing the embedded subset: what libharu 2.3.0's HPDF_TTFontDef_SaveFontData writes, byte
// for byte, from the same parsed tables, but into a string from the mapped file (libharu reads
// the file, writes its memory stream and reads that back for the checksums, 4 bytes at a time).

// The tables libharu embeds, in its order; others are left out.
constexpr const char* kSubsetTables[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                         "hmtx", "loca", "maxp", "name", "post", "prep"};
constexpr size_t kSubsetTableCount = sizeof kSubsetTables / sizeof kSubsetTables[0];

void PutU16(std::string& out, unsigned value) {
  out.push_back(static_cast<char>((value >> 8) & 0xFF));
  out.push_back(static_cast<char>(value & 0xFF));
}

void PutU32(std::string& out, uint32_t value) {
  PutU16(out, value >> 16);
  PutU16(out, value & 0xFFFF);
}

// The big-endian word of up to four bytes at `at`, missing bytes as zeros.
uint32_t WordAt(const std::string& bytes, size_t at, size_t count) {
  uint32_t word = 0;
  for (size_t i = 0; i < 4; ++i) {
    word = (word << 8) | (i < count ? static_cast<unsigned char>(bytes[at + i]) : 0u);
  }
  return word;
}

const HPDF_TTFTable* FindTable(const HPDF_TTFontDefAttr_Rec& font, const char* tag) {
  for (HPDF_UINT i = 0; i < font.offset_tbl.num_tables; ++i) {
    if (std::memcmp(font.offset_tbl.table[i].tag, tag, 4) == 0) return &font.offset_tbl.table[i];
  }
  return nullptr;
}

class SubsetWriter {
 public:
  SubsetWriter(const HPDF_TTFontDefAttr_Rec& font, std::string_view file)
      : font_(font), file_(file), loca_(font.num_glyphs + 1u) {}

  /// The font file to embed; nullopt when a table lies outside the file.
  std::optional<std::string> Write() {
    uint32_t table_offsets[kSubsetTableCount];
    uint32_t table_lengths[kSubsetTableCount];
    for (size_t i = 0; i < kSubsetTableCount; ++i) {
      const char* tag = kSubsetTables[i];
      size_t start = tables_.size();
      bool written = true;
      if (std::strcmp(tag, "head") == 0) {
        WriteHead();
      } else if (std::strcmp(tag, "glyf") == 0) {
        written = WriteGlyphs();
      } else if (std::strcmp(tag, "loca") == 0) {
        WriteLocations();
      } else if (std::strcmp(tag, "name") == 0) {
        written = WriteNames();
      } else if (const HPDF_TTFTable* table = FindTable(font_, tag)) {
        written = Copy(table->offset, table->length, tables_);
      }  // a table the font lacks is listed empty
      if (!written) return std::nullopt;
      table_offsets[i] = static_cast<uint32_t>(start);
      table_lengths[i] = static_cast<uint32_t>(tables_.size() - start);
    }
    constexpr uint32_t kDirectorySize = 12 + 16 * kSubsetTableCount;
    std::string out;
    out.reserve(kDirectorySize + tables_.size());
    PutU32(out, font_.offset_tbl.sfnt_version);
    PutU16(out, kSubsetTableCount);
    PutU16(out, font_.offset_tbl.search_range);
    PutU16(out, font_.offset_tbl.entry_selector);
    PutU16(out, font_.offset_tbl.range_shift);
    for (size_t i = 0; i < kSubsetTableCount; ++i) {
      uint32_t sum = 0;
      for (uint32_t at = 0; at < table_lengths[i]; at += 4) {
        sum += WordAt(tables_, table_offsets[i] + at, std::min<uint32_t>(4, table_lengths[i] - at));
      }
      out.append(kSubsetTables[i], 4);
      PutU32(out, sum);
      PutU32(out, table_offsets[i] + kDirectorySize);
      PutU32(out, table_lengths[i]);
    }
    // As libharu: the adjustment is taken over the tables alone, in whole words.
    uint32_t adjustment = 0xB1B0AFBA;
    for (size_t at = 0; at + 4 <= tables_.size(); at += 4) adjustment -= WordAt(tables_, at, 4);
    std::string word;
    PutU32(word, adjustment);
    tables_.replace(check_sum_at_, 4, word);
    out += tables_;
    return out;
  }

 private:
  bool Copy(uint32_t from, uint32_t length, std::string& out) const {
    if (from > file_.size() || length > file_.size() - from) return false;
    out.append(file_.data() + from, length);
    return true;
  }

  bool ShortLocations() const { return font_.header.index_to_loc_format == 0; }

  void WriteHead() {
    const HPDF_TTF_FontHeader& head = font_.header;
    tables_.append(reinterpret_cast<const char*>(head.version_number), 4);
    PutU32(tables_, head.font_revision);
    check_sum_at_ = tables_.size();
    PutU32(tables_, 0);  // checkSumAdjustment, set once the rest is written
    PutU32(tables_, head.magic_number);
    PutU16(tables_, head.flags);
    PutU16(tables_, head.units_per_em);
    tables_.append(reinterpret_cast<const char*>(head.created), 8);
    tables_.append(reinterpret_cast<const char*>(head.modified), 8);
    for (HPDF_INT16 value : {head.x_min, head.y_min, head.x_max, head.y_max}) {
      PutU16(tables_, static_cast<uint16_t>(value));
    }
    PutU16(tables_, head.mac_style);
    PutU16(tables_, head.lowest_rec_ppem);
    for (HPDF_INT16 value :
         {head.font_direction_hint, head.index_to_loc_format, head.glyph_data_format}) {
      PutU16(tables_, static_cast<uint16_t>(value));
    }
  }

  // The glyphs marked used, in order; the others are left out, with an empty range in loca.
  bool WriteGlyphs() {
    const HPDF_TTF_GryphOffsets& glyphs = font_.glyph_tbl;
    const size_t start = tables_.size();
    const uint32_t scale = ShortLocations() ? 2 : 1;  // short offsets count 16-bit words
    uint32_t end = 0;
    for (HPDF_UINT i = 0; i < font_.num_glyphs; ++i) {
      if (glyphs.flgs[i] != 1) {
        loca_[i] = end;
        continue;
      }
      uint32_t offset = glyphs.offsets[i];
      uint32_t length = (glyphs.offsets[i + 1] - offset) * scale;
      loca_[i] = static_cast<uint32_t>(tables_.size() - start) / scale;
      if (!Copy(glyphs.base_offset + offset * scale, length, tables_)) return false;
      end = static_cast<uint32_t>(tables_.size() - start) / scale;
    }
    loca_[font_.num_glyphs] = end;
    return true;
  }

  void WriteLocations() {
    for (uint32_t location : loca_) {
      if (ShortLocations()) {
        PutU16(tables_, static_cast<uint16_t>(location));
      } else {
        PutU32(tables_, location);
      }
    }
  }

  // The names, those of the family and full name (ids 1 and 4) after the subset's tag.
  bool WriteNames() {
    const HPDF_TTFTable* table = FindTable(font_, "name");
    if (!table) return false;
    const HPDF_TTF_NamingTable& names = font_.name_tbl;
    PutU16(tables_, names.format);
    PutU16(tables_, names.count);
    PutU16(tables_, names.string_offset);
    std::string strings;
    for (HPDF_UINT i = 0; i < names.count; ++i) {
      const HPDF_TTF_NameRecord& name = names.name_records[i];
      size_t at = strings.size();
      if (name.name_id == 1 || name.name_id == 4) {
        if (name.platform_id == 0 || name.platform_id == 3) {
          strings.append(font_.tag_name2, sizeof font_.tag_name2);  // UTF-16
        } else {
          strings.append(font_.tag_name, sizeof font_.tag_name);
        }
      }
      uint32_t length = static_cast<uint32_t>(strings.size() - at) + name.length;
      if (!Copy(table->offset + names.string_offset + name.offset, name.length, strings)) {
        return false;
      }
      for (unsigned value : {name.platform_id, name.encoding_id, name.language_id, name.name_id}) {
        PutU16(tables_, value);
      }
      PutU16(tables_, static_cast<uint16_t>(length));
      PutU16(tables_, static_cast<uint16_t>(at));
    }
    tables_ += strings;
    return true;
  }

  const HPDF_TTFontDefAttr_Rec& font_;
  std::string_view file_;
  std::string tables_;            // the tables, one after another, as libharu packs them
  std::vector<uint32_t> loca_;    // each glyph's new offset, then the end
  size_t check_sum_at_ = 0;       // of head's checkSumAdjustment in tables_
};

// What libharu's CIDFontType2_BeforeWrite_Func does when the font is first written (its
// objects made in the same order, so numbered the same), with the subset from SubsetWriter. The
// font's streams get the font's filter, as there. False, with the failure recorded, on failure.
bool WriteDescriptor(PdfWriter& pdf, HPDF_Font font, const FontFileBytes& file,
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
      std::optional<std::string> subset = SubsetFontFile(definition, file.View());
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
    status += HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(mmgr, definition->font_bbox));
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

std::optional<std::string> SubsetFontFile(HPDF_FontDef definition, std::string_view file) {
  return SubsetWriter(*static_cast<HPDF_TTFontDefAttr>(definition->attr), file).Write();
}

UsedCharacters CharactersOf(const layout::LaidOutDocument& document) {
  // One flag per code (bytes, not std::vector<bool>'s bits, which cost a shift and mask each).
  std::map<FontFace, std::vector<unsigned char>> seen;
  FontFace last_face;
  unsigned char* last = nullptr;
  for (const layout::Page& page : document.pages) {
    for (const layout::PlacedItem& item : page.items) {
      const auto* run = std::get_if<layout::TextRun>(&item);
      if (!run || run->text.empty()) continue;
      if (!last || run->style != last_face.style || run->family != last_face.family) {
        last_face = FontFace{run->family, run->style};
        std::vector<unsigned char>& codes = seen[last_face];
        if (codes.empty()) codes.resize(kCodes);
        last = codes.data();
      }
      const std::string& text = run->text;
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
  return true;
}

bool EmbeddedFonts::Finish(PdfWriter& pdf) {
  for (HPDF_Font font : in_order_) {
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    HPDF_FontDef definition = attr->fontdef;
    const std::string doing = std::string("embedding the font ") + definition->base_font;
    // What libharu runs when it first writes the font: it makes the subset (FontFile2) and the
    // descriptor, and sets the filters of the font's streams. Run once, here, it is not run again;
    // WriteDescriptor does the same faster, for a file read by NewFontFileStream.
    HPDF_Stream source = static_cast<HPDF_TTFontDefAttr>(definition->attr)->stream;
    bool mapped = source && source->free_fn == FreeFontFile;
    if (font->before_write_fn) {
      bool written = mapped ? WriteDescriptor(pdf, font, BytesOf(source), doing)
                            : pdf.Check(font->before_write_fn(font) == HPDF_OK, doing);
      if (!written) return false;
      font->before_write_fn = nullptr;
    }
    // The subset is made: the file's bytes are not read again (libharu frees the stream itself).
    if (mapped) BytesOf(source).Unmap();
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
