// What the read-only verbs ask: Status, StatusOf, History, FindPdfsBySha, FindPdfsByName.

#include <filesystem>

#include "registry/database.h"
#include "registry/registry.h"
#include "registry/registry_impl.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;

namespace {

ReportStatus StatusFor(Registry::Impl& impl, const ReportRow& report) {
  ReportStatus status;
  status.reference = report.reference;
  status.review_key = report.review_key;
  status.report_id = report.report_id;
  status.by = report.created_by;
  status.at = report.created_at;
  auto latest = impl.LatestDraft(report.id);
  if (!latest) return status;
  status.latest_version = latest->version;
  status.draft_path = latest->path;
  status.draft_file_missing =
      latest->file_state == "missing" || !std::filesystem::exists(latest->path);
  status.state = ReportState::kDraft;
  status.by = latest->created_by;
  status.at = latest->created_at;
  std::vector<DecisionRow> decisions = impl.Decisions(report.id);
  for (const DecisionRow& row : decisions) {
    if (!row.decision.approved) continue;
    status.approved_version = row.decision.draft_version;
    status.final_path = row.final_path;
  }
  // The latest decision on the latest draft says where it stands.
  for (auto it = decisions.rbegin(); it != decisions.rend(); ++it) {
    if (it->decision.draft_version != latest->version) continue;
    status.state = it->decision.approved ? ReportState::kApproved : ReportState::kRejected;
    status.by = it->decision.by;
    status.at = it->decision.at;
    return status;
  }
  if (status.approved_version > 0) status.state = ReportState::kChangedSinceApproval;
  return status;
}

// Files, with the draft they are or the decision that published them.
const char* const kPdfQuery =
    "SELECT f.final, r.reference, r.review_key, r.report_id, coalesce(d.version, ad.version), "
    "f.path, f.sha256, f.state, coalesce(de.decided_by, ''), coalesce(de.role, ''), "
    "coalesce(de.comment, ''), coalesce(de.decided_at, '') "
    "FROM files f LEFT JOIN drafts d ON d.file = f.id "
    "LEFT JOIN finals fi ON fi.file = f.id LEFT JOIN decisions de ON de.id = fi.decision "
    "LEFT JOIN drafts ad ON ad.id = de.draft "
    "JOIN reports r ON r.id = coalesce(d.report, ad.report) ";

std::vector<PdfRecord> FindPdfs(Registry::Impl& impl, const std::string& where,
                                const std::string& value) {
  std::vector<int> finals, versions;
  std::vector<std::string> references, reviews, reports, paths, shas, states;
  std::vector<std::string> by, roles, comments, at;
  std::string wanted = value;
  Poco::Data::Statement statement(impl.session);
  statement << std::string(kPdfQuery) + where + " ORDER BY f.final DESC, f.id", into(finals),
      into(references), into(reviews), into(reports), into(versions), into(paths), into(shas),
      into(states), into(by), into(roles), into(comments), into(at);
  // Each '?' in `where` takes the same value.
  for (char c : where) {
    if (c == '?') statement, use(wanted);
  }
  statement.execute();
  std::vector<PdfRecord> records;
  for (size_t i = 0; i < finals.size(); ++i) {
    PdfRecord record;
    record.final = finals[i] == 1;
    record.reference = references[i];
    record.review_key = reviews[i];
    record.report_id = reports[i];
    record.draft_version = versions[i];
    record.path = impl.ShownPath(paths[i]);
    record.sha256 = shas[i];
    record.file_placed = states[i] == "placed";
    if (record.final) {
      record.approval = Decision{true, versions[i], by[i], roles[i], comments[i], at[i]};
    }
    records.push_back(record);
  }
  return records;
}

}  // namespace

std::vector<ReportStatus> Registry::Status(const std::string& review_key,
                                           Diagnostics& diagnostics) const {
  Impl& impl = *impl_;
  try {
    std::vector<ReportStatus> statuses;
    for (const ReportRow& report : impl.Reports(review_key)) {
      statuses.push_back(StatusFor(impl, report));
    }
    return statuses;
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics, "cannot read the reports: " + DatabaseErrorText(error));
    return {};
  }
}

std::optional<ReportStatus> Registry::StatusOf(const std::string& reference,
                                               Diagnostics& diagnostics) const {
  Impl& impl = *impl_;
  try {
    auto report = impl.FindReport(reference);
    if (!report) return std::nullopt;
    return StatusFor(impl, *report);
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics, "cannot read " + reference + ": " + DatabaseErrorText(error));
    return std::nullopt;
  }
}

std::optional<std::vector<Event>> Registry::History(const std::string& reference,
                                                    Diagnostics& diagnostics) const {
  Impl& impl = *impl_;
  try {
    auto report = impl.FindReport(reference);
    if (!report) return std::nullopt;
    std::vector<std::int64_t> ids;
    std::vector<int> versions;
    std::vector<std::string> at, kinds, by, details;
    impl.session << "SELECT id, at, kind, by, draft_version, detail FROM events "
                    "WHERE report = ? ORDER BY id",
        into(ids), into(at), into(kinds), into(by), into(versions), into(details), use(report->id),
        now;
    std::vector<Event> events;
    for (size_t i = 0; i < ids.size(); ++i) {
      events.push_back({ids[i], at[i], kinds[i], by[i], versions[i], details[i]});
    }
    return events;
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics,
               "cannot read the history of " + reference + ": " + DatabaseErrorText(error));
    return std::nullopt;
  }
}

std::vector<PdfRecord> Registry::FindPdfsBySha(const std::string& sha256,
                                               Diagnostics& diagnostics) const {
  try {
    return FindPdfs(*impl_, "WHERE f.sha256 = ?", sha256);
  } catch (const Poco::Exception& error) {
    impl_->Error(diagnostics, "cannot look the PDF up: " + DatabaseErrorText(error));
    return {};
  }
}

std::vector<PdfRecord> Registry::FindPdfsByName(const std::string& file_name,
                                                Diagnostics& diagnostics) const {
  try {
    // The stored path is the name, or ends with "/" and the name.
    return FindPdfs(*impl_,
                    "WHERE f.path = ? OR (length(f.path) > length(?) AND "
                    "substr(f.path, -length(?) - 1) = '/' || ?)",
                    file_name);
  } catch (const Poco::Exception& error) {
    impl_->Error(diagnostics, "cannot look the PDF up: " + DatabaseErrorText(error));
    return {};
  }
}

}  // namespace clerk::registry
