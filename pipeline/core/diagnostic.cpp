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

// Columns count characters, not bytes: walk UTF-8 so the caret lands under the right character.
std::string CaretFor(const std::string& line, int column) {
  std::string pad;
  int character = 1;
  for (size_t i = 0; i < line.size() && character < column; ++i) {
    unsigned char byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) == 0x80) continue;  // continuation byte
    pad += line[i] == '\t' ? '\t' : ' ';
    ++character;
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
      out << "  " << line << '\n';
      if (where.column > 0) out << "  " << CaretFor(line, where.column) << '\n';
    }
  }
  if (!diagnostic.hint.empty()) out << "  hint: " << diagnostic.hint << '\n';
  return out.str();
}

}  // namespace

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
  int errors = diagnostics.ErrorCount();
  int warnings = diagnostics.WarningCount();
  if (errors + warnings > 0) {
    out += std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") +
           std::to_string(warnings) + (warnings == 1 ? " warning\n" : " warnings\n");
  }
  return out;
}

}  // namespace clerk
