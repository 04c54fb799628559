#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_location.h"

/// The text of one input file, and the arithmetic that turns a byte offset into the 1-based line
/// and character column that diagnostics print (internal to load).
namespace clerk::load {

/// Where a node of a parsed file begins: as a SourceLocation, but with the file's name shared by
/// every node of the file instead of copied into each (a review's trees hold tens of thousands of
/// nodes, and a copied name is a heap block for each).
struct NodePlace {
  std::shared_ptr<const std::string> file;  ///< nullptr reads as ""
  int line = 0;
  int column = 0;

  /// The place as diagnostics and the model take it. Implicit on purpose: code that reads
  /// `node.where` as a SourceLocation (here and in other stages) goes on working unchanged.
  operator SourceLocation() const { return {file ? *file : std::string(), line, column}; }
  /// The file's name, as SourceLocation::file.
  const std::string& File() const;
};

class SourceText {
 public:
  SourceText(std::string path, std::string text);

  const std::string& Path() const { return *path_; }
  const std::string& Text() const { return text_; }

  /// The last place asked for: asking for places in file order, as the parser does, then costs
  /// only the characters in between, even on one very long line. Each thread that asks for
  /// places in the same text keeps its own.
  struct Cursor {
    size_t offset = 0;
    size_t line = 0;  ///< 0-based index into the line starts
    int column = 1;
  };

  /// The 1-based line and 1-based column of the character at byte `offset`. Columns count
  /// characters, not bytes, so that "é" is one column, as the caret printer counts them.
  /// Uses (and moves) the text's own cursor: not for use by two threads at once.
  SourceLocation At(size_t offset) const { return At(offset, cursor_); }
  /// As At(offset), with a cursor of the caller's own (safe while other threads read the text).
  SourceLocation At(size_t offset, Cursor& cursor) const;
  /// As At(offset, cursor), as a node's place, which shares the file's name.
  NodePlace PlaceAt(size_t offset, Cursor& cursor) const;
  /// The whole file (line 0).
  SourceLocation Whole() const { return {*path_, 0, 0}; }
  /// The whole file (line 0), as a node's place.
  NodePlace WholePlace() const { return {path_, 0, 0}; }

 private:
  /// The index into line_starts_ of the line holding byte `offset` (at most the text's size).
  size_t LineIndex(size_t offset, const Cursor& cursor) const;
  /// Moves `cursor` to byte `offset` (at most the text's size), counting its line and column.
  void Move(size_t offset, Cursor& cursor) const;

  std::shared_ptr<const std::string> path_;  ///< shared with the places of the file's nodes
  std::string text_;
  std::vector<size_t> line_starts_;  ///< byte offset of the start of each line
  mutable Cursor cursor_;
};

/// The byte offset of the first byte that does not belong to well-formed UTF-8 (overlong forms,
/// surrogates and code points past U+10FFFF are not well formed), or std::string_view::npos.
size_t FindInvalidUtf8(std::string_view text);

}  // namespace clerk::load
