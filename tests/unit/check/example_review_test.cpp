#include <catch2/catch.hpp>
#include <string>

#include "../load/review_fixture.h"
#include "check/check.h"
#include "load/load.h"

// The real review (inputs/ks2-maths-scrutiny, transcribed from the June 2011 paper) loads and
// checks cleanly. How fast is bench/run's business, never a test's.

namespace {

const std::string kExample = std::string(CLERK_SOURCE_DIR) + "/inputs/ks2-maths-scrutiny";

}  // namespace

TEST_CASE("The example review loads and checks without a diagnostic") {
  clerk::DiskFileSystem files;
  clerk::Diagnostics diagnostics;
  clerk::load::LoadGaps gaps;
  clerk::Review review = clerk::load::LoadReview(files, kExample, diagnostics, &gaps);
  clerk::check::CheckReview(review, diagnostics, gaps);
  CHECK(clerk::testing::Lines(diagnostics) == "");
  CHECK(review.recommendations.size() == 7);
  CHECK(review.actions.size() == 35);
  CHECK(review.timescales.size() == 35);
  CHECK(review.attainment.schools.size() == 22);
  REQUIRE(review.reports.size() == 2);
  CHECK(review.reports[0].id.value == "cabinet-2010-12");
  CHECK(review.reports[1].id.value == "cssc-2011-06");
}
