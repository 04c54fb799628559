#pragma once

#include <string>
#include <vector>

#include "core/file_system.h"
#include "core/source_location.h"

namespace clerk {

enum class Severity { kError, kWarning, kNote };

/// One problem found in inputs or templates, in a sentence a clerk understands.
struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLocation where;
  std::string message;
  std::string hint;  ///< optional: what to do about it; empty when there is none
  /// The character it is about, when it is about one a font cannot draw (so that the same
  /// character's warnings from different stages can be told apart); 0 otherwise.
  char32_t character = 0;
};

/// Collects diagnostics from every stage; stages keep going after a problem so that all of them
/// are reported in one go.
class Diagnostics {
 public:
  void Error(const SourceLocation& where, std::string message, std::string hint = "");
  void Warning(const SourceLocation& where, std::string message, std::string hint = "");
  void Note(const SourceLocation& where, std::string message, std::string hint = "");
  void Add(Diagnostic diagnostic);
  /// Adds every diagnostic of `other`, in its order (work done apart, reported where it belongs).
  void AddAll(const Diagnostics& other);

  bool HasErrors() const;
  bool HasWarnings() const;
  int ErrorCount() const;
  int WarningCount() const;
  int NoteCount() const;
  bool Empty() const { return items_.empty(); }

  /// Sorted by file, then line, then column, then the order they were reported in.
  std::vector<Diagnostic> Sorted() const;
  const std::vector<Diagnostic>& Items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

const char* SeverityName(Severity severity);

/// "2 errors, 1 warning", or "0 errors, 5 warnings, 24 notes" when there are notes (notes are
/// only counted when there are some, so a count without them reads as it always has).
std::string CountDiagnostics(const Diagnostics& diagnostics);

/// "file:line:col: error: message", then the source line and a caret under the column (when the
/// file can be read and the line exists), then "  hint: ..." when there is a hint. In the source
/// line, bytes that are not UTF-8 and control characters other than the tab print as U+FFFD, one
/// for each column they take, so the caret stays under its column.
std::string FormatDiagnostic(const Diagnostic& diagnostic, const FileSystem& files);

/// All diagnostics, sorted, formatted, one after another, and a closing count line as
/// CountDiagnostics makes it (nothing when there are no diagnostics; with notes only,
/// "0 errors, 0 warnings, 1 note").
std::string FormatDiagnostics(const Diagnostics& diagnostics, const FileSystem& files);

}  // namespace clerk
