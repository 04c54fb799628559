#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/decimal.h"
#include "core/period.h"
#include "core/source_location.h"

/// The review as loaded from its folder: plain values, each keeping where it was read.
/// Produced by load, read by check, compute and merge. docs/inputs.md documents every field.
namespace clerk {

struct ReviewInfo {
  LocatedText title;
  LocatedText council;
  LocatedText language;  ///< BCP 47 tag, default "en-GB"
};

struct RecommendationPart {
  LocatedText id;  ///< "a", "b"
  LocatedText text;
};

struct Recommendation {
  LocatedText id;  ///< "1"
  LocatedText text;
  std::vector<RecommendationPart> parts;
  SourceLocation where;  ///< the record's first key
};

/// A later wording of an action, in force from its date.
struct Revision {
  Located<Date> date;
  LocatedText text;
};

struct ProgressUpdate {
  Located<Date> date;
  LocatedText text;
};

struct Withdrawal {
  Located<Date> date;
  LocatedText reason;
};

/// One action taken in response to a recommendation (or one part of it).
struct Action {
  LocatedText id;  ///< "1.1", unique across the review
  LocatedText recommendation;
  std::optional<LocatedText> part;
  LocatedText text;  ///< the wording as first written
  std::vector<Revision> revisions;
  std::optional<Located<Date>> completed;
  std::optional<Withdrawal> withdrawn;
  std::vector<ProgressUpdate> updates;  ///< in file order
  SourceLocation where;
};

/// A timescale as written, and what the words mean (nullopt: not understood, kept as written).
struct TimescaleWords {
  LocatedText words;
  std::optional<Period> period;
};

/// A revised or actual timescale, recorded at a date.
struct TimescaleChange {
  Located<Date> date;
  TimescaleWords timescale;
  std::optional<LocatedText> reason;
};

struct TimescaleRecord {
  LocatedText action;  ///< the action's id
  TimescaleWords planned;
  std::optional<TimescaleChange> revised;
  std::optional<TimescaleChange> actual;
  std::optional<LocatedText> note;
  SourceLocation where;
};

struct Measure {
  LocatedText id;    ///< "L4+"
  LocatedText name;  ///< "Level 4+"
};

struct School {
  LocatedText name;
  /// year -> measure id -> percentage of pupils (0-100)
  std::map<int, std::map<std::string, Located<Decimal>>> results;
  /// year -> number of pupils in that year's cohort
  std::map<int, Located<int>> cohorts;
  SourceLocation where;
};

struct Attainment {
  bool present = false;  ///< false when the review has no attainment.yaml
  std::vector<Measure> measures;
  std::vector<School> schools;
};

struct Section {
  LocatedText heading;
  std::vector<LocatedText> paragraphs;  ///< narrative text with {{appendix:..}} / {{figure:..}}
};

struct Person {
  LocatedText name;
  LocatedText title;
  std::optional<LocatedText> telephone;
};

enum class AppendixKind { kActionPlan, kAttainment, kReport };

struct Appendix {
  LocatedText key;
  AppendixKind kind = AppendixKind::kActionPlan;
  std::optional<LocatedText> title;
  std::optional<LocatedText> intro;
  std::optional<LocatedText> response_heading;  ///< action plans
  std::vector<LocatedText> recommendations;     ///< action plans: only these (empty: all)
  std::optional<LocatedText> updates;           ///< action plans: "all" (default) or "since-previous"
  std::optional<Located<int>> from_year;        ///< attainment
  std::optional<Located<int>> to_year;          ///< attainment
  std::optional<LocatedText> report;            ///< kReport: the report reproduced
  SourceLocation where;
};

/// One row of a published per-measure table.
struct PublishedRow {
  LocatedText school;
  std::optional<Located<Decimal>> change;
  std::optional<Located<int>> cohort;
  std::optional<Located<int>> improved;
};

struct PublishedMeasure {
  LocatedText measure;  ///< measure id
  std::vector<PublishedRow> rows;
  std::optional<Located<int>> total_cohort;
  std::optional<Located<int>> total_improved;
  std::optional<Located<Decimal>> headline;  ///< percentage points, as printed (12.4)
};

/// The first table of an attainment appendix: the change per school per measure.
struct PublishedChange {
  LocatedText school;
  std::map<std::string, Located<Decimal>> by_measure;
};

/// Figures a paper actually printed, kept so that `clerk check` can audit them.
struct PublishedAttainment {
  Located<int> from_year;
  Located<int> to_year;
  std::vector<PublishedChange> changes;
  std::vector<PublishedMeasure> measures;
  SourceLocation where;
};

struct ReportDefinition {
  LocatedText id;
  LocatedText template_name;
  LocatedText committee;
  Located<Date> date;   ///< the meeting
  Located<Date> as_of;  ///< the data as of this day
  std::optional<LocatedText> previous;
  LocatedText author;
  LocatedText title;
  LocatedText purpose;
  std::optional<LocatedText> recommendation_intro;  ///< a line before a numbered recommendation
  std::vector<LocatedText> recommendation;
  LocatedText recommendation_style;  ///< "paragraphs" or "numbered"
  std::vector<Section> sections;
  Person signatory;
  Person contact;
  LocatedText local_members;
  std::vector<LocatedText> background_documents;
  std::optional<LocatedText> document_reference;
  std::vector<Appendix> appendices;
  std::optional<PublishedAttainment> published;
  std::string file;  ///< the path it was read from
  SourceLocation where;
};

/// Everything in a review folder.
struct Review {
  std::string folder;  ///< as the user named it
  ReviewInfo info;
  std::vector<Recommendation> recommendations;
  std::vector<Action> actions;
  std::vector<TimescaleRecord> timescales;
  Attainment attainment;
  std::vector<ReportDefinition> reports;  ///< sorted by id
};

}  // namespace clerk
