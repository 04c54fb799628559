#include <Poco/Data/Session.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "registry/database.h"
#include "registry/pending_file.h"
#include "registry_fixture.h"

using namespace clerk;
using namespace clerk::registry;
using namespace Poco::Data::Keywords;
using test::BuildDraft;
using test::Draft;
using test::Messages;
using test::OutputFiles;
using test::PdfBytes;
using test::ReadWholeFile;
using test::Scratch;

namespace {

// A registry in outputs/ of a scratch folder, with one report given its reference.
struct Fixture {
  Scratch scratch;
  std::string outputs = scratch.File("outputs");
  std::string path = scratch.File("outputs/registry.db");
  std::unique_ptr<Registry> registry = test::OpenOrFail(path);
  std::string reference;

  Fixture() {
    Diagnostics diagnostics;
    reference = registry->ReferenceFor(test::Reference("2011-06"), diagnostics)->reference;
  }

  std::vector<std::string> Kinds() {
    Diagnostics diagnostics;
    std::vector<std::string> kinds;
    auto history = registry->History(reference, diagnostics);
    REQUIRE(history);
    for (const Event& event : *history) {
      kinds.push_back(event.kind +
                      (event.draft_version ? " v" + std::to_string(event.draft_version) : ""));
    }
    return kinds;
  }
};

}  // namespace

TEST_CASE("The first build makes v1, the same content again makes nothing new",
          "[registry][drafts]") {
  Fixture f;
  DraftPlan first = BuildDraft(*f.registry, Draft(f.reference, "inputs 1"), f.outputs);
  CHECK(first.action == DraftAction::kNew);
  CHECK(first.version == 1);
  std::string file = f.outputs + "/CSSC-2011-01-draft-v1.pdf";
  CHECK(ReadWholeFile(file) == PdfBytes(Draft(f.reference, "inputs 1").content_sha256, 1));
  struct stat status {};
  REQUIRE(::stat(file.c_str(), &status) == 0);
  CHECK((status.st_mode & 0777) == 0644);
  auto modified = std::filesystem::last_write_time(file);

  DraftPlan again = BuildDraft(*f.registry, Draft(f.reference, "inputs 1"), f.outputs);
  CHECK(again.action == DraftAction::kUnchanged);
  CHECK(again.version == 1);
  CHECK(again.pdf_path == file);
  CHECK(std::filesystem::last_write_time(file) == modified);
  CHECK(OutputFiles(f.outputs) == std::vector<std::string>{"CSSC-2011-01-draft-v1.pdf"});
  CHECK(f.Kinds() == std::vector<std::string>{"reference", "draft v1", "unchanged v1"});

  Diagnostics diagnostics;
  auto status_now = f.registry->StatusOf(f.reference, diagnostics);
  REQUIRE(status_now);
  CHECK(status_now->state == ReportState::kDraft);
  CHECK(status_now->latest_version == 1);
  CHECK(status_now->draft_path == file);
  CHECK_FALSE(status_now->draft_file_missing);
}

TEST_CASE("A change of inputs or templates makes v2, in its own file", "[registry][drafts]") {
  Fixture f;
  BuildDraft(*f.registry, Draft(f.reference, "inputs 1"), f.outputs);
  DraftRequest changed = Draft(f.reference, "inputs 2");
  DraftPlan second = BuildDraft(*f.registry, changed, f.outputs);
  CHECK(second.action == DraftAction::kNew);
  CHECK(second.version == 2);
  CHECK(second.base_version == 1);
  CHECK_FALSE(second.superseded_approval);
  CHECK(OutputFiles(f.outputs) ==
        std::vector<std::string>{"CSSC-2011-01-draft-v1.pdf", "CSSC-2011-01-draft-v2.pdf"});
  DraftRequest templates = changed;
  templates.templates_sha256 = Sha256Hex("templates 2");
  templates.content_sha256 = ContentHash(templates.inputs_sha256, templates.templates_sha256, "");
  CHECK(BuildDraft(*f.registry, templates, f.outputs).version == 3);
  CHECK(f.Kinds() == std::vector<std::string>{"reference", "draft v1", "draft v2", "draft v3"});
}

TEST_CASE("A commit planned before another process's draft is stale", "[registry][drafts]") {
  Fixture f;
  Diagnostics diagnostics;
  DraftRequest mine = Draft(f.reference, "mine");
  auto plan = f.registry->PlanDraft(mine, diagnostics);
  REQUIRE(plan);
  {
    // Another process records v1 between our plan and our commit.
    auto other = test::OpenOrFail(f.path);
    BuildDraft(*other, Draft(f.reference, "theirs"), f.outputs);
  }
  std::string file = f.outputs + "/" + DraftFileName(f.reference, plan->version);
  CHECK(f.registry->CommitDraft(*plan, mine, file, PdfBytes("mine", 1), diagnostics) ==
        CommitResult::kStale);
  CHECK(diagnostics.Empty());
  CHECK(ReadWholeFile(file) == PdfBytes(Draft(f.reference, "theirs").content_sha256, 1));
  // Planned again, it becomes v2.
  CHECK(BuildDraft(*f.registry, mine, f.outputs).version == 2);
}

TEST_CASE("A path already recorded is refused and nothing is written", "[registry][drafts]") {
  Fixture f;
  BuildDraft(*f.registry, Draft(f.reference, "inputs 1"), f.outputs);
  Diagnostics diagnostics;
  DraftRequest changed = Draft(f.reference, "inputs 2");
  auto plan = f.registry->PlanDraft(changed, diagnostics);
  REQUIRE(plan);
  std::string v1 = f.outputs + "/CSSC-2011-01-draft-v1.pdf";
  std::string before = ReadWholeFile(v1);
  CHECK(f.registry->CommitDraft(*plan, changed, v1, PdfBytes("x", 2), diagnostics) ==
        CommitResult::kFailed);
  CHECK(Messages(diagnostics) == "error: " + v1 +
                                     " is already recorded for another draft or final | each "
                                     "draft version needs its own file (DraftFileName)\n");
  CHECK(ReadWholeFile(v1) == before);
  CHECK(f.Kinds() == std::vector<std::string>{"reference", "draft v1"});
}

TEST_CASE("A draft whose file was deleted is written again at the same version",
          "[registry][drafts]") {
  Fixture f;
  DraftRequest request = Draft(f.reference, "inputs 1");
  BuildDraft(*f.registry, request, f.outputs);
  std::string file = f.outputs + "/CSSC-2011-01-draft-v1.pdf";
  std::filesystem::remove(file);
  DraftPlan plan = BuildDraft(*f.registry, request, f.outputs);
  CHECK(plan.action == DraftAction::kRestore);
  CHECK(plan.version == 1);
  CHECK(ReadWholeFile(file) == PdfBytes(request.content_sha256, 1));
  CHECK(BuildDraft(*f.registry, request, f.outputs).action == DraftAction::kUnchanged);
  CHECK(f.Kinds() ==
        std::vector<std::string>{"reference", "draft v1", "restored v1", "unchanged v1"});
}

TEST_CASE("Planning needs a known reference and the three hashes", "[registry][drafts]") {
  Fixture f;
  Diagnostics diagnostics;
  CHECK_FALSE(f.registry->PlanDraft(Draft("CSSC/2011/99", "x"), diagnostics));
  DraftRequest no_hash = Draft(f.reference, "x");
  no_hash.templates_sha256 = "";
  CHECK_FALSE(f.registry->PlanDraft(no_hash, diagnostics));
  CHECK(Messages(diagnostics) ==
        "error: no report has the reference CSSC/2011/99 | a build gives the reference first "
        "(ReferenceFor)\n"
        "error: a draft of CSSC/2011/01 needs the SHA-256 of its inputs, templates and content\n");
}

TEST_CASE("Open finishes a draft whose process died between commit and rename",
          "[registry][drafts][recovery]") {
  Fixture f;
  DraftRequest request = Draft(f.reference, "inputs 1");
  BuildDraft(*f.registry, request, f.outputs);
  f.registry.reset();
  std::string file = f.outputs + "/CSSC-2011-01-draft-v1.pdf";
  std::string bytes = ReadWholeFile(file);
  // The state a kill right after COMMIT leaves: the row pending, the bytes under the pending name.
  std::filesystem::rename(file, PendingPathFor(file));
  {
    Poco::Data::Session session = OpenSession(f.path, false, 2000);
    session << "UPDATE files SET state = 'pending'", now;
  }
  Diagnostics diagnostics;
  f.registry = Registry::Open(f.path, diagnostics);
  REQUIRE(f.registry);
  CHECK(Messages(diagnostics) ==
        "note: finished putting " + file + " in place after an interrupted run\n");
  CHECK(ReadWholeFile(file) == bytes);
  CHECK(OutputFiles(f.outputs) == std::vector<std::string>{"CSSC-2011-01-draft-v1.pdf"});
  CHECK(f.Kinds() == std::vector<std::string>{"reference", "draft v1", "file-placed v1"});
  CHECK(BuildDraft(*f.registry, request, f.outputs).action == DraftAction::kUnchanged);
}

TEST_CASE("Open marks a draft whose file was lost, and the next build writes it",
          "[registry][drafts][recovery]") {
  Fixture f;
  DraftRequest request = Draft(f.reference, "inputs 1");
  BuildDraft(*f.registry, request, f.outputs);
  f.registry.reset();
  std::string file = f.outputs + "/CSSC-2011-01-draft-v1.pdf";
  std::filesystem::remove(file);
  test::WriteWholeFile(PendingPathFor(file), "%PDF-1.7 half written");
  {
    Poco::Data::Session session = OpenSession(f.path, false, 2000);
    session << "UPDATE files SET state = 'pending'", now;
  }
  Diagnostics diagnostics;
  f.registry = Registry::Open(f.path, diagnostics);
  REQUIRE(f.registry);
  CHECK(Messages(diagnostics) == "warning: draft v1 was recorded at " + file +
                                     " but its file was lost; the next build writes it again\n");
  CHECK(OutputFiles(f.outputs) == std::vector<std::string>{});
  auto status = f.registry->StatusOf(f.reference, diagnostics);
  REQUIRE(status);
  CHECK(status->draft_file_missing);
  CHECK(BuildDraft(*f.registry, request, f.outputs).action == DraftAction::kRestore);
  CHECK(ReadWholeFile(file) == PdfBytes(request.content_sha256, 1));
}

TEST_CASE("Pending files that nothing records are removed", "[registry][drafts][recovery]") {
  Fixture f;
  BuildDraft(*f.registry, Draft(f.reference, "inputs 1"), f.outputs);
  f.registry.reset();
  // A process killed before its commit leaves its pending file and no row.
  std::string orphan = PendingPathFor(f.outputs + "/CSSC-2011-01-draft-v2.pdf");
  test::WriteWholeFile(orphan, "%PDF-1.7 never committed");
  test::WriteWholeFile(f.outputs + "/notes.txt", "not ours");
  f.registry = test::OpenOrFail(f.path);
  CHECK(OutputFiles(f.outputs) ==
        std::vector<std::string>{"CSSC-2011-01-draft-v1.pdf", "notes.txt"});
}
