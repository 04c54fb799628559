// Builds of one report: PlanDraft, CommitDraft, RecordUnchangedBuild.

#include <filesystem>

#include "registry/database.h"
#include "registry/hashing.h"
#include "registry/pending_file.h"
#include "registry/registry.h"
#include "registry/registry_impl.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;

namespace {

std::string Version(int version) { return "v" + std::to_string(version); }

bool CheckDraftRequest(const Registry::Impl& impl, const DraftRequest& request,
                       Diagnostics& diagnostics) {
  if (!IsSha256Hex(request.inputs_sha256) || !IsSha256Hex(request.templates_sha256) ||
      !IsSha256Hex(request.content_sha256)) {
    impl.Error(diagnostics, "a draft of " + request.reference +
                                " needs the SHA-256 of its inputs, templates and content");
    return false;
  }
  if (request.at.empty()) {
    impl.Error(diagnostics, "a draft of " + request.reference + " needs the time it was built");
    return false;
  }
  return true;
}

std::string SupersededSentence(const Decision& approval, int version) {
  return "the approval of draft " + Version(approval.draft_version) + " by " + approval.by +
         " on " + approval.at + " does not cover draft " + Version(version) +
         ": its inputs or templates changed; the approved final stays as it was";
}

// Under the write lock: inserts a new draft's rows (its file pending), or makes a restored
// draft's file pending again with its new hash, and the events. The file's id.
std::int64_t InsertDraftRows(Registry::Impl& impl, const DraftPlan& plan,
                             const DraftRequest& request, const std::string& pdf_path,
                             std::int64_t size, std::string stored, std::string sha,
                             const ReportRow& report, const std::optional<DraftRow>& latest) {
  std::string by = request.by, at = request.at;
  std::int64_t file_id = 0;
  if (plan.action == DraftAction::kRestore) {
    file_id = latest->file_id;
    impl.session << "UPDATE files SET sha256 = ?, size = ?, state = 'pending' WHERE id = ?",
        use(sha), use(size), use(file_id), now;
    std::string change =
        latest->sha256 == sha ? "" : " (it was SHA-256 " + ShortSha(latest->sha256) + ")";
    impl.AddEvent(at, "restored", report.id, plan.version, by,
                  "draft " + Version(plan.version) +
                      "'s file was missing or altered and was written again: " + pdf_path +
                      " (SHA-256 " + ShortSha(sha) + ")" + change);
    return file_id;
  }
  impl.session << "INSERT INTO files (path, sha256, size, final, state) "
                  "VALUES (?, ?, ?, 0, 'pending')",
      use(stored), use(sha), use(size), now;
  impl.session << "SELECT last_insert_rowid()", into(file_id), now;
  std::int64_t report_id = report.id;
  std::int64_t build = request.build_id;
  int version = plan.version;
  DraftRequest values = request;
  impl.session << "INSERT INTO drafts (report, version, build, inputs_sha256, "
                  "templates_sha256, content_sha256, file, created_by, created_at) "
                  "VALUES (?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?)",
      use(report_id), use(version), use(build), use(values.inputs_sha256),
      use(values.templates_sha256), use(values.content_sha256), use(file_id), use(by), use(at), now;
  impl.AddEvent(
      at, "draft", report.id, version, by,
      "draft " + Version(version) + " built: " + pdf_path + " (SHA-256 " + ShortSha(sha) + ")");
  if (plan.superseded_approval) {
    impl.AddEvent(at, "approval-superseded", report.id, version, by,
                  SupersededSentence(*plan.superseded_approval, version));
  }
  return file_id;
}

}  // namespace

std::optional<DraftPlan> Registry::PlanDraft(const DraftRequest& request,
                                             Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  if (!CheckDraftRequest(impl, request, diagnostics)) return std::nullopt;
  try {
    auto report = impl.FindReport(request.reference);
    if (!report) {
      impl.Error(diagnostics, "no report has the reference " + request.reference,
                 "a build gives the reference first (ReferenceFor)");
      return std::nullopt;
    }
    DraftPlan plan;
    plan.reference = request.reference;
    auto latest = impl.LatestDraft(report->id);
    auto approval = impl.LatestApproval(report->id);
    if (!latest) {
      plan.action = DraftAction::kNew;
      plan.version = 1;
      return plan;
    }
    plan.base_version = latest->version;
    if (latest->content_sha256 != request.content_sha256) {
      plan.action = DraftAction::kNew;
      plan.version = latest->version + 1;
      if (approval) plan.superseded_approval = approval->decision;
      return plan;
    }
    plan.version = latest->version;
    plan.pdf_path = latest->path;
    plan.action = impl.DraftInPlace(*latest) ? DraftAction::kUnchanged : DraftAction::kRestore;
    if (approval && approval->decision.draft_version != latest->version) {
      plan.superseded_approval = approval->decision;
    }
    return plan;
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics,
               "cannot read the drafts of " + request.reference + ": " + DatabaseErrorText(error));
    return std::nullopt;
  }
}

CommitResult Registry::CommitDraft(const DraftPlan& plan, const DraftRequest& request,
                                   const std::string& pdf_path, std::string_view pdf,
                                   Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  if (impl.read_only) {
    impl.Error(diagnostics, "is open read-only: no draft can be recorded");
    return CommitResult::kFailed;
  }
  if (!CheckDraftRequest(impl, request, diagnostics)) return CommitResult::kFailed;
  if (plan.action == DraftAction::kUnchanged || plan.reference != request.reference ||
      pdf.empty() || pdf_path.empty()) {
    impl.Error(diagnostics, "nothing to record for " + request.reference +
                                ": CommitDraft needs a plan for a new or restored draft of that "
                                "report, a path and the PDF");
    return CommitResult::kFailed;
  }
  std::string stored = impl.StoredPath(pdf_path);
  if (plan.action == DraftAction::kRestore && stored != impl.StoredPath(plan.pdf_path)) {
    impl.Error(diagnostics, "draft " + Version(plan.version) + " of " + plan.reference +
                                " is recorded at " + plan.pdf_path + ", not " + pdf_path);
    return CommitResult::kFailed;
  }
  std::string sha;  // computed while the file is written
  std::string pending = PendingPathFor(pdf_path);
  std::string folder = FolderOf(pdf_path);
  std::int64_t file_id = 0;
  bool wrote_pending = false;
  try {
    impl.RememberFolder(folder);
    WriteTransaction transaction(impl.session);
    auto report = impl.FindReport(request.reference);
    if (!report) {
      impl.Error(diagnostics, "no report has the reference " + request.reference);
      return CommitResult::kFailed;
    }
    auto latest = impl.LatestDraft(report->id);
    if ((latest ? latest->version : 0) != plan.base_version) return CommitResult::kStale;
    if (plan.action == DraftAction::kNew && impl.FileRecorded(stored)) {
      impl.Error(diagnostics, pdf_path + " is already recorded for another draft or final",
                 "each draft version needs its own file (DraftFileName)");
      return CommitResult::kFailed;
    }
    // Restoring: someone else may have restored it since the plan.
    if (plan.action == DraftAction::kRestore && impl.DraftInPlace(*latest)) {
      return CommitResult::kStale;
    }
    impl.RemoveOrphans(folder);
    // The bytes first, then the rows that name them (the order inside one transaction does not
    // matter to a crash): the file is hashed while the disk writes it.
    std::string error;
    if (!WritePendingFile(pending, pdf, kDraftFileMode, &error, PendingSync::kBeforeCommit, &sha)) {
      impl.Error(diagnostics, "draft " + Version(plan.version) + " of " + plan.reference +
                                  " was not recorded: " + error);
      return CommitResult::kFailed;
    }
    wrote_pending = true;
    // That synced the folder, so earlier drafts renamed in it have durable names now.
    impl.FolderSynced(folder);
    impl.MarkSyncedPlaced();
    file_id = InsertDraftRows(impl, plan, request, pdf_path, static_cast<std::int64_t>(pdf.size()),
                              stored, sha, *report, latest);
    transaction.Commit();
  } catch (const Poco::Exception& error) {
    if (wrote_pending) std::filesystem::remove(pending);
    impl.Error(diagnostics, "draft " + Version(plan.version) + " of " + plan.reference +
                                " was not recorded: " + DatabaseErrorText(error));
    return CommitResult::kFailed;
  }
  std::string error;
  // The folder is synced with the twin's that follows (PublishCompanion), or by FinishBuild:
  // until then the row stays pending, which Recover finishes should a power cut undo the rename.
  if (!PlacePendingFile(pending, pdf_path, Placement::kReplace, sha, &error, FolderSync::kLater)) {
    impl.Error(diagnostics,
               "draft " + Version(plan.version) + " of " + plan.reference +
                   " is recorded but its file is not in place: " + error,
               "the next clerk command that opens the registry finishes it");
    return CommitResult::kFailed;
  }
  impl.renamed_unsynced.push_back({folder, file_id});
  return CommitResult::kDone;
}

bool Registry::RecordUnchangedBuild(const DraftPlan& plan, const DraftRequest& request,
                                    Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  if (impl.read_only || plan.action != DraftAction::kUnchanged || request.at.empty()) {
    impl.Error(diagnostics, "cannot record an unchanged build of " + request.reference +
                                " without an 'unchanged' plan, a time and a writable registry");
    return false;
  }
  try {
    WriteTransaction transaction(impl.session, Durability::kDeferred);
    auto report = impl.FindReport(request.reference);
    if (!report) {
      impl.Error(diagnostics, "no report has the reference " + request.reference);
      return false;
    }
    impl.AddEvent(request.at, "unchanged", report->id, plan.version, request.by,
                  "built again with the same inputs and templates as draft " +
                      Version(plan.version) + ": nothing written");
    transaction.Commit();
    return true;
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics,
               "cannot record the build of " + request.reference + ": " + DatabaseErrorText(error));
    return false;
  }
}

}  // namespace clerk::registry
