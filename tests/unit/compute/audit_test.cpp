#include <catch2/catch.hpp>

#include "compute/facts.h"
#include "review_builder.h"

using clerk::Decimal;
using clerk::Diagnostic;
using clerk::Diagnostics;
using clerk::Located;
using clerk::PublishedAttainment;
using clerk::PublishedMeasure;
using clerk::PublishedRow;
using clerk::ReportDefinition;
using clerk::Review;
using clerk::Severity;
using clerk::compute::AuditPublished;
using clerk::compute::ComputeFacts;
using clerk::compute::ReviewFacts;
using namespace clerk::compute::testing;

namespace {

const std::string kFile = "reports/cssc-2011-06.yaml";

Located<int> Whole(int value, int line, int column) {
  return Located<int>{value, At(kFile, line, column)};
}
Located<Decimal> Points(std::int64_t whole, int line, int column) {
  return Located<Decimal>{Decimal::FromWhole(whole), At(kFile, line, column)};
}

// What Appendix 2 printed, as reports/cssc-2011-06.yaml records it: the first table (Tollgate
// L5 +8), the Level 4 table and the Level 5 table (Tollgate +7, improved 7; totals 53 and 5.5).
// The Level 4 rows are on lines 160..181, the Level 5 rows on 190..211.
PublishedAttainment ReferencePublished() {
  static const int kImprovedL4[] = {4, 12, 6,  -1, 7, 5,  5, 1,  6,  5, 1,
                                    0, -1, 12, 9,  9, 12, 4, -4, 16, 1, 10};
  static const int kImprovedL5[] = {-1, 7, 3, -1, 5, -1, 1, 4, 4, 1,  0,
                                    -2, 4, 6, 1,  2, -2, 1, 1, 7, -1, 14};
  PublishedAttainment published;
  published.from_year = Whole(2009, 127, 11);
  published.to_year = Whole(2010, 128, 9);
  published.where = At(kFile, 126, 3);
  PublishedMeasure l4{Text("L4+", At(kFile, 158, 7)), {}, {}, {}, {}};
  PublishedMeasure l5{Text("L5", At(kFile, 188, 7)), {}, {}, {}, {}};
  const auto& rows = ReferenceRows();
  for (size_t i = 0; i < rows.size(); ++i) {
    int line = 132 + static_cast<int>(i);
    clerk::PublishedChange change;
    change.school = Text(rows[i].name, At(kFile, line, 17));
    change.by_measure["L4+"] = Points(rows[i].l4_2010 - rows[i].l4_2009, line, 40);
    change.by_measure["L5"] = Points(rows[i].l5_2010 - rows[i].l5_2009, line, 48);
    published.changes.push_back(change);

    int l4_line = 160 + static_cast<int>(i);
    l4.rows.push_back({Text(rows[i].name, At(kFile, l4_line, 23)),
                       Points(rows[i].l4_2010 - rows[i].l4_2009, l4_line, 47),
                       Whole(rows[i].cohort_2010, l4_line, 58),
                       Whole(kImprovedL4[i], l4_line, 72)});
    int l5_line = 190 + static_cast<int>(i);
    bool tollgate = rows[i].name == "Tollgate";
    l5.rows.push_back({Text(rows[i].name, At(kFile, l5_line, 23)),
                       Points(tollgate ? 7 : rows[i].l5_2010 - rows[i].l5_2009, l5_line, 47),
                       Whole(rows[i].cohort_2010, l5_line, 58),
                       Whole(kImprovedL5[i], l5_line, 72)});
  }
  l4.total_cohort = Whole(974, 182, 23);
  l4.total_improved = Whole(120, 183, 25);
  l4.headline = Located<Decimal>{Decimal{1240}, At(kFile, 184, 19)};
  l5.total_cohort = Whole(974, 212, 23);
  l5.total_improved = Whole(53, 213, 25);
  l5.headline = Located<Decimal>{Decimal{550}, At(kFile, 214, 19)};
  published.measures = {l4, l5};
  return published;
}

Review ReferenceReview(PublishedAttainment published) {
  Review review;
  review.attainment = ReferenceAttainment();
  ReportDefinition report = MakeReport("cssc-2011-06", Day(2011, 5, 31));
  report.appendices.push_back(AttainmentAppendix(2009, 2010));
  report.published = std::move(published);
  review.reports.push_back(report);
  return review;
}

std::vector<Diagnostic> Audit(const Review& review) {
  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(review, diagnostics);
  REQUIRE(diagnostics.Empty());
  AuditPublished(review, facts, diagnostics);
  for (const Diagnostic& diagnostic : diagnostics.Items()) {
    CHECK(diagnostic.severity == Severity::kWarning);
  }
  return diagnostics.Items();
}

const char* const kTollgateRow =
    "the rows that differ: Tollgate change 7, computed 8 from 25% in 2009 and 33% in 2010";

}  // namespace

TEST_CASE("The audit finds the reference paper's one slip: Tollgate in the Level 5 table") {
  std::vector<Diagnostic> warnings = Audit(ReferenceReview(ReferencePublished()));
  REQUIRE(warnings.size() == 4);

  CHECK(warnings[0].message ==
        "published Level 5 change for Tollgate 7 differs from the computed 8 (25% in 2009 and 33% "
        "in 2010)");
  CHECK(warnings[0].where.file == kFile);
  CHECK(warnings[0].where.line == 209);
  CHECK(warnings[0].where.column == 47);

  CHECK(warnings[1].message ==
        "published Level 5 improved pupils for Tollgate 7 differs from the computed 8 (change 8 x "
        "cohort 100 / 100 = 8)");
  CHECK(warnings[1].hint == "7 is what the published change 7 gives");
  CHECK(warnings[1].where.line == 209);
  CHECK(warnings[1].where.column == 72);

  CHECK(warnings[2].message ==
        std::string("published Level 5 total improved pupils 53 differs from the computed 54 (sum "
                    "of change x cohort / 100 over 22 schools; ") +
            kTollgateRow + ")");
  CHECK(warnings[2].where.line == 213);

  CHECK(warnings[3].message ==
        std::string("published Level 5 headline 5.5 differs from the computed 5.6 (sum of change x "
                    "cohort / sum of cohort over 22 schools; ") +
            kTollgateRow + ")");
  CHECK(warnings[3].where.line == 214);
}

TEST_CASE("Figures that agree with the computed ones pass without a word") {
  PublishedAttainment published = ReferencePublished();
  published.measures[1].rows[19].change->value = Decimal::FromWhole(8);
  published.measures[1].rows[19].improved->value = 8;
  published.measures[1].total_improved->value = 54;
  published.measures[1].headline->value = Decimal{560};
  CHECK(Audit(ReferenceReview(published)).empty());
}

TEST_CASE("The first table's changes are audited against the percentages") {
  PublishedAttainment published = ReferencePublished();
  published.changes[1].by_measure["L4+"].value = Decimal::FromWhole(25);  // Castledown
  std::vector<Diagnostic> warnings = Audit(ReferenceReview(published));
  REQUIRE(warnings.size() == 5);
  CHECK(warnings[0].message ==
        "published Level 4+ change for Castledown 25 differs from the computed 26 (50% in 2009 and "
        "76% in 2010)");
  CHECK(warnings[0].where.line == 133);
  CHECK(warnings[0].where.column == 40);
}

TEST_CASE("Improved pupils show the exact working and the rounding") {
  PublishedAttainment published = ReferencePublished();
  published.measures[0].rows[1].improved->value = 11;  // Castledown: 11.7 -> 12
  published.measures[0].rows[3].improved->value = 0;   // Denton: -0.72 -> -1
  std::vector<Diagnostic> warnings = Audit(ReferenceReview(published));
  REQUIRE(warnings.size() == 6);
  CHECK(warnings[0].message ==
        "published Level 4+ improved pupils for Castledown 11 differs from the computed 12 (change "
        "26 x cohort 45 / 100 = 11.7, rounded half away from zero)");
  CHECK(warnings[0].hint.empty());
  CHECK(warnings[1].message ==
        "published Level 4+ improved pupils for Denton 0 differs from the computed -1 (change -2 x "
        "cohort 36 / 100 = -0.72, rounded half away from zero)");
}

TEST_CASE("Cohorts and the total cohort are audited, naming the rows that differ") {
  PublishedAttainment published = ReferencePublished();
  published.measures[0].rows[0].cohort->value = 59;  // All Saints Jnr
  published.measures[0].total_cohort->value = 973;
  std::vector<Diagnostic> warnings = Audit(ReferenceReview(published));
  REQUIRE(warnings.size() == 6);
  CHECK(warnings[0].message ==
        "published Level 4+ cohort for All Saints Jnr 59 differs from the computed 60 (the "
        "school's 2010 cohort)");
  CHECK(warnings[1].message ==
        "published Level 4+ total cohort 973 differs from the computed 974 (sum of the 2010 "
        "cohorts over 22 schools; the rows that differ: All Saints Jnr cohort 59, computed 60)");
  CHECK(warnings[1].where.line == 182);
}

TEST_CASE("A misprinted total whose rows all agree says so") {
  PublishedAttainment published = ReferencePublished();
  published.measures[0].total_improved->value = 121;
  std::vector<Diagnostic> warnings = Audit(ReferenceReview(published));
  REQUIRE(warnings.size() == 5);
  CHECK(warnings[0].message ==
        "published Level 4+ total improved pupils 121 differs from the computed 120 (sum of change "
        "x cohort / 100 over 22 schools; every published row agrees with the computed one)");
}

TEST_CASE("Rows missing from a published table, and rows naming no school, are reported") {
  PublishedAttainment published = ReferencePublished();
  PublishedMeasure& l4 = published.measures[0];
  l4.rows.erase(l4.rows.begin() + 21);                         // Willingdon
  l4.rows[0].school = Text("All Saints", At(kFile, 160, 23));  // not a school of the analysis
  l4.headline->value = Decimal{1100};
  std::vector<Diagnostic> warnings = Audit(ReferenceReview(published));
  REQUIRE(warnings.size() == 6);
  CHECK(warnings[0].message ==
        "published figures for 'All Saints' cannot be audited: it is not one of the 22 schools of "
        "the 2009-2010 attainment analysis");
  CHECK(warnings[0].where.line == 160);
  CHECK(warnings[1].message ==
        "published Level 4+ headline 11 differs from the computed 12.4 (sum of change x cohort / "
        "sum of cohort over 22 schools; not in the published table: All Saints Jnr and Willingdon"
        "; not in the analysis: All Saints)");
}

TEST_CASE("Published figures for a measure the review does not have are reported") {
  PublishedAttainment published = ReferencePublished();
  published.measures = {PublishedMeasure{Text("L6", At(kFile, 158, 7)), {}, {}, {}, {}}};
  published.changes.resize(1);
  published.changes[0].by_measure["L6"] = Points(3, 132, 60);
  std::vector<Diagnostic> warnings = Audit(ReferenceReview(published));
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].message ==
        "published figures for measure 'L6' cannot be audited: attainment.yaml has no such "
        "measure");
  CHECK(warnings[0].where.column == 60);
  CHECK(warnings[1].where.line == 158);
}

TEST_CASE("Totals published without rows are audited without a row clause") {
  PublishedAttainment published = ReferencePublished();
  published.changes.clear();
  published.measures[1].rows.clear();
  std::vector<Diagnostic> warnings = Audit(ReferenceReview(published));
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].message ==
        "published Level 5 total improved pupils 53 differs from the computed 54 (sum of change x "
        "cohort / 100 over 22 schools)");
  CHECK(warnings[1].message ==
        "published Level 5 headline 5.5 differs from the computed 5.6 (sum of change x cohort / "
        "sum of cohort over 22 schools)");
}
