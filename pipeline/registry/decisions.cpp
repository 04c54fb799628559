// Sign-offs and rejections: PlanSignOff, CommitSignOff, Reject.

#include <sys/stat.h>

#include <filesystem>

#include "registry/database.h"
#include "registry/hashing.h"
#include "registry/pending_file.h"
#include "registry/reference_pattern.h"
#include "registry/registry.h"
#include "registry/registry_impl.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;

namespace {

std::string Version(int version) { return "v" + std::to_string(version); }

std::string Trimmed(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// What a decision is about, once the request has been checked against the registry.
struct DecisionTarget {
  ReportRow report;
  DraftRow draft;  // the latest draft
};

enum class DecisionKind { kSignOff, kRejection };

// Checks a sign-off or a rejection against what the registry holds; nullopt, with the reason,
// when it cannot be recorded. Reads only.
std::optional<DecisionTarget> CheckDecision(Registry::Impl& impl, const DecisionRequest& request,
                                            DecisionKind kind, Diagnostics& diagnostics) {
  bool sign_off = kind == DecisionKind::kSignOff;
  const char* what = sign_off ? "sign-off" : "rejection";
  if (Trimmed(request.by).empty()) {
    impl.Error(diagnostics, std::string("a ") + what + " needs the name of who makes it (--by)",
               "the name is recorded and printed with the decision");
    return std::nullopt;
  }
  if (sign_off && Trimmed(request.role).empty()) {
    impl.Error(diagnostics, "a sign-off needs the role of who signs off (--role)",
               "the final's cover reads \"Approved by <name>, <role>, <date>\"");
    return std::nullopt;
  }
  if (!sign_off && Trimmed(request.comment).empty()) {
    impl.Error(diagnostics, "a rejection needs a comment saying what must change (--comment)");
    return std::nullopt;
  }
  if (request.at.empty()) {
    impl.Error(diagnostics, std::string("a ") + what + " needs the time it is made");
    return std::nullopt;
  }
  auto report = impl.FindReport(request.reference);
  if (!report) {
    impl.Error(diagnostics, "no report has the reference " + request.reference,
               "'clerk status' lists the references");
    return std::nullopt;
  }
  auto latest = impl.LatestDraft(report->id);
  if (!latest) {
    impl.Error(diagnostics, request.reference + " has no draft yet",
               "build it first ('clerk build'), then have the draft reviewed");
    return std::nullopt;
  }
  if (request.draft_version && *request.draft_version != latest->version) {
    auto seen = impl.DraftVersion(report->id, *request.draft_version);
    if (!seen) {
      impl.Error(diagnostics, request.reference + " has no draft " +
                                  Version(*request.draft_version) + " (the latest is " +
                                  Version(latest->version) + ")");
    } else {
      impl.Error(diagnostics,
                 "draft " + Version(seen->version) + " of " + request.reference +
                     " is not the latest: the report has changed since, in draft " +
                     Version(latest->version) + " (built " + latest->created_at + ")",
                 "the " + std::string(what) + " must be of the draft that would be published: " +
                     "have draft " + Version(latest->version) + " reviewed");
    }
    return std::nullopt;
  }
  for (const DecisionRow& row : impl.Decisions(report->id)) {
    const Decision& decision = row.decision;
    if (!decision.approved || decision.draft_version != latest->version) continue;
    impl.Error(diagnostics,
               "draft " + Version(latest->version) + " of " + request.reference +
                   " is already approved, by " + decision.by + " (" + decision.role + ") on " +
                   decision.at,
               row.final_path.empty() ? "" : "its final is " + row.final_path);
    return std::nullopt;
  }
  if (sign_off && request.content_sha256 != latest->content_sha256) {
    impl.Error(diagnostics,
               request.reference + " has changed since draft " + Version(latest->version) +
                   " was built: its inputs or templates are not the ones that draft was made "
                   "from, so the final would not be what the director saw",
               "build a new draft ('clerk build') and have it signed off");
    return std::nullopt;
  }
  return DecisionTarget{*report, *latest};
}

std::int64_t InsertDecision(Registry::Impl& impl, const DecisionTarget& target,
                            const DecisionRequest& request, bool approved) {
  std::int64_t draft = target.draft.id;
  int approved_flag = approved ? 1 : 0;
  std::string by = Trimmed(request.by), role = Trimmed(request.role);
  std::string comment = Trimmed(request.comment), at = request.at;
  impl.session << "INSERT INTO decisions (draft, approved, decided_by, role, comment, "
                  "decided_at) VALUES (?, ?, ?, ?, ?, ?)",
      use(draft), use(approved_flag), use(by), use(role), use(comment), use(at), now;
  std::int64_t id = 0;
  impl.session << "SELECT last_insert_rowid()", into(id), now;
  std::string who = role.empty() ? by : by + ", " + role;
  std::string said = comment.empty() ? "" : ": " + comment;
  impl.AddEvent(at, approved ? "approved" : "rejected", target.report.id, target.draft.version, by,
                "draft " + Version(target.draft.version) + (approved ? " approved" : " rejected") +
                    " by " + who + said);
  return id;
}

}  // namespace

std::optional<SignOffPlan> Registry::PlanSignOff(const DecisionRequest& request,
                                                 Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  try {
    auto target = CheckDecision(impl, request, DecisionKind::kSignOff, diagnostics);
    if (!target) return std::nullopt;
    const DraftRow& draft = target->draft;
    SignOffPlan plan;
    plan.reference = request.reference;
    plan.draft_version = draft.version;
    plan.content_sha256 = draft.content_sha256;
    plan.inputs_sha256 = draft.inputs_sha256;
    plan.templates_sha256 = draft.templates_sha256;
    plan.draft_pdf_path = draft.path;
    plan.final_file_name =
        FinalFileName(request.reference, draft.version, impl.FinalCount(target->report.id));
    return plan;
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics, "cannot read " + request.reference + ": " + DatabaseErrorText(error));
    return std::nullopt;
  }
}

CommitResult Registry::CommitSignOff(const SignOffPlan& plan, const DecisionRequest& request,
                                     const std::string& final_path, std::string_view pdf,
                                     Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  if (impl.read_only) {
    impl.Error(diagnostics, "is open read-only: no sign-off can be recorded");
    return CommitResult::kFailed;
  }
  if (plan.reference != request.reference || pdf.empty() || final_path.empty()) {
    impl.Error(diagnostics, "nothing to record for " + request.reference +
                                ": CommitSignOff needs that report's plan, a path and the PDF");
    return CommitResult::kFailed;
  }
  std::string stored = impl.StoredPath(final_path);
  std::string sha;  // computed while the file is written
  std::string pending = PendingPathFor(final_path);
  std::int64_t file_id = 0;
  bool wrote_pending = false;
  try {
    impl.RememberFolder(FolderOf(final_path));
    WriteTransaction transaction(impl.session);
    // The plan was checked without the lock: look again, now that nobody else can write.
    auto report = impl.FindReport(request.reference);
    auto latest = report ? impl.LatestDraft(report->id) : std::nullopt;
    if (latest && latest->version != plan.draft_version) return CommitResult::kStale;
    DecisionRequest checked = request;
    checked.draft_version = plan.draft_version;
    auto target = CheckDecision(impl, checked, DecisionKind::kSignOff, diagnostics);
    if (!target) return CommitResult::kFailed;
    struct stat status {};
    if (impl.FileRecorded(stored) || ::lstat(final_path.c_str(), &status) == 0) {
      impl.Error(diagnostics,
                 "a file is already at " + final_path + "; a published final is never overwritten",
                 "give the final another name (the plan suggests one)");
      return CommitResult::kFailed;
    }
    impl.RemoveOrphans(FolderOf(final_path));
    // The bytes first, hashed while the disk writes them, then the rows that name them.
    std::string error;
    if (!WritePendingFile(pending, pdf, kFinalFileMode, &error, PendingSync::kBeforeCommit, &sha)) {
      impl.Error(diagnostics, "the sign-off of " + plan.reference + " was not recorded: " + error);
      return CommitResult::kFailed;
    }
    wrote_pending = true;
    std::int64_t decision = InsertDecision(impl, *target, request, true);
    std::int64_t size = static_cast<std::int64_t>(pdf.size());
    impl.session << "INSERT INTO files (path, sha256, size, final, state) "
                    "VALUES (?, ?, ?, 1, 'pending')",
        use(stored), use(sha), use(size), now;
    impl.session << "SELECT last_insert_rowid()", into(file_id), now;
    impl.session << "INSERT INTO finals (decision, file) VALUES (?, ?)", use(decision),
        use(file_id), now;
    impl.AddEvent(request.at, "final", target->report.id, plan.draft_version, Trimmed(request.by),
                  "final published: " + final_path + " (SHA-256 " + ShortSha(sha) + ")");
    transaction.Commit();
  } catch (const Poco::Exception& error) {
    if (wrote_pending) std::filesystem::remove(pending);
    impl.Error(diagnostics, "the sign-off of " + plan.reference +
                                " was not recorded: " + DatabaseErrorText(error));
    return CommitResult::kFailed;
  }
  std::string error;
  if (!PlacePendingFile(pending, final_path, Placement::kNever, sha, &error)) {
    impl.Error(diagnostics,
               "the sign-off of " + plan.reference +
                   " is recorded but its final is not in place: " + error,
               "the next clerk command that opens the registry finishes it");
    return CommitResult::kFailed;
  }
  try {
    WriteTransaction transaction(impl.session, Durability::kDeferred);
    impl.MarkPlaced(file_id);
    transaction.Commit();
  } catch (const Poco::Exception&) {
    // The final is in place; the next Open sees that and marks it (Recover).
  }
  return CommitResult::kDone;
}

bool Registry::Reject(const DecisionRequest& request, Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  if (impl.read_only) {
    impl.Error(diagnostics, "is open read-only: no rejection can be recorded");
    return false;
  }
  try {
    WriteTransaction transaction(impl.session);
    auto target = CheckDecision(impl, request, DecisionKind::kRejection, diagnostics);
    if (!target) return false;
    InsertDecision(impl, *target, request, false);
    transaction.Commit();
    return true;
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics, "the rejection of " + request.reference +
                                " was not recorded: " + DatabaseErrorText(error));
    return false;
  }
}

}  // namespace clerk::registry
