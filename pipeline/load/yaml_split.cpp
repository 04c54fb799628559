#include "load/yaml_split.h"

namespace clerk::load {

namespace {

// One line of the text, as far as indentation goes.
struct Line {
  size_t start = 0;    ///< byte offset of the line's first byte
  size_t indent = 0;   ///< leading spaces
  bool tab = false;    ///< a tab among (or right after) the leading spaces
  bool blank = false;  ///< nothing but spaces, or a comment
  bool dash = false;   ///< a block list entry: '-' then a space, a tab or the end of the line
};

Line ReadLine(std::string_view text, size_t start, size_t end) {
  Line line;
  line.start = start;
  size_t at = start;
  while (at < end && text[at] == ' ') ++at;
  line.indent = at - start;
  char first = at < end ? text[at] : '\n';
  line.tab = first == '\t';
  line.blank = first == '\n' || first == '\r' || first == '#';
  char next = at + 1 < end ? text[at + 1] : '\n';
  line.dash = first == '-' && (next == ' ' || next == '\t' || next == '\n' || next == '\r');
  return line;
}

}  // namespace

YamlSplit FindYamlSplit(std::string_view text, size_t begin, size_t piece_bytes) {
  // The list being followed: started by a dash line, dropped by a line that leaves it.
  bool following = false;
  YamlSplit split;
  std::vector<size_t> item_starts;
  for (size_t start = begin; start < text.size();) {
    size_t newline = text.find('\n', start);
    size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    Line line = ReadLine(text, start, end);
    start = end;
    if (line.tab) {
      following = false;  // YAML forbids tabs in indentation; leave such a file whole
      continue;
    }
    if (line.blank) continue;
    if (following && line.indent > split.indent) continue;
    if (following && line.indent == split.indent && line.dash) {
      item_starts.push_back(line.start);
      continue;
    }
    following = line.dash;
    if (following) {
      split.indent = line.indent;
      split.first_dash = line.start + line.indent;
      item_starts.clear();
    }
  }
  if (!following) return YamlSplit{};
  size_t piece_start = begin;
  for (size_t item : item_starts) {
    if (item - piece_start < piece_bytes) continue;
    if (text.size() - item < piece_bytes) break;  // the last piece would be too short
    split.cuts.push_back(item);
    piece_start = item;
  }
  return split;
}

}  // namespace clerk::load
