#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

/// Where a long YAML file can be cut into pieces that yaml-cpp can parse one by one, in parallel
/// (internal to load). A review's long files are one long block list ("responses:" and a
/// thousand "- id: ..." items), and yaml-cpp's scanner reads about a thousand instructions per
/// byte, so parsing the items in two threads halves the wait.
///
/// The cuts are only proposed here; ParseYamlFiles checks each piece and falls back to parsing
/// the whole file whenever a piece does not parse cleanly on its own.
namespace clerk::load {

/// A block list that runs to the end of the file, and where to cut the file into pieces.
struct YamlSplit {
  size_t indent = 0;      ///< the column (0-based, in spaces) of the list's dashes
  size_t first_dash = 0;  ///< byte offset of the list's first '-', where the list node begins
  /// Byte offsets of the starts of lines that begin an item of that list ("  - id: ..."), each
  /// the start of a piece after the first; ascending, at least `piece_bytes` apart.
  std::vector<size_t> cuts;
};

/// Looks at `text` from byte `begin` for the last block list whose items run to the end of the
/// file: after its first item, every line that is not blank or a comment is indented more than
/// its dashes, or is one of its items (a '-' at the same column followed by a space or the end
/// of the line), and no indentation holds a tab. Returns no cuts when there is no such list or
/// it is shorter than two pieces of `piece_bytes`.
YamlSplit FindYamlSplit(std::string_view text, size_t begin, size_t piece_bytes);

}  // namespace clerk::load
