#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "registry/database.h"
#include "registry/text.h"
#include "registry_fixture.h"

using namespace clerk;
using namespace clerk::registry;
using test::BuildDraft;
using test::Draft;
using test::Listing;
using test::Messages;
using test::OutputFiles;
using test::ReadWholeFile;
using test::Scratch;

namespace {

constexpr const char* kSignedAt = "2011-06-14T10:30:00Z";

// A registry in outputs/ with report CSSC/2011/01 built once (v1) from "inputs 1".
struct Fixture {
  Scratch scratch;
  std::string outputs = scratch.File("outputs");
  std::string path = scratch.File("outputs/registry.db");
  std::unique_ptr<Registry> registry = test::OpenOrFail(path);
  std::string reference;

  Fixture() {
    Diagnostics diagnostics;
    reference = registry->ReferenceFor(test::Reference("2011-06"), diagnostics)->reference;
    BuildDraft(*registry, Draft(reference, "inputs 1"), outputs);
  }

  DecisionRequest SignOffRequest(const std::string& inputs = "inputs 1") const {
    DecisionRequest request;
    request.reference = reference;
    request.by = "Jane Smith";
    request.role = "Director of Children's Services";
    request.comment = "Agreed.";
    request.at = kSignedAt;
    request.content_sha256 = Draft(reference, inputs).content_sha256;
    return request;
  }

  // Plans and commits a sign-off; the final's path.
  std::string SignOff(const DecisionRequest& request) {
    Diagnostics diagnostics;
    auto plan = registry->PlanSignOff(request, diagnostics);
    INFO(Messages(diagnostics));
    REQUIRE(plan);
    std::string final_path = outputs + "/" + plan->final_file_name;
    REQUIRE(registry->CommitSignOff(*plan, request, final_path,
                                    "%PDF final of " + plan->content_sha256 + " by " + request.by,
                                    diagnostics) == CommitResult::kDone);
    return final_path;
  }

  // The registry file's bytes and the outputs folder's names, with the registry closed.
  std::string Snapshot() {
    registry.reset();
    std::string snapshot = ReadWholeFile(path);
    for (const std::string& name : Listing(outputs)) snapshot += "\n" + name;
    return snapshot;
  }

  // Opens the registry, refuses a sign-off (plan and, with a plan, commit), returns the messages.
  std::string RefusedSignOff(const DecisionRequest& request) {
    registry = test::OpenOrFail(path);
    Diagnostics diagnostics;
    CHECK_FALSE(registry->PlanSignOff(request, diagnostics));
    std::string messages = Messages(diagnostics);
    registry.reset();
    return messages;
  }

  std::string RefusedRejection(const DecisionRequest& request) {
    registry = test::OpenOrFail(path);
    Diagnostics diagnostics;
    CHECK_FALSE(registry->Reject(request, diagnostics));
    std::string messages = Messages(diagnostics);
    registry.reset();
    return messages;
  }

  ReportStatus Status() {
    if (!registry) registry = test::OpenOrFail(path);
    Diagnostics diagnostics;
    auto status = registry->StatusOf(reference, diagnostics);
    REQUIRE(status);
    return *status;
  }
};

}  // namespace

TEST_CASE("A sign-off records the approval and publishes a read-only final",
          "[registry][decisions]") {
  Fixture f;
  std::string final_path = f.SignOff(f.SignOffRequest());
  CHECK(final_path == f.outputs + "/CSSC-2011-01.pdf");
  struct stat status {};
  REQUIRE(::stat(final_path.c_str(), &status) == 0);
  CHECK((status.st_mode & 0777) == 0444);
  CHECK(OutputFiles(f.outputs) ==
        std::vector<std::string>{"CSSC-2011-01-draft-v1.pdf", "CSSC-2011-01.pdf"});
  ReportStatus report = f.Status();
  CHECK(report.state == ReportState::kApproved);
  CHECK(report.by == "Jane Smith");
  CHECK(report.at == kSignedAt);
  CHECK(report.approved_version == 1);
  CHECK(report.final_path == final_path);

  Diagnostics diagnostics;
  Verdict verdict = VerifyPdf(*f.registry, final_path, ReadWholeFile(final_path), diagnostics);
  CHECK(verdict.published_final);
  std::string sha = Sha256Hex(ReadWholeFile(final_path)).substr(0, 12);
  CHECK(verdict.sentence == final_path +
                                ": the published final of CSSC/2011/01 (report 2011-06 "
                                "of ks2-maths-scrutiny), unchanged (SHA-256 " +
                                sha +
                                "). Approved by Jane Smith, Director of Children's Services, on "
                                "2011-06-14T10:30:00Z, from draft v1.");
  CHECK(diagnostics.Empty());
}

TEST_CASE("verify tells a final from a changed copy, a draft and a stranger",
          "[registry][decisions][verify]") {
  Fixture f;
  std::string final_path = f.SignOff(f.SignOffRequest());
  std::string bytes = ReadWholeFile(final_path);
  Diagnostics diagnostics;

  // One byte changed, in a copy with the final's name.
  std::string copy_folder = f.scratch.File("copy");
  std::filesystem::create_directories(copy_folder);
  std::string copy = copy_folder + "/CSSC-2011-01.pdf";
  std::string changed = bytes;
  changed[changed.size() / 2] ^= 1;
  Verdict modified = VerifyPdf(*f.registry, copy, changed, diagnostics);
  CHECK_FALSE(modified.published_final);
  CHECK(modified.sentence == copy +
                                 ": has been changed: it has the name of the published final "
                                 "of CSSC/2011/01 but not its content (SHA-256 " +
                                 Sha256Hex(changed).substr(0, 12) + ", recorded " +
                                 Sha256Hex(bytes).substr(0, 12) +
                                 "), so it is not a published final.");

  std::string draft = f.outputs + "/CSSC-2011-01-draft-v1.pdf";
  Verdict of_draft = VerifyPdf(*f.registry, draft, ReadWholeFile(draft), diagnostics);
  CHECK_FALSE(of_draft.published_final);
  CHECK(of_draft.sentence == draft +
                                 ": draft v1 of CSSC/2011/01, not a published final. The "
                                 "published final of CSSC/2011/01 is " +
                                 final_path + ".");

  Verdict stranger = VerifyPdf(*f.registry, "minutes.pdf", "%PDF-1.4 minutes", diagnostics);
  CHECK_FALSE(stranger.published_final);
  CHECK(stranger.sentence ==
        "minutes.pdf: not a report published through this registry: no "
        "final or draft has its SHA-256 (" +
            Sha256Hex("%PDF-1.4 minutes").substr(0, 12) + ").");
  CHECK(diagnostics.Empty());
}

TEST_CASE("A change after sign-off makes a new draft, says so, and keeps the final",
          "[registry][decisions]") {
  Fixture f;
  std::string final_path = f.SignOff(f.SignOffRequest());
  std::string final_bytes = ReadWholeFile(final_path);
  Diagnostics diagnostics;
  DraftRequest changed = Draft(f.reference, "inputs 2", "2011-06-20T09:00:00Z");
  auto plan = f.registry->PlanDraft(changed, diagnostics);
  REQUIRE(plan);
  CHECK(plan->action == DraftAction::kNew);
  CHECK(plan->version == 2);
  REQUIRE(plan->superseded_approval);
  CHECK(plan->superseded_approval->by == "Jane Smith");
  CHECK(plan->superseded_approval->draft_version == 1);
  BuildDraft(*f.registry, changed, f.outputs);
  CHECK(ReadWholeFile(final_path) == final_bytes);

  ReportStatus report = f.Status();
  CHECK(report.state == ReportState::kChangedSinceApproval);
  CHECK(report.latest_version == 2);
  CHECK(report.approved_version == 1);
  CHECK(report.final_path == final_path);

  // The same changed content again: unchanged, still not covered.
  auto again = f.registry->PlanDraft(changed, diagnostics);
  REQUIRE(again);
  CHECK(again->action == DraftAction::kUnchanged);
  CHECK(again->superseded_approval);

  // The new draft can be signed off; its final gets a name of its own.
  std::string second = f.SignOff(f.SignOffRequest("inputs 2"));
  CHECK(second == f.outputs + "/CSSC-2011-01-v2.pdf");
  CHECK(ReadWholeFile(final_path) == final_bytes);
  CHECK(f.Status().state == ReportState::kApproved);

  auto history = f.registry->History(f.reference, diagnostics);
  REQUIRE(history);
  std::vector<std::string> kinds;
  for (const Event& event : *history) kinds.push_back(event.kind);
  CHECK(kinds == std::vector<std::string>{"reference", "draft", "approved", "final", "draft",
                                          "approval-superseded", "approved", "final"});
  CHECK((*history)[5].detail ==
        "the approval of draft v1 by Jane Smith on 2011-06-14T10:30:00Z does not cover draft "
        "v2: its inputs or templates changed; the approved final stays as it was");
}

TEST_CASE("Refused sign-offs say why and change nothing", "[registry][decisions]") {
  Fixture f;
  std::string before = f.Snapshot();

  DecisionRequest unknown = f.SignOffRequest();
  unknown.reference = "CSSC/2011/99";
  CHECK(f.RefusedSignOff(unknown) ==
        "error: no report has the reference CSSC/2011/99 | 'clerk status' lists the "
        "references\n");

  DecisionRequest no_name = f.SignOffRequest();
  no_name.by = "  ";
  CHECK(f.RefusedSignOff(no_name) ==
        "error: a sign-off needs the name of who makes it (--by) | the name is recorded and "
        "printed with the decision\n");

  DecisionRequest no_role = f.SignOffRequest();
  no_role.role = "";
  CHECK(f.RefusedSignOff(no_role) ==
        "error: a sign-off needs the role of who signs off (--role) | the final's cover reads "
        "\"Approved by <name>, <role>, <date>\"\n");

  DecisionRequest changed = f.SignOffRequest("inputs edited after the draft");
  CHECK(f.RefusedSignOff(changed) ==
        "error: CSSC/2011/01 has changed since draft v1 was built: its inputs or templates are "
        "not the ones that draft was made from, so the final would not be what the director "
        "saw | build a new draft ('clerk build') and have it signed off\n");

  DecisionRequest no_such_draft = f.SignOffRequest();
  no_such_draft.draft_version = 4;
  CHECK(f.RefusedSignOff(no_such_draft) ==
        "error: CSSC/2011/01 has no draft v4 (the latest is v1)\n");

  CHECK(f.Snapshot() == before);
}

TEST_CASE("Signing off a draft the director saw after the report changed is refused",
          "[registry][decisions]") {
  Fixture f;
  BuildDraft(*f.registry, Draft(f.reference, "inputs 2", "2011-06-02T09:00:00Z"), f.outputs);
  std::string before = f.Snapshot();
  DecisionRequest saw_v1 = f.SignOffRequest("inputs 2");
  saw_v1.draft_version = 1;
  CHECK(f.RefusedSignOff(saw_v1) ==
        "error: draft v1 of CSSC/2011/01 is not the latest: the report has changed since, in "
        "draft v2 (built 2011-06-02T09:00:00Z) | the sign-off must be of the draft that would "
        "be published: have draft v2 reviewed\n");
  CHECK(f.Snapshot() == before);
}

TEST_CASE("Signing off a report already approved is refused", "[registry][decisions]") {
  Fixture f;
  std::string final_path = f.SignOff(f.SignOffRequest());
  std::string before = f.Snapshot();
  DecisionRequest again = f.SignOffRequest();
  again.by = "John Brown";
  CHECK(f.RefusedSignOff(again) ==
        "error: draft v1 of CSSC/2011/01 is already approved, by Jane Smith (Director of "
        "Children's Services) on 2011-06-14T10:30:00Z | its final is " +
            final_path + "\n");
  DecisionRequest reject = f.SignOffRequest();
  reject.comment = "Too late.";
  CHECK(f.RefusedRejection(reject) ==
        "error: draft v1 of CSSC/2011/01 is already approved, by Jane Smith (Director of "
        "Children's Services) on 2011-06-14T10:30:00Z | its final is " +
            final_path + "\n");
  CHECK(f.Snapshot() == before);
}

TEST_CASE("A sign-off never overwrites a file at the final's path", "[registry][decisions]") {
  Fixture f;
  Diagnostics diagnostics;
  DecisionRequest request = f.SignOffRequest();
  auto plan = f.registry->PlanSignOff(request, diagnostics);
  REQUIRE(plan);
  std::string final_path = f.outputs + "/" + plan->final_file_name;
  test::WriteWholeFile(final_path, "someone else's file");
  CHECK(f.registry->CommitSignOff(*plan, request, final_path, "%PDF final", diagnostics) ==
        CommitResult::kFailed);
  CHECK(Messages(diagnostics) == "error: a file is already at " + final_path +
                                     "; a published final is never overwritten | give the final "
                                     "another name (the plan suggests one)\n");
  CHECK(ReadWholeFile(final_path) == "someone else's file");
  CHECK(f.Status().state == ReportState::kDraft);
}

TEST_CASE("A sign-off planned before a new draft is stale", "[registry][decisions]") {
  Fixture f;
  Diagnostics diagnostics;
  DecisionRequest request = f.SignOffRequest();
  auto plan = f.registry->PlanSignOff(request, diagnostics);
  REQUIRE(plan);
  {
    auto other = test::OpenOrFail(f.path);
    BuildDraft(*other, Draft(f.reference, "inputs 2"), f.outputs);
  }
  CHECK(f.registry->CommitSignOff(*plan, request, f.outputs + "/" + plan->final_file_name,
                                  "%PDF final", diagnostics) == CommitResult::kStale);
  CHECK(diagnostics.Empty());
  CHECK(OutputFiles(f.outputs) ==
        std::vector<std::string>{"CSSC-2011-01-draft-v1.pdf", "CSSC-2011-01-draft-v2.pdf"});
}

TEST_CASE("A rejection needs a name and a comment, and is recorded", "[registry][decisions]") {
  Fixture f;
  std::string before = f.Snapshot();
  DecisionRequest no_comment = f.SignOffRequest();
  no_comment.comment = "";
  CHECK(f.RefusedRejection(no_comment) ==
        "error: a rejection needs a comment saying what must change (--comment)\n");
  DecisionRequest no_name = f.SignOffRequest();
  no_name.by = "";
  CHECK(f.RefusedRejection(no_name) ==
        "error: a rejection needs the name of who makes it (--by) | the name is recorded and "
        "printed with the decision\n");
  CHECK(f.Snapshot() == before);

  f.registry = test::OpenOrFail(f.path);
  DecisionRequest reject = f.SignOffRequest();
  reject.role = "";
  reject.comment = "Paragraph 3.2 needs the June figures.";
  Diagnostics diagnostics;
  CHECK(f.registry->Reject(reject, diagnostics));
  ReportStatus report = f.Status();
  CHECK(report.state == ReportState::kRejected);
  CHECK(report.by == "Jane Smith");
  auto history = f.registry->History(f.reference, diagnostics);
  REQUIRE(history);
  CHECK(history->back().detail ==
        "draft v1 rejected by Jane Smith: Paragraph 3.2 needs the June figures.");

  // A rejected draft can still be approved: the rejection may have been a mistake.
  f.SignOff(f.SignOffRequest());
  CHECK(f.Status().state == ReportState::kApproved);
}

TEST_CASE("Open finishes a sign-off whose process died before the final got its name",
          "[registry][decisions][recovery]") {
  Fixture f;
  std::string final_path = f.SignOff(f.SignOffRequest());
  std::string bytes = ReadWholeFile(final_path);
  f.registry.reset();
  std::filesystem::rename(final_path, f.outputs + "/.CSSC-2011-01.pdf.clerk-pending");
  {
    auto session = OpenSession(f.path, false, 2000);
    session << "UPDATE files SET state = 'pending' WHERE final = 1", Poco::Data::Keywords::now;
  }
  f.registry = test::OpenOrFail(f.path);
  CHECK(ReadWholeFile(final_path) == bytes);
  CHECK(OutputFiles(f.outputs) ==
        std::vector<std::string>{"CSSC-2011-01-draft-v1.pdf", "CSSC-2011-01.pdf"});
  Diagnostics diagnostics;
  CHECK(VerifyPdf(*f.registry, final_path, bytes, diagnostics).published_final);
}
