#include "core/diagnostic.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace clerk {

void Diagnostics::Error(const SourceLocation& where, std::string message, std::string hint) {
  Add({Severity::kError, where, std::move(message), std::move(hint)});
}

void Diagnostics::Warning(const SourceLocation& where, std::string message, std::string hint) {
  Add({Severity::kWarning, where, std::move(message), std::move(hint)});
}

void Diagnostics::Note(const SourceLocation& where, std::string message, std::string hint) {
  Add({Severity::kNote, where, std::move(message), std::move(hint)});
}

void Diagnostics::Add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }

void Diagnostics::AddAll(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::HasErrors() const { return ErrorCount() > 0; }
bool Diagnostics::HasWarnings() const { return WarningCount() > 0; }

int Diagnostics::ErrorCount() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kError;
  }));
}

int Diagnostics::WarningCount() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kWarning;
  }));
}

int Diagnostics::NoteCount() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kNote;
  }));
}

std::vector<Diagnostic> Diagnostics::Sorted() const {
  std::vector<Diagnostic> sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.where.file != b.where.file) return a.where.file < b.where.file;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    return a.where.column < b.where.column;
  });
  return sorted;
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

namespace {

// A file's text with where each line starts, read once however many diagnostics point into it.
struct SourceLines {
  bool readable = false;
  std::string text;
  std::vector<size_t> starts;  // byte offset of each line's first byte; starts[0] == 0

  // The text of 1-based line `line`, without its line ending; "" past the end.
  std::string Line(int line) const {
    if (line < 1 || static_cast<size_t>(line) > starts.size()) return "";
    size_t begin = starts[line - 1];
    size_t end = text.find('\n', begin);
    std::string result = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    if (!result.empty() && result.back() == '\r') result.pop_back();
    return result;
  }
};

SourceLines ReadSourceLines(const std::string& path, const FileSystem& files) {
  SourceLines lines;
  std::string error;
  auto text = files.ReadFile(path, &error);
  if (!text) return lines;
  lines.readable = true;
  lines.text = std::move(*text);
  lines.starts.push_back(0);
  for (size_t i = 0; i < lines.text.size(); ++i) {
    if (lines.text[i] == '\n' && i + 1 < lines.text.size()) lines.starts.push_back(i + 1);
  }
  return lines;
}

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the well-formed UTF-8 character at `at` (no overlong forms, surrogates or code
// points past U+10FFFF), or 0 when the bytes there are not one.
size_t Utf8Length(const std::string& text, size_t at) {
  auto byte = [&](size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0; };
  unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                  : lead >= 0xE0 && lead <= 0xEF ? 3
                  : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                 : 0;
  if (length == 0) return 0;
  unsigned char second = byte(at + 1);
  unsigned char low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
  unsigned char high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
  if (second < low || second > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (!IsContinuation(byte(at + i))) return 0;
  }
  return length;
}

// Whether a terminal could take the character for an instruction: C0 controls but the tab, DEL,
// and C1 controls (U+0080 to U+009F, "\xC2\x80" to "\xC2\x9F" in UTF-8).
bool IsControl(const std::string& text, size_t at, size_t length) {
  unsigned char lead = static_cast<unsigned char>(text[at]);
  if (length == 1) return (lead < 0x20 && lead != '\t') || lead == 0x7F;
  return length == 2 && lead == 0xC2 && static_cast<unsigned char>(text[at + 1]) < 0xA0;
}

// A source line cut into what the caret counts as one column each: a byte that is not a UTF-8
// continuation byte and the continuation bytes after it, as load's SourceText counts columns.
// Each piece prints as itself when it is a well-formed character a terminal only shows, else as
// U+FFFD, so that bytes that are not UTF-8 (or that a terminal would obey) never reach it raw
// and every column is still one character wide.
struct ExcerptLine {
  std::string text;          // what to print
  std::string caret_from;    // per printed character: '\t' for a tab, ' ' otherwise
  std::vector<bool> counts;  // per printed character: whether it starts a column
};

ExcerptLine MakeExcerpt(const std::string& line) {
  ExcerptLine excerpt;
  for (size_t at = 0; at < line.size();) {
    size_t end = at + 1;
    while (end < line.size() && IsContinuation(static_cast<unsigned char>(line[end]))) ++end;
    size_t length = Utf8Length(line, at);
    if (length == end - at && !IsControl(line, at, length)) {
      excerpt.text.append(line, at, length);
    } else {
      excerpt.text += kReplacement;
    }
    excerpt.caret_from += line[at] == '\t' ? '\t' : ' ';
    excerpt.counts.push_back(!IsContinuation(static_cast<unsigned char>(line[at])));
    at = end;
  }
  return excerpt;
}

// Columns count characters, not bytes: the caret goes under the first printed character of
// column `column`, past as many printed characters (tabs kept as tabs) as come before it.
std::string CaretFor(const ExcerptLine& excerpt, int column) {
  std::string pad;
  int character = 1;
  for (size_t i = 0; i < excerpt.counts.size() && character < column; ++i) {
    if (excerpt.counts[i]) ++character;
    pad += excerpt.caret_from[i];
  }
  return pad + "^";
}

std::string Format(const Diagnostic& diagnostic, const SourceLines* source) {
  std::ostringstream out;
  const SourceLocation& where = diagnostic.where;
  if (!where.file.empty()) {
    out << where.file;
    if (where.line > 0) out << ':' << where.line;
    if (where.line > 0 && where.column > 0) out << ':' << where.column;
    out << ": ";
  }
  out << SeverityName(diagnostic.severity) << ": " << diagnostic.message << '\n';
  if (source && source->readable && where.line > 0) {
    std::string line = source->Line(where.line);
    bool printable = line.size() <= 500 && line.find('\0') == std::string::npos;
    if (!line.empty() && printable) {
      ExcerptLine excerpt = MakeExcerpt(line);
      out << "  " << excerpt.text << '\n';
      if (where.column > 0) out << "  " << CaretFor(excerpt, where.column) << '\n';
    }
  }
  if (!diagnostic.hint.empty()) out << "  hint: " << diagnostic.hint << '\n';
  return out.str();
}

}  // namespace

std::string CountDiagnostics(const Diagnostics& diagnostics) {
  auto count = [](int n, const char* singular, const char* plural) {
    return std::to_string(n) + " " + (n == 1 ? singular : plural);
  };
  std::string counts = count(diagnostics.ErrorCount(), "error", "errors") + ", " +
                       count(diagnostics.WarningCount(), "warning", "warnings");
  int notes = diagnostics.NoteCount();
  if (notes > 0) counts += ", " + count(notes, "note", "notes");
  return counts;
}

std::string FormatDiagnostic(const Diagnostic& diagnostic, const FileSystem& files) {
  if (diagnostic.where.file.empty() || diagnostic.where.line <= 0) return Format(diagnostic, nullptr);
  SourceLines source = ReadSourceLines(diagnostic.where.file, files);
  return Format(diagnostic, &source);
}

std::string FormatDiagnostics(const Diagnostics& diagnostics, const FileSystem& files) {
  std::string out;
  std::map<std::string, SourceLines> sources;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    const SourceLines* source = nullptr;
    if (!d.where.file.empty() && d.where.line > 0) {
      auto found = sources.find(d.where.file);
      if (found == sources.end()) {
        found = sources.emplace(d.where.file, ReadSourceLines(d.where.file, files)).first;
      }
      source = &found->second;
    }
    out += Format(d, source);
  }
  if (!diagnostics.Empty()) out += CountDiagnostics(diagnostics) + "\n";
  return out;
}

}  // namespace clerk
