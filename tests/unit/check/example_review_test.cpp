#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "../load/review_fixture.h"
#include "check/check.h"
#include "load/load.h"

// The real review (inputs/ks2-maths-scrutiny, transcribed from the June 2011 paper) loads and
// checks cleanly, and fast.

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

TEST_CASE("Loading and checking the example takes well under 50 ms") {
  clerk::DiskFileSystem files;
  double fastest = 1e9;
  for (int run = 0; run < 5; ++run) {
    auto start = std::chrono::steady_clock::now();
    clerk::Diagnostics diagnostics;
    clerk::load::LoadGaps gaps;
    clerk::Review review = clerk::load::LoadReview(files, kExample, diagnostics, &gaps);
    clerk::check::CheckReview(review, diagnostics, gaps);
    std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    fastest = std::min(fastest, took.count());
  }
  INFO("fastest of 5 runs: " << fastest << " ms");
  CHECK(fastest < 50.0);
}
