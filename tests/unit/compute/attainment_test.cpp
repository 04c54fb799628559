#include <catch2/catch.hpp>

#include "compute/facts.h"
#include "review_builder.h"

using clerk::Decimal;
using clerk::Diagnostics;
using clerk::Severity;
using clerk::compute::AttainmentFacts;
using clerk::compute::ComputeAttainment;
using clerk::compute::MeasureFacts;
using namespace clerk::compute::testing;

namespace {

// The paper's printed "improved pupils" columns, in the schools' order. The Level 5 column
// prints 7 for Tollgate (its change printed as +7); from the percentages it is 8.
const std::vector<int> kImprovedL4 = {4, 12, 6,  -1, 7, 5,  5, 1,  6,  5, 1,
                                      0, -1, 12, 9,  9, 12, 4, -4, 16, 1, 10};
const std::vector<int> kImprovedL5 = {-1, 7, 3, -1, 5, -1, 1, 4, 4, 1,  0,
                                      -2, 4, 6, 1,  2, -2, 1, 1, 8, -1, 14};

std::int64_t SumOfChangeTimesCohort(const MeasureFacts& measure) {
  std::int64_t sum = 0;
  for (const auto& row : measure.schools) sum += row.change.hundredths * row.cohort;
  return sum;
}

}  // namespace

TEST_CASE("The reference paper's attainment figures are reproduced exactly") {
  Diagnostics diagnostics;
  AttainmentFacts facts = ComputeAttainment(ReferenceAttainment(), 2009, 2010, diagnostics);
  CHECK(diagnostics.Empty());
  CHECK(facts.from_year == 2009);
  CHECK(facts.to_year == 2010);
  CHECK(facts.school_count == 22);
  REQUIRE(facts.measures.size() == 2);
  const MeasureFacts& l4 = facts.measures[0];
  const MeasureFacts& l5 = facts.measures[1];
  CHECK(l4.measure_id == "L4+");
  CHECK(l4.measure_name == "Level 4+");
  CHECK(l5.measure_id == "L5");
  REQUIRE(l4.schools.size() == 22);
  REQUIRE(l5.schools.size() == 22);

  const auto& rows = ReferenceRows();
  for (size_t i = 0; i < rows.size(); ++i) {
    INFO(rows[i].name);
    CHECK(l4.schools[i].school == rows[i].name);
    CHECK(l4.schools[i].earlier == Decimal::FromWhole(rows[i].l4_2009));
    CHECK(l4.schools[i].later == Decimal::FromWhole(rows[i].l4_2010));
    CHECK(l4.schools[i].change == Decimal::FromWhole(rows[i].l4_2010 - rows[i].l4_2009));
    CHECK(l4.schools[i].cohort == rows[i].cohort_2010);
    CHECK(l4.schools[i].improved == kImprovedL4[i]);
    CHECK(l5.schools[i].change == Decimal::FromWhole(rows[i].l5_2010 - rows[i].l5_2009));
    CHECK(l5.schools[i].cohort == rows[i].cohort_2010);
    CHECK(l5.schools[i].improved == kImprovedL5[i]);
    CHECK(l4.schools[i].where.line == 10 + 5 * static_cast<int>(i));
  }

  // Level 4+: the printed 974, 120 and 12.4; sum(change x cohort) = 12033 pupil-points, so
  // 120.33 pupils and 12033 / 974 = 12.354%. The rounded school figures add to 119.
  CHECK(SumOfChangeTimesCohort(l4) == 12033 * 100);
  CHECK(l4.total_cohort == 974);
  CHECK(l4.total_improved == 120);
  CHECK(l4.headline == Decimal{1240});
  std::int64_t rounded_sum = 0;
  for (const auto& row : l4.schools) rounded_sum += row.improved;
  CHECK(rounded_sum == 119);

  // Level 5 from the percentages: Tollgate +8, so 54 pupils and 5428 / 974 = 5.573 -> 5.6
  // (the paper, on +7, printed 53 and 5.5).
  CHECK(l5.schools[19].school == "Tollgate");
  CHECK(l5.schools[19].change == Decimal::FromWhole(8));
  CHECK(SumOfChangeTimesCohort(l5) == 5428 * 100);
  CHECK(l5.total_cohort == 974);
  CHECK(l5.total_improved == 54);
  CHECK(l5.headline == Decimal{560});
}

TEST_CASE("Improved pupils round halves away from zero, in both directions") {
  auto improved = [](std::int64_t earlier, std::int64_t later, int cohort) {
    Diagnostics diagnostics;
    AttainmentFacts facts = ComputeAttainment(
        SmallAttainment({SmallSchool("A", {{2009, {earlier, 1}}, {2010, {later, cohort}}})}), 2009,
        2010, diagnostics);
    REQUIRE(diagnostics.Empty());
    return facts.measures.at(0).schools.at(0).improved;
  };
  CHECK(improved(5000, 7600, 45) == 12);  // Castledown: 26 x 45 / 100 = 11.7
  CHECK(improved(6600, 6400, 36) == -1);  // Denton: -2 x 36 / 100 = -0.72
  CHECK(improved(5000, 5500, 10) == 1);   // 5 x 10 / 100 = 0.5
  CHECK(improved(5500, 5000, 10) == -1);  // -0.5
  CHECK(improved(5000, 5500, 30) == 2);   // 1.5
  CHECK(improved(5500, 5000, 30) == -2);  // -1.5
  CHECK(improved(5000, 5449, 100) == 4);  // 4.49 x 100 / 100 = 4.49
  CHECK(improved(5000, 5450, 100) == 5);  // 4.5 exactly, from hundredths
  CHECK(improved(5450, 5000, 100) == -5);
  CHECK(improved(5000, 5000, 60) == 0);
}

TEST_CASE("Headlines round to one place, halves away from zero") {
  auto headline = [](std::int64_t change_hundredths) {
    Diagnostics diagnostics;
    AttainmentFacts facts = ComputeAttainment(
        SmallAttainment(
            {SmallSchool("A", {{2009, {5000, 1}}, {2010, {5000 + change_hundredths, 7}}})}),
        2009, 2010, diagnostics);
    REQUIRE(diagnostics.Empty());
    return facts.measures.at(0).headline;
  };
  CHECK(headline(1225) == Decimal{1230});
  CHECK(headline(-1225) == Decimal{-1230});
  CHECK(headline(1224) == Decimal{1220});
  CHECK(headline(-1224) == Decimal{-1220});
  CHECK(headline(5) == Decimal{10});
  CHECK(headline(-5) == Decimal{-10});
  CHECK(headline(4) == Decimal{0});
}

TEST_CASE("The headline weights each school's change by its cohort") {
  // (10 x 30 + (-4) x 10) / 40 = 6.5; total improved (300 - 40) / 100 = 2.6 -> 3.
  Diagnostics diagnostics;
  AttainmentFacts facts = ComputeAttainment(
      SmallAttainment({SmallSchool("A", {{2009, {5000, 1}}, {2010, {6000, 30}}}),
                       SmallSchool("B", {{2009, {5000, 1}}, {2010, {4600, 10}}})}),
      2009, 2010, diagnostics);
  CHECK(diagnostics.Empty());
  const MeasureFacts& measure = facts.measures.at(0);
  CHECK(measure.total_cohort == 40);
  CHECK(measure.total_improved == 3);
  CHECK(measure.headline == Decimal{650});
  CHECK(measure.schools.at(0).improved == 3);
  CHECK(measure.schools.at(1).improved == 0);  // -0.4
}

TEST_CASE("Any pair of years and any number of measures can be analysed") {
  clerk::Attainment attainment;
  attainment.present = true;
  attainment.measures = {MakeMeasure("L4+", "Level 4+", 2), MakeMeasure("L5", "Level 5", 4),
                         MakeMeasure("L6", "Level 6", 6)};
  clerk::School school;
  school.name = Text("Rye");
  school.results[2009] = {{"L4+", Percent(5800)}, {"L5", Percent(1100)}, {"L6", Percent(0)}};
  school.results[2010] = {{"L4+", Percent(7700)}, {"L5", Percent(1600)}, {"L6", Percent(200)}};
  school.results[2011] = {{"L4+", Percent(8050)}, {"L5", Percent(2025)}, {"L6", Percent(150)}};
  school.cohorts[2010] = {45, {}};
  school.cohorts[2011] = {40, {}};
  attainment.schools.push_back(school);

  Diagnostics diagnostics;
  AttainmentFacts later = ComputeAttainment(attainment, 2010, 2011, diagnostics);
  CHECK(diagnostics.Empty());
  REQUIRE(later.measures.size() == 3);
  CHECK(later.school_count == 1);
  CHECK(later.measures[0].schools[0].change == Decimal{350});  // 80.5 - 77
  CHECK(later.measures[0].schools[0].cohort == 40);            // the later year's cohort
  CHECK(later.measures[0].total_improved == 1);                // 3.5 x 40 / 100 = 1.4
  CHECK(later.measures[0].headline == Decimal{350});
  CHECK(later.measures[1].schools[0].change == Decimal{425});  // 20.25 - 16
  CHECK(later.measures[1].total_improved == 2);                // 1.7
  CHECK(later.measures[1].headline == Decimal{430});           // 4.25 -> 4.3
  CHECK(later.measures[2].schools[0].change == Decimal{-50});
  CHECK(later.measures[2].total_improved == 0);  // -0.2
  CHECK(later.measures[2].headline == Decimal{-50});

  AttainmentFacts across = ComputeAttainment(attainment, 2009, 2011, diagnostics);
  CHECK(diagnostics.Empty());
  CHECK(across.measures[0].schools[0].change == Decimal{2250});
  CHECK(across.measures[0].schools[0].improved == 9);  // 22.5 x 40 / 100
}

TEST_CASE("A school missing a result or a cohort is left out, with an error") {
  clerk::School no_cohort = SmallSchool("Sidley", {{2009, {4700, 1}}, {2010, {6200, 29}}});
  no_cohort.cohorts.erase(2010);
  clerk::School no_earlier = SmallSchool("Rye", {{2010, {7700, 45}}});
  clerk::School complete = SmallSchool("Denton", {{2009, {6600, 1}}, {2010, {6400, 36}}});
  Diagnostics diagnostics;
  AttainmentFacts facts = ComputeAttainment(SmallAttainment({no_cohort, no_earlier, complete}),
                                            2009, 2010, diagnostics);
  CHECK(facts.school_count == 1);
  REQUIRE(facts.measures.at(0).schools.size() == 1);
  CHECK(facts.measures[0].schools[0].school == "Denton");
  CHECK(facts.measures[0].total_cohort == 36);
  REQUIRE(diagnostics.ErrorCount() == 2);
  const auto& items = diagnostics.Items();
  CHECK(items[0].message ==
        "Sidley has no 2010 cohort, so it is left out of the 2009-2010 attainment analysis");
  CHECK(items[0].where.file == "attainment.yaml");
  CHECK(items[0].where.line == 7);
  CHECK(items[1].message ==
        "Rye has no 2009 result for Measure, so it is left out of the 2009-2010 attainment "
        "analysis");
  CHECK(items[1].hint == "add the missing figures to the school's record");
}

TEST_CASE("A school missing several figures gets one error naming them all") {
  clerk::Attainment attainment = ReferenceAttainment();
  attainment.schools[19].results[2009].erase("L5");
  attainment.schools[19].results[2009].erase("L4+");
  attainment.schools[19].cohorts.clear();
  Diagnostics diagnostics;
  AttainmentFacts facts = ComputeAttainment(attainment, 2009, 2010, diagnostics);
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].message ==
        "Tollgate has no 2009 result for Level 4+ and Level 5 and no 2010 cohort, so it is left "
        "out of the 2009-2010 attainment analysis");
  CHECK(facts.school_count == 21);
  CHECK(facts.measures[0].total_cohort == 874);
}

TEST_CASE("A total cohort of 0 gives a headline of 0 and an error, never a division by zero") {
  Diagnostics diagnostics;
  AttainmentFacts facts =
      ComputeAttainment(SmallAttainment({SmallSchool("A", {{2009, {5000, 0}}, {2010, {6000, 0}}})}),
                        2009, 2010, diagnostics);
  const MeasureFacts& measure = facts.measures.at(0);
  CHECK(measure.total_cohort == 0);
  CHECK(measure.total_improved == 0);
  CHECK(measure.headline == Decimal{0});
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].severity == Severity::kError);
  CHECK(diagnostics.Items()[0].message ==
        "the 2009-2010 headline for Measure cannot be computed: the schools' total 2010 cohort "
        "is 0, so it is shown as 0");
  CHECK(diagnostics.Items()[0].where.line == 2);
}

TEST_CASE("No schools at all is a total cohort of 0, every school left out is one error each") {
  Diagnostics empty_diagnostics;
  AttainmentFacts empty = ComputeAttainment(SmallAttainment({}), 2009, 2010, empty_diagnostics);
  CHECK(empty.school_count == 0);
  CHECK(empty.measures.at(0).headline == Decimal{0});
  CHECK(empty_diagnostics.ErrorCount() == 1);

  Diagnostics diagnostics;
  AttainmentFacts none = ComputeAttainment(SmallAttainment({SmallSchool("A", {{2010, {5000, 3}}}),
                                                            SmallSchool("B", {{2010, {5000, 3}}})}),
                                           2009, 2010, diagnostics);
  CHECK(none.school_count == 0);
  CHECK(none.measures.at(0).schools.empty());
  CHECK(diagnostics.ErrorCount() == 2);  // one per school, no extra one for the headline
}

TEST_CASE("One school is an analysis like any other") {
  Diagnostics diagnostics;
  AttainmentFacts facts = ComputeAttainment(
      SmallAttainment({SmallSchool("Tollgate", {{2009, {2500, 90}}, {2010, {3300, 100}}})}), 2009,
      2010, diagnostics);
  CHECK(diagnostics.Empty());
  CHECK(facts.school_count == 1);
  CHECK(facts.measures[0].total_cohort == 100);
  CHECK(facts.measures[0].total_improved == 8);
  CHECK(facts.measures[0].headline == Decimal{800});
}
