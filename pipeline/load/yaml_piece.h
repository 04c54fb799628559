#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "load/source_text.h"
#include "load/yaml_tree.h"

/// Parsing a stretch of a file's text on its own (internal to load): ParseYaml parses a whole
/// file as one piece; ParseYamlFiles may parse a long file as several (see yaml_split.h).
namespace clerk::load {

/// A review file holds thousands of values; more than this is a mistake, and building the tree
/// for it would only take memory (the example review's largest file holds about 2,000).
constexpr size_t kMaxYamlNodes = 500000;

struct YamlPiece {
  bool has_root = false;  ///< false when the piece holds only blanks and comments
  YamlNode root;
  /// Byte offsets at which nodes begin, in the order the parser met them.
  std::vector<size_t> node_offsets;
  int depth = 0;  ///< how deeply lists and maps nest in it (the root is 1)
  /// Byte offset where the last scalar begins (at its tag or anchor, if any); npos when none.
  size_t last_scalar = std::string::npos;
};

/// Reports NUL bytes and bytes that are not UTF-8. The byte offset at which the YAML begins
/// (after a byte-order mark), or nullopt after reporting.
std::optional<size_t> CheckEncoding(const SourceText& source, Diagnostics& diagnostics);

/// Parses bytes [begin, end) of `source` as one YAML document. Locations and offsets are those
/// in the whole text; `cursor` is the caller's own (pieces may be parsed in parallel threads).
/// nullopt after reporting a problem: YAML syntax, an alias, nesting too deep, more than 500,000
/// values, a second document. Duplicate keys and keys that are not text are reported, and left
/// out of the piece.
std::optional<YamlPiece> ParsePiece(const SourceText& source, size_t begin, size_t end,
                                    SourceText::Cursor& cursor, Diagnostics& diagnostics);

}  // namespace clerk::load
