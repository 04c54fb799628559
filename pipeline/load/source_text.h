#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_location.h"

/// The text of one input file, and the arithmetic that turns a byte offset into the 1-based line
/// and character column that diagnostics print (internal to load).
namespace clerk::load {

class SourceText {
 public:
  SourceText(std::string path, std::string text);

  const std::string& Path() const { return path_; }
  const std::string& Text() const { return text_; }

  /// The 1-based line and 1-based column of the character at byte `offset`. Columns count
  /// characters, not bytes, so that "é" is one column, as the caret printer counts them.
  SourceLocation At(size_t offset) const;
  /// The whole file (line 0).
  SourceLocation Whole() const { return {path_, 0, 0}; }

 private:
  std::string path_;
  std::string text_;
  std::vector<size_t> line_starts_;  ///< byte offset of the start of each line
  // The last place asked for: asking for places in file order, as the parser does, then costs
  // only the characters in between, even on one very long line. (Not for sharing across threads.)
  mutable size_t cursor_offset_ = 0;
  mutable size_t cursor_line_ = 0;
  mutable int cursor_column_ = 1;
};

/// The byte offset of the first byte that does not belong to well-formed UTF-8 (overlong forms,
/// surrogates and code points past U+10FFFF are not well formed), or std::string_view::npos.
size_t FindInvalidUtf8(std::string_view text);

}  // namespace clerk::load
