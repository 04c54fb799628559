#include <optional>

#include "check/checks.h"

// Dated records: in date order, and within reach of some report.
namespace clerk::check {

namespace {

template <typename Record>
void CheckOrder(const std::vector<Record>& records, const std::string& kind,
                Diagnostics& diagnostics) {
  for (size_t i = 1; i < records.size(); ++i) {
    const Located<Date>& before = records[i - 1].date;
    const Located<Date>& date = records[i].date;
    if (!(date.value < before.value)) continue;
    diagnostics.Warning(date.where,
                        kind + " dated " + date.value.ToIso() + " comes after one dated " +
                            before.value.ToIso() + " (" + PlaceOf(before.where, date.where) + ")",
                        kind + "s should be listed oldest first");
  }
}

}  // namespace

void CheckDates(const Review& review, Diagnostics& diagnostics) {
  std::optional<Date> latest_as_of;
  for (const ReportDefinition& report : review.reports) {
    if (report.as_of.value.year == 0) continue;  // not read
    if (!latest_as_of || *latest_as_of < report.as_of.value) latest_as_of = report.as_of.value;
  }
  for (const Action& action : review.actions) {
    CheckOrder(action.updates, "update", diagnostics);
    CheckOrder(action.revisions, "revision", diagnostics);
    if (action.completed && action.withdrawn) {
      diagnostics.Warning(action.withdrawn->date.where,
                          "action " + action.id.value + " is marked both completed (" +
                              action.completed->value.ToIso() + ") and withdrawn",
                          "keep the one that is true: reports show it as withdrawn");
    }
    if (!latest_as_of) continue;
    for (const ProgressUpdate& update : action.updates) {
      if (update.date.value <= *latest_as_of) continue;
      diagnostics.Note(update.date.where,
                       "this update is dated after the as-of date of every report (the latest is " +
                           latest_as_of->ToIso() + "): no report shows it yet");
    }
  }
}

}  // namespace clerk::check
