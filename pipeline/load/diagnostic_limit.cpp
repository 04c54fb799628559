#include "load/diagnostic_limit.h"

#include <map>
#include <string>

namespace clerk::load {

namespace {

struct LeftOut {
  SourceLocation first;
  int errors = 0;
  int warnings = 0;
  int notes = 0;
};

std::string Count(int n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

}  // namespace

void AddLimited(const Diagnostics& from, Diagnostics& to, int per_file) {
  std::map<std::string, int> kept;
  std::map<std::string, LeftOut> left_out;
  for (const Diagnostic& diagnostic : from.Sorted()) {
    const std::string& file = diagnostic.where.file;
    if (kept[file] < per_file) {
      ++kept[file];
      to.Add(diagnostic);
      continue;
    }
    LeftOut& more = left_out[file];
    if (more.errors + more.warnings + more.notes == 0) more.first = diagnostic.where;
    switch (diagnostic.severity) {
      case Severity::kError:
        ++more.errors;
        break;
      case Severity::kWarning:
        ++more.warnings;
        break;
      case Severity::kNote:
        ++more.notes;
        break;
    }
  }
  for (const auto& [file, more] : left_out) {
    to.Note(more.first,
            "from here on, " + Count(more.errors, "more error", "more errors") + ", " +
                Count(more.warnings, "warning", "warnings") + " and " +
                Count(more.notes, "note", "notes") +
                " in this file are not shown (only the first " + std::to_string(per_file) + " are)",
            "fix these first; the rest are often the same mistake");
  }
}

}  // namespace clerk::load
