#include "layout/font_metrics.h"

#include <map>

namespace clerk::layout {

namespace {

/// Big-endian reads that refuse to go past the end of the font.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool Has(size_t offset, size_t length) const {
    return offset <= bytes_.size() && length <= bytes_.size() - offset;
  }
  uint16_t U16(size_t offset) const {
    if (!Has(offset, 2)) return 0;
    return static_cast<uint16_t>((Byte(offset) << 8) | Byte(offset + 1));
  }
  int16_t S16(size_t offset) const { return static_cast<int16_t>(U16(offset)); }
  uint32_t U32(size_t offset) const {
    if (!Has(offset, 4)) return 0;
    return (static_cast<uint32_t>(U16(offset)) << 16) | U16(offset + 2);
  }

 private:
  unsigned Byte(size_t offset) const { return static_cast<unsigned char>(bytes_[offset]); }
  std::string_view bytes_;
};

struct TableRecord {
  size_t offset = 0;
  size_t length = 0;
};

}  // namespace

char32_t DecodeUtf8Sequence(std::string_view text, size_t* index) {
  size_t i = *index;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) {
    *index = i + 1;
    return lead;
  }
  int length = (lead & 0xE0) == 0xC0   ? 2
               : (lead & 0xF0) == 0xE0 ? 3
               : (lead & 0xF8) == 0xF0 ? 4
                                       : 0;
  if (length == 0 || i + static_cast<size_t>(length) > text.size()) {
    *index = i + 1;
    return 0xFFFD;
  }
  char32_t code = lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    unsigned char next = byte(i + static_cast<size_t>(k));
    if ((next & 0xC0) != 0x80) {
      *index = i + 1;
      return 0xFFFD;
    }
    code = (code << 6) | (next & 0x3F);
  }
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    *index = i + 1;
    return 0xFFFD;
  }
  *index = i + static_cast<size_t>(length);
  return code;
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::optional<FontMetrics> FontMetrics::Parse(std::string_view bytes, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<FontMetrics> {
    if (error) *error = why;
    return std::nullopt;
  };
  Reader font(bytes);
  uint32_t version = font.U32(0);
  if (!font.Has(0, 12) || (version != 0x00010000 && version != 0x74727565)) {
    return fail("is not a TrueType font (no TrueType signature)");
  }
  uint16_t table_count = font.U16(4);
  std::map<std::string, TableRecord> tables;
  for (uint16_t t = 0; t < table_count; ++t) {
    size_t record = 12 + 16 * static_cast<size_t>(t);
    if (!font.Has(record, 16)) return fail("has a truncated table directory");
    std::string tag(bytes.substr(record, 4));
    TableRecord entry{font.U32(record + 8), font.U32(record + 12)};
    if (!font.Has(entry.offset, entry.length)) return fail("has table '" + tag + "' past its end");
    tables[tag] = entry;
  }
  for (const char* tag : {"head", "hhea", "hmtx", "cmap", "maxp"}) {
    if (!tables.count(tag)) return fail(std::string("has no '") + tag + "' table");
  }
  FontMetrics metrics;
  const TableRecord head = tables["head"];
  if (head.length < 54) return fail("has a short 'head' table");
  metrics.units_per_em_ = font.U16(head.offset + 18);
  if (metrics.units_per_em_ < 16 || metrics.units_per_em_ > 16384) {
    return fail("has an unusable unitsPerEm");
  }
  const TableRecord hhea = tables["hhea"];
  if (hhea.length < 36) return fail("has a short 'hhea' table");
  metrics.ascender_ = font.S16(hhea.offset + 4);
  metrics.descender_ = font.S16(hhea.offset + 6);
  metrics.line_gap_ = font.S16(hhea.offset + 8);
  uint16_t long_metrics = font.U16(hhea.offset + 34);
  uint16_t glyph_count = font.U16(tables["maxp"].offset + 4);
  const TableRecord hmtx = tables["hmtx"];
  if (long_metrics == 0 || static_cast<size_t>(long_metrics) * 4 > hmtx.length) {
    return fail("has an 'hmtx' table shorter than 'hhea' says");
  }
  metrics.advances_.resize(std::max<size_t>(glyph_count, long_metrics));
  for (size_t g = 0; g < metrics.advances_.size(); ++g) {
    size_t source = std::min<size_t>(g, long_metrics - 1u);  // the last advance repeats
    uint32_t advance = font.U16(hmtx.offset + 4 * source);
    // As libharu: thousandths of the size, truncated.
    metrics.advances_[g] =
        static_cast<uint16_t>(advance * 1000u / static_cast<uint32_t>(metrics.units_per_em_));
  }

  // cmap: prefer a full-repertoire subtable (format 12), else the BMP one (format 4).
  const TableRecord cmap = tables["cmap"];
  uint16_t subtable_count = font.U16(cmap.offset + 2);
  size_t format4 = 0, format12 = 0;
  for (uint16_t s = 0; s < subtable_count; ++s) {
    size_t record = cmap.offset + 4 + 8 * static_cast<size_t>(s);
    uint16_t platform = font.U16(record);
    uint16_t encoding = font.U16(record + 2);
    size_t offset = cmap.offset + font.U32(record + 4);
    bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
    if (!unicode || !font.Has(offset, 4)) continue;
    uint16_t format = font.U16(offset);
    if (format == 12 && !format12) format12 = offset;
    if (format == 4 && !format4) format4 = offset;
  }
  metrics.bmp_glyphs_.assign(0x10000, 0);
  auto valid_glyph = [&](uint32_t glyph) { return glyph < metrics.advances_.size(); };
  if (format12) {
    uint32_t groups = font.U32(format12 + 12);
    if (!font.Has(format12 + 16, static_cast<size_t>(groups) * 12)) {
      return fail("has a truncated 'cmap' format 12 subtable");
    }
    for (uint32_t g = 0; g < groups; ++g) {
      size_t group = format12 + 16 + 12 * static_cast<size_t>(g);
      uint32_t first = font.U32(group), last = font.U32(group + 4), glyph = font.U32(group + 8);
      if (last < first || last > 0x10FFFF) continue;
      for (uint32_t c = first; c <= last; ++c, ++glyph) {
        if (!valid_glyph(glyph)) break;
        if (c < 0x10000) {
          metrics.bmp_glyphs_[c] = static_cast<uint16_t>(glyph);
        } else {
          metrics.other_glyphs_[c] = static_cast<uint16_t>(glyph);
        }
      }
    }
  } else if (format4) {
    uint16_t segments = font.U16(format4 + 6) / 2;
    size_t ends = format4 + 14;
    size_t starts = ends + 2 * static_cast<size_t>(segments) + 2;
    size_t deltas = starts + 2 * static_cast<size_t>(segments);
    size_t range_offsets = deltas + 2 * static_cast<size_t>(segments);
    if (!font.Has(range_offsets, 2 * static_cast<size_t>(segments))) {
      return fail("has a truncated 'cmap' format 4 subtable");
    }
    for (uint16_t s = 0; s < segments; ++s) {
      uint32_t end = font.U16(ends + 2 * s), start = font.U16(starts + 2 * s);
      uint16_t delta = font.U16(deltas + 2 * s);
      size_t range_at = range_offsets + 2 * s;
      uint16_t range_offset = font.U16(range_at);
      for (uint32_t c = start; c <= end && c < 0xFFFF; ++c) {
        uint32_t glyph = 0;
        if (range_offset == 0) {
          glyph = (c + delta) & 0xFFFF;
        } else {
          size_t at = range_at + range_offset + 2 * (c - start);
          glyph = font.U16(at);
          if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
        }
        if (valid_glyph(glyph)) metrics.bmp_glyphs_[c] = static_cast<uint16_t>(glyph);
      }
    }
  } else {
    return fail("has no Unicode 'cmap' subtable of format 4 or 12");
  }
  return metrics;
}

uint16_t FontMetrics::OtherGlyphOf(char32_t code_point) const {
  auto it = other_glyphs_.find(code_point);
  return it == other_glyphs_.end() ? 0 : it->second;
}

double FontMetrics::Width(std::string_view text, double size) const {
  long long total = 0;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {  // the common case, without decoding
      total += advances_[bmp_glyphs_[c]];
      ++i;
    } else {
      total += Advance(DecodeUtf8(text, &i));
    }
  }
  return static_cast<double>(total) * size / 1000.0;
}

std::optional<char32_t> FontMetrics::FirstMissing(std::string_view text) const {
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = DecodeUtf8(text, &i);
    if (!HasGlyph(c)) return c;
  }
  return std::nullopt;
}

}  // namespace clerk::layout
