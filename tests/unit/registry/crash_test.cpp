#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <random>

#include "registry/pending_file.h"
#include "registry/text.h"
#include "registry_fixture.h"

using namespace clerk;
using namespace clerk::registry;
using test::Messages;

namespace {

// Builds, rebuilds and signs off report after report until killed. Never returns.
[[noreturn]] void BuildUntilKilled(const std::string& registry_path, const std::string& outputs,
                                   int round) {
  try {
    Diagnostics diagnostics;
    auto registry = Registry::Open(registry_path, diagnostics);
    if (!registry) ::_exit(2);
    for (int i = 0;; ++i) {
      std::string report = "r" + std::to_string(round) + "-" + std::to_string(i);
      auto reference = registry->ReferenceFor(test::Reference(report), diagnostics);
      if (!reference) ::_exit(3);
      for (const char* inputs : {"first", "second"}) {
        DraftRequest request = test::Draft(reference->reference, report + inputs);
        auto plan = registry->PlanDraft(request, diagnostics);
        if (!plan) ::_exit(4);
        std::string path = outputs + "/" + DraftFileName(reference->reference, plan->version);
        std::string pdf = test::PdfBytes(request.content_sha256, plan->version, 256 * 1024);
        if (registry->CommitDraft(*plan, request, path, pdf, diagnostics) != CommitResult::kDone) {
          ::_exit(5);
        }
      }
      if (i % 2 == 0) {
        DecisionRequest sign_off{
            reference->reference,
            "Jane Smith",
            "Director",
            "",
            "t",
            {},
            test::Draft(reference->reference, report + "second").content_sha256};
        auto plan = registry->PlanSignOff(sign_off, diagnostics);
        if (!plan) ::_exit(6);
        std::string pdf = test::PdfBytes("final " + plan->content_sha256, 0, 256 * 1024);
        if (registry->CommitSignOff(*plan, sign_off, outputs + "/" + plan->final_file_name, pdf,
                                    diagnostics) != CommitResult::kDone) {
          ::_exit(7);
        }
      }
    }
  } catch (...) {
    ::_exit(8);
  }
}

// Everything in outputs/ agrees with the registry: no pending file, every PDF recorded with its
// hash at its own path, every recorded draft and final present with its hash.
void CheckConsistent(Registry& registry, const std::string& outputs) {
  Diagnostics diagnostics;
  for (const std::string& name : test::OutputFiles(outputs)) {
    INFO(name);
    CHECK_FALSE(IsPendingName(name));
    if (IsPendingName(name)) continue;
    std::string path = outputs + "/" + name;
    std::vector<PdfRecord> records =
        registry.FindPdfsBySha(Sha256Hex(test::ReadWholeFile(path)), diagnostics);
    REQUIRE(records.size() == 1);
    CHECK(records[0].path == path);
    CHECK(records[0].file_placed);
  }
  for (const ReportStatus& report : registry.Status("", diagnostics)) {
    INFO(report.reference);
    CHECK_FALSE(report.draft_file_missing);
    if (report.latest_version > 0) {
      std::string name = std::filesystem::path(report.draft_path).filename().string();
      std::vector<PdfRecord> records = registry.FindPdfsByName(name, diagnostics);
      REQUIRE(records.size() == 1);
      CHECK(FileHasSha(report.draft_path, records[0].sha256));
    }
    if (!report.final_path.empty()) {
      Verdict verdict = VerifyPdf(registry, report.final_path,
                                  test::ReadWholeFile(report.final_path), diagnostics);
      CHECK(verdict.published_final);
    }
  }
  CHECK(Messages(diagnostics) == "");
}

}  // namespace

TEST_CASE("Builds killed at random points leave a sound registry and no partial PDF",
          "[registry][crash]") {
  test::Scratch scratch;
  std::string outputs = scratch.File("outputs");
  std::string path = outputs + "/registry.db";
  std::mt19937 random(20110614);
  std::uniform_int_distribution<int> delay_us(0, 60000);
  constexpr int kRounds = 30;
  int killed = 0;
  for (int round = 0; round < kRounds; ++round) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) BuildUntilKilled(path, outputs, round);
    ::usleep(static_cast<useconds_t>(delay_us(random)));
    ::kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    // The child only stops by being killed: any other end is a failure inside it.
    INFO("round " << round << ", child exit " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1));
    REQUIRE(WIFSIGNALED(status));
    ++killed;

    Diagnostics diagnostics;
    auto registry = Registry::Open(path, diagnostics);
    INFO(Messages(diagnostics));
    REQUIRE(registry);
    for (const Diagnostic& diagnostic : diagnostics.Items()) {
      CHECK(diagnostic.severity == Severity::kNote);  // at most: an interrupted run finished
    }
    CHECK(registry->IntegrityCheck() == "ok");
    CheckConsistent(*registry, outputs);
  }
  CHECK(killed == kRounds);
  // Something was built in all those rounds (the kills were not all before the first commit).
  auto registry = test::OpenOrFail(path);
  Diagnostics diagnostics;
  CHECK(registry->Status("", diagnostics).size() > 5);
}
