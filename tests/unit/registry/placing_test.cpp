// How a draft's file reaches its name: hashed while written, and marked placed only once the
// folder sync after its rename (shared with its twin's) has been made.

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "registry/hashing.h"
#include "registry/pending_file.h"
#include "registry_fixture.h"

using namespace clerk;
using namespace clerk::registry;
using test::Draft;
using test::Messages;
using test::PdfBytes;
using test::ReadWholeFile;
using test::Scratch;

namespace {

// A registry in outputs/ of a scratch folder, with one report given its reference and a draft
// of it planned (not yet committed).
struct Fixture {
  Scratch scratch;
  std::string outputs = scratch.File("outputs");
  std::string path = scratch.File("outputs/registry.db");
  std::unique_ptr<Registry> registry = test::OpenOrFail(path);
  DraftRequest request;
  DraftPlan plan;
  std::string pdf_path = scratch.File("outputs/CSSC-2011-01-draft-v1.pdf");
  std::string pdf;

  Fixture() {
    Diagnostics diagnostics;
    std::string reference =
        registry->ReferenceFor(test::Reference("2011-06"), diagnostics)->reference;
    request = Draft(reference, "inputs 1");
    plan = *registry->PlanDraft(request, diagnostics);
    pdf = PdfBytes(request.content_sha256, 1);
  }

  void Commit() {
    Diagnostics diagnostics;
    REQUIRE(registry->CommitDraft(plan, request, pdf_path, pdf, diagnostics) ==
            CommitResult::kDone);
    REQUIRE(Messages(diagnostics).empty());
  }

  // Whether the draft's row says placed, as another process reads it.
  bool PlacedAsOthersSee() {
    auto reader = test::OpenOrFail(path, OpenMode::kReadOnly);
    Diagnostics diagnostics;
    std::vector<PdfRecord> records = reader->FindPdfsBySha(Sha256Hex(pdf), diagnostics);
    REQUIRE(records.size() == 1);
    return records[0].file_placed;
  }
};

}  // namespace

TEST_CASE("A SHA-256 fed in pieces is the hash of the pieces joined", "[registry][placing]") {
  Sha256Stream stream;
  stream.Add("The quick brown ");
  stream.Add("");
  stream.Add("fox");
  CHECK(stream.Hex() == Sha256Hex("The quick brown fox"));
  CHECK(Sha256Stream().Hex() == Sha256Hex(""));
}

TEST_CASE("A pending file is hashed as it is written, over several pieces", "[registry][placing]") {
  Scratch scratch;
  // Three pieces of 1 MiB and a few bytes more.
  std::string bytes = PdfBytes("large", 1, (size_t{3} << 20) + 5);
  std::string pending = PendingPathFor(scratch.File("large.pdf"));
  std::string error, sha;
  REQUIRE(
      WritePendingFile(pending, bytes, kDraftFileMode, &error, PendingSync::kBeforeCommit, &sha));
  CHECK(error.empty());
  CHECK(sha == Sha256Hex(bytes));
  CHECK(ReadWholeFile(pending) == bytes);
  struct stat status {};
  REQUIRE(::stat(pending.c_str(), &status) == 0);
  CHECK((status.st_mode & 0777) == kDraftFileMode);
}

TEST_CASE("A draft is marked placed by its twin's folder sync", "[registry][placing]") {
  Fixture f;
  f.Commit();
  // At its name already, but its folder is synced with the twin's: until then it stays pending.
  CHECK(ReadWholeFile(f.pdf_path) == f.pdf);
  CHECK_FALSE(std::filesystem::exists(PendingPathFor(f.pdf_path)));
  CHECK_FALSE(f.PlacedAsOthersSee());
  Diagnostics diagnostics;
  REQUIRE(f.registry->PublishCompanion(f.scratch.File("outputs/CSSC-2011-01-draft-v1.html"),
                                       "<!DOCTYPE html>", false, diagnostics));
  CHECK(f.PlacedAsOthersSee());
  CHECK(test::OutputFiles(f.outputs) ==
        std::vector<std::string>{"CSSC-2011-01-draft-v1.html", "CSSC-2011-01-draft-v1.pdf"});
}

TEST_CASE("A draft without a twin is marked placed by FinishBuild or when the registry closes",
          "[registry][placing]") {
  SECTION("FinishBuild") {
    Fixture f;
    Diagnostics diagnostics;
    std::int64_t build = f.registry->StartBuild(
        {"ks2-maths-scrutiny", "clerk", "2011-06-01T10:00:00Z", "", "test"}, diagnostics);
    f.request.build_id = build;
    f.Commit();
    REQUIRE(f.registry->FinishBuild(build, "2011-06-01T10:01:00Z", "1 report", diagnostics));
    CHECK(Messages(diagnostics).empty());
    CHECK(f.PlacedAsOthersSee());
  }
  SECTION("closing") {
    Fixture f;
    f.Commit();
    f.registry.reset();
    CHECK(f.PlacedAsOthersSee());
  }
}

TEST_CASE("The next draft's folder sync marks the one before it placed", "[registry][placing]") {
  Fixture f;
  f.Commit();
  Diagnostics diagnostics;
  std::string second = f.registry->ReferenceFor(test::Reference("2011-09"), diagnostics)->reference;
  DraftRequest request = Draft(second, "inputs 2");
  auto plan = f.registry->PlanDraft(request, diagnostics);
  REQUIRE(plan);
  REQUIRE(f.registry->CommitDraft(
              *plan, request, f.scratch.File("outputs/CSSC-2011-02-draft-v1.pdf"),
              PdfBytes(request.content_sha256, 1), diagnostics) == CommitResult::kDone);
  CHECK(f.PlacedAsOthersSee());
}
