#pragma once

// A small review and its facts, built by hand (not by load or compute), for merge's tests:
// two reports as in the reference paper. "cabinet" (as of November 2010) attaches the action
// plan; "update" (as of May 2011, previous: cabinet) attaches the action plan showing only the
// updates since, the attainment analysis and the cabinet report reproduced.

#include <string>
#include <utility>
#include <vector>

#include "compute/facts.h"
#include "core/file_system.h"
#include "core/model.h"
#include "merge/merge.h"

namespace clerk::merge::testing {

inline constexpr char kUpdateFile[] = "inputs/t/reports/update.yaml";
inline constexpr char kCabinetFile[] = "inputs/t/reports/cabinet.yaml";

inline LocatedText At(std::string value, const std::string& file = kUpdateFile, int line = 1,
                      int column = 1) {
  return LocatedText{std::move(value), SourceLocation{file, line, column}};
}

inline Located<Date> DateAt(Date date, const std::string& file = kUpdateFile) {
  return Located<Date>{date, SourceLocation{file, 1, 1}};
}

inline Appendix MakeAppendix(const std::string& key, AppendixKind kind, const std::string& file,
                             int line) {
  Appendix appendix;
  appendix.key = At(key, file, line, 10);
  appendix.kind = kind;
  appendix.where = SourceLocation{file, line, 5};
  return appendix;
}

inline ReportDefinition CabinetDefinition() {
  const std::string f = kCabinetFile;
  ReportDefinition report;
  report.id = At("cabinet", f);
  report.template_name = At("council-report", f);
  report.committee = At("Cabinet", f);
  report.date = DateAt(Date{2010, 12, 14}, f);
  report.as_of = DateAt(Date{2010, 11, 30}, f);
  report.author = At("Director of Children's Services", f);
  report.title = At("Scrutiny Review of Attainment in Mathematics", f);
  report.purpose = At("To comment on the review.", f);
  report.recommendation = {At("note the report", f, 10, 5),
                           At("agree the plan attached as {{appendix:action-plan}}", f, 11, 5)};
  report.recommendation_style = At("numbered", f);
  Section finance;
  finance.heading = At("Financial Appraisal", f);
  finance.paragraphs = {
      At("A full action plan is attached as {{appendix:action-plan}}.", f, 20, 9)};
  report.sections = {finance};
  report.signatory = Person{At("Matt Dunkley", f), At("Director of Children's Services", f), {}};
  report.contact = Person{At("Nina Siddall", f), At("Head of Standards", f), At("01273 336782", f)};
  report.local_members = At("All", f);
  report.document_reference = At("NS/LB Nov 2010", f);
  Appendix plan = MakeAppendix("action-plan", AppendixKind::kActionPlan, f, 40);
  plan.title = At("The report of the Scrutiny Review", f, 41, 12);
  plan.response_heading = At("Response (Actions taken to date in italics)", f);
  report.appendices = {plan};
  report.file = f;
  report.where = SourceLocation{f, 1, 1};
  return report;
}

inline ReportDefinition UpdateDefinition() {
  const std::string f = kUpdateFile;
  ReportDefinition report;
  report.id = At("update", f);
  report.template_name = At("council-report", f);
  report.committee = At("Children's Services Scrutiny Committee", f);
  report.date = DateAt(Date{2011, 6, 14});
  report.as_of = DateAt(Date{2011, 5, 31});
  report.previous = At("cabinet", f);
  report.author = At("Director of Children's Services", f);
  report.title = At("The report of the Scrutiny Review", f);
  report.purpose = At("Update report on progress.", f);
  report.recommendation = {At("Consider the plan attached as {{appendix:action-plan}}.", f, 12, 5)};
  report.recommendation_style = At("paragraphs", f);
  Section finance;
  finance.heading = At("Financial Appraisal", f);
  finance.paragraphs = {At("Resourced as in {{appendix:action-plan}}.", f, 20, 9),
                        At("No additional funding.", f, 21, 9)};
  Section supporting;
  supporting.heading = At("Supporting information", f);
  supporting.paragraphs = {
      At("{{appendix:previous-report}} holds the plan to November 2010.", f, 25, 9),
      At("{{figure:attainment.L4+.headline}}% improvement; {{appendix:attainment}} has the "
         "analysis for the {{figure:attainment.schools}} schools.",
         f, 26, 9)};
  report.sections = {finance, supporting};
  report.signatory = Person{At("Matt Dunkley", f), At("Director of Children's Services", f), {}};
  report.contact = Person{At("Nina Siddall", f), At("Head of Standards", f), {}};
  report.local_members = At("All", f);
  report.background_documents = {At("The final report of the review.", f)};
  Appendix plan = MakeAppendix("action-plan", AppendixKind::kActionPlan, f, 40);
  plan.title = At("The report of the Scrutiny Review", f, 41, 12);
  plan.intro = At("Response to the Recommendations November 2010 - May 2011.", f, 42, 12);
  plan.response_heading = At("Response", f);
  plan.updates = At("since-previous", f, 44, 14);
  Appendix attainment = MakeAppendix("attainment", AppendixKind::kAttainment, f, 50);
  attainment.title =
      At("Analysis of the {{figure:attainment.to}} results for {{figure:attainment.schools}} "
         "schools",
         f, 51, 12);
  attainment.from_year = Located<int>{2009, {f, 52, 11}};
  attainment.to_year = Located<int>{2010, {f, 53, 9}};
  Appendix previous = MakeAppendix("previous-report", AppendixKind::kReport, f, 60);
  previous.report = At("cabinet", f, 62, 13);
  report.appendices = {plan, attainment, previous};
  report.file = f;
  report.where = SourceLocation{f, 1, 1};
  return report;
}

inline Review MakeReview() {
  Review review;
  review.folder = "inputs/t";
  review.info.title = At("Scrutiny Review of Attainment in Mathematics at Key Stage 2");
  review.info.council = At("East Sussex County Council");
  review.info.language = At("en-GB");
  review.reports = {CabinetDefinition(), UpdateDefinition()};
  return review;
}

inline compute::UpdateFacts UpdateAt(Date date, std::string text, bool is_new) {
  return compute::UpdateFacts{date, std::move(text), is_new};
}

// Recommendation 1 (no parts, two actions) and 2 (parts a and b), as of `as_of`.
inline std::vector<compute::RecommendationFacts> RecommendationsAsOf(bool june) {
  compute::RecommendationFacts one;
  one.id = "1";
  one.text = "Develop low cost ideas.";
  compute::ActionFacts publish;
  publish.id = "1.1";
  publish.recommendation = "1";
  publish.text = "Publish suggestions on the VSB.";
  publish.planned = "Quarterly";
  publish.updates = {UpdateAt(Date{2010, 11, 0}, "Response reviewed.", !june)};
  if (june) publish.updates.push_back(UpdateAt(Date{2011, 5, 0}, "Homework booklets.", true));
  compute::ActionFacts qmp2;
  qmp2.id = "1.4";
  qmp2.recommendation = "1";
  qmp2.text = "Establish QMP2.";
  qmp2.planned = "September 2011 – July 2012";
  qmp2.revised = "November 2010 – July 2011";
  qmp2.revised_reason = "Brought forward.";
  if (june) qmp2.actual = "November 2010 to December 2011";
  one.actions = {publish, qmp2};

  compute::RecommendationFacts two;
  two.id = "2";
  two.text = "The Service to:";
  two.parts = {{"a", "explore a training course; and"}, {"b", "enhance the programme."}};
  compute::ActionFacts course;
  course.id = "2.1";
  course.recommendation = "2";
  course.part = "a";
  course.text = "Design a course.";
  course.planned = "June 2010";
  course.note = "To run 3 times";
  compute::ActionFacts review_training;
  review_training.id = "2.4";
  review_training.recommendation = "2";
  review_training.part = "b";
  review_training.text = "Review current training.";
  review_training.planned = "August 2010";
  two.actions = {course, review_training};
  return {one, two};
}

inline compute::AttainmentFacts Attainment() {
  compute::AttainmentFacts facts;
  facts.from_year = 2009;
  facts.to_year = 2010;
  facts.school_count = 2;
  compute::MeasureFacts level4;
  level4.measure_id = "L4+";
  level4.measure_name = "Level 4+";
  level4.schools = {
      {"Castledown", Decimal{5000}, Decimal{7600}, Decimal{2600}, 45, 12, {}},
      {"Denton", Decimal{6600}, Decimal{6400}, Decimal{-200}, 36, -1, {}},
  };
  level4.total_cohort = 81;
  level4.total_improved = 11;
  level4.headline = Decimal{1240};
  compute::MeasureFacts level5;
  level5.measure_id = "L5";
  level5.measure_name = "Level 5";
  level5.schools = {
      {"Castledown", Decimal{1700}, Decimal{3300}, Decimal{1600}, 45, 7, {}},
      {"Denton", Decimal{1700}, Decimal{1400}, Decimal{-300}, 36, -1, {}},
  };
  level5.total_cohort = 81;
  level5.total_improved = 6;
  level5.headline = Decimal{750};
  facts.measures = {level4, level5};
  return facts;
}

inline compute::ReviewFacts MakeFacts() {
  compute::ReportFacts cabinet;
  cabinet.report_id = "cabinet";
  cabinet.as_of = Date{2010, 11, 30};
  cabinet.recommendations = RecommendationsAsOf(false);
  cabinet.attainment["2009-2010"] = Attainment();
  cabinet.narrative_attainment_key = "2009-2010";
  compute::ReportFacts update;
  update.report_id = "update";
  update.as_of = Date{2011, 5, 31};
  update.previous_as_of = Date{2010, 11, 30};
  update.recommendations = RecommendationsAsOf(true);
  update.attainment["2009-2010"] = Attainment();
  update.narrative_attainment_key = "2009-2010";
  compute::ReviewFacts facts;
  facts.reports = {cabinet, update};
  return facts;
}

/// The real template set, templates/council-report, read from the source tree.
inline TemplateSet RealTemplates(Diagnostics& diagnostics) {
  static const DiskFileSystem disk;
  return LoadTemplates(disk, std::string(CLERK_SOURCE_DIR) + "/templates", "council-report",
                       diagnostics);
}

/// Every diagnostic as "file:line:col: severity: message", one a line.
inline std::string Listed(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.Items()) {
    out += d.where.file + ":" + std::to_string(d.where.line) + ":" +
           std::to_string(d.where.column) + ": " + SeverityName(d.severity) + ": " + d.message +
           "\n";
  }
  return out;
}

}  // namespace clerk::merge::testing
