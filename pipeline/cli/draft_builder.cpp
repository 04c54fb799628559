#include "cli/draft_builder.h"

#include <Poco/Format.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <filesystem>
#include <functional>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "cli/approval.h"
#include "cli/command.h"
#include "cli/content_hash.h"
#include "core/diagnostic.h"
#include "load/committees.h"
#include "registry/hashing.h"
#include "registry/reference_pattern.h"
#include "registry/registry.h"
#include "render/render.h"

namespace clerk::cli {

namespace {

// A commit overtaken this many times in a row by other builds of the same report gives up.
constexpr int kMaxCommitAttempts = 8;

// What a build needs besides the review: the committees, the style, the measured fonts (and
// their hashes) and the review folder's files and hash. None of it needs the review, so it is
// made on the machine's second core while the review loads. Each part keeps its own diagnostics:
// the build adds them where it would have made them one after the other, so that what it prints
// is the same either way.
struct SideWork {
  Diagnostics committees_diagnostics;
  std::optional<load::Committees> committees;
  Diagnostics maker_diagnostics;
  std::optional<PaperMaker> maker;
  Diagnostics inputs_diagnostics;
  std::optional<HashedFolder> inputs;
};

SideWork DoSideWork(const FileSystem& files, const DraftBuildSettings& settings) {
  SideWork side;
  side.committees =
      load::LoadCommittees(files, settings.committees_path, side.committees_diagnostics);
  side.maker = PaperMaker::Create(files, settings.paper, side.maker_diagnostics);
  if (side.maker) {
    side.inputs = ReadAndHashReviewFolder(files, settings.review_folder, side.inputs_diagnostics);
  }
  return side;
}

// One report of the build, from its inputs to its draft.
struct Job {
  std::string report_id;
  const ReportDefinition* report = nullptr;  // into the review: only until it is released
  const load::Committee* committee = nullptr;
  ContentHashes hashes;
  registry::DraftRequest request;
  registry::DraftPlan plan;
  std::optional<Paper> paper;  // rendered for plan.version
  int rendered_version = 0;
};

class DraftBuilder {
 public:
  DraftBuilder(const FileSystem& files, const DraftBuildSettings& settings)
      : files_(files), settings_(settings), log_(Poco::Logger::get("clerk")) {}
  ~DraftBuilder() {
    if (releasing_.joinable()) releasing_.join();
  }
  DraftBuilder(const DraftBuilder&) = delete;
  DraftBuilder& operator=(const DraftBuilder&) = delete;

  int Run() {
    int status = Build();
    std::cerr << FormatDiagnostics(diagnostics_, files_);
    Release();
    return status;
  }

 private:
  int Build() {
    // A new registry's file is made on a thread of its own while the inputs are loaded and
    // checked; if they have errors, it is removed unused and nothing is written.
    registry::RegistryMaker maker(settings_.registry_path);
    if (!Prepare()) return kExitErrors;
    registry_ = registry::Registry::Open(settings_.registry_path, diagnostics_, {}, &maker);
    if (!registry_) return kExitErrors;
    std::string by = registry::CurrentUserName();
    build_id_ = registry_->StartBuild({registry::ReviewKeyOf(settings_.review_folder), by,
                                       registry::NowUtc(), OutputOptions(), CLERK_VERSION},
                                      diagnostics_);
    if (build_id_ == 0) return kExitErrors;
    for (Job& job : jobs_) {
      if (!PlanJob(job, by)) return Finish(kExitErrors);
    }
    // Every paper is rendered before any is committed: a layout error in the last report leaves
    // no draft of the first behind.
    const Job* last_render = nullptr;
    for (const Job& job : jobs_) {
      if (job.plan.action != registry::DraftAction::kUnchanged) last_render = &job;
    }
    for (Job& job : jobs_) {
      if (job.plan.action != registry::DraftAction::kUnchanged &&
          !Render(job, &job == last_render)) {
        return Finish(kExitErrors);
      }
    }
    std::error_code ignored;
    std::filesystem::create_directories(settings_.output_dir, ignored);
    for (Job& job : jobs_) {
      if (!Commit(job)) return Finish(kExitFailure);
    }
    return Finish(kExitOk);
  }

  // Everything that can go wrong in the inputs, before the registry is touched.
  bool Prepare() {
    // Only reads files. Its result is used only when the review has no errors; on an early
    // return the future's destructor waits for it (std::async's), and what it found is dropped.
    std::future<SideWork> side =
        std::async(std::launch::async, DoSideWork, std::cref(files_), std::cref(settings_));
    prepared_ = PrepareReview(files_, settings_.review_folder, diagnostics_);
    if (!prepared_) return false;
    SideWork tools = side.get();
    diagnostics_.AddAll(tools.committees_diagnostics);
    committees_ = std::move(tools.committees);
    if (!committees_) return false;
    for (const ReportDefinition& report : prepared_->review.reports) {
      if (!settings_.report_id.empty() && report.id.value != settings_.report_id) continue;
      Job job;
      job.report_id = report.id.value;
      job.report = &report;
      job.committee = load::FindReportCommittee(*committees_, report.committee, diagnostics_);
      jobs_.push_back(job);
    }
    if (jobs_.empty()) {
      std::string known;
      for (const ReportDefinition& report : prepared_->review.reports) {
        known += (known.empty() ? "" : ", ") + report.id.value;
      }
      diagnostics_.Error({prepared_->review.folder, 0, 0},
                         "the review has no report '" + settings_.report_id + "'",
                         known.empty() ? "" : "its reports: " + known);
    }
    if (diagnostics_.HasErrors()) return false;
    diagnostics_.AddAll(tools.maker_diagnostics);
    maker_ = std::move(tools.maker);
    if (!maker_) return false;
    maker_->CheckGlyphs(prepared_->review, diagnostics_);
    diagnostics_.AddAll(tools.inputs_diagnostics);
    std::optional<std::string> inputs;
    if (tools.inputs) {
      inputs = std::move(tools.inputs->sha256);
      review_files_ = std::move(tools.inputs->files);
    }
    for (Job& job : jobs_) {
      // Every template and data error, found now without merging: the paper is merged once,
      // when it is rendered with its marks.
      maker_->Check(*prepared_, job.report->id.value, diagnostics_);
      std::optional<std::string> templates = maker_->TemplatesSha256(*job.report, diagnostics_);
      if (!inputs || !templates) continue;
      job.hashes.inputs = *inputs;
      job.hashes.templates = *templates;
      job.hashes.content = registry::ContentHash(*inputs, *templates, OutputOptions());
    }
    return !diagnostics_.HasErrors();
  }

  bool PlanJob(Job& job, const std::string& by) {
    registry::ReferenceRequest asked;
    asked.review_key = registry::ReviewKeyOf(settings_.review_folder);
    asked.report_id = job.report->id.value;
    asked.committee_code = job.committee->code.value;
    asked.pattern = job.committee->reference.value;
    asked.year = job.report->date.value.year;
    asked.by = by;
    asked.at = registry::NowUtc();
    std::optional<registry::ReferenceResult> reference =
        registry_->ReferenceFor(asked, diagnostics_);
    if (!reference) return false;
    if (reference->newly_given) {
      Say(Poco::Message::PRIO_INFORMATION, "%s: reference given to %s", reference->reference,
          asked.report_id);
    }
    job.request.reference = reference->reference;
    job.request.build_id = build_id_;
    job.request.inputs_sha256 = job.hashes.inputs;
    job.request.templates_sha256 = job.hashes.templates;
    job.request.content_sha256 = job.hashes.content;
    job.request.by = by;
    return Replan(job);
  }

  bool Replan(Job& job) {
    job.request.at = registry::NowUtc();
    std::optional<registry::DraftPlan> plan = registry_->PlanDraft(job.request, diagnostics_);
    if (!plan) return false;
    job.plan = *plan;
    return true;
  }

  // Makes the job's paper for its planned version. `last`: no other paper is rendered before
  // the commits, so the review is released once this one is merged (it is the largest thing
  // held besides the paper: scale 45, peak RSS about 10 MiB lower).
  bool Render(Job& job, bool last = false) {
    if (job.paper && job.rendered_version == job.plan.version) return true;
    if (!prepared_ && !ReloadReview()) return false;
    merge::MergeOptions options;
    options.draft = "DRAFT v" + std::to_string(job.plan.version);
    options.footer = job.request.reference;
    options.reference = job.request.reference;
    MakeHooks hooks;
    if (last) hooks.merged = [this] { ReleaseReview(); };
    hooks.keep_twin_packed = true;
    job.paper = maker_->Make(*prepared_, job.report_id, options, Emit::kPdf, diagnostics_, hooks);
    job.rendered_version = job.plan.version;
    return job.paper.has_value();
  }

  // Frees the review on the second core (a thousand pages' review is tens of thousands of small
  // blocks). The jobs' `report` pointers are not used after this.
  void ReleaseReview() {
    if (releasing_.joinable()) releasing_.join();
    releasing_ = std::thread([review = std::move(prepared_)]() mutable { review.reset(); });
    prepared_.reset();
  }

  // A paper rendered again after the review was released (another build recorded a draft of the
  // report meanwhile, or an unchanged draft lost its twin): the review is loaded again from the
  // bytes its content hash was made from, so the paper is the one the hash names. What it
  // reports was reported when it was first loaded.
  bool ReloadReview() {
    if (releasing_.joinable()) releasing_.join();
    MemoryFileSystem copy;
    for (const auto& [name, bytes] : review_files_) {
      copy.Add(JoinPath(settings_.review_folder, name), bytes);
    }
    Diagnostics again;
    prepared_ = PrepareReview(copy, settings_.review_folder, again);
    if (prepared_) return true;
    diagnostics_.Error({settings_.review_folder, 0, 0},
                       "the review could not be loaded again to render a paper once more");
    return false;
  }

  std::string PathFor(const Job& job) const {
    if (job.plan.action == registry::DraftAction::kRestore) return job.plan.pdf_path;
    return JoinPath(settings_.output_dir,
                    registry::DraftFileName(job.request.reference, job.plan.version));
  }

  bool Commit(Job& job) {
    for (int attempt = 0; attempt < kMaxCommitAttempts; ++attempt) {
      if (job.plan.action == registry::DraftAction::kUnchanged) {
        if (!registry_->RecordUnchangedBuild(job.plan, job.request, diagnostics_)) return false;
        // A build stopped between the draft and its twin left no twin: the draft's own
        // content makes the same one again.
        if (!std::filesystem::exists(HtmlTwinPath(job.plan.pdf_path)) &&
            !(Render(job) && PublishTwin(job, job.plan.pdf_path))) {
          return false;
        }
        ++unchanged_;
        Say(Poco::Message::PRIO_INFORMATION, "%s: unchanged, still draft v%d (%s)",
            job.request.reference, job.plan.version, job.plan.pdf_path);
        WarnIfSuperseded(job);
        return true;
      }
      if (!Render(job)) return false;
      std::string path = PathFor(job);
      std::error_code ignored;
      std::filesystem::create_directories(ParentDirectory(path), ignored);
      // A packed twin is unpacked on the second core while the PDF is hashed, written and
      // synced (they are different members of the paper), once libharu's objects are freed:
      // unpacked while they still are, it would raise the peak.
      std::future<void> unpacking;
      if (job.paper->packed_html.packed()) {
        unpacking = std::async(std::launch::async, [&job] {
          render::WaitUntilRendersFreed();
          UnpackTwin(job);
        });
      }
      registry::CommitResult result =
          registry_->CommitDraft(job.plan, job.request, path, job.paper->pdf, diagnostics_);
      if (unpacking.valid()) unpacking.get();
      if (result == registry::CommitResult::kFailed) return false;
      if (result == registry::CommitResult::kDone) {
        if (!PublishTwin(job, path)) return false;
        bool restored = job.plan.action == registry::DraftAction::kRestore;
        ++(restored ? restored_ : written_);
        Say(Poco::Message::PRIO_INFORMATION, "%s: %s v%d (%s, %d pages)", job.request.reference,
            std::string(restored ? "restored draft" : "draft"), job.plan.version, path,
            job.paper->pages);
        WarnIfSuperseded(job);
        return true;
      }
      // kStale: another build recorded a draft of this report since the plan.
      log_.debug("%s: another build recorded a draft meanwhile; planning again",
                 job.request.reference);
      if (!Replan(job)) return false;
    }
    diagnostics_.Error({settings_.registry_path, 0, 0},
                       "gave up recording a draft of " + job.request.reference + " after " +
                           std::to_string(kMaxCommitAttempts) +
                           " attempts: other builds of it kept recording theirs first");
    return false;
  }

  /// Writes the HTML twin of the draft at `pdf_path` beside it, after the draft is recorded:
  /// the PDF is what the registry vouches for, the twin is made from the same document.
  bool PublishTwin(Job& job, const std::string& pdf_path) {
    UnpackTwin(job);
    return registry_->PublishCompanion(HtmlTwinPath(pdf_path), job.paper->html, false,
                                       diagnostics_);
  }

  // Puts the twin in Paper::html: Render asks Make to leave it in packed_html (MakeHooks).
  static void UnpackTwin(Job& job) {
    if (job.paper->packed_html.held_size() > 0) job.paper->html = job.paper->packed_html.Unpack();
  }

  void WarnIfSuperseded(const Job& job) {
    if (!job.plan.superseded_approval) return;
    Say(Poco::Message::PRIO_WARNING, "WARNING: %s",
        SupersededWarning(job.request.reference, *job.plan.superseded_approval, job.plan.version));
  }

  /// Logs a line of the build's account (what each report got) and keeps it for the registry's
  /// build log, which the sign-off page shows.
  template <typename... Values>
  void Say(Poco::Message::Priority priority, const std::string& format, const Values&... values) {
    std::string line = Poco::format(format, values...);
    if (log_.is(priority)) log_.log(Poco::Message(log_.name(), line, priority));
    printed_ += line + "\n";
  }

  int Finish(int status) {
    std::string outcome;
    if (status == kExitOk) {
      outcome = std::to_string(jobs_.size()) + (jobs_.size() == 1 ? " report: " : " reports: ") +
                std::to_string(written_) + " new draft" + (written_ == 1 ? "" : "s") + ", " +
                std::to_string(restored_) + " restored, " + std::to_string(unchanged_) +
                " unchanged";
    } else {
      outcome = "failed: " + std::to_string(diagnostics_.ErrorCount()) + " error" +
                (diagnostics_.ErrorCount() == 1 ? "" : "s") + " after " +
                std::to_string(written_ + restored_) + " draft" +
                (written_ + restored_ == 1 ? "" : "s") + " written";
    }
    // What this build printed, kept with each report it built for the sign-off page.
    std::vector<std::string> references;
    for (const Job& job : jobs_) {
      if (!job.request.reference.empty()) references.push_back(job.request.reference);
    }
    std::string log = printed_ + FormatDiagnostics(diagnostics_, files_) + outcome + "\n";
    Diagnostics ending;
    registry_->FinishBuild(build_id_, registry::NowUtc(), outcome, references, status, log, ending);
    diagnostics_.AddAll(ending);
    if (status == kExitOk && ending.HasErrors()) return kExitErrors;
    return status;
  }

  // Closing the registry waits on the disk (SQLite copies its log into the file and syncs it):
  // the papers and the review, the largest things the build holds, are freed meanwhile.
  void Release() {
    std::thread closing([registry = std::move(registry_)]() mutable { registry.reset(); });
    jobs_.clear();
    prepared_.reset();
    review_files_.clear();
    if (releasing_.joinable()) releasing_.join();
    closing.join();
  }

  const FileSystem& files_;
  const DraftBuildSettings& settings_;
  Poco::Logger& log_;
  Diagnostics diagnostics_;
  std::optional<PreparedReview> prepared_;
  // The review folder's files as hashed: loaded again when a paper must be rendered after the
  // review was released.
  std::vector<std::pair<std::string, std::string>> review_files_;
  std::thread releasing_;  // freeing the review, once released
  std::optional<load::Committees> committees_;
  std::optional<PaperMaker> maker_;
  std::vector<Job> jobs_;
  std::unique_ptr<registry::Registry> registry_;
  std::int64_t build_id_ = 0;
  int written_ = 0;
  int restored_ = 0;
  int unchanged_ = 0;
  std::string printed_;  // the lines Say logged
};

}  // namespace

int BuildDrafts(const FileSystem& files, const DraftBuildSettings& settings) {
  return DraftBuilder(files, settings).Run();
}

}  // namespace clerk::cli
