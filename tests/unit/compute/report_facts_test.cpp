#include <catch2/catch.hpp>

#include "compute/facts.h"
#include "review_builder.h"

using clerk::Decimal;
using clerk::Diagnostics;
using clerk::Recurrence;
using clerk::ReportDefinition;
using clerk::Review;
using clerk::compute::ActionStatus;
using clerk::compute::ComputeFacts;
using clerk::compute::ReportFacts;
using clerk::compute::ReviewFacts;
using namespace clerk::compute::testing;

namespace {

// Two recommendations (the second with parts), five actions, two reports six months apart.
Review ActionPlanReview() {
  Review review;
  review.recommendations.push_back({Text("1"), Text("Raise the profile."), {}, {}});
  review.recommendations.push_back({Text("2"),
                                    Text("The service to:"),
                                    {{Text("a"), Text("explore")}, {Text("b"), Text("train")}},
                                    {}});

  clerk::Action quarterly = MakeAction("1.1", "1");
  quarterly.updates = {Update(Month(2010, 11), "begun"), Update(Month(2011, 5), "continued")};
  clerk::Action relaunch = MakeAction("1.2", "1");
  relaunch.completed = clerk::Located<clerk::Date>{Month(2011, 3), {}};
  clerk::Action workshop = MakeAction("1.3", "1");
  clerk::Action explore = MakeAction("2.1", "2");
  explore.part = Text("a");
  clerk::Action train = MakeAction("2.2", "2");
  train.part = Text("b");
  review.actions = {quarterly, relaunch, workshop, explore, train};

  review.timescales = {
      MakeTimescale("1.1", Words("Quarterly", Recurring(Recurrence::kQuarterly))),
      MakeTimescale("1.2", Words("Spring 2011", Dated(Day(2011, 1, 1), Day(2011, 4, 30)))),
      MakeTimescale("1.3", Words("Spring 2011", Dated(Day(2011, 1, 1), Day(2011, 4, 30)))),
      MakeTimescale("2.1", Words("June 2011", Dated(Day(2011, 6, 1), Day(2011, 6, 30)))),
      MakeTimescale("2.2", Words("Whenever", std::nullopt))};
  review.timescales[4].revised =
      Change(Month(2011, 2), Words("July 2011", Dated(Day(2011, 7, 1), Day(2011, 7, 31))));

  review.reports = {MakeReport("cabinet-2010-12", Day(2010, 11, 30)),
                    MakeReport("cssc-2011-06", Day(2011, 5, 31), std::string("cabinet-2010-12"))};
  return review;
}

int Count(const std::map<ActionStatus, int>& counts, ActionStatus status) {
  return counts.at(status);
}

}  // namespace

TEST_CASE("Each report gets its actions' statuses as of its date, with counts") {
  Review review = ActionPlanReview();
  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(review, diagnostics);
  CHECK(diagnostics.Empty());
  REQUIRE(facts.reports.size() == 2);

  const ReportFacts& december = facts.reports[0];
  CHECK(december.report_id == "cabinet-2010-12");
  CHECK(december.as_of == Day(2010, 11, 30));
  CHECK_FALSE(december.previous_as_of);
  CHECK(december.attainment.empty());  // the review has no attainment data
  CHECK(december.narrative_attainment_key.empty());
  REQUIRE(december.recommendations.size() == 2);
  CHECK(december.recommendations[0].actions[0].status == ActionStatus::kOngoing);
  CHECK(december.recommendations[0].actions[1].status == ActionStatus::kOnTrack);
  CHECK(december.recommendations[1].actions[1].status == ActionStatus::kUnknown);
  CHECK(Count(december.status_counts, ActionStatus::kOnTrack) == 3);

  const ReportFacts& june = facts.reports[1];
  CHECK(june.previous_as_of == Day(2010, 11, 30));
  REQUIRE(june.recommendations.size() == 2);
  const auto& first = june.recommendations[0];
  CHECK(first.id == "1");
  CHECK(first.text == "Raise the profile.");
  CHECK(first.parts.empty());
  REQUIRE(first.actions.size() == 3);
  CHECK(first.actions[0].id == "1.1");
  CHECK(first.actions[0].status == ActionStatus::kOngoing);
  REQUIRE(first.actions[0].updates.size() == 2);
  CHECK_FALSE(first.actions[0].updates[0].is_new);
  CHECK(first.actions[0].updates[1].is_new);
  CHECK(first.actions[1].status == ActionStatus::kComplete);
  CHECK(first.actions[2].status == ActionStatus::kOverdue);
  CHECK(Count(first.status_counts, ActionStatus::kOngoing) == 1);
  CHECK(Count(first.status_counts, ActionStatus::kComplete) == 1);
  CHECK(Count(first.status_counts, ActionStatus::kOverdue) == 1);
  CHECK(Count(first.status_counts, ActionStatus::kDue) == 0);  // every status has an entry
  CHECK(first.status_counts.size() == 8);

  const auto& second = june.recommendations[1];
  REQUIRE(second.parts.size() == 2);
  CHECK(second.parts[1] == std::make_pair(std::string("b"), std::string("train")));
  CHECK(second.actions[0].part == "a");
  CHECK(second.actions[0].status == ActionStatus::kOnTrack);  // June 2011 has not started
  CHECK(second.actions[1].status == ActionStatus::kRescheduled);

  CHECK(Count(june.status_counts, ActionStatus::kRescheduled) == 1);
  CHECK(Count(june.status_counts, ActionStatus::kComplete) == 1);
  int total = 0;
  for (const auto& [status, count] : june.status_counts) total += count;
  CHECK(total == 5);
  CHECK(facts.Find("cssc-2011-06") == &facts.reports[1]);
  CHECK(facts.Find("nope") == nullptr);
}

TEST_CASE("A report analyses each attainment appendix's years, and its published block's") {
  Review review;
  review.attainment = ReferenceAttainment();
  ReportDefinition report = MakeReport("cssc-2011-06", Day(2011, 5, 31));
  report.appendices.push_back(AttainmentAppendix(2009, 2010));
  review.reports.push_back(report);

  ReportDefinition published = MakeReport("other", Day(2011, 5, 31));
  published.published = clerk::PublishedAttainment{};
  published.published->from_year = {2009, {}};
  published.published->to_year = {2010, {}};
  review.reports.push_back(published);

  review.reports.push_back(MakeReport("plain", Day(2011, 5, 31)));

  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(review, diagnostics);
  CHECK(diagnostics.Empty());
  for (const ReportFacts& entry : facts.reports) {
    INFO(entry.report_id);
    REQUIRE(entry.attainment.size() == 1);
    CHECK(entry.narrative_attainment_key == "2009-2010");
    const auto& analysis = entry.attainment.at("2009-2010");
    CHECK(analysis.school_count == 22);
    CHECK(analysis.measures.at(0).headline == Decimal{1240});
    CHECK(analysis.measures.at(1).total_improved == 54);
  }
}

TEST_CASE("Narrative figures use the first attainment appendix, defaults are the latest years") {
  Review review;
  review.attainment = ReferenceAttainment();
  for (clerk::School& school : review.attainment.schools) {
    school.results[2011] = school.results[2010];
    school.cohorts[2011] = school.cohorts[2010];
  }
  ReportDefinition report = MakeReport("r", Day(2011, 9, 30));
  report.appendices.push_back(AttainmentAppendix(2010, 2011, "recent"));
  report.appendices.push_back(AttainmentAppendix(2009, 2010, "older"));
  report.appendices.push_back(AttainmentAppendix(std::nullopt, std::nullopt, "latest"));
  report.appendices.push_back(AttainmentAppendix(std::nullopt, 2010, "to-2010"));
  review.reports.push_back(report);

  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(review, diagnostics);
  CHECK(diagnostics.Empty());
  const ReportFacts& entry = facts.reports.at(0);
  CHECK(entry.attainment.size() == 2);
  CHECK(entry.narrative_attainment_key == "2010-2011");
  CHECK(entry.attainment.at("2010-2011").measures.at(0).headline == Decimal{0});
  CHECK(entry.attainment.at("2009-2010").measures.at(0).headline == Decimal{1240});
}

TEST_CASE("Each analysis is diagnosed once, however many reports use it") {
  Review review;
  review.attainment = ReferenceAttainment();
  review.attainment.schools[0].cohorts.clear();
  for (const char* id : {"a", "b", "c"}) {
    ReportDefinition report = MakeReport(id, Day(2011, 5, 31));
    report.appendices.push_back(AttainmentAppendix(2009, 2010));
    review.reports.push_back(report);
  }
  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(review, diagnostics);
  CHECK(diagnostics.ErrorCount() == 1);
  CHECK(facts.reports.at(2).attainment.at("2009-2010").school_count == 21);
}

TEST_CASE("Attainment a report needs but the review lacks is an error, not a crash") {
  Review review;
  ReportDefinition report = MakeReport("r", Day(2011, 5, 31));
  report.appendices.push_back(AttainmentAppendix(2009, 2010));
  review.reports.push_back(report);
  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(review, diagnostics);
  CHECK(facts.reports.at(0).attainment.empty());
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].message ==
        "the report needs the 2009-2010 attainment figures, but the review has no attainment.yaml");
  CHECK(diagnostics.Items()[0].where.line == 20);

  // Years that cannot be told: no `to`, and no results to default from.
  Review empty;
  empty.attainment.present = true;
  ReportDefinition vague = MakeReport("v", Day(2011, 5, 31));
  vague.appendices.push_back(AttainmentAppendix(std::nullopt, std::nullopt, "figures"));
  empty.reports.push_back(vague);
  Diagnostics more;
  ComputeFacts(empty, more);
  REQUIRE(more.Items().size() == 1);
  CHECK(more.Items()[0].message ==
        "cannot tell which years the attainment appendix 'figures' compares");
}
