#include <string>
#include <vector>

#include "compute/facts.h"
#include "compute/text_format.h"

// The audit of published figures: every figure a paper printed (reports/<id>.yaml, `published:`)
// is compared with the one computed from the raw data, and every disagreement is a warning at the
// published value that names both values and the rows behind them.
namespace clerk::compute {

namespace {

const SchoolMeasureFacts* FindSchool(const MeasureFacts& measure, const std::string& school) {
  for (const SchoolMeasureFacts& row : measure.schools) {
    if (row.school == school) return &row;
  }
  return nullptr;
}

const MeasureFacts* FindMeasure(const AttainmentFacts& analysis, const std::string& id) {
  for (const MeasureFacts& measure : analysis.measures) {
    if (measure.measure_id == id) return &measure;
  }
  return nullptr;
}

// "25% in 2009 and 33% in 2010": where a computed change comes from.
std::string ChangeSource(const SchoolMeasureFacts& row, const AttainmentFacts& analysis) {
  return row.earlier.ToString() + "% in " + std::to_string(analysis.from_year) + " and " +
         row.later.ToString() + "% in " + std::to_string(analysis.to_year);
}

class Auditor {
 public:
  Auditor(const AttainmentFacts& analysis, Diagnostics& diagnostics)
      : analysis_(analysis), diagnostics_(diagnostics) {}

  void Changes(const std::vector<PublishedChange>& changes) {
    for (const PublishedChange& change : changes) {
      for (const auto& [measure_id, value] : change.by_measure) {
        const MeasureFacts* measure = FindMeasure(analysis_, measure_id);
        if (measure == nullptr) {
          UnknownMeasure(measure_id, value.where);
          continue;
        }
        const SchoolMeasureFacts* row = FindSchool(*measure, change.school.value);
        if (row == nullptr) {
          UnknownSchool(change.school);
          break;
        }
        CompareChange(*measure, *row, value);
      }
    }
  }

  void Measure(const PublishedMeasure& published) {
    const MeasureFacts* measure = FindMeasure(analysis_, published.measure.value);
    if (measure == nullptr) {
      UnknownMeasure(published.measure.value, published.measure.where);
      return;
    }
    for (const PublishedRow& published_row : published.rows) {
      const SchoolMeasureFacts* row = FindSchool(*measure, published_row.school.value);
      if (row == nullptr) {
        UnknownSchool(published_row.school);
        continue;
      }
      if (published_row.change) CompareChange(*measure, *row, *published_row.change);
      if (published_row.cohort) CompareCohort(*measure, *row, *published_row.cohort);
      if (published_row.improved) CompareImproved(*measure, *row, published_row);
    }
    CompareTotals(published, *measure);
  }

 private:
  void UnknownMeasure(const std::string& measure_id, const SourceLocation& where) {
    diagnostics_.Warning(where, "published figures for measure '" + measure_id +
                                    "' cannot be audited: attainment.yaml has no such measure");
  }

  void UnknownSchool(const LocatedText& school) {
    diagnostics_.Warning(school.where, "published figures for '" + school.value +
                                           "' cannot be audited: it is not one of the " +
                                           std::to_string(analysis_.school_count) +
                                           " schools of the " + Key() + " attainment analysis");
  }

  void CompareChange(const MeasureFacts& measure, const SchoolMeasureFacts& row,
                     const Located<Decimal>& published) {
    if (published.value == row.change) return;
    diagnostics_.Warning(published.where,
                         "published " + measure.measure_name + " change for " + row.school + " " +
                             published.value.ToString() + " differs from the computed " +
                             row.change.ToString() + " (" + ChangeSource(row, analysis_) + ")");
  }

  void CompareCohort(const MeasureFacts& measure, const SchoolMeasureFacts& row,
                     const Located<int>& published) {
    if (published.value == row.cohort) return;
    diagnostics_.Warning(published.where, "published " + measure.measure_name + " cohort for " +
                                              row.school + " " + std::to_string(published.value) +
                                              " differs from the computed " +
                                              std::to_string(row.cohort) + " (the school's " +
                                              std::to_string(analysis_.to_year) + " cohort)");
  }

  void CompareImproved(const MeasureFacts& measure, const SchoolMeasureFacts& row,
                       const PublishedRow& published) {
    const Located<int>& improved = *published.improved;
    if (improved.value == row.improved) return;
    std::int64_t exact = row.change.hundredths * row.cohort;  // in 1/10000 of a pupil
    std::string working = "change " + row.change.ToString() + " x cohort " +
                          std::to_string(row.cohort) + " / 100 = " + FormatScaled(exact, 4);
    if (exact % 10000 != 0) working += ", rounded half away from zero";
    std::string hint;
    if (published.change && published.change->value != row.change) {
      int cohort = published.cohort ? published.cohort->value : row.cohort;
      if (DivideRoundHalfAway(published.change->value.hundredths * cohort, 10000) ==
          improved.value) {
        hint = std::to_string(improved.value) + " is what the published change " +
               published.change->value.ToString() + " gives";
      }
    }
    diagnostics_.Warning(improved.where,
                         "published " + measure.measure_name + " improved pupils for " +
                             row.school + " " + std::to_string(improved.value) +
                             " differs from the computed " + std::to_string(row.improved) + " (" +
                             working + ")",
                         hint);
  }

  void CompareTotals(const PublishedMeasure& published, const MeasureFacts& measure) {
    std::string over = " over " + std::to_string(analysis_.school_count) + " schools";
    const std::string& name = measure.measure_name;
    if (published.total_cohort && published.total_cohort->value != measure.total_cohort) {
      diagnostics_.Warning(
          published.total_cohort->where,
          "published " + name + " total cohort " + std::to_string(published.total_cohort->value) +
              " differs from the computed " + std::to_string(measure.total_cohort) +
              " (sum of the " + std::to_string(analysis_.to_year) + " cohorts" + over +
              RowsClause(published, measure, false) + ")");
    }
    if (published.total_improved && published.total_improved->value != measure.total_improved) {
      diagnostics_.Warning(
          published.total_improved->where,
          "published " + name + " total improved pupils " +
              std::to_string(published.total_improved->value) + " differs from the computed " +
              std::to_string(measure.total_improved) + " (sum of change x cohort / 100" + over +
              RowsClause(published, measure, true) + ")");
    }
    if (published.headline && published.headline->value != measure.headline) {
      diagnostics_.Warning(published.headline->where,
                           "published " + name + " headline " +
                               published.headline->value.ToString() +
                               " differs from the computed " + FormatHeadline(measure.headline) +
                               " (sum of change x cohort / sum of cohort" + over +
                               RowsClause(published, measure, true) + ")");
    }
  }

  // "; the rows that differ: Tollgate change 7, computed 8 from 25% in 2009 and 33% in 2010",
  // or how the published rows and the computed ones otherwise fail to match; "" when no rows
  // were published.
  std::string RowsClause(const PublishedMeasure& published, const MeasureFacts& measure,
                         bool with_changes) const {
    if (published.rows.empty()) return "";
    std::vector<std::string> differing;
    std::vector<std::string> unknown;
    std::vector<std::string> listed;
    for (const PublishedRow& published_row : published.rows) {
      listed.push_back(published_row.school.value);
      const SchoolMeasureFacts* row = FindSchool(measure, published_row.school.value);
      if (row == nullptr) {
        unknown.push_back(published_row.school.value);
        continue;
      }
      std::vector<std::string> parts;
      if (with_changes && published_row.change && published_row.change->value != row->change) {
        parts.push_back("change " + published_row.change->value.ToString() + ", computed " +
                        row->change.ToString() + " from " + ChangeSource(*row, analysis_));
      }
      if (published_row.cohort && published_row.cohort->value != row->cohort) {
        parts.push_back("cohort " + std::to_string(published_row.cohort->value) + ", computed " +
                        std::to_string(row->cohort));
      }
      if (parts.empty()) continue;
      std::string text = row->school;
      for (size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? " " : ", ") + parts[i];
      differing.push_back(text);
    }
    std::vector<std::string> missing;
    for (const SchoolMeasureFacts& row : measure.schools) {
      bool found = false;
      for (const std::string& name : listed) found = found || name == row.school;
      if (!found) missing.push_back(row.school);
    }
    std::string clause;
    if (!differing.empty()) clause += "; the rows that differ: " + JoinList(differing);
    if (!missing.empty()) clause += "; not in the published table: " + JoinWords(missing);
    if (!unknown.empty()) clause += "; not in the analysis: " + JoinWords(unknown);
    if (clause.empty()) clause = "; every published row agrees with the computed one";
    return clause;
  }

  static std::string JoinList(const std::vector<std::string>& items) {
    std::string text;
    for (size_t i = 0; i < items.size(); ++i) text += (i == 0 ? "" : "; ") + items[i];
    return text;
  }

  std::string Key() const { return AttainmentKey(analysis_.from_year, analysis_.to_year); }

  const AttainmentFacts& analysis_;
  Diagnostics& diagnostics_;
};

}  // namespace

void AuditPublished(const Review& review, const ReviewFacts& facts, Diagnostics& diagnostics) {
  for (const ReportDefinition& report : review.reports) {
    if (!report.published) continue;
    const ReportFacts* report_facts = facts.Find(report.id.value);
    if (report_facts == nullptr) continue;
    const PublishedAttainment& published = *report.published;
    auto analysis = report_facts->attainment.find(
        AttainmentKey(published.from_year.value, published.to_year.value));
    // Without an analysis there is nothing to audit against; computing it already said why.
    if (analysis == report_facts->attainment.end()) continue;
    Auditor auditor(analysis->second, diagnostics);
    auditor.Changes(published.changes);
    for (const PublishedMeasure& measure : published.measures) auditor.Measure(measure);
  }
}

}  // namespace clerk::compute
