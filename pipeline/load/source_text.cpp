#include "load/source_text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace clerk::load {

SourceText::SourceText(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (size_t i = text_.find('\n'); i != std::string::npos; i = text_.find('\n', i + 1)) {
    line_starts_.push_back(i + 1);
  }
}

SourceLocation SourceText::At(size_t offset, Cursor& cursor) const {
  offset = std::min(offset, text_.size());
  auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line_index = static_cast<size_t>(next_line - line_starts_.begin()) - 1;
  size_t from = line_starts_[line_index];
  int column = 1;
  if (cursor.line == line_index && cursor.offset >= from && cursor.offset <= offset) {
    from = cursor.offset;
    column = cursor.column;
  }
  for (size_t i = from; i < offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // not a continuation
  }
  cursor = Cursor{offset, line_index, column};
  return {path_, static_cast<int>(line_index) + 1, column};
}

namespace {

// Whether the eight bytes at `at` are all ASCII (none has its top bit set).
bool EightAscii(const char* at) {
  std::uint64_t eight = 0;
  std::memcpy(&eight, at, sizeof eight);
  return (eight & 0x8080808080808080ULL) == 0;
}

}  // namespace

size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    // Eight bytes at a time while they are ASCII: nearly all of a review's text is.
    while (i + 8 <= text.size() && EightAscii(text.data() + i)) i += 8;
    if (i >= text.size()) break;
    unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    unsigned long code = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code = lead & 0x07;
    } else {
      return i;  // a continuation byte with no lead, 0xC0, 0xC1 or 0xF5..0xFF
    }
    if (i + length > text.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      code = (code << 6) | (next & 0x3F);
    }
    bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
    bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    if (overlong || surrogate || code > 0x10FFFF) return i;
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace clerk::load
