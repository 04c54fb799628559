#include <algorithm>

#include "compute/facts.h"

namespace clerk::compute {

ProgressSummary SummariseProgress(const ReportFacts& report, const std::vector<std::string>& only) {
  ProgressSummary summary;
  summary.columns = {ActionStatus::kComplete,    ActionStatus::kOnTrack, ActionStatus::kOngoing,
                     ActionStatus::kRescheduled, ActionStatus::kOverdue, ActionStatus::kWithdrawn};
  for (ActionStatus optional : {ActionStatus::kDue, ActionStatus::kUnknown}) {
    auto found = report.status_counts.find(optional);
    if (found != report.status_counts.end() && found->second > 0) {
      // "due" reads best before "overdue"; "unknown" last.
      auto at =
          optional == ActionStatus::kDue
              ? std::find(summary.columns.begin(), summary.columns.end(), ActionStatus::kOverdue)
              : summary.columns.end();
      summary.columns.insert(at, optional);
    }
  }
  summary.total.recommendation = "Total";
  for (ActionStatus status : summary.columns) summary.total.counts[status] = 0;
  for (const RecommendationFacts& recommendation : report.recommendations) {
    if (!only.empty() && std::find(only.begin(), only.end(), recommendation.id) == only.end()) {
      continue;
    }
    ProgressRow row;
    row.recommendation = recommendation.id;
    for (ActionStatus status : summary.columns) row.counts[status] = 0;
    for (const ActionFacts& action : recommendation.actions) {
      ++row.counts[action.status];
      ++row.total;
      ++summary.total.counts[action.status];
      ++summary.total.total;
      if (action.status == ActionStatus::kOverdue) summary.overdue.push_back(action.id);
      if (action.status == ActionStatus::kRescheduled) summary.rescheduled.push_back(action.id);
    }
    summary.rows.push_back(std::move(row));
  }
  return summary;
}

}  // namespace clerk::compute
