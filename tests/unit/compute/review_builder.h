#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/decimal.h"
#include "core/model.h"
#include "core/period.h"

/// Reviews built in C++ for compute's tests: the reference paper's attainment (Appendix 2 of the
/// June 2011 update report, /work/shared/reference) and small actions and timescales.
namespace clerk::compute::testing {

inline SourceLocation At(const std::string& file, int line, int column = 1) {
  return SourceLocation{file, line, column};
}

inline LocatedText Text(const std::string& value, SourceLocation where = {}) {
  return LocatedText{value, std::move(where)};
}

inline Date Day(int year, int month, int day) { return Date{year, month, day}; }
inline Date Month(int year, int month) { return Date{year, month, 0}; }

/// One school's row of the paper's first table: percentages for L4+ and L5 in two years, and the
/// later year's cohort.
struct SchoolRow {
  std::string name;
  int l4_2009;
  int l5_2009;
  int l4_2010;
  int l5_2010;
  int cohort_2010;
};

/// The 22 schools of Appendix 2, in the paper's order. Tollgate L5 is 25% -> 33% (+8).
inline const std::vector<SchoolRow>& ReferenceRows() {
  static const std::vector<SchoolRow> kRows = {
      {"All Saints Jnr", 61, 19, 68, 18, 60}, {"Castledown", 50, 17, 76, 33, 45},
      {"Christ Church", 64, 16, 74, 21, 58},  {"Denton", 66, 17, 64, 14, 36},
      {"Hankham", 48, 5, 84, 32, 19},         {"Highfield", 51, 12, 60, 10, 60},
      {"King Offa", 55, 15, 64, 17, 60},      {"Mayfield", 67, 15, 73, 32, 22},
      {"Ninfield", 65, 32, 92, 50, 24},       {"Oakwood", 49, 12, 62, 14, 42},
      {"Peasmarsh", 53, 11, 67, 11, 9},       {"Pebsham", 69, 24, 68, 16, 25},
      {"Punnetts Town", 75, 25, 67, 58, 12},  {"Red Lake", 55, 14, 78, 26, 50},
      {"Ringmer", 66, 19, 94, 23, 31},        {"Rye", 58, 11, 77, 16, 45},
      {"Sandown", 52, 18, 72, 14, 58},        {"Sidley", 47, 18, 62, 21, 29},
      {"St Paul's", 68, 22, 64, 23, 88},      {"Tollgate", 68, 25, 84, 33, 100},
      {"White House", 58, 19, 62, 14, 29},    {"Willingdon", 60, 13, 74, 33, 72}};
  return kRows;
}

inline Measure MakeMeasure(const std::string& id, const std::string& name, int line = 2) {
  return Measure{Text(id, At("attainment.yaml", line, 9)),
                 Text(name, At("attainment.yaml", line + 1, 11))};
}

/// A percentage as the loader would hold it, at a made-up location.
inline Located<Decimal> Percent(std::int64_t hundredths) {
  return Located<Decimal>{Decimal{hundredths}, At("attainment.yaml", 1)};
}

/// The reference attainment; school i's record starts on line 10 + 5i of attainment.yaml.
inline Attainment ReferenceAttainment() {
  Attainment attainment;
  attainment.present = true;
  attainment.measures = {MakeMeasure("L4+", "Level 4+", 2), MakeMeasure("L5", "Level 5", 4)};
  int line = 10;
  for (const SchoolRow& row : ReferenceRows()) {
    School school;
    school.name = Text(row.name, At("attainment.yaml", line, 11));
    school.where = At("attainment.yaml", line, 5);
    school.results[2009]["L4+"] = Percent(row.l4_2009 * 100);
    school.results[2009]["L5"] = Percent(row.l5_2009 * 100);
    school.results[2010]["L4+"] = Percent(row.l4_2010 * 100);
    school.results[2010]["L5"] = Percent(row.l5_2010 * 100);
    school.cohorts[2010] = Located<int>{row.cohort_2010, At("attainment.yaml", line + 4, 16)};
    attainment.schools.push_back(std::move(school));
    line += 5;
  }
  return attainment;
}

/// A school with one measure "M" over the given years: year -> (percentage in hundredths, cohort).
inline School SmallSchool(const std::string& name,
                          const std::map<int, std::pair<std::int64_t, int>>& years) {
  School school;
  school.name = Text(name, At("attainment.yaml", 7, 11));
  school.where = At("attainment.yaml", 7, 5);
  for (const auto& [year, figures] : years) {
    school.results[year]["M"] = Percent(figures.first);
    school.cohorts[year] = Located<int>{figures.second, At("attainment.yaml", 8, 16)};
  }
  return school;
}

/// An attainment with the single measure "M" and the given schools.
inline Attainment SmallAttainment(std::vector<School> schools) {
  Attainment attainment;
  attainment.present = true;
  attainment.measures = {MakeMeasure("M", "Measure")};
  attainment.schools = std::move(schools);
  return attainment;
}

/// Timescale words with the period they mean.
inline TimescaleWords Words(const std::string& words, std::optional<Period> period) {
  return TimescaleWords{Text(words, At("timescales.yaml", 3, 14)), period};
}

inline Period Dated(Date start, Date end) {
  return Period{PeriodKind::kDated, start, end, Recurrence::kNone};
}
inline Period OpenEnded(Date start) {
  return Period{PeriodKind::kOpenEnded, start, std::nullopt, Recurrence::kNone};
}
inline Period Recurring(Recurrence recurrence) {
  return Period{PeriodKind::kRecurring, std::nullopt, std::nullopt, recurrence};
}
inline Period Unscheduled() {
  return Period{PeriodKind::kUnscheduled, std::nullopt, std::nullopt, Recurrence::kNone};
}

inline Action MakeAction(const std::string& id, const std::string& recommendation,
                         const std::string& text = "Do it.") {
  Action action;
  action.id = Text(id, At("responses.yaml", 3, 9));
  action.recommendation = Text(recommendation, At("responses.yaml", 4, 21));
  action.text = Text(text, At("responses.yaml", 5, 13));
  action.where = At("responses.yaml", 3, 5);
  return action;
}

inline TimescaleRecord MakeTimescale(const std::string& action, TimescaleWords planned) {
  TimescaleRecord record;
  record.action = Text(action, At("timescales.yaml", 2, 13));
  record.planned = std::move(planned);
  record.where = At("timescales.yaml", 2, 5);
  return record;
}

inline TimescaleChange Change(Date date, TimescaleWords words,
                              std::optional<std::string> reason = std::nullopt) {
  TimescaleChange change;
  change.date = Located<Date>{date, At("timescales.yaml", 5, 13)};
  change.timescale = std::move(words);
  if (reason) change.reason = Text(*reason, At("timescales.yaml", 7, 15));
  return change;
}

inline ProgressUpdate Update(Date date, const std::string& text) {
  return ProgressUpdate{Located<Date>{date, At("responses.yaml", 9, 15)},
                        Text(text, At("responses.yaml", 10, 15))};
}

inline ReportDefinition MakeReport(const std::string& id, Date as_of,
                                   std::optional<std::string> previous = std::nullopt) {
  ReportDefinition report;
  report.id = Text(id, At("reports/" + id + ".yaml", 1, 5));
  report.as_of = Located<Date>{as_of, At("reports/" + id + ".yaml", 5, 8)};
  if (previous) report.previous = Text(*previous, At("reports/" + id + ".yaml", 6, 11));
  report.file = "reports/" + id + ".yaml";
  report.where = At("reports/" + id + ".yaml", 1, 1);
  return report;
}

inline Appendix AttainmentAppendix(std::optional<int> from, std::optional<int> to,
                                   const std::string& key = "attainment") {
  Appendix appendix;
  appendix.key = Text(key, At("reports/r.yaml", 20, 10));
  appendix.kind = AppendixKind::kAttainment;
  if (from) appendix.from_year = Located<int>{*from, At("reports/r.yaml", 22, 11)};
  if (to) appendix.to_year = Located<int>{*to, At("reports/r.yaml", 23, 9)};
  appendix.where = At("reports/r.yaml", 20, 5);
  return appendix;
}

}  // namespace clerk::compute::testing
