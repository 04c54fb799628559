#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "registry/records.h"
#include "registry/registry.h"

/// The registry's answers as text for the read-only verbs: stable, so tests compare it whole.
namespace clerk::registry {

/// `clerk status`: one line per report under a header, columns aligned; "" when there are none.
/// Columns: reference, review, report, latest draft, state, by, at, and, when any report has one,
/// a note (the final's path, the approved version, a lost file).
std::string FormatStatus(const std::vector<ReportStatus>& reports);

/// `clerk history`: a title line for the report, then one line per event: at, kind, by, detail.
std::string FormatHistory(const ReportStatus& report, const std::vector<Event>& events);

/// What `clerk verify` says about a PDF.
struct Verdict {
  bool published_final = false;  ///< an unchanged published final (exit 0); else exit 1
  std::string sentence;          ///< starts with the path given
};

/// Looks `pdf` (the bytes of the file at `shown_path`) up by its SHA-256, then by its file name:
/// an unchanged final, a draft, a changed copy of either, or unknown.
Verdict VerifyPdf(const Registry& registry, const std::string& shown_path, std::string_view pdf,
                  Diagnostics& diagnostics);

}  // namespace clerk::registry
