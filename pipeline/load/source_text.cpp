#include "load/source_text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace clerk::load {

const std::string& NodePlace::File() const {
  static const std::string kNone;
  return file ? *file : kNone;
}

SourceText::SourceText(std::string path, std::string text)
    : path_(std::make_shared<const std::string>(std::move(path))), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (size_t i = text_.find('\n'); i != std::string::npos; i = text_.find('\n', i + 1)) {
    line_starts_.push_back(i + 1);
  }
}

SourceLocation SourceText::At(size_t offset, Cursor& cursor) const {
  Move(offset, cursor);
  return {*path_, static_cast<int>(cursor.line) + 1, cursor.column};
}

NodePlace SourceText::PlaceAt(size_t offset, Cursor& cursor) const {
  Move(offset, cursor);
  return {path_, static_cast<int>(cursor.line) + 1, cursor.column};
}

size_t SourceText::LineIndex(size_t offset, const Cursor& cursor) const {
  // The parser asks for places in file order, nearly always on the cursor's line or one of the
  // next few: stepping there is cheaper than a binary search of every line.
  constexpr int kSteps = 4;
  if (offset >= cursor.offset && cursor.line < line_starts_.size()) {
    size_t line = cursor.line;
    for (int step = 0; step < kSteps; ++step) {
      if (line + 1 >= line_starts_.size() || line_starts_[line + 1] > offset) return line;
      ++line;
    }
  }
  auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<size_t>(next_line - line_starts_.begin()) - 1;
}

void SourceText::Move(size_t offset, Cursor& cursor) const {
  offset = std::min(offset, text_.size());
  size_t line_index = LineIndex(offset, cursor);
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
