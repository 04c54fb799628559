#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "registry/registry.h"

/// Inside the registry only: the open session and the reads and writes the verbs share.
namespace clerk::registry {

struct ReportRow {
  std::int64_t id = 0;
  std::string reference;
  std::string review_key;
  std::string report_id;
  std::string created_by;
  std::string created_at;
};

struct DraftRow {
  std::int64_t id = 0;
  int version = 0;
  std::string inputs_sha256;
  std::string templates_sha256;
  std::string content_sha256;
  std::string created_by;
  std::string created_at;
  std::int64_t file_id = 0;
  std::string path;  ///< as shown (ShownPath)
  std::string sha256;
  std::string file_state;  ///< "pending", "placed", "missing"
};

/// A decision with the final it published, if any.
struct DecisionRow {
  Decision decision;
  std::string final_path;  ///< approvals: the final's path (shown)
};

struct Registry::Impl {
  Impl(std::string path, Poco::Data::Session session, bool read_only);

  std::string path;    ///< as opened
  std::string folder;  ///< the registry's folder, lexically normal, relative or absolute as given
  bool read_only = false;
  int schema_version = 0;
  Poco::Data::Session session;

  /// How a path is stored: relative to the registry's folder when inside it (so the registry and
  /// its outputs can move together), else absolute.
  std::string StoredPath(const std::string& path) const;
  /// A stored path as the caller names it: joined to the registry's folder when relative.
  std::string ShownPath(const std::string& stored) const;

  void Error(Diagnostics& diagnostics, const std::string& message,
             const std::string& hint = "") const;
  void Warning(Diagnostics& diagnostics, const std::string& message) const;

  std::optional<ReportRow> FindReport(const std::string& reference);
  std::vector<ReportRow> Reports(const std::string& review_key);
  std::optional<DraftRow> LatestDraft(std::int64_t report);
  std::optional<DraftRow> DraftVersion(std::int64_t report, int version);
  /// The report's decisions, oldest first.
  std::vector<DecisionRow> Decisions(std::int64_t report);
  /// The newest approval of any of the report's drafts.
  std::optional<DecisionRow> LatestApproval(std::int64_t report);
  int FinalCount(std::int64_t report);
  /// True when a draft or a final is recorded at `stored_path`.
  bool FileRecorded(const std::string& stored_path);

  void AddEvent(const std::string& at, const std::string& kind, std::int64_t report,
                int draft_version, const std::string& by, const std::string& detail);
  void MarkPlaced(std::int64_t file_id);

  /// Records that files are written in `folder`, in a transaction of its own, before any pending
  /// file is: so that Recover knows where to look for one left by a process killed before its
  /// first commit there.
  void RememberFolder(const std::string& folder);
  /// The folders RememberFolder recorded, as shown.
  std::vector<std::string> Folders();

  /// Drafts CommitDraft renamed to their names (FolderSync::kLater), whose folder sync is shared
  /// with the twin's that follows (or with the next draft's, or made by FinishPlacing). A row is
  /// marked placed only once its folder is synced, so that a placed row always has a durable
  /// name; until then it stays pending, which Recover (after a power cut) finishes.
  struct Renamed {
    std::string folder;
    std::int64_t file_id = 0;
  };
  std::vector<Renamed> renamed_unsynced;
  /// Files whose folder is synced, to be marked placed in the next write transaction.
  std::vector<std::int64_t> placed_unmarked;

  /// True for a file this process renamed to its name but has not marked placed yet: its row
  /// says pending, but unlike another process's pending file, it is at its name already.
  bool PlacedHere(std::int64_t file_id) const;
  /// Whether the draft's file is where its row says, with its hash: placed, or pending in
  /// another process (which is giving it its name right now, or died and Recover finishes it).
  bool DraftInPlace(const DraftRow& draft) const;
  /// Records that `folder` was synced: the drafts renamed in it can be marked placed.
  void FolderSynced(const std::string& folder);
  /// Marks placed the files whose folder is synced. Call inside a write transaction.
  void MarkSyncedPlaced();
  /// Syncs the folders of the drafts renamed since (FolderSynced). False with *error when a
  /// folder cannot be synced (its rows stay pending).
  bool SyncRenamedFolders(std::string* error);
  /// SyncRenamedFolders, then marks the files placed in a transaction of its own.
  bool FinishPlacing(std::string* error);

  /// Pending files in `folder` that no pending row names (left by a process that died before
  /// its transaction committed): removed. Call under the write lock. Their paths.
  std::vector<std::string> RemoveOrphans(const std::string& folder);
};

}  // namespace clerk::registry
