#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "compute/facts.h"

// Review -> ReviewFacts: every report's action statuses and attainment analyses as of its date.
namespace clerk::compute {

namespace {

std::map<ActionStatus, int> ZeroCounts() {
  std::map<ActionStatus, int> counts;
  for (ActionStatus status : AllActionStatuses()) counts[status] = 0;
  return counts;
}

std::set<int> YearsWithResults(const Attainment& attainment) {
  std::set<int> years;
  for (const School& school : attainment.schools) {
    for (const auto& [year, results] : school.results) years.insert(year);
  }
  return years;
}

// The latest year in `years` before `year`, if any.
std::optional<int> YearBefore(const std::set<int>& years, int year) {
  auto it = years.lower_bound(year);
  if (it == years.begin()) return std::nullopt;
  return *std::prev(it);
}

// The years an attainment appendix compares: as given, else the latest year with results and
// the one before it.
std::optional<std::pair<int, int>> AppendixYears(const Appendix& appendix,
                                                 const std::set<int>& years) {
  std::optional<int> to;
  if (appendix.to_year) {
    to = appendix.to_year->value;
  } else if (!years.empty()) {
    to = *years.rbegin();
  }
  if (!to) return std::nullopt;
  std::optional<int> from =
      appendix.from_year ? std::optional<int>(appendix.from_year->value) : YearBefore(years, *to);
  if (!from) return std::nullopt;
  return std::make_pair(*from, *to);
}

class FactsBuilder {
 public:
  FactsBuilder(const Review& review, Diagnostics& diagnostics)
      : review_(review), diagnostics_(diagnostics), years_(YearsWithResults(review.attainment)) {
    for (const TimescaleRecord& record : review.timescales) {
      timescales_.emplace(record.action.value, &record);  // the first record wins
    }
    for (const Action& action : review.actions) {
      actions_by_recommendation_[action.recommendation.value].push_back(&action);
    }
  }

  ReportFacts Report(const ReportDefinition& report) {
    ReportFacts facts;
    facts.report_id = report.id.value;
    facts.as_of = report.as_of.value;
    if (report.previous) {
      for (const ReportDefinition& other : review_.reports) {
        if (other.id.value == report.previous->value) facts.previous_as_of = other.as_of.value;
      }
    }
    AddActions(facts);
    AddAttainment(report, facts);
    return facts;
  }

 private:
  void AddActions(ReportFacts& facts) {
    facts.status_counts = ZeroCounts();
    for (const Recommendation& recommendation : review_.recommendations) {
      RecommendationFacts entry;
      entry.id = recommendation.id.value;
      entry.text = recommendation.text.value;
      for (const RecommendationPart& part : recommendation.parts) {
        entry.parts.emplace_back(part.id.value, part.text.value);
      }
      entry.status_counts = ZeroCounts();
      auto actions = actions_by_recommendation_.find(recommendation.id.value);
      if (actions == actions_by_recommendation_.end()) {
        facts.recommendations.push_back(std::move(entry));
        continue;
      }
      for (const Action* action_pointer : actions->second) {
        const Action& action = *action_pointer;
        auto record = timescales_.find(action.id.value);
        const TimescaleRecord* timescale = record == timescales_.end() ? nullptr : record->second;
        entry.actions.push_back(
            ComputeActionFacts(action, timescale, facts.as_of, facts.previous_as_of));
        ++entry.status_counts[entry.actions.back().status];
        ++facts.status_counts[entry.actions.back().status];
      }
      facts.recommendations.push_back(std::move(entry));
    }
  }

  void AddAttainment(const ReportDefinition& report, ReportFacts& facts) {
    bool has_appendix = false;
    for (const Appendix& appendix : report.appendices) {
      if (appendix.kind != AppendixKind::kAttainment) continue;
      std::optional<std::pair<int, int>> years = AppendixYears(appendix, years_);
      if (!years) {
        diagnostics_.Error(
            appendix.where,
            "cannot tell which years the attainment appendix '" + appendix.key.value + "' compares",
            "give the appendix `from` and `to` years");
        continue;
      }
      std::string key = Analyse(years->first, years->second, appendix.where, facts);
      if (!has_appendix && !key.empty()) facts.narrative_attainment_key = key;
      has_appendix = has_appendix || !key.empty();
    }
    if (report.published) {
      Analyse(report.published->from_year.value, report.published->to_year.value,
              report.published->where, facts);
    }
    if (facts.attainment.empty() && review_.attainment.present && years_.size() >= 2) {
      int to = *years_.rbegin();
      Analyse(*YearBefore(years_, to), to, report.where, facts);
    }
    if (facts.narrative_attainment_key.empty() && !facts.attainment.empty()) {
      facts.narrative_attainment_key = facts.attainment.begin()->first;
    }
  }

  // Adds the analysis between two years to `facts`, computing it once per review; returns its
  // key, or "" when the review has no attainment data.
  std::string Analyse(int from_year, int to_year, const SourceLocation& wanted_by,
                      ReportFacts& facts) {
    if (!review_.attainment.present) {
      diagnostics_.Error(wanted_by,
                         "the report needs the " + AttainmentKey(from_year, to_year) +
                             " attainment figures, but the review has no attainment.yaml",
                         "add attainment.yaml to the review folder");
      return "";
    }
    std::string key = AttainmentKey(from_year, to_year);
    auto cached = analyses_.find(key);
    if (cached == analyses_.end()) {
      cached =
          analyses_
              .emplace(key, ComputeAttainment(review_.attainment, from_year, to_year, diagnostics_))
              .first;
    }
    facts.attainment.emplace(key, cached->second);
    return key;
  }

  const Review& review_;
  Diagnostics& diagnostics_;
  std::set<int> years_;
  std::map<std::string, const TimescaleRecord*> timescales_;
  /// Each recommendation's actions, in file order (looked up, not searched for among them all).
  std::map<std::string, std::vector<const Action*>> actions_by_recommendation_;
  std::map<std::string, AttainmentFacts> analyses_;  // by key, so each is diagnosed once
};

}  // namespace

std::string AttainmentKey(int from_year, int to_year) {
  return std::to_string(from_year) + "-" + std::to_string(to_year);
}

const ReportFacts* ReviewFacts::Find(const std::string& report_id) const {
  for (const ReportFacts& report : reports) {
    if (report.report_id == report_id) return &report;
  }
  return nullptr;
}

ReviewFacts ComputeFacts(const Review& review, Diagnostics& diagnostics) {
  ReviewFacts facts;
  FactsBuilder builder(review, diagnostics);
  for (const ReportDefinition& report : review.reports) {
    facts.reports.push_back(builder.Report(report));
  }
  return facts;
}

}  // namespace clerk::compute
