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
  bool Empty() const { return items_.empty(); }

  /// Sorted by file, then line, then column, then the order they were reported in.
  std::vector<Diagnostic> Sorted() const;
  const std::vector<Diagnostic>& Items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

const char* SeverityName(Severity severity);

/// "file:line:col: error: message", then the source line and a caret under the column (when the
/// file can be read and the line exists), then "  hint: ..." when there is a hint.
std::string FormatDiagnostic(const Diagnostic& diagnostic, const FileSystem& files);

/// All diagnostics, sorted, formatted, one after another, and a closing count line such as
/// "2 errors, 1 warning" (nothing when there are none).
std::string FormatDiagnostics(const Diagnostics& diagnostics, const FileSystem& files);

}  // namespace clerk
