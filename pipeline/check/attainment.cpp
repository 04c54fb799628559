#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "check/checks.h"

// Every school has what the reports' attainment comparisons need: results for both years in every
// measure, and a cohort for the later year. (Published figures naming a school the data does not
// have are the audit's business: a warning, since they record what a paper printed.)
namespace clerk::check {

namespace {

using Years = std::pair<int, int>;  // (from, to)

// The latest of `years` before `year`.
std::optional<int> LatestBefore(const std::set<int>& years, int year) {
  auto it = years.lower_bound(year);
  if (it == years.begin()) return std::nullopt;
  return *std::prev(it);
}

// Each comparison the reports make, with the first report that makes it. A report with neither
// an attainment appendix nor published figures compares the latest two years with results (as
// compute does for its narrative figures).
std::map<Years, std::string> Comparisons(const Review& review) {
  std::set<int> years;
  for (const School& school : review.attainment.schools) {
    for (const auto& [year, results] : school.results) years.insert(year);
  }
  std::map<Years, std::string> comparisons;
  for (const ReportDefinition& report : review.reports) {
    bool compares = false;
    for (const Appendix& appendix : report.appendices) {
      if (appendix.kind != AppendixKind::kAttainment) continue;
      compares = true;
      // As compute reads them: without `to`, the latest year with results; without `from`, the
      // latest year with results before `to`.
      std::optional<int> to = appendix.to_year ? std::optional<int>(appendix.to_year->value)
                                               : LatestBefore(years, 10000);
      std::optional<int> from;
      if (appendix.from_year) {
        from = appendix.from_year->value;
      } else if (to) {
        from = LatestBefore(years, *to);
      }
      if (!from || !to) continue;  // compute says it cannot tell which years
      comparisons.emplace(Years{*from, *to}, "report " + report.id.value + " compares");
    }
    if (report.published) {
      comparisons.emplace(Years{report.published->from_year.value, report.published->to_year.value},
                          "report " + report.id.value + " compares");
      compares = true;
    }
    if (!compares && years.size() >= 2) {
      int to = *years.rbegin();
      int from = *std::next(years.rbegin());
      comparisons.emplace(Years{from, to},
                          "report " + report.id.value + " compares the latest two years,");
    }
  }
  return comparisons;
}

// What `school` lacks to compare `years`: "no 2009 results", "no 2010 cohort", ...
std::vector<std::string> Missing(const School& school, const std::vector<Measure>& measures,
                                 const Years& years) {
  std::vector<std::string> missing;
  for (int year : {years.first, years.second}) {
    auto results = school.results.find(year);
    std::vector<std::string> names;
    for (const Measure& measure : measures) {
      if (measure.id.value.empty()) continue;
      if (results == school.results.end() || !results->second.count(measure.id.value)) {
        names.push_back(measure.name.value.empty() ? measure.id.value : measure.name.value);
      }
    }
    if (names.empty()) continue;
    if (results == school.results.end()) {
      missing.push_back("no " + std::to_string(year) + " results");
    } else {
      missing.push_back("no " + std::to_string(year) + " result for " + JoinWords(names));
    }
  }
  if (!school.cohorts.count(years.second)) {
    missing.push_back("no " + std::to_string(years.second) + " cohort");
  }
  return missing;
}

}  // namespace

void CheckAttainment(const Review& review, const load::LoadGaps& gaps, Diagnostics& diagnostics) {
  const std::vector<std::string>& unread = gaps.schools_with_bad_values;
  if (!review.attainment.present) return;
  for (const auto& [years, reason] : Comparisons(review)) {
    for (const School& school : review.attainment.schools) {
      if (std::find(unread.begin(), unread.end(), school.name.value) != unread.end()) continue;
      std::vector<std::string> missing = Missing(school, review.attainment.measures, years);
      if (missing.empty()) continue;
      std::string name =
          school.name.value.empty() ? "a school" : "school '" + school.name.value + "'";
      diagnostics.Error(school.where,
                        name + " has " + JoinWords(missing) + ": " + reason + " " +
                            std::to_string(years.first) + " with " + std::to_string(years.second),
                        "add the missing figures to the school's record in attainment.yaml");
    }
  }
}

}  // namespace clerk::check
