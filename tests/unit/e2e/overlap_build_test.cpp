// End to end: what `clerk build` does on the machine's second core (the style, fonts and input
// hashes made while the review loads; the review freed once the last paper is merged) changes
// nothing a clerk sees: the same errors in the same order, nothing written when there are any,
// and a paper rendered again after the review was freed is the same paper.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "example_review.h"
#include "run_program.h"

using clerk::testing::kExample;
using clerk::testing::ReadWholeFile;
using clerk::testing::RunClerk;
using clerk::testing::TemporaryDirectory;
using clerk::testing::WriteWholeFile;

namespace fs = std::filesystem;

namespace {

// A folder with the example review twice ("good", and "bad" with a YAML syntax error), a copy of
// the templates whose style is broken, and a broken committees file.
struct BrokenInputs {
  TemporaryDirectory folder;

  BrokenInputs() {
    fs::path root = folder.Path();
    fs::copy(kExample, root / "good", fs::copy_options::recursive);
    fs::copy(kExample, root / "bad", fs::copy_options::recursive);
    WriteWholeFile((root / "bad/review.yaml").string(),
                   ReadWholeFile((root / "bad/review.yaml").string()) + "title: [unclosed\n");
    fs::copy("templates", root / "bad-style", fs::copy_options::recursive);
    WriteWholeFile((root / "bad-style/style.yaml").string(), "page: {width: nonsense}\n");
    WriteWholeFile((root / "bad-committees.yaml").string(), "nonsense: [\n");
  }

  // `clerk build <review> --report cssc-2011-06 <more> -q --output-dir out` in the folder.
  clerk::testing::ProgramResult Build(const std::string& review,
                                      std::vector<std::string> more) const {
    std::vector<std::string> arguments = {"build", review, "--report", "cssc-2011-06"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    arguments.insert(arguments.end(), {"-q", "--output-dir", "out"});
    return RunClerk(arguments, folder.Path());
  }

  bool WroteNothing() const { return !fs::exists(fs::path(folder.Path()) / "out"); }
};

const char kReviewError[] =
    "bad/review.yaml:9:1: error: YAML syntax error: end of sequence flow not found\n"
    "  hint: a '[' is not closed by a ']'\n";

const char kStyleErrors[] =
    "bad-style/style.yaml: error: fonts must map font roles (sans) to family names\n"
    "bad-style/style.yaml:1:15: error: \"nonsense\" is not a number from 72 to 14400\n"
    "  page: {width: nonsense}\n"
    "                ^\n";

const char kCommitteesError[] =
    "bad-committees.yaml:2:1: error: YAML syntax error: end of sequence flow not found\n"
    "  hint: a '[' is not closed by a ']'\n";

}  // namespace

TEST_CASE("errors in the review hide those in the style and committees, as before") {
  BrokenInputs inputs;
  for (const std::vector<std::string>& more :
       {std::vector<std::string>{"--templates", "bad-style"},
        std::vector<std::string>{"--committees", "bad-committees.yaml"},
        std::vector<std::string>{"--templates", "bad-style", "--committees",
                                 "bad-committees.yaml"}}) {
    auto result = inputs.Build("bad", more);
    CHECK(result.exit_code == 2);
    CHECK(result.err == std::string(kReviewError) + "1 error, 0 warnings\n");
    CHECK(result.out.empty());
    CHECK(inputs.WroteNothing());
  }
}

TEST_CASE("a broken style is reported after the review's warnings, and nothing is written") {
  BrokenInputs inputs;
  auto result = inputs.Build("good", {"--templates", "bad-style"});
  CHECK(result.exit_code == 2);
  // Sorted by file: the style's errors ("bad-style/...") before the review's five warnings.
  CHECK(result.err.rfind(kStyleErrors, 0) == 0);
  CHECK(result.err.find("good/reports/cssc-2011-06.yaml:214:19: warning: published Level 5 "
                        "headline 5.5") != std::string::npos);
  CHECK(result.err.size() > 22);
  CHECK(result.err.find("2 errors, 5 warnings\n") == result.err.size() - 21);
  CHECK(inputs.WroteNothing());
}

TEST_CASE("broken committees hide a broken style, as before") {
  BrokenInputs inputs;
  auto result =
      inputs.Build("good", {"--templates", "bad-style", "--committees", "bad-committees.yaml"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.rfind(kCommitteesError, 0) == 0);
  CHECK(result.err.find("bad-style") == std::string::npos);
  CHECK(result.err.find("1 error, 5 warnings\n") == result.err.size() - 20);
  CHECK(inputs.WroteNothing());
}

TEST_CASE("a twin made again after the review was freed is the twin first made") {
  TemporaryDirectory folder;
  fs::path root = folder.Path();
  fs::copy(kExample, root / "review", fs::copy_options::recursive);
  auto first =
      RunClerk({"build", "review", "--report", "cabinet-2010-12", "-q", "--output-dir", "out"},
               folder.Path());
  REQUIRE(first.exit_code == 0);
  std::string twin = ReadWholeFile((root / "out/CAB-2010-01-draft-v1.html").string());
  REQUIRE(twin.size() > 10'000);
  fs::remove(root / "out/CAB-2010-01-draft-v1.html");

  // The June paper is the one rendered before the commits (the review is freed once it is
  // merged); the December draft is unchanged but lost its twin, so its paper is rendered again
  // while committing, from the review loaded again.
  auto both = RunClerk({"build", "review", "--all", "--output-dir", "out"}, folder.Path());
  REQUIRE(both.exit_code == 0);
  // The build's account goes to standard error with the diagnostics.
  CHECK(both.err.find("CAB/2010/01: unchanged, still draft v1") != std::string::npos);
  CHECK(both.err.find("CSSC/2011/01: draft v1") != std::string::npos);
  CHECK(ReadWholeFile((root / "out/CAB-2010-01-draft-v1.html").string()) == twin);
  // The review's warnings are printed once: loading it again reports nothing more.
  CHECK(both.err.size() > 21);
  CHECK(both.err.find("0 errors, 5 warnings\n") == both.err.size() - 21);
}
