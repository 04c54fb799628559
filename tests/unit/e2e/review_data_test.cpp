// End to end: the real clerk program on the example review, as a clerk runs it.
#include <catch2/catch.hpp>

#include "run_program.h"

using clerk::testing::RunClerk;
using clerk::testing::SnapshotTree;

namespace {

const char* const kExample = "inputs/ks2-maths-scrutiny";

}  // namespace

TEST_CASE("clerk check passes the example review, warning about the paper's Level 5 slip") {
  auto before = SnapshotTree(kExample);
  auto result = RunClerk({"check", kExample});
  CHECK(result.exit_code == 0);
  CHECK(result.out == "inputs/ks2-maths-scrutiny: 7 recommendations, 35 actions, 22 schools, "
                      "2 reports: 0 errors, 5 warnings\n");
  // The published totals rest on Tollgate's +7; the percentages give +8.
  CHECK_THAT(result.err, Catch::Contains(
                             "reports/cssc-2011-06.yaml:213:25: warning: published Level 5 total "
                             "improved pupils 53 differs from the computed 54"));
  CHECK_THAT(result.err, Catch::Contains(
                             "reports/cssc-2011-06.yaml:214:19: warning: published Level 5 headline "
                             "5.5 differs from the computed 5.6"));
  CHECK_THAT(result.err, Catch::Contains("Tollgate change 7, computed 8 from 25% in 2009 and 33% in 2010"));
  CHECK_THAT(result.err, Catch::EndsWith("0 errors, 5 warnings\n"));
  CHECK(SnapshotTree(kExample) == before);
}

TEST_CASE("clerk check --strict fails on warnings alone") {
  auto result = RunClerk({"check", kExample, "--strict"});
  CHECK(result.exit_code == 1);
}

TEST_CASE("clerk facts shows the June 2011 figures computed from the percentages") {
  auto result = RunClerk({"facts", kExample, "--report", "cssc-2011-06"});
  REQUIRE(result.exit_code == 0);
  const std::string& yaml = result.out;
  CHECK_THAT(yaml, Catch::Contains("  - id: cssc-2011-06\n"));
  CHECK_THAT(yaml, Catch::Contains("          - id: L4+\n            name: Level 4+\n"
                                   "            total_cohort: 974\n"
                                   "            total_improved: 120\n"
                                   "            headline: 12.4\n"));
  CHECK_THAT(yaml, Catch::Contains("          - id: L5\n            name: Level 5\n"
                                   "            total_cohort: 974\n"
                                   "            total_improved: 54\n"
                                   "            headline: 5.6\n"));
  // Every per-school row of Appendix 2, as the paper's own rules compute it.
  CHECK_THAT(yaml, Catch::Contains("{name: Castledown, earlier: 50, later: 76, change: 26, "
                                   "cohort: 45, improved: 12}"));
  CHECK_THAT(yaml, Catch::Contains("{name: Denton, earlier: 66, later: 64, change: -2, "
                                   "cohort: 36, improved: -1}"));
  CHECK_THAT(yaml, Catch::Contains("{name: Tollgate, earlier: 25, later: 33, change: 8, "
                                   "cohort: 100, improved: 8}"));
  CHECK_THAT(yaml, Catch::Contains("{name: Punnetts Town, earlier: 75, later: 67, change: -8, "
                                   "cohort: 12, improved: -1}"));
  CHECK(result.err.empty());
}

TEST_CASE("clerk facts without --report prints every report of the review") {
  auto result = RunClerk({"facts", kExample});
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("  - id: cabinet-2010-12\n    as_of: 2010-11-30\n"));
  CHECK_THAT(result.out, Catch::Contains("  - id: cssc-2011-06\n    as_of: 2011-05-31\n"));
}

TEST_CASE("clerk facts names the known reports when asked for an unknown one") {
  auto result = RunClerk({"facts", kExample, "--report", "nope"});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK_THAT(result.err, Catch::Contains("cabinet-2010-12"));
  CHECK_THAT(result.err, Catch::Contains("cssc-2011-06"));
}

TEST_CASE("every verb answers --help") {
  for (const char* verb : {"check", "facts"}) {
    auto result = RunClerk({verb, "--help"});
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains(std::string("clerk ") + verb));
  }
  auto program = RunClerk({"--help"});
  CHECK(program.exit_code == 0);
  CHECK_THAT(program.out, Catch::Contains("check"));
  auto unknown = RunClerk({"frobnicate"});
  CHECK(unknown.exit_code == 64);
  CHECK_THAT(unknown.err, Catch::Contains("'frobnicate' is not a verb"));
}
