#pragma once

#include <cstdint>
#include <optional>
#include <string>

/// The plain values that go into and come out of the registry (registry.h). Times are ISO 8601
/// strings in UTC ("2011-06-14T10:30:00Z") chosen by the caller, so tests control time; hashes
/// are SHA-256 as 64 lower-case hex digits; paths are as the caller names them (relative to the
/// working directory, or absolute).
namespace clerk::registry {

/// Asks for a report's reference number (ReferenceFor).
struct ReferenceRequest {
  std::string review_key;      ///< the review, see ReviewKeyOf ("ks2-maths-scrutiny")
  std::string report_id;       ///< the report's id inside the review ("2011-06")
  std::string committee_code;  ///< "CSSC"
  std::string pattern;         ///< the committee's pattern, "{code}/{year}/{seq:02}"
  int year = 0;                ///< the year the sequence counts in (the meeting's)
  std::string by;              ///< who is building
  std::string at;              ///< when
};

/// A report's reference number.
struct ReferenceResult {
  std::string reference;     ///< "CSSC/2011/07"
  int sequence = 0;          ///< 7: the report's place in its committee's year
  bool newly_given = false;  ///< true the first time; false on every later build
};

/// One run of `clerk build` over a review (StartBuild).
struct BuildStart {
  std::string review_key;
  std::string by;
  std::string at;
  std::string options;        ///< the options that change the output, as text
  std::string clerk_version;  ///< CLERK_VERSION
};

/// A build of one report, as PlanDraft, CommitDraft and RecordUnchangedBuild take it.
struct DraftRequest {
  std::string reference;
  std::int64_t build_id = 0;     ///< from StartBuild; 0 when not part of a recorded build
  std::string inputs_sha256;     ///< the review's input files (HashNamedFiles)
  std::string templates_sha256;  ///< the templates, partials and style (HashNamedFiles)
  std::string content_sha256;    ///< ContentHash(inputs, templates, options): what makes a draft
  std::string by;
  std::string at;
};

/// A sign-off or a rejection, as recorded.
struct Decision {
  bool approved = false;  ///< false: a rejection
  int draft_version = 0;
  std::string by;
  std::string role;
  std::string comment;
  std::string at;
};

/// What a build of a report has to do, decided by PlanDraft before the PDF is rendered (the
/// version is printed on every page).
enum class DraftAction {
  kNew,        ///< the content differs from the latest draft (or there is none): a new version
  kUnchanged,  ///< same content as the latest draft and its file is in place: write nothing
  kRestore,    ///< same content as the latest draft but its file is missing or altered: rewrite it
};

struct DraftPlan {
  DraftAction action = DraftAction::kNew;
  std::string reference;
  int version = 0;       ///< the version to print: latest + 1 for kNew, else the latest
  int base_version = 0;  ///< the latest version when planned (0: none); CommitDraft checks it
  std::string pdf_path;  ///< kUnchanged and kRestore: where the draft is recorded
  /// The approval of an earlier draft that does not cover this content: the build must say so
  /// loudly (kNew), or the report is still changed since approval (kUnchanged, kRestore).
  std::optional<Decision> superseded_approval;
};

/// What a sign-off will approve, decided by PlanSignOff before the final PDF is rendered.
struct SignOffPlan {
  std::string reference;
  int draft_version = 0;  ///< the draft approved: the latest
  std::string content_sha256;
  std::string inputs_sha256;
  std::string templates_sha256;
  std::string draft_pdf_path;
  std::string final_file_name;  ///< suggested name for the final (FinalFileName)
};

/// A sign-off (PlanSignOff, CommitSignOff) or a rejection (Reject).
struct DecisionRequest {
  std::string reference;
  std::string by;       ///< required
  std::string role;     ///< required for a sign-off
  std::string comment;  ///< required for a rejection
  std::string at;
  /// The draft the director saw (--draft); must be the latest. Unset: the latest.
  std::optional<int> draft_version;
  /// Sign-off only: ContentHash of the inputs and templates as they are now, which the final is
  /// built from; it must equal the draft's.
  std::string content_sha256;
};

/// The outcome of CommitDraft and CommitSignOff.
enum class CommitResult {
  kDone,
  kStale,  ///< another process changed the report since the plan: plan and render again
  /// An error, in the diagnostics. Before the commit nothing is recorded and no file placed;
  /// after it (the file could not be given its name) the next Open finishes the work.
  kFailed,
};

enum class ReportState {
  kNoDraft,               ///< a reference but no draft yet
  kDraft,                 ///< the latest draft awaits a decision
  kApproved,              ///< the latest draft is signed off and its final published
  kRejected,              ///< the latest draft was rejected
  kChangedSinceApproval,  ///< an earlier draft was approved; the latest is not
};

/// "no draft", "draft", "approved", "rejected", "changed since approval".
const char* ReportStateName(ReportState state);

/// One report as `clerk status` lists it.
struct ReportStatus {
  std::string reference;
  std::string review_key;
  std::string report_id;
  int latest_version = 0;  ///< 0: no draft
  ReportState state = ReportState::kNoDraft;
  std::string by;                   ///< who brought the state about (built, approved, rejected)
  std::string at;                   ///< when
  std::string draft_path;           ///< the latest draft's file; empty when none
  bool draft_file_missing = false;  ///< the latest draft's file was lost (rebuild restores it)
  int approved_version = 0;         ///< the latest approved draft; 0 when none
  std::string final_path;           ///< its published final; empty when none
};

/// One line of a report's history.
struct Event {
  std::int64_t id = 0;  ///< increasing in the order things happened
  std::string at;
  std::string kind;  ///< "reference", "draft", "unchanged", "restored", "approved", ... (docs)
  std::string by;
  int draft_version = 0;  ///< 0 when the event is not about one draft
  std::string detail;     ///< a sentence
};

/// A PDF the registry recorded, found by its hash or by its file name (FindPdfs...).
struct PdfRecord {
  bool final = false;  ///< a published final; false: a draft
  std::string reference;
  std::string review_key;
  std::string report_id;
  int draft_version = 0;  ///< the draft (a final: the draft approved)
  std::string path;
  std::string sha256;
  bool file_placed = false;          ///< the file reached its name (false: interrupted or lost)
  std::optional<Decision> approval;  ///< finals: who signed it off
};

}  // namespace clerk::registry
