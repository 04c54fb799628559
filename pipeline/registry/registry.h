#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/diagnostic.h"
#include "registry/records.h"

/// The registry: every build, reference number, draft version, sign-off, rejection and final,
/// with who, when and SHA-256 hashes, in one SQLite file (docs/registry.md). Plain values go in
/// and out (records.h); no database type crosses this header.
///
/// Errors are diagnostics located at the registry's path (line 0), in a sentence a clerk
/// understands; a method that reports an error has changed nothing, except where it says so.
namespace clerk::registry {

/// Where the registry is when configuration does not say: relative to the working directory.
inline constexpr const char* kDefaultRegistryPath = "outputs/registry.db";

enum class OpenMode {
  kReadWrite,  ///< creates the file and its folder on first use, migrates, recovers
  kReadOnly,   ///< for status, history and verify: never creates, migrates or writes anything
};

struct OpenOptions {
  OpenMode mode = OpenMode::kReadWrite;
  /// How long to wait for another clerk process that is writing, in milliseconds.
  int busy_timeout_ms = 30000;
};

/// A new registry made ahead of Registry::Open, on a thread of its own, while the caller does
/// other work (a build loads and checks its inputs meanwhile): the file is made whole and synced
/// beside `path` under a name of its own, invisible to other processes, and Open only has to link
/// it in. Nothing is made when a file is at `path` already or its folder does not exist (Open
/// then does as it always does). Destroyed without being used by Open (say, the inputs had
/// errors), it waits for its thread and removes the file, so nothing is left; a process killed
/// meanwhile leaves a file that the next read-write Open removes. One at a time per path.
class RegistryMaker {
 public:
  explicit RegistryMaker(std::string path);
  ~RegistryMaker();
  RegistryMaker(const RegistryMaker&) = delete;
  RegistryMaker& operator=(const RegistryMaker&) = delete;

  /// The registry path it makes the file for.
  const std::string& Path() const { return path_; }

 private:
  friend class Registry;
  /// Waits for the thread; the file made for `path` (Open takes it over: this no longer removes
  /// it), or "" when none was made for it, with *error set when making it failed.
  std::string Take(const std::string& path, std::string* error);

  std::string path_;
  std::string made_;   ///< set by the thread: the file made, or "" when none
  std::string error_;  ///< set by the thread when making it failed
  std::thread thread_;
};

class Registry {
 public:
  /// Opens the registry at `path`. Read-write: creates the file (and missing folders), applies
  /// the migrations not yet applied in one transaction, then finishes what an interrupted
  /// process left (Recover). A file that is not a clerk registry, is read-only, or was made by a
  /// newer clerk is an error, and the file is left as it was. Returns nullptr on error.
  /// `maker`, when given for the same path and no file is there yet, has made the file ahead:
  /// Open links it in instead of making one (and makes one as usual when it could not).
  static std::unique_ptr<Registry> Open(const std::string& path, Diagnostics& diagnostics,
                                        const OpenOptions& options = {},
                                        RegistryMaker* maker = nullptr);
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  /// The path it was opened with.
  const std::string& Path() const;
  /// The schema version: the number of the last migration applied.
  int SchemaVersion() const;
  /// "ok", or what SQLite's PRAGMA integrity_check found (or why it could not run).
  std::string IntegrityCheck() const;

  /// Finishes files left by an interrupted build or sign-off: a recorded file whose temporary
  /// copy is complete is given its name; one whose copy is gone is marked missing (the next
  /// build rewrites it); temporary files that nothing records are removed. Open calls this;
  /// returns false on error. What it did is added as notes.
  bool Recover(Diagnostics& diagnostics);

  /// The report's reference: the one it was given before, or else the next number of its
  /// committee's year, allocated under the database's write lock so that two processes never
  /// get the same one. nullopt on error (a bad pattern, a clash with another report's).
  std::optional<ReferenceResult> ReferenceFor(const ReferenceRequest& request,
                                              Diagnostics& diagnostics);

  /// Records the start of a build; its id for DraftRequest::build_id (0 on error).
  std::int64_t StartBuild(const BuildStart& start, Diagnostics& diagnostics);
  /// Writes a file that goes with a recorded PDF (its HTML twin) at `path`, under the same
  /// protocol as the PDF: a pending file written and synced, then renamed, all under the write
  /// lock, so that a process killed half-way leaves only a pending file, which the next Open
  /// removes. `final`: read-only and never replacing a file (a final's twin); else a draft's,
  /// replacing an older one. False, with an error about `path`, when it cannot be written.
  bool PublishCompanion(const std::string& path, std::string_view bytes, bool final,
                        Diagnostics& diagnostics);

  /// Records how a build ended ("3 reports: 1 new draft, 2 unchanged", "failed: ...").
  bool FinishBuild(std::int64_t build_id, const std::string& at, const std::string& outcome,
                   Diagnostics& diagnostics);
  /// The same, and in the same transaction, what the build printed (`log`: its diagnostics and
  /// outcome) and its exit status, as the latest build log of each report it built
  /// (`references`), which the sign-off web page shows beside the report.
  bool FinishBuild(std::int64_t build_id, const std::string& at, const std::string& outcome,
                   const std::vector<std::string>& references, int exit_status,
                   const std::string& log, Diagnostics& diagnostics);

  /// Step 1 of a build of one report (after ReferenceFor): what to do, and the version to print.
  /// Reads only. nullopt on error (unknown reference, a hash missing).
  std::optional<DraftPlan> PlanDraft(const DraftRequest& request, Diagnostics& diagnostics);

  /// Step 2, for kNew and kRestore: records the draft and publishes `pdf` at `pdf_path` (kRestore:
  /// plan.pdf_path) so that a crash at any moment leaves the registry and the file consistent:
  /// under the write lock the row is inserted, the bytes are written to a temporary file beside
  /// `pdf_path` and synced, the transaction commits, then the temporary file is renamed. The
  /// folder must exist. kStale when another process recorded a draft of the report since the
  /// plan: plan again (the version changed, so render again).
  CommitResult CommitDraft(const DraftPlan& plan, const DraftRequest& request,
                           const std::string& pdf_path, std::string_view pdf,
                           Diagnostics& diagnostics);

  /// Step 2 for kUnchanged: records that the build made the same draft again (nothing written).
  bool RecordUnchangedBuild(const DraftPlan& plan, const DraftRequest& request,
                            Diagnostics& diagnostics);

  /// Step 1 of a sign-off: checks that it can be approved (a known reference, a name and a role,
  /// the latest draft, not already approved, and the content now equal to that draft's); what
  /// the final is made from. Reads only. nullopt, with the reason, when it cannot.
  std::optional<SignOffPlan> PlanSignOff(const DecisionRequest& request, Diagnostics& diagnostics);

  /// Step 2: records the approval and the final PDF in one transaction and publishes `pdf` at
  /// `final_path`, which is never overwritten (the file is created read-only, by link(2), so an
  /// existing file is an error). Same protocol as CommitDraft. kStale when the report changed
  /// since the plan.
  CommitResult CommitSignOff(const SignOffPlan& plan, const DecisionRequest& request,
                             const std::string& final_path, std::string_view pdf,
                             Diagnostics& diagnostics);

  /// Records a rejection of the latest draft (by and comment required; not once approved).
  bool Reject(const DecisionRequest& request, Diagnostics& diagnostics);

  /// Every report of `review_key` (empty: of all reviews), sorted by review then report id.
  std::vector<ReportStatus> Status(const std::string& review_key, Diagnostics& diagnostics) const;
  /// One report by its reference; nullopt when no report has it (not an error).
  std::optional<ReportStatus> StatusOf(const std::string& reference,
                                       Diagnostics& diagnostics) const;
  /// Every event of the report in the order they happened; nullopt for an unknown reference
  /// (not an error).
  std::optional<std::vector<Event>> History(const std::string& reference,
                                            Diagnostics& diagnostics) const;

  /// Every recorded PDF (finals first) whose SHA-256 is `sha256`.
  std::vector<PdfRecord> FindPdfsBySha(const std::string& sha256, Diagnostics& diagnostics) const;
  /// Every recorded PDF (finals first) whose file name (without folders) is `file_name`.
  std::vector<PdfRecord> FindPdfsByName(const std::string& file_name,
                                        Diagnostics& diagnostics) const;

  struct Impl;

 private:
  explicit Registry(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The key a review is registered under: the name of its folder ("inputs/ks2/" -> "ks2").
std::string ReviewKeyOf(const std::string& review_folder);

/// The time now in UTC, as the registry stores times: "2011-06-14T10:30:00Z".
std::string NowUtc();

/// The name of the user running clerk (for `by` when a build records who ran it).
std::string CurrentUserName();

}  // namespace clerk::registry
