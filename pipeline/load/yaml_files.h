#pragma once

#include <cstddef>
#include <functional>
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
  size_t piece_bytes = 8 * 1024;  ///< long files are parsed in pieces of about this many bytes
};

/// Called once for each file, with its index in `files`, as soon as the file is parsed: often in
/// one of the parsing threads while the others go on parsing, so calls for different files may
/// run at the same time. It may take the document and add to the diagnostics.
using OnParsed = std::function<void(size_t index, ParsedYaml& parsed)>;

/// Parses every file as ParseYaml would, with the same documents and diagnostics, in the same
/// order as `files`; the work is shared among threads. A long file whose bulk is one block list
/// (see yaml_split.h) is parsed in pieces, each on its own; when any piece fails to parse, or
/// has anything to report, the whole file is parsed again in one piece, so that its diagnostics
/// are exactly ParseYaml's. The largest file is parsed first, so that `on_parsed` can work on it
/// while the others are parsed. What `on_parsed` throws is thrown here, once all threads are done.
std::vector<ParsedYaml> ParseYamlFiles(std::vector<YamlFile> files,
                                       const ParseOptions& options = {},
                                       const OnParsed& on_parsed = {});

}  // namespace clerk::load
