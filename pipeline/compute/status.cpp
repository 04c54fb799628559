#include <algorithm>

#include "compute/facts.h"

// An action as at a report's as-of date: its wording, timescale and status, and the updates the
// report shows. The rules are numbered as in docs/computed.md, "Action status".
namespace clerk::compute {

namespace {

// A dated action whose end is at most this many days after the as-of date is "due".
constexpr long kDueWithinDays = 31;

// The timescale in force at `as_of` (rule 3), or nullptr when the action has no record.
const TimescaleWords* TimescaleInForce(const TimescaleRecord* record, const Date& as_of) {
  if (record == nullptr) return nullptr;
  if (record->actual && record->actual->date.value <= as_of) return &record->actual->timescale;
  if (record->revised && record->revised->date.value <= as_of) return &record->revised->timescale;
  return &record->planned;
}

// Rule 7: a dated period that has both ends.
ActionStatus DatedStatus(const Period& period, const Date& as_of) {
  if (*period.end < as_of) return ActionStatus::kOverdue;
  long days_left = period.end->DaysSinceEpoch() - as_of.DaysSinceEpoch();
  if (*period.start <= as_of && days_left <= kDueWithinDays) return ActionStatus::kDue;
  return ActionStatus::kOnTrack;
}

ActionStatus StatusAsOf(const Action& action, const TimescaleRecord* record,
                        const TimescaleWords* in_force, const Date& as_of) {
  if (action.withdrawn && action.withdrawn->date.value <= as_of) return ActionStatus::kWithdrawn;
  if (action.completed && action.completed->value <= as_of) return ActionStatus::kComplete;
  if (in_force == nullptr) return ActionStatus::kUnknown;
  if (in_force != &record->planned) return ActionStatus::kRescheduled;
  if (!in_force->period) return ActionStatus::kUnknown;
  const Period& period = *in_force->period;
  switch (period.kind) {
    case PeriodKind::kRecurring:
    case PeriodKind::kOpenEnded:
      return ActionStatus::kOngoing;
    case PeriodKind::kUnscheduled:
      return ActionStatus::kUnknown;
    case PeriodKind::kDated:
      if (!period.start || !period.end) return ActionStatus::kUnknown;
      return DatedStatus(period, as_of);
  }
  return ActionStatus::kUnknown;
}

// The wording in force: the latest revision dated on or before `as_of` (the later one in the file
// when two share a date), else the original.
std::string TextInForce(const Action& action, const Date& as_of) {
  const Revision* latest = nullptr;
  for (const Revision& revision : action.revisions) {
    if (revision.date.value > as_of) continue;
    if (latest == nullptr || latest->date.value <= revision.date.value) latest = &revision;
  }
  return latest ? latest->text.value : action.text.value;
}

std::vector<UpdateFacts> UpdatesShown(const Action& action, const Date& as_of,
                                      const std::optional<Date>& previous_as_of) {
  std::vector<UpdateFacts> updates;
  for (const ProgressUpdate& update : action.updates) {
    if (update.date.value > as_of) continue;
    bool is_new = !previous_as_of || update.date.value > *previous_as_of;
    updates.push_back({update.date.value, update.text.value, is_new});
  }
  std::stable_sort(updates.begin(), updates.end(),
                   [](const UpdateFacts& a, const UpdateFacts& b) { return a.date < b.date; });
  return updates;
}

}  // namespace

const char* ActionStatusName(ActionStatus status) {
  switch (status) {
    case ActionStatus::kComplete:
      return "complete";
    case ActionStatus::kOnTrack:
      return "on track";
    case ActionStatus::kDue:
      return "due";
    case ActionStatus::kOverdue:
      return "overdue";
    case ActionStatus::kRescheduled:
      return "rescheduled";
    case ActionStatus::kOngoing:
      return "ongoing";
    case ActionStatus::kWithdrawn:
      return "withdrawn";
    case ActionStatus::kUnknown:
      return "unknown";
  }
  return "unknown";
}

const std::vector<ActionStatus>& AllActionStatuses() {
  static const std::vector<ActionStatus> kAll = {
      ActionStatus::kComplete,  ActionStatus::kOnTrack,     ActionStatus::kDue,
      ActionStatus::kOverdue,   ActionStatus::kRescheduled, ActionStatus::kOngoing,
      ActionStatus::kWithdrawn, ActionStatus::kUnknown};
  return kAll;
}

std::string ActionStatusPathName(ActionStatus status) {
  std::string name = ActionStatusName(status);
  std::replace(name.begin(), name.end(), ' ', '-');
  return name;
}

ActionFacts ComputeActionFacts(const Action& action, const TimescaleRecord* timescale,
                               const Date& as_of, const std::optional<Date>& previous_as_of) {
  ActionFacts facts;
  facts.id = action.id.value;
  facts.recommendation = action.recommendation.value;
  facts.part = action.part ? action.part->value : "";
  facts.text = TextInForce(action, as_of);
  facts.where = action.where;
  facts.updates = UpdatesShown(action, as_of, previous_as_of);
  if (action.completed && action.completed->value <= as_of)
    facts.completed = action.completed->value;
  if (action.withdrawn && action.withdrawn->date.value <= as_of) {
    facts.withdrawn = action.withdrawn->date.value;
    facts.withdrawn_reason = action.withdrawn->reason.value;
  }

  const TimescaleWords* in_force = TimescaleInForce(timescale, as_of);
  if (timescale != nullptr) {
    facts.planned = timescale->planned.words.value;
    if (timescale->note) facts.note = timescale->note->value;
    if (timescale->revised && in_force == &timescale->revised->timescale) {
      facts.revised = in_force->words.value;
      if (timescale->revised->reason) facts.revised_reason = timescale->revised->reason->value;
    }
    if (timescale->actual && in_force == &timescale->actual->timescale) {
      facts.actual = in_force->words.value;
    }
  }
  if (in_force != nullptr) {
    facts.timescale = in_force->words.value;
    if (in_force->period && in_force->period->kind == PeriodKind::kDated) {
      facts.due = in_force->period->end;
    }
  }
  facts.status = StatusAsOf(action, timescale, in_force, as_of);
  return facts;
}

}  // namespace clerk::compute
