#include "registry/registry_impl.h"

#include <algorithm>
#include <filesystem>

#include "registry/database.h"
#include "registry/pending_file.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;
namespace fs = std::filesystem;

namespace {

const char* const kDraftColumns =
    "SELECT d.id, d.version, d.inputs_sha256, d.templates_sha256, d.content_sha256, "
    "d.created_by, d.created_at, f.id, f.path, f.sha256, f.state "
    "FROM drafts d JOIN files f ON f.id = d.file ";

}  // namespace

Registry::Impl::Impl(std::string path_in, Poco::Data::Session session_in, bool read_only_in)
    : path(std::move(path_in)), read_only(read_only_in), session(std::move(session_in)) {
  fs::path parent = fs::path(path).parent_path();
  folder = parent.empty() ? "." : parent.lexically_normal().string();
}

std::string Registry::Impl::StoredPath(const std::string& shown) const {
  fs::path absolute = fs::absolute(shown).lexically_normal();
  fs::path relative = absolute.lexically_relative(fs::absolute(folder).lexically_normal());
  if (!relative.empty() && *relative.begin() != "..") return relative.string();
  return absolute.string();
}

std::string Registry::Impl::ShownPath(const std::string& stored) const {
  fs::path path(stored);
  if (path.is_absolute()) return stored;
  std::string shown = (fs::path(folder) / path).lexically_normal().string();
  if (shown.size() > 1 && shown.back() == '/') shown.pop_back();
  return shown.empty() ? "." : shown;
}

void Registry::Impl::Error(Diagnostics& diagnostics, const std::string& message,
                           const std::string& hint) const {
  diagnostics.Error({path, 0, 0}, message, hint);
}

void Registry::Impl::Warning(Diagnostics& diagnostics, const std::string& message) const {
  diagnostics.Warning({path, 0, 0}, message);
}

std::optional<ReportRow> Registry::Impl::FindReport(const std::string& reference) {
  std::vector<ReportRow> rows;
  std::vector<std::int64_t> ids;
  std::vector<std::string> references, reviews, reports, by, at;
  std::string wanted = reference;
  session << "SELECT id, reference, review_key, report_id, created_by, created_at FROM reports "
             "WHERE reference = ?",
      into(ids), into(references), into(reviews), into(reports), into(by), into(at), use(wanted),
      now;
  if (ids.empty()) return std::nullopt;
  return ReportRow{ids[0], references[0], reviews[0], reports[0], by[0], at[0]};
}

std::vector<ReportRow> Registry::Impl::Reports(const std::string& review_key) {
  std::vector<std::int64_t> ids;
  std::vector<std::string> references, reviews, reports, by, at;
  std::string wanted = review_key;
  session << "SELECT id, reference, review_key, report_id, created_by, created_at FROM reports "
             "WHERE ? = '' OR review_key = ? ORDER BY review_key, report_id",
      into(ids), into(references), into(reviews), into(reports), into(by), into(at), use(wanted),
      use(wanted), now;
  std::vector<ReportRow> rows;
  for (size_t i = 0; i < ids.size(); ++i) {
    rows.push_back({ids[i], references[i], reviews[i], reports[i], by[i], at[i]});
  }
  return rows;
}

namespace {

std::vector<DraftRow> ReadDrafts(Poco::Data::Session& session, const Registry::Impl& impl,
                                 const std::string& where, std::int64_t report, int version) {
  std::vector<std::int64_t> ids, file_ids;
  std::vector<int> versions;
  std::vector<std::string> inputs, templates, contents, by, at, paths, shas, states;
  std::int64_t wanted_report = report;
  int wanted_version = version;
  Poco::Data::Statement statement(session);
  statement << std::string(kDraftColumns) + where, into(ids), into(versions), into(inputs),
      into(templates), into(contents), into(by), into(at), into(file_ids), into(paths), into(shas),
      into(states), use(wanted_report);
  if (version > 0) statement, use(wanted_version);
  statement.execute();
  std::vector<DraftRow> rows;
  for (size_t i = 0; i < ids.size(); ++i) {
    rows.push_back({ids[i], versions[i], inputs[i], templates[i], contents[i], by[i], at[i],
                    file_ids[i], impl.ShownPath(paths[i]), shas[i], states[i]});
  }
  return rows;
}

}  // namespace

std::optional<DraftRow> Registry::Impl::LatestDraft(std::int64_t report) {
  auto rows =
      ReadDrafts(session, *this, "WHERE d.report = ? ORDER BY d.version DESC LIMIT 1", report, 0);
  if (rows.empty()) return std::nullopt;
  return rows[0];
}

std::optional<DraftRow> Registry::Impl::DraftVersion(std::int64_t report, int version) {
  auto rows = ReadDrafts(session, *this, "WHERE d.report = ? AND d.version = ?", report, version);
  if (rows.empty()) return std::nullopt;
  return rows[0];
}

std::vector<DecisionRow> Registry::Impl::Decisions(std::int64_t report) {
  std::vector<int> approved, versions;
  std::vector<std::string> by, roles, comments, at, final_paths;
  std::int64_t wanted = report;
  session << "SELECT de.approved, d.version, de.decided_by, de.role, de.comment, de.decided_at, "
             "coalesce(f.path, '') FROM decisions de JOIN drafts d ON d.id = de.draft "
             "LEFT JOIN finals fi ON fi.decision = de.id LEFT JOIN files f ON f.id = fi.file "
             "WHERE d.report = ? ORDER BY de.id",
      into(approved), into(versions), into(by), into(roles), into(comments), into(at),
      into(final_paths), use(wanted), now;
  std::vector<DecisionRow> rows;
  for (size_t i = 0; i < approved.size(); ++i) {
    Decision decision{approved[i] == 1, versions[i], by[i], roles[i], comments[i], at[i]};
    rows.push_back({decision, final_paths[i].empty() ? "" : ShownPath(final_paths[i])});
  }
  return rows;
}

std::optional<DecisionRow> Registry::Impl::LatestApproval(std::int64_t report) {
  std::vector<DecisionRow> decisions = Decisions(report);
  for (auto it = decisions.rbegin(); it != decisions.rend(); ++it) {
    if (it->decision.approved) return *it;
  }
  return std::nullopt;
}

int Registry::Impl::FinalCount(std::int64_t report) {
  int count = 0;
  std::int64_t wanted = report;
  session << "SELECT count(*) FROM finals fi JOIN decisions de ON de.id = fi.decision "
             "JOIN drafts d ON d.id = de.draft WHERE d.report = ?",
      into(count), use(wanted), now;
  return count;
}

bool Registry::Impl::FileRecorded(const std::string& stored_path) {
  int count = 0;
  std::string wanted = stored_path;
  session << "SELECT count(*) FROM files WHERE path = ?", into(count), use(wanted), now;
  return count > 0;
}

void Registry::Impl::AddEvent(const std::string& at, const std::string& kind, std::int64_t report,
                              int draft_version, const std::string& by, const std::string& detail) {
  std::string when = at, what = kind, who = by, text = detail;
  std::int64_t report_id = report;
  int version = draft_version;
  session << "INSERT INTO events (at, kind, report, draft_version, by, detail) "
             "VALUES (?, ?, ?, ?, ?, ?)",
      use(when), use(what), use(report_id), use(version), use(who), use(text), now;
}

void Registry::Impl::MarkPlaced(std::int64_t file_id) {
  std::int64_t id = file_id;
  session << "UPDATE files SET state = 'placed' WHERE id = ? AND state = 'pending'", use(id), now;
}

void Registry::Impl::RememberFolder(const std::string& in_folder) {
  std::string stored = StoredPath(in_folder);
  int known = 0;
  session << "SELECT count(*) FROM folders WHERE path = ?", into(known), use(stored), now;
  if (known == 0) session << "INSERT OR IGNORE INTO folders (path) VALUES (?)", use(stored), now;
}

std::vector<std::string> Registry::Impl::Folders() {
  std::vector<std::string> stored;
  session << "SELECT path FROM folders ORDER BY path", into(stored), now;
  std::vector<std::string> shown;
  for (const std::string& path : stored) shown.push_back(ShownPath(path));
  return shown;
}

bool Registry::Impl::PlacedHere(std::int64_t file_id) const {
  for (const Renamed& renamed : renamed_unsynced) {
    if (renamed.file_id == file_id) return true;
  }
  return std::find(placed_unmarked.begin(), placed_unmarked.end(), file_id) !=
         placed_unmarked.end();
}

bool Registry::Impl::DraftInPlace(const DraftRow& draft) const {
  bool placed = draft.file_state == "placed" || PlacedHere(draft.file_id);
  if (placed) return FileHasSha(draft.path, draft.sha256);
  return draft.file_state == "pending";
}

void Registry::Impl::FolderSynced(const std::string& synced) {
  auto in_folder = [&](const Renamed& renamed) { return renamed.folder == synced; };
  for (const Renamed& renamed : renamed_unsynced) {
    if (in_folder(renamed)) placed_unmarked.push_back(renamed.file_id);
  }
  renamed_unsynced.erase(
      std::remove_if(renamed_unsynced.begin(), renamed_unsynced.end(), in_folder),
      renamed_unsynced.end());
}

void Registry::Impl::MarkSyncedPlaced() {
  for (std::int64_t file_id : placed_unmarked) MarkPlaced(file_id);
  placed_unmarked.clear();
}

bool Registry::Impl::SyncRenamedFolders(std::string* error) {
  while (!renamed_unsynced.empty()) {
    std::string folder = renamed_unsynced.front().folder;
    if (!SyncFolder(folder, error)) return false;
    FolderSynced(folder);
  }
  return true;
}

bool Registry::Impl::FinishPlacing(std::string* error) {
  if (!SyncRenamedFolders(error)) return false;
  if (placed_unmarked.empty()) return true;
  WriteTransaction transaction(session, Durability::kDeferred);
  MarkSyncedPlaced();
  transaction.Commit();
  return true;
}

std::vector<std::string> Registry::Impl::RemoveOrphans(const std::string& in_folder) {
  std::vector<std::string> stored;
  session << "SELECT path FROM files WHERE state = 'pending'", into(stored), now;
  std::set<std::string> in_use;
  for (const std::string& path : stored) {
    in_use.insert(fs::absolute(PendingPathFor(ShownPath(path))).lexically_normal().string());
  }
  std::vector<std::string> removed;
  for (const std::string& pending : PendingFilesIn(in_folder)) {
    if (in_use.count(fs::absolute(pending).lexically_normal().string()) > 0) continue;
    std::error_code error;
    if (fs::remove(pending, error)) removed.push_back(pending);
  }
  return removed;
}

}  // namespace clerk::registry
