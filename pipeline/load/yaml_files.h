#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "load/yaml_tree.h"

/// Parsing all of a review's files at once, in parallel threads (internal to load).
namespace clerk::load {

/// One file's bytes, as read.
struct YamlFile {
  std::string path;
  std::string bytes;
};

/// What ParseYaml gives for one file: the document (nullopt when it could not be parsed) and
/// the diagnostics, in the order ParseYaml reports them.
struct ParsedYaml {
  std::optional<YamlDocument> document;
  Diagnostics diagnostics;
  /// How many pieces the document was put together from: 1 when it was parsed whole (or at
  /// all), more when parsed in pieces.
  size_t pieces = 1;
};

struct ParseOptions {
  int threads = 0;                 ///< 0: one per processor (at most 4)
  size_t piece_bytes = 32 * 1024;  ///< long files are parsed in pieces of about this many bytes
};

/// Parses every file as ParseYaml would, with the same documents and diagnostics, in the same
/// order as `files`; the work is shared among threads. A long file whose bulk is one block list
/// (see yaml_split.h) is parsed in pieces, each on its own; when any piece fails to parse, or
/// has anything to report, the whole file is parsed again in one piece, so that its diagnostics
/// are exactly ParseYaml's.
std::vector<ParsedYaml> ParseYamlFiles(std::vector<YamlFile> files,
                                       const ParseOptions& options = {});

}  // namespace clerk::load
