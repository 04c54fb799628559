#include <string>
#include <vector>

#include "compute/facts.h"
#include "compute/text_format.h"

// The attainment analysis between two years: per school and measure the change and the improved
// pupils; per measure the totals and the cohort-weighted headline. Every figure is computed from
// integers (percentages held as hundredths), so the paper's rounding is reproduced exactly.
namespace clerk::compute {

namespace {

// change (hundredths of a point) x cohort is in 1/10000 of a pupil.
constexpr std::int64_t kPupilScale = 10000;

// What a school lacks for the analysis: empty when it has everything.
std::vector<std::string> MissingData(const School& school, const std::vector<Measure>& measures,
                                     int from_year, int to_year) {
  std::vector<std::string> missing;
  for (int year : {from_year, to_year}) {
    auto results = school.results.find(year);
    std::vector<std::string> names;
    for (const Measure& measure : measures) {
      if (results == school.results.end() || !results->second.count(measure.id.value)) {
        names.push_back(measure.name.value);
      }
    }
    if (!names.empty()) {
      missing.push_back("no " + std::to_string(year) + " result for " + JoinWords(names));
    }
  }
  auto cohort = school.cohorts.find(to_year);
  if (cohort == school.cohorts.end()) {
    missing.push_back("no " + std::to_string(to_year) + " cohort");
  } else if (cohort->second.value < 0) {
    missing.push_back("a negative " + std::to_string(to_year) + " cohort (" +
                      std::to_string(cohort->second.value) + ")");
  }
  return missing;
}

SchoolMeasureFacts SchoolFigures(const School& school, const Measure& measure, int from_year,
                                 int to_year) {
  SchoolMeasureFacts facts;
  facts.school = school.name.value;
  facts.earlier = school.results.at(from_year).at(measure.id.value).value;
  facts.later = school.results.at(to_year).at(measure.id.value).value;
  facts.change = facts.later - facts.earlier;
  facts.cohort = school.cohorts.at(to_year).value;
  facts.improved = DivideRoundHalfAway(facts.change.hundredths * facts.cohort, kPupilScale);
  facts.where = school.where;
  return facts;
}

}  // namespace

AttainmentFacts ComputeAttainment(const Attainment& attainment, int from_year, int to_year,
                                  Diagnostics& diagnostics) {
  AttainmentFacts facts;
  facts.from_year = from_year;
  facts.to_year = to_year;
  std::string analysis = AttainmentKey(from_year, to_year);

  std::vector<const School*> included;
  for (const School& school : attainment.schools) {
    std::vector<std::string> missing = MissingData(school, attainment.measures, from_year, to_year);
    if (missing.empty()) {
      included.push_back(&school);
      continue;
    }
    diagnostics.Error(school.where,
                      school.name.value + " has " + JoinWords(missing) +
                          ", so it is left out of the " + analysis + " attainment analysis",
                      "add the missing figures to the school's record");
  }
  facts.school_count = static_cast<int>(included.size());
  bool every_school_left_out = included.empty() && !attainment.schools.empty();

  for (const Measure& measure : attainment.measures) {
    MeasureFacts totals;
    totals.measure_id = measure.id.value;
    totals.measure_name = measure.name.value;
    std::int64_t weighted_change = 0;  // sum of change x cohort, in 1/10000 of a pupil
    std::int64_t total_cohort = 0;
    for (const School* school : included) {
      SchoolMeasureFacts row = SchoolFigures(*school, measure, from_year, to_year);
      weighted_change += row.change.hundredths * row.cohort;
      total_cohort += row.cohort;
      totals.schools.push_back(std::move(row));
    }
    totals.total_cohort = static_cast<int>(total_cohort);
    totals.total_improved = DivideRoundHalfAway(weighted_change, kPupilScale);
    if (total_cohort > 0) {
      // The headline in tenths of a point: (sum / 10000 pupils) / cohort x 100 x 10.
      std::int64_t tenths = DivideRoundHalfAway(weighted_change * 10, total_cohort * 100);
      totals.headline = Decimal{tenths * 10};
    } else if (!every_school_left_out) {
      diagnostics.Error(measure.id.where,
                        "the " + analysis + " headline for " + measure.name.value +
                            " cannot be computed: the schools' total " + std::to_string(to_year) +
                            " cohort is 0, so it is shown as 0",
                        "give each school its " + std::to_string(to_year) + " cohort");
    }
    facts.measures.push_back(std::move(totals));
  }
  return facts;
}

}  // namespace clerk::compute
