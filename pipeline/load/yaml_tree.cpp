#include "load/yaml_tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <istream>
#include <streambuf>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "load/yaml_piece.h"

namespace clerk::load {

namespace {

// Thrown from an event handler to stop the parser; never leaves this file.
struct StopParsing {};

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// "*name" at `offset`, as written, for messages about aliases.
std::string AliasAt(const std::string& text, size_t offset) {
  size_t end = offset + 1;
  while (end < text.size() && std::strchr(" \t\r\n,[]{}", text[end]) == nullptr) ++end;
  if (offset >= text.size() || text[offset] != '*') return "*";
  return text.substr(offset, std::min<size_t>(end - offset, 40));
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const SourceText& source, size_t base, SourceText::Cursor& cursor,
              Diagnostics& diagnostics, std::vector<size_t>& offsets)
      : source_(source),
        base_(base),
        cursor_(cursor),
        diagnostics_(diagnostics),
        offsets_(offsets) {}

  YamlNode TakeRoot() { return std::move(root_); }
  bool HasRoot() const { return has_root_; }
  int Depth() const { return depth_; }
  size_t LastScalar() const { return last_scalar_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    Add(MakeNode(NodeKind::kNull, mark));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    size_t offset = base_ + static_cast<size_t>(std::max(mark.pos, 0));
    diagnostics_.Error(
        source_.At(offset, cursor_),
        "aliases (" + AliasAt(source_.Text(), offset) + ") are not supported in review files",
        "write the value out in full where it is needed");
    throw StopParsing{};
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    YamlNode node = MakeNode(NodeKind::kScalar, mark);
    last_scalar_ = node.offset;
    node.text = value;
    Add(std::move(node));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Open(MakeNode(NodeKind::kList, mark));
  }

  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Open(MakeNode(NodeKind::kMap, mark));
  }

  void OnMapEnd() override { Close(); }

 private:
  // A map with more keys than this also keeps an index of them, so that finding a duplicate
  // costs no more than a hash lookup; smaller maps (nearly all) are searched instead.
  static constexpr size_t kIndexedKeys = 16;

  struct Frame {
    YamlNode node;
    bool has_key = false;
    YamlNode key;
    std::unordered_map<std::string, int> key_lines;  ///< key -> its line, once indexed
  };

  YamlNode MakeNode(NodeKind kind, const YAML::Mark& mark) {
    if (offsets_.size() >= kMaxYamlNodes) {
      size_t offset = base_ + static_cast<size_t>(std::max(mark.pos, 0));
      diagnostics_.Error(source_.At(offset, cursor_),
                         "the file holds more than " + std::to_string(kMaxYamlNodes) +
                             " values, far more than a review file holds");
      throw StopParsing{};
    }
    YamlNode node;
    node.kind = kind;
    node.offset = base_ + static_cast<size_t>(std::max(mark.pos, 0));
    node.where = source_.PlaceAt(node.offset, cursor_);
    offsets_.push_back(node.offset);
    return node;
  }

  void Open(YamlNode&& node) {
    stack_.emplace_back();
    stack_.back().node = std::move(node);
    depth_ = std::max(depth_, static_cast<int>(stack_.size()));
  }

  // The line on which `key` was first given in the map being built, or 0 when it is new (the
  // caller then adds it to the map's entries).
  static int FirstLineOf(Frame& frame, const YamlNode& key) {
    std::vector<YamlEntry>& entries = frame.node.entries;
    if (entries.size() < kIndexedKeys) {
      for (const YamlEntry& entry : entries) {
        if (entry.key.text == key.text) return entry.key.where.line;
      }
      return 0;
    }
    if (frame.key_lines.empty()) {
      for (const YamlEntry& entry : entries) {
        frame.key_lines.emplace(entry.key.text, entry.key.where.line);
      }
    }
    auto [first, inserted] = frame.key_lines.emplace(key.text, key.where.line);
    return inserted ? 0 : first->second;
  }

  void Close() {
    YamlNode node = std::move(stack_.back().node);
    stack_.pop_back();
    Add(std::move(node));
  }

  void Add(YamlNode&& node) {
    if (stack_.empty()) {
      root_ = std::move(node);
      has_root_ = true;
      return;
    }
    Frame& frame = stack_.back();
    if (frame.node.IsList()) {
      frame.node.items.push_back(std::move(node));
      return;
    }
    if (!frame.has_key) {
      frame.key = std::move(node);
      frame.has_key = true;
      return;
    }
    frame.has_key = false;
    if (!frame.key.IsScalar()) {
      diagnostics_.Error(frame.key.where,
                         std::string("a key must be text, not ") + KindName(frame.key.kind));
      return;
    }
    int first_line = FirstLineOf(frame, frame.key);
    if (first_line != 0) {
      diagnostics_.Error(frame.key.where,
                         "duplicate key '" + frame.key.text + "': it is already given on line " +
                             std::to_string(first_line),
                         "give each key once; remove or rename one of them");
      return;
    }
    // Built in place: a YamlEntry is two nodes, and each move of one copies its every member.
    YamlEntry& entry = frame.node.entries.emplace_back();
    entry.key = std::move(frame.key);
    entry.value = std::move(node);
  }

  const SourceText& source_;
  size_t base_;
  SourceText::Cursor& cursor_;
  Diagnostics& diagnostics_;
  std::vector<size_t>& offsets_;
  std::vector<Frame> stack_;
  YamlNode root_;
  bool has_root_ = false;
  int depth_ = 0;
  size_t last_scalar_ = std::string::npos;
};

// Reports where a second document begins and stops the parser there.
class SecondDocumentProbe : public YAML::EventHandler {
 public:
  std::optional<size_t> offset;

  void OnDocumentStart(const YAML::Mark& mark) override {
    offset = static_cast<size_t>(std::max(mark.pos, 0));
    throw StopParsing{};
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Lets yaml-cpp read the bytes where they are, instead of from a copy in a std::istringstream.
class MemoryBuffer : public std::streambuf {
 public:
  MemoryBuffer(const char* begin, const char* end) {
    // Only read: std::streambuf's get area is typed char* but nothing writes through it.
    setg(const_cast<char*>(begin), const_cast<char*>(begin), const_cast<char*>(end));
  }
};

std::string LineAt(const std::string& text, size_t offset) {
  size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = (start == std::string::npos || offset == 0) ? 0 : start + 1;
  size_t end = text.find('\n', offset);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// What a clerk can do about one of yaml-cpp's terse syntax messages.
std::string SyntaxHint(const std::string& message, const std::string& line) {
  size_t indent = line.find_first_not_of(" \t");
  if (line.substr(0, indent).find('\t') != std::string::npos) {
    return "indent with spaces: YAML does not allow tabs in indentation";
  }
  if (message == YAML::ErrorMsg::MAP_VALUE) {
    return "text that holds ': ' must be put in quotes, e.g. text: \"Note: ...\"; "
           "or check the indentation";
  }
  if (message == YAML::ErrorMsg::END_OF_MAP || message == YAML::ErrorMsg::END_OF_SEQ ||
      message == YAML::ErrorMsg::BLOCK_ENTRY || message == YAML::ErrorMsg::MAP_KEY) {
    return "check the indentation of this line against the lines above it";
  }
  if (message == YAML::ErrorMsg::END_OF_SEQ_FLOW) return "a '[' is not closed by a ']'";
  if (message == YAML::ErrorMsg::END_OF_MAP_FLOW) return "a '{' is not closed by a '}'";
  return "";
}

// Whether `line` (one line's text, or the start of one) begins as a line of a review file's
// structure does: a list item ("- ...") or a key ("recommendation: ..."), after its indentation.
bool LooksLikeStructure(std::string_view line) {
  size_t at = line.find_first_not_of(' ');
  if (at == std::string_view::npos) return false;
  line.remove_prefix(at);
  if (line[0] == '-') return line.size() == 1 || line[1] == ' ' || line[1] == '\r';
  size_t key = 0;
  while (key < line.size() && (std::isalnum(static_cast<unsigned char>(line[key])) ||
                               std::strchr("_-. ", line[key]) != nullptr)) {
    ++key;
  }
  if (key == 0 || key >= line.size() || line[key] != ':' || line[key - 1] == ' ') return false;
  return key + 1 == line.size() || line[key + 1] == ' ' || line[key + 1] == '\r';
}

// A quoted scalar that was not closed where its writer meant it to be.
struct UnclosedQuote {
  size_t open = 0;                   // byte offset of the opening quote
  size_t close = std::string::npos;  // of the quote that closed it instead; npos: none did
  bool swallows_structure = false;   // a later line of its text looks like a key or an item
};

// The scalar that begins at `offset` when it is quoted and its text runs over a line break;
// nullopt otherwise.
std::optional<UnclosedQuote> QuoteOverLines(const std::string& text, size_t offset, size_t end) {
  if (offset == std::string::npos || offset >= end) return std::nullopt;
  size_t open = SkipProperties(text, offset, end);
  if (open >= end || (text[open] != '"' && text[open] != '\'')) return std::nullopt;
  UnclosedQuote quote;
  quote.open = open;
  size_t after = QuotedScalarEnd(text, open, end);
  if (after != std::string::npos) quote.close = after - 1;
  size_t stop = after == std::string::npos ? end : after - 1;
  size_t line = text.find('\n', open);
  if (line == std::string::npos || line >= stop) return std::nullopt;  // closed on its line
  for (++line; line < stop;) {
    size_t next = std::min(text.find('\n', line), stop);
    if (LooksLikeStructure(std::string_view(text).substr(line, next - line))) {
      quote.swallows_structure = true;
    }
    line = next + 1;
  }
  return quote;
}

std::string LineAndColumn(const SourceText& source, size_t offset, SourceText::Cursor& cursor) {
  SourceLocation where = source.At(offset, cursor);
  return "line " + std::to_string(where.line) + ", column " + std::to_string(where.column);
}

// The hint for a quoted text left open: where to put the quote that closes it.
std::string CloseQuoteHint(char quote, bool on_this_line) {
  std::string mark(1, quote);
  return on_this_line ? "close it with a " + mark + " at the end of the text on this line"
                      : "close it with a " + mark + " where the text ends";
}

}  // namespace

size_t SkipProperties(const std::string& text, size_t offset, size_t end) {
  size_t at = offset;
  while (at < end && (text[at] == '!' || text[at] == '&')) {
    while (at < end && std::string_view(" \t\r\n").find(text[at]) == std::string_view::npos) ++at;
    while (at < end && std::string_view(" \t\r\n").find(text[at]) != std::string_view::npos) ++at;
  }
  return at;
}

size_t QuotedScalarEnd(const std::string& text, size_t quote, size_t end) {
  end = std::min(end, text.size());
  if (quote >= end) return std::string::npos;
  char mark = text[quote];
  for (size_t at = quote + 1; at < end; ++at) {
    if (mark == '"' && text[at] == '\\') {
      ++at;  // an escaped character, perhaps a quote
    } else if (text[at] == mark) {
      if (mark == '\'' && at + 1 < end && text[at + 1] == '\'') {
        ++at;  // '' is a quote inside single quotes
      } else {
        return at + 1;
      }
    }
  }
  return std::string::npos;
}

const char* KindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kNull:
      return "empty";
    case NodeKind::kScalar:
      return "text";
    case NodeKind::kList:
      return "a list";
    case NodeKind::kMap:
      return "a map";
  }
  return "empty";
}

size_t YamlDocument::EndOf(const YamlNode& node) const {
  auto next = std::upper_bound(node_offsets.begin(), node_offsets.end(), node.offset);
  return next == node_offsets.end() ? source.Text().size() : *next;
}

std::optional<size_t> CheckEncoding(const SourceText& source, Diagnostics& diagnostics) {
  const std::string& text = source.Text();
  if (std::memchr(text.data(), '\0', text.size()) != nullptr) {
    diagnostics.Error(source.Whole(),
                      "the file holds NUL bytes: it is a binary file, not YAML text");
    return std::nullopt;
  }
  size_t invalid = FindInvalidUtf8(text);
  if (invalid != std::string::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[invalid]));
    diagnostics.Error(source.At(invalid),
                      std::string("the file is not UTF-8: byte ") + byte +
                          " here is not part of a UTF-8 character",
                      "save the file as UTF-8 (the encoding most editors offer by that name)");
    return std::nullopt;
  }
  return text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // after a byte-order mark
}

namespace {

// Reports a syntax error that follows a quoted text which ran over a line break into lines that
// look like the file's structure (keys, list items) and was closed by what was meant to open
// the next quoted value: the error is then really at the quote left open, and is reported
// there. Returns false, reporting nothing, when the text does not clearly show that.
bool ReportSwallowedQuote(const SourceText& source, size_t last_scalar, const YAML::Exception& e,
                          size_t begin, size_t end, SourceText::Cursor& cursor,
                          Diagnostics& diagnostics) {
  if (e.mark.is_null()) return false;
  const std::string& text = source.Text();
  size_t error = begin + static_cast<size_t>(std::max(e.mark.pos, 0));
  if (last_scalar == std::string::npos || last_scalar >= error) return false;
  auto quote = QuoteOverLines(text, last_scalar, end);
  if (!quote || !quote->swallows_structure || quote->close == std::string::npos ||
      quote->close >= error) {
    return false;
  }
  // The error comes right after that quote: on its line, or on the next.
  if (std::count(text.begin() + quote->close, text.begin() + error, '\n') > 1) return false;
  char mark = text[quote->open];
  std::string closed_by = LineAndColumn(source, quote->close, cursor);
  diagnostics.Error(source.At(quote->open, cursor),
                    std::string("YAML syntax error: the quoted text that begins here is not "
                                "closed on its line: YAML reads on to the ") +
                        mark + " on " + closed_by,
                    CloseQuoteHint(mark, true));
  return true;
}

}  // namespace

std::optional<YamlPiece> ParsePiece(const SourceText& source, size_t begin, size_t end,
                                    SourceText::Cursor& cursor, Diagnostics& diagnostics) {
  const std::string& text = source.Text();
  YamlPiece piece;
  MemoryBuffer buffer(text.data() + begin, text.data() + end);
  std::istream in(&buffer);
  TreeBuilder builder(source, begin, cursor, diagnostics, piece.node_offsets);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) return piece;  // comments only
    SecondDocumentProbe probe;
    try {
      parser.HandleNextDocument(probe);
    } catch (const StopParsing&) {
    }
    if (probe.offset) {
      size_t offset = begin + *probe.offset;
      bool marker = LineAt(text, offset).compare(0, 3, "---") == 0;
      diagnostics.Error(source.At(offset, cursor),
                        marker ? "a second YAML document ('---') is not allowed: a review file "
                                 "holds one document"
                               : "this line does not fit the structure above it",
                        marker ? ""
                               : "check the indentation of this line against the lines "
                                 "above it");
      return std::nullopt;
    }
  } catch (const StopParsing&) {
    return std::nullopt;  // already reported
  } catch (const YAML::Exception& e) {
    SourceLocation where = source.Whole();
    std::string line;
    if (!e.mark.is_null()) {
      size_t offset = begin + static_cast<size_t>(std::max(e.mark.pos, 0));
      where = source.At(offset, cursor);
      line = LineAt(text, offset);
    }
    if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
      diagnostics.Error(where,
                        "aliases (" + AliasAt(text, begin + std::max(e.mark.pos, 0)) +
                            ") are not supported in review files",
                        "write the value out in full where it is needed");
    } else if (dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr) {
      diagnostics.Error(where, "the file nests lists and maps too deeply to be a review file");
    } else if (ReportSwallowedQuote(source, builder.LastScalar(), e, begin, end, cursor,
                                    diagnostics)) {
      // reported at the quote that opens the text
    } else if (e.msg == YAML::ErrorMsg::EOF_IN_SCALAR) {
      diagnostics.Error(where, "YAML syntax error: " + e.msg,
                        "a quoted text is not closed: YAML reads on to the end of the file "
                        "looking for its closing quote");
    } else {
      diagnostics.Error(where, "YAML syntax error: " + e.msg, SyntaxHint(e.msg, line));
    }
    return std::nullopt;
  }
  // yaml-cpp ends a quoted text left open at the end of its input there, when a line break
  // follows, instead of reporting it: report it here, at the quote that opens it (a piece that
  // stops before the end of the file is checked by the code that puts the pieces together).
  if (end == text.size()) {
    auto quote = QuoteOverLines(text, builder.LastScalar(), end);
    if (quote && quote->close == std::string::npos) {
      diagnostics.Error(source.At(quote->open, cursor),
                        "YAML syntax error: the quoted text that begins here is not closed: "
                        "YAML reads on to the end of the file",
                        CloseQuoteHint(text[quote->open], quote->swallows_structure));
      return std::nullopt;
    }
  }
  piece.has_root = builder.HasRoot();
  if (piece.has_root) piece.root = builder.TakeRoot();
  piece.depth = builder.Depth();
  piece.last_scalar = builder.LastScalar();
  return piece;
}

std::optional<YamlDocument> ParseYaml(const std::string& path, std::string bytes,
                                      Diagnostics& diagnostics) {
  YamlDocument document{SourceText(path, std::move(bytes)), YamlNode{}, {}};
  document.root.where = document.source.WholePlace();
  std::optional<size_t> base = CheckEncoding(document.source, diagnostics);
  if (!base) return std::nullopt;
  const std::string& text = document.source.Text();
  if (IsBlank(std::string_view(text).substr(*base))) return document;
  SourceText::Cursor cursor;
  auto piece = ParsePiece(document.source, *base, text.size(), cursor, diagnostics);
  if (!piece) return std::nullopt;
  if (piece->has_root) document.root = std::move(piece->root);
  document.node_offsets = std::move(piece->node_offsets);
  return document;
}

}  // namespace clerk::load
