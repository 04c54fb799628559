#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/decimal.h"
#include "core/diagnostic.h"
#include "core/model.h"

/// Stage "compute": Review -> Facts, every derived figure and status, as plain values.
/// Rules: docs/computed.md. Figures are exact (Decimal, integer arithmetic).
namespace clerk::compute {

enum class ActionStatus { kComplete, kOnTrack, kDue, kOverdue, kRescheduled, kOngoing, kWithdrawn, kUnknown };

/// "complete", "on track", "due", "overdue", "rescheduled", "ongoing", "withdrawn", "unknown".
const char* ActionStatusName(ActionStatus status);

/// One school's figures for one measure between two years.
struct SchoolMeasureFacts {
  std::string school;
  Decimal earlier;      ///< percentage in the earlier year
  Decimal later;        ///< percentage in the later year
  Decimal change;       ///< later - earlier, percentage points
  int cohort = 0;       ///< the later year's cohort
  std::int64_t improved = 0;  ///< change x cohort / 100, rounded half away from zero
  SourceLocation where;       ///< the school's record
};

struct MeasureFacts {
  std::string measure_id;    ///< "L4+"
  std::string measure_name;  ///< "Level 4+"
  std::vector<SchoolMeasureFacts> schools;  ///< in the file's order
  int total_cohort = 0;
  std::int64_t total_improved = 0;  ///< sum(change x cohort) / 100, rounded half away from zero
  Decimal headline;  ///< sum(change x cohort) / sum(cohort), rounded to one place (12.4 -> 1240)
};

/// The attainment analysis between two years.
struct AttainmentFacts {
  int from_year = 0;
  int to_year = 0;
  int school_count = 0;
  std::vector<MeasureFacts> measures;  ///< in the file's order
};

/// An update as a report shows it.
struct UpdateFacts {
  Date date;
  std::string text;
  bool is_new = false;  ///< dated after the previous report's as-of date: set in italics
};

struct ActionFacts {
  std::string id;
  std::string recommendation;
  std::string part;  ///< empty when the recommendation has no parts
  std::string text;  ///< the wording in force at the as-of date
  std::string planned;  ///< the timescale words
  std::string revised;  ///< empty when there is none as of the date
  std::string revised_reason;
  std::string actual;
  std::string note;
  ActionStatus status = ActionStatus::kUnknown;
  std::optional<Date> due;  ///< end of the timescale in force, when it has one
  std::vector<UpdateFacts> updates;  ///< dated on or before the as-of date, oldest first
  std::string timescale;  ///< the words of the timescale in force (actual, revised or planned)
  std::optional<Date> completed;  ///< set when completed on or before the as-of date
  std::optional<Date> withdrawn;  ///< set when withdrawn on or before the as-of date
  std::string withdrawn_reason;   ///< with `withdrawn`
  SourceLocation where;           ///< the action's record
};

struct RecommendationFacts {
  std::string id;
  std::string text;
  std::vector<std::pair<std::string, std::string>> parts;  ///< (id, text)
  std::vector<ActionFacts> actions;  ///< in the file's order
  std::map<ActionStatus, int> status_counts;
};

/// Everything derived for one report, as of its date.
struct ReportFacts {
  std::string report_id;
  Date as_of;
  std::optional<Date> previous_as_of;
  std::vector<RecommendationFacts> recommendations;
  std::map<ActionStatus, int> status_counts;  ///< over every action
  /// Keyed by "FROM-TO" (e.g. "2009-2010"), one per attainment appendix or published block; a
  /// report with neither, in a review with attainment data, gets the latest two years' analysis.
  /// Narrative figures ("attainment.*") use the first appendix's, else the first entry.
  std::map<std::string, AttainmentFacts> attainment;
  /// The key in `attainment` that narrative figures ("attainment.*") use; empty when none.
  std::string narrative_attainment_key;
};

/// One line of the progress summary: a recommendation's actions counted by status.
struct ProgressRow {
  std::string recommendation;  ///< its id ("1"); "Total" on the total line
  std::map<ActionStatus, int> counts;  ///< every status of ProgressSummary::columns, 0 when none
  int total = 0;
};

/// The progress summary at the head of an action plan, as at the report's as-of date
/// (docs/computed.md, "Progress summary").
struct ProgressSummary {
  /// The statuses counted, in this order: complete, on track, ongoing, rescheduled, overdue,
  /// withdrawn always; due and unknown only when some action has them, so rows add up.
  std::vector<ActionStatus> columns;
  std::vector<ProgressRow> rows;  ///< one per recommendation, in the review's order
  ProgressRow total;              ///< the sums of the rows
  std::vector<std::string> overdue;      ///< ids of the overdue actions, in plan order
  std::vector<std::string> rescheduled;  ///< ids of the rescheduled actions, in plan order
};

/// Counts `report`'s actions by recommendation and status; only the recommendations whose ids
/// are in `only`, when it is not empty. Pure.
ProgressSummary SummariseProgress(const ReportFacts& report,
                                  const std::vector<std::string>& only = {});

struct ReviewFacts {
  std::vector<ReportFacts> reports;  ///< in the review's report order
  const ReportFacts* Find(const std::string& report_id) const;
};

/// Computes every report's facts. Adds diagnostics for figures that cannot be computed (a school
/// missing a year or a cohort). Pure: same review, same facts.
ReviewFacts ComputeFacts(const Review& review, Diagnostics& diagnostics);

/// Computes one attainment analysis between two years (the rules of docs/computed.md).
AttainmentFacts ComputeAttainment(const Attainment& attainment, int from_year, int to_year,
                                  Diagnostics& diagnostics);

/// Warns about every published figure that disagrees with the computed one, naming both values
/// and the rows behind them.
void AuditPublished(const Review& review, const ReviewFacts& facts, Diagnostics& diagnostics);

/// The stable YAML dump printed by `clerk facts`: one report, or every report when report_id
/// is empty.
std::string FactsToYaml(const ReviewFacts& facts, const std::string& report_id);

/// A figure by its path as narrative uses it ({{figure:attainment.L4+.headline}}), for a report.
/// Paths: attainment.schools, attainment.from, attainment.to, attainment.<measure>.headline,
/// attainment.<measure>.improved, attainment.<measure>.cohort, actions.total,
/// actions.<status> (e.g. actions.overdue). nullopt when the path names nothing.
std::optional<std::string> FigureByPath(const ReportFacts& report, const std::string& path);

// ---- Helpers, public so that merge and the tests use the same rules.

/// Every status, in the order dumps and counts list them.
const std::vector<ActionStatus>& AllActionStatuses();

/// The status as a figure path segment: its name with spaces as hyphens ("on-track").
std::string ActionStatusPathName(ActionStatus status);

/// The key of an analysis in ReportFacts::attainment: "2009-2010".
std::string AttainmentKey(int from_year, int to_year);

/// A headline as printed: always one decimal place ("12.4", "12.0", "-0.5").
std::string FormatHeadline(Decimal headline);

/// One action's facts as at `as_of` (docs/computed.md, "Action status"). `timescale` is the
/// action's record, or nullptr when it has none; `previous_as_of` is the previous report's
/// as-of date, which decides which updates are new.
ActionFacts ComputeActionFacts(const Action& action, const TimescaleRecord* timescale,
                               const Date& as_of, const std::optional<Date>& previous_as_of);

}  // namespace clerk::compute
