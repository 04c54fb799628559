#include <catch2/catch.hpp>

#include "compute/facts.h"

using clerk::compute::ActionFacts;
using clerk::compute::ActionStatus;
using clerk::compute::ProgressSummary;
using clerk::compute::RecommendationFacts;
using clerk::compute::ReportFacts;
using clerk::compute::SummariseProgress;

namespace {

ActionFacts Action(const std::string& id, ActionStatus status) {
  ActionFacts action;
  action.id = id;
  action.status = status;
  return action;
}

/// A report whose recommendations hold actions of the given statuses; counts as compute makes
/// them.
ReportFacts Report(const std::vector<std::vector<ActionStatus>>& recommendations) {
  ReportFacts report;
  for (size_t r = 0; r < recommendations.size(); ++r) {
    RecommendationFacts recommendation;
    recommendation.id = std::to_string(r + 1);
    for (size_t a = 0; a < recommendations[r].size(); ++a) {
      ActionStatus status = recommendations[r][a];
      recommendation.actions.push_back(
          Action(recommendation.id + "." + std::to_string(a + 1), status));
      ++recommendation.status_counts[status];
      ++report.status_counts[status];
    }
    report.recommendations.push_back(recommendation);
  }
  return report;
}

std::vector<int> Counts(const ProgressSummary& summary, size_t row) {
  const auto& line = row < summary.rows.size() ? summary.rows[row] : summary.total;
  std::vector<int> counts;
  for (ActionStatus status : summary.columns) counts.push_back(line.counts.at(status));
  counts.push_back(line.total);
  return counts;
}

}  // namespace

TEST_CASE("The progress summary counts actions by recommendation and status") {
  using S = ActionStatus;
  ReportFacts report = Report({{S::kComplete, S::kOverdue, S::kRescheduled, S::kOverdue},
                               {S::kOnTrack, S::kOngoing, S::kWithdrawn},
                               {}});
  ProgressSummary summary = SummariseProgress(report);
  CHECK(summary.columns == std::vector<S>{S::kComplete, S::kOnTrack, S::kOngoing, S::kRescheduled,
                                          S::kOverdue, S::kWithdrawn});
  REQUIRE(summary.rows.size() == 3);
  CHECK(summary.rows[0].recommendation == "1");
  CHECK(Counts(summary, 0) == std::vector<int>{1, 0, 0, 1, 2, 0, 4});
  CHECK(Counts(summary, 1) == std::vector<int>{0, 1, 1, 0, 0, 1, 3});
  CHECK(Counts(summary, 2) == std::vector<int>{0, 0, 0, 0, 0, 0, 0});
  CHECK(summary.total.recommendation == "Total");
  CHECK(Counts(summary, 3) == std::vector<int>{1, 1, 1, 1, 2, 1, 7});
  CHECK(summary.overdue == std::vector<std::string>{"1.2", "1.4"});
  CHECK(summary.rescheduled == std::vector<std::string>{"1.3"});
}

TEST_CASE("Due and unknown get columns only when some action has them, so rows add up") {
  using S = ActionStatus;
  ReportFacts report = Report({{S::kDue, S::kUnknown, S::kOverdue}, {S::kDue}});
  ProgressSummary summary = SummariseProgress(report);
  CHECK(summary.columns == std::vector<S>{S::kComplete, S::kOnTrack, S::kOngoing, S::kRescheduled,
                                          S::kDue, S::kOverdue, S::kWithdrawn, S::kUnknown});
  CHECK(Counts(summary, 0) == std::vector<int>{0, 0, 0, 0, 1, 1, 0, 1, 3});
  CHECK(Counts(summary, 2) == std::vector<int>{0, 0, 0, 0, 2, 1, 0, 1, 4});
  for (const auto& row : summary.rows) {
    int sum = 0;
    for (const auto& [status, count] : row.counts) sum += count;
    CHECK(sum == row.total);
  }
}

TEST_CASE("The summary can be limited to the recommendations an action plan shows") {
  using S = ActionStatus;
  ReportFacts report = Report({{S::kOverdue}, {S::kComplete, S::kRescheduled}, {S::kOverdue}});
  ProgressSummary summary = SummariseProgress(report, {"2", "3"});
  REQUIRE(summary.rows.size() == 2);
  CHECK(summary.rows[0].recommendation == "2");
  CHECK(summary.total.total == 3);
  CHECK(summary.overdue == std::vector<std::string>{"3.1"});
  CHECK(summary.rescheduled == std::vector<std::string>{"2.2"});
}
