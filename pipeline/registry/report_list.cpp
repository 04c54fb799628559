// WebStore: the reads of the report list and report pages, and the logs of web builds.

#include <Poco/Data/Session.h>

#include "registry/web_store.h"
#include "registry/web_store_impl.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;

namespace {

// One row per report with what its state is decided from, in the same terms as `clerk status`
// (queries.cpp, StatusFor): the latest decision on the latest draft says approved or rejected;
// else an approval of an earlier draft makes it changed since approval; else a draft.
const char* const kListColumns =
    "SELECT r.id, r.reference, r.review_key, r.report_id, r.committee_code, r.year, "
    "coalesce((SELECT max(d.version) FROM drafts d WHERE d.report = r.id), 0) AS latest, "
    "coalesce((SELECT de.approved FROM decisions de WHERE de.draft = "
    "            (SELECT d.id FROM drafts d WHERE d.report = r.id ORDER BY d.version DESC LIMIT 1) "
    "          ORDER BY de.id DESC LIMIT 1), -1), "
    "EXISTS (SELECT 1 FROM decisions de JOIN drafts d ON d.id = de.draft "
    "        WHERE d.report = r.id AND de.approved = 1) "
    "FROM reports r ";

ReportState StateOf(int latest_version, int last_decision, int ever_approved) {
  if (latest_version == 0) return ReportState::kNoDraft;
  if (last_decision == 1) return ReportState::kApproved;
  if (last_decision == 0) return ReportState::kRejected;
  if (ever_approved) return ReportState::kChangedSinceApproval;
  return ReportState::kDraft;
}

std::vector<ReportListItem> ReadItems(Poco::Data::Statement& statement) {
  std::vector<std::int64_t> ids;
  std::vector<std::string> references, reviews, reports, committees;
  std::vector<int> years, latest, decisions, approved;
  statement, into(ids), into(references), into(reviews), into(reports), into(committees),
      into(years), into(latest), into(decisions), into(approved);
  statement.execute();
  std::vector<ReportListItem> items;
  items.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    ReportListItem item;
    item.id = ids[i];
    item.reference = references[i];
    item.review_key = reviews[i];
    item.report_id = reports[i];
    item.committee_code = committees[i];
    item.year = years[i];
    item.latest_version = latest[i];
    item.state = StateOf(latest[i], decisions[i], approved[i]);
    items.push_back(item);
  }
  return items;
}

std::vector<BuildLog> ReadLogs(Poco::Data::Statement& statement) {
  std::vector<std::int64_t> ids, reports;
  std::vector<std::string> by, started, finished, outputs;
  std::vector<int> statuses;
  statement, into(ids), into(reports), into(by), into(started), into(finished), into(statuses),
      into(outputs);
  statement.execute();
  std::vector<BuildLog> logs;
  for (size_t i = 0; i < ids.size(); ++i) {
    logs.push_back({ids[i], reports[i], by[i], started[i], finished[i], statuses[i], outputs[i]});
  }
  return logs;
}

const char* const kLogColumns =
    "SELECT id, report, started_by, started_at, coalesce(finished_at, ''), "
    "coalesce(exit_status, -1), output FROM build_logs ";

}  // namespace

std::int64_t WebStore::ChangeMark() {
  std::int64_t mark = 0;
  impl_->With("read the registry's changes", [&](Poco::Data::Session& session) {
    session << "SELECT coalesce(max(id), 0) FROM events", into(mark), now;
  });
  return mark;
}

std::vector<std::string> WebStore::Committees() {
  std::vector<std::string> codes;
  impl_->With("read the committees", [&](Poco::Data::Session& session) {
    session << "SELECT DISTINCT committee_code FROM reports ORDER BY committee_code", into(codes),
        now;
  });
  return codes;
}

ReportListPage WebStore::ListReports(const std::string& committee, int offset, int limit) {
  ReportListPage page;
  impl_->With("read the reports", [&](Poco::Data::Session& session) {
    session << "SELECT count(*) FROM reports WHERE ? = '' OR committee_code = ?", into(page.total),
        bind(committee), bind(committee), now;
    Poco::Data::Statement statement(session);
    // The page's reports are chosen first, so that the state is worked out for them alone.
    statement << std::string(kListColumns) +
                     "JOIN (SELECT id FROM reports WHERE ? = '' OR committee_code = ? "
                     "      ORDER BY year DESC, committee_code, sequence DESC LIMIT ? OFFSET ?) "
                     "  page ON page.id = r.id "
                     "ORDER BY r.year DESC, r.committee_code, r.sequence DESC",
        bind(committee), bind(committee), bind(limit), bind(offset);
    page.items = ReadItems(statement);
  });
  return page;
}

std::optional<ReportDetail> WebStore::Report(std::int64_t id) {
  std::optional<ReportDetail> detail;
  impl_->With("read the report", [&](Poco::Data::Session& session) {
    Poco::Data::Statement statement(session);
    statement << std::string(kListColumns) + "WHERE r.id = ?", bind(id);
    std::vector<ReportListItem> items = ReadItems(statement);
    if (items.empty()) return;
    detail.emplace();
    detail->item = items.front();
    std::vector<std::string> paths, content, pdf, created;
    session << "SELECT f.path, d.content_sha256, f.sha256, d.created_at FROM drafts d "
               "JOIN files f ON f.id = d.file WHERE d.report = ? ORDER BY d.version DESC LIMIT 1",
        into(paths), into(content), into(pdf), into(created), bind(id), now;
    if (!paths.empty()) {
      detail->draft_path = impl_->ShownPath(paths[0]);
      detail->draft_content_sha256 = content[0];
      detail->draft_pdf_sha256 = pdf[0];
      detail->draft_created_at = created[0];
    }
    std::vector<std::string> finals;
    session << "SELECT f.path FROM finals fi JOIN files f ON f.id = fi.file "
               "JOIN decisions de ON de.id = fi.decision JOIN drafts d ON d.id = de.draft "
               "WHERE d.report = ? AND f.state = 'placed' ORDER BY de.id DESC LIMIT 1",
        into(finals), bind(id), now;
    if (!finals.empty()) detail->final_path = impl_->ShownPath(finals[0]);
    std::vector<std::int64_t> event_ids;
    std::vector<int> versions;
    std::vector<std::string> at, kinds, by, details;
    session << "SELECT id, at, kind, by, draft_version, detail FROM events "
               "WHERE report = ? ORDER BY id",
        into(event_ids), into(at), into(kinds), into(by), into(versions), into(details), bind(id),
        now;
    for (size_t i = 0; i < event_ids.size(); ++i) {
      detail->history.push_back({event_ids[i], at[i], kinds[i], by[i], versions[i], details[i]});
    }
    std::vector<std::string> outcomes, finished;
    session << "SELECT coalesce(outcome, 'still running or interrupted'), "
               "coalesce(finished_at, started_at) FROM builds "
               "WHERE review_key = ? ORDER BY id DESC LIMIT 1",
        into(outcomes), into(finished), bind(detail->item.review_key), now;
    if (!outcomes.empty()) {
      detail->last_build_outcome = outcomes[0];
      detail->last_build_at = finished[0];
    }
  });
  return detail;
}

std::int64_t WebStore::StartBuildLog(std::int64_t report, const std::string& by,
                                     const std::string& at) {
  std::int64_t id = 0;
  impl_->With("record the build", [&](Poco::Data::Session& session) {
    session << "INSERT INTO build_logs (report, started_by, started_at) VALUES (?, ?, ?)",
        bind(report), bind(by), bind(at), now;
    session << "SELECT last_insert_rowid()", into(id), now;
  });
  return id;
}

void WebStore::FinishBuildLog(std::int64_t id, const std::string& at, int exit_status,
                              const std::string& output) {
  impl_->With("record the build's end", [&](Poco::Data::Session& session) {
    session << "UPDATE build_logs SET finished_at = ?, exit_status = ?, output = ? WHERE id = ?",
        bind(at), bind(exit_status), bind(output), bind(id), now;
  });
}

std::optional<BuildLog> WebStore::FindBuildLog(std::int64_t id) {
  std::vector<BuildLog> logs;
  impl_->With("read the build", [&](Poco::Data::Session& session) {
    Poco::Data::Statement statement(session);
    statement << std::string(kLogColumns) + "WHERE id = ?", bind(id);
    logs = ReadLogs(statement);
  });
  if (logs.empty()) return std::nullopt;
  return logs.front();
}

std::optional<BuildLog> WebStore::LatestBuildLog(std::int64_t report) {
  std::vector<BuildLog> logs;
  impl_->With("read the builds", [&](Poco::Data::Session& session) {
    Poco::Data::Statement statement(session);
    statement << std::string(kLogColumns) + "WHERE report = ? ORDER BY id DESC LIMIT 1",
        bind(report);
    logs = ReadLogs(statement);
  });
  if (logs.empty()) return std::nullopt;
  return logs.front();
}

}  // namespace clerk::registry
