#include "registry/text.h"

#include <algorithm>
#include <filesystem>

#include "registry/hashing.h"

namespace clerk::registry {

namespace {

std::string Version(int version) { return version > 0 ? "v" + std::to_string(version) : "-"; }

// Rows of cells as columns two spaces apart; the last column is not padded.
std::string Columns(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string NoteFor(const ReportStatus& report) {
  std::string note;
  auto add = [&](const std::string& text) { note += (note.empty() ? "" : "; ") + text; };
  if (report.state == ReportState::kApproved && !report.final_path.empty()) {
    add("final " + report.final_path);
  }
  if (report.state != ReportState::kApproved && report.approved_version > 0) {
    add(Version(report.approved_version) + " approved" +
        (report.final_path.empty() ? "" : ", final " + report.final_path));
  }
  if (report.latest_version > 0 && report.draft_file_missing) {
    add("draft file missing: the next build writes it again");
  }
  return note;
}

}  // namespace

std::string FormatStatus(const std::vector<ReportStatus>& reports) {
  if (reports.empty()) return "";
  std::vector<std::vector<std::string>> rows = {
      {"reference", "review", "report", "draft", "state", "by", "at"}};
  bool any_note = false;
  for (const ReportStatus& report : reports) {
    std::string note = NoteFor(report);
    any_note = any_note || !note.empty();
    rows.push_back({report.reference, report.review_key, report.report_id,
                    Version(report.latest_version), ReportStateName(report.state), report.by,
                    report.at, note});
  }
  // The note column only when there is a note to show.
  if (any_note) rows[0].push_back("note");
  for (auto& row : rows) {
    if (!any_note && row.size() == 8) row.pop_back();
  }
  return Columns(rows);
}

std::string FormatHistory(const ReportStatus& report, const std::vector<Event>& events) {
  std::string out = report.reference + ": report " + report.report_id + " of " + report.review_key +
                    ", " + ReportStateName(report.state) + "\n";
  std::vector<std::vector<std::string>> rows;
  for (const Event& event : events) {
    rows.push_back({event.at, event.kind, event.by, event.detail});
  }
  return out + Columns(rows);
}

Verdict VerifyPdf(const Registry& registry, const std::string& shown_path, std::string_view pdf,
                  Diagnostics& diagnostics) {
  std::string sha = Sha256Hex(pdf);
  std::vector<PdfRecord> same = registry.FindPdfsBySha(sha, diagnostics);
  if (!same.empty() && same[0].final) {
    const PdfRecord& final = same[0];
    const Decision& approval = *final.approval;
    return {true, shown_path + ": the published final of " + final.reference + " (report " +
                      final.report_id + " of " + final.review_key + "), unchanged (SHA-256 " +
                      ShortSha(sha) + "). Approved by " + approval.by + ", " + approval.role +
                      ", on " + approval.at + ", from draft " + Version(final.draft_version) + "."};
  }
  if (!same.empty()) {
    const PdfRecord& draft = same[0];
    std::string sentence = shown_path + ": draft " + Version(draft.draft_version) + " of " +
                           draft.reference + ", not a published final.";
    auto status = registry.StatusOf(draft.reference, diagnostics);
    if (status && !status->final_path.empty()) {
      sentence += " The published final of " + draft.reference + " is " + status->final_path + ".";
    }
    return {false, sentence};
  }
  std::string name = std::filesystem::path(shown_path).filename().string();
  std::vector<PdfRecord> named = registry.FindPdfsByName(name, diagnostics);
  if (!named.empty()) {
    const PdfRecord& record = named[0];
    std::string what = record.final
                           ? "the published final of " + record.reference
                           : "draft " + Version(record.draft_version) + " of " + record.reference;
    return {false, shown_path + ": has been changed: it has the name of " + what +
                       " but not its content (SHA-256 " + ShortSha(sha) + ", recorded " +
                       ShortSha(record.sha256) + "), so it is not a published final."};
  }
  return {false, shown_path +
                     ": not a report published through this registry: no final or "
                     "draft has its SHA-256 (" +
                     ShortSha(sha) + ")."};
}

}  // namespace clerk::registry
