#include "render/font_file.h"

#include <fcntl.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace clerk::render {

namespace {

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
  std::string tables_;          // the tables, one after another, as libharu packs them
  std::vector<uint32_t> loca_;  // each glyph's new offset, then the end
  size_t check_sum_at_ = 0;     // of head's checkSumAdjustment in tables_
};

}  // namespace

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

std::optional<std::string_view> MappedFontFile(HPDF_Stream stream) {
  if (!stream || stream->free_fn != FreeFontFile) return std::nullopt;
  return BytesOf(stream).View();
}

void UnmapFontFile(HPDF_Stream stream) {
  if (MappedFontFile(stream)) BytesOf(stream).Unmap();
}

std::optional<std::string> SubsetFontFile(HPDF_FontDef definition, std::string_view file) {
  return SubsetWriter(*static_cast<HPDF_TTFontDefAttr>(definition->attr), file).Write();
}

}  // namespace clerk::render
