#include <catch2/catch.hpp>

#include "compute/facts.h"
#include "review_builder.h"

using clerk::Decimal;
using clerk::Diagnostics;
using clerk::Recurrence;
using clerk::Review;
using clerk::compute::ComputeFacts;
using clerk::compute::FigureByPath;
using clerk::compute::FormatHeadline;
using clerk::compute::ReportFacts;
using clerk::compute::ReviewFacts;
using namespace clerk::compute::testing;

namespace {

// The reference attainment, and three actions: ongoing, overdue and on track at 31 May 2011.
ReviewFacts ReferenceFacts() {
  Review review;
  review.attainment = ReferenceAttainment();
  review.recommendations.push_back({Text("1"), Text("Raise the profile."), {}, {}});
  review.actions = {MakeAction("1.1", "1"), MakeAction("1.2", "1"), MakeAction("1.3", "1")};
  review.timescales = {
      MakeTimescale("1.1", Words("Termly", Recurring(Recurrence::kTermly))),
      MakeTimescale("1.2", Words("September 2010", Dated(Day(2010, 9, 1), Day(2010, 9, 30)))),
      MakeTimescale("1.3", Words("2011-12", Dated(Day(2011, 9, 1), Day(2012, 8, 31))))};
  clerk::ReportDefinition report = MakeReport("cssc-2011-06", Day(2011, 5, 31));
  report.appendices.push_back(AttainmentAppendix(2009, 2010));
  review.reports.push_back(report);
  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(review, diagnostics);
  REQUIRE(diagnostics.Empty());
  return facts;
}

}  // namespace

TEST_CASE("Headlines print with exactly one decimal place") {
  CHECK(FormatHeadline(Decimal{1240}) == "12.4");
  CHECK(FormatHeadline(Decimal{1200}) == "12.0");
  CHECK(FormatHeadline(Decimal{560}) == "5.6");
  CHECK(FormatHeadline(Decimal{0}) == "0.0");
  CHECK(FormatHeadline(Decimal{-50}) == "-0.5");
  CHECK(FormatHeadline(Decimal{-1230}) == "-12.3");
  CHECK(FormatHeadline(Decimal{1245}) == "12.5");  // not a computed headline: rounded
}

TEST_CASE("Narrative figures by path, formatted as the paper prints them") {
  ReviewFacts facts = ReferenceFacts();
  const ReportFacts& report = facts.reports.at(0);
  CHECK(FigureByPath(report, "attainment.schools") == "22");
  CHECK(FigureByPath(report, "attainment.from") == "2009");
  CHECK(FigureByPath(report, "attainment.to") == "2010");
  CHECK(FigureByPath(report, "attainment.L4+.headline") == "12.4");
  CHECK(FigureByPath(report, "attainment.L4+.improved") == "120");
  CHECK(FigureByPath(report, "attainment.L4+.cohort") == "974");
  CHECK(FigureByPath(report, "attainment.L5.headline") == "5.6");
  CHECK(FigureByPath(report, "attainment.L5.improved") == "54");
  CHECK(FigureByPath(report, "actions.total") == "3");
  CHECK(FigureByPath(report, "actions.ongoing") == "1");
  CHECK(FigureByPath(report, "actions.overdue") == "1");
  CHECK(FigureByPath(report, "actions.on-track") == "1");
  CHECK(FigureByPath(report, "actions.complete") == "0");
  CHECK(FigureByPath(report, "actions.withdrawn") == "0");
}

TEST_CASE("Paths that name nothing give nothing") {
  ReviewFacts facts = ReferenceFacts();
  const ReportFacts& report = facts.reports.at(0);
  CHECK_FALSE(FigureByPath(report, "attainment.L6.headline"));
  CHECK_FALSE(FigureByPath(report, "attainment.L4+.name"));
  CHECK_FALSE(FigureByPath(report, "attainment.L4+"));
  CHECK_FALSE(FigureByPath(report, "attainment."));
  CHECK_FALSE(FigureByPath(report, "actions.on track"));
  CHECK_FALSE(FigureByPath(report, "actions."));
  CHECK_FALSE(FigureByPath(report, "headline"));
  CHECK_FALSE(FigureByPath(report, ""));
  ReportFacts without_attainment = report;
  without_attainment.attainment.clear();
  without_attainment.narrative_attainment_key.clear();
  CHECK_FALSE(FigureByPath(without_attainment, "attainment.schools"));
  CHECK(FigureByPath(without_attainment, "actions.total") == "3");
}

TEST_CASE("Measure ids with dots are found: the field is the last part of the path") {
  Review review;
  review.attainment = SmallAttainment({SmallSchool("A", {{2009, {5000, 1}}, {2010, {6000, 10}}})});
  review.attainment.measures[0].id.value = "KS2.L4";
  for (auto& [year, results] : review.attainment.schools[0].results) {
    results["KS2.L4"] = results.at("M");
    results.erase("M");
  }
  review.reports.push_back(MakeReport("r", Day(2011, 5, 31)));
  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(review, diagnostics);
  CHECK(diagnostics.Empty());
  const ReportFacts& report = facts.reports.at(0);
  CHECK(report.narrative_attainment_key == "2009-2010");  // the latest two years, by default
  CHECK(FigureByPath(report, "attainment.KS2.L4.headline") == "10.0");
  CHECK(FigureByPath(report, "attainment.KS2.L4.improved") == "1");
}
