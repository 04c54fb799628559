#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/source_location.h"
#include "load/source_text.h"

/// A YAML file as a small tree of plain values, built from yaml-cpp's parser events (internal to
/// load: no yaml-cpp type leaves this folder). Unlike YAML::Node it keeps every map entry in file
/// order, with the key's own location, so duplicate keys can be reported; and it refuses aliases
/// before anything is expanded, so a "billion laughs" file costs nothing.
namespace clerk::load {

enum class NodeKind { kNull, kScalar, kList, kMap };

struct YamlEntry;

struct YamlNode {
  NodeKind kind = NodeKind::kNull;
  NodePlace where;                 ///< 1-based line, column in characters; reads as a SourceLocation
  size_t offset = 0;               ///< byte offset in the file where the node begins
  std::string text;                ///< kScalar: the value, with YAML's quoting and folding undone
  std::vector<YamlNode> items;     ///< kList
  std::vector<YamlEntry> entries;  ///< kMap, in file order, duplicate keys left out

  bool IsNull() const { return kind == NodeKind::kNull; }
  bool IsScalar() const { return kind == NodeKind::kScalar; }
  bool IsList() const { return kind == NodeKind::kList; }
  bool IsMap() const { return kind == NodeKind::kMap; }
};

/// One key: value pair of a map. Keys are always scalars (other keys are reported and left out).
struct YamlEntry {
  YamlNode key;
  YamlNode value;
};

/// A parsed file: its text (for the byte range of a scalar) and its root node.
struct YamlDocument {
  SourceText source;
  YamlNode root;
  /// Byte offsets at which nodes begin, ascending: a scalar ends before the next node begins.
  std::vector<size_t> node_offsets;

  /// A byte offset past the end of `node`'s source text (the start of the next node, or the end
  /// of the file): where to stop looking for something inside the scalar.
  size_t EndOf(const YamlNode& node) const;
};

/// Parses one file's bytes. Reports, and returns nullopt for: NUL bytes (a binary file), bytes that
/// are not UTF-8 (at their line and column), YAML syntax errors (a quoted text left open is
/// reported at its opening quote), aliases, nesting too deep, more
/// than one document, more than 500,000 values. Duplicate keys and keys that are not text are
/// reported, and the file is still returned without them. An empty file (nothing but blanks and
/// comments) gives a kNull root.
std::optional<YamlDocument> ParseYaml(const std::string& path, std::string bytes,
                                      Diagnostics& diagnostics);

/// Where the scalar that begins at byte `offset` of `text` (at its tag or anchor, if any) has its
/// own first character, looking no further than byte `end`.
size_t SkipProperties(const std::string& text, size_t offset, size_t end);

/// The byte offset just past the quote that closes the quoted scalar whose opening quote (" or ')
/// is at byte `quote` of `text`, looking no further than byte `end`; npos when it is not closed
/// before then. Inside "..." a backslash escapes the character after it; inside '...' two
/// quotes ('') are one quote.
size_t QuotedScalarEnd(const std::string& text, size_t quote, size_t end);

/// "text", "a list", "a map" or "empty", for messages ("should be a list, not text").
const char* KindName(NodeKind kind);

}  // namespace clerk::load
