#include "core/diagnostic.h"

#include <algorithm>
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

// The text of 1-based line `line` of `text`, without its line ending.
std::string LineOf(const std::string& text, int line) {
  std::istringstream in(text);
  std::string current;
  for (int n = 1; std::getline(in, current); ++n) {
    if (n == line) {
      if (!current.empty() && current.back() == '\r') current.pop_back();
      return current;
    }
  }
  return "";
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

}  // namespace

std::string FormatDiagnostic(const Diagnostic& diagnostic, const FileSystem& files) {
  std::ostringstream out;
  const SourceLocation& where = diagnostic.where;
  if (!where.file.empty()) {
    out << where.file;
    if (where.line > 0) out << ':' << where.line;
    if (where.line > 0 && where.column > 0) out << ':' << where.column;
    out << ": ";
  }
  out << SeverityName(diagnostic.severity) << ": " << diagnostic.message << '\n';
  if (where.line > 0 && !where.file.empty()) {
    std::string error;
    auto text = files.ReadFile(where.file, &error);
    if (text) {
      std::string line = LineOf(*text, where.line);
      bool printable = line.size() <= 500 && line.find('\0') == std::string::npos;
      if (!line.empty() && printable) {
        out << "  " << line << '\n';
        if (where.column > 0) out << "  " << CaretFor(line, where.column) << '\n';
      }
    }
  }
  if (!diagnostic.hint.empty()) out << "  hint: " << diagnostic.hint << '\n';
  return out.str();
}

std::string FormatDiagnostics(const Diagnostics& diagnostics, const FileSystem& files) {
  std::string out;
  for (const Diagnostic& d : diagnostics.Sorted()) out += FormatDiagnostic(d, files);
  int errors = diagnostics.ErrorCount();
  int warnings = diagnostics.WarningCount();
  if (errors + warnings > 0) {
    out += std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") +
           std::to_string(warnings) + (warnings == 1 ? " warning\n" : " warnings\n");
  }
  return out;
}

}  // namespace clerk
