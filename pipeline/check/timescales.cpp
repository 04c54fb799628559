#include <map>

#include "check/checks.h"

// Every action has exactly one timescale record, and every record names an action.
namespace clerk::check {

void CheckTimescales(const Review& review, const load::LoadGaps& gaps, Diagnostics& diagnostics) {
  std::map<std::string, const Action*> actions;
  std::vector<std::string> action_ids;
  for (const Action& action : review.actions) {
    if (action.id.value.empty()) continue;
    actions.emplace(action.id.value, &action);
    action_ids.push_back(action.id.value);
  }
  load::Suggestions action_names(action_ids);
  std::map<std::string, const TimescaleRecord*> first_record;
  for (const TimescaleRecord& record : review.timescales) {
    const std::string& id = record.action.value;
    if (id.empty()) continue;
    auto [first, inserted] = first_record.emplace(id, &record);
    if (!inserted) {
      diagnostics.Error(record.action.where,
                        "action " + id + " already has a timescale (at " +
                            PlaceOf(first->second->action.where, record.action.where) + ")",
                        "give each action one timescale record; a change of plan goes under "
                        "'revised:' or 'actual:'");
      continue;
    }
    if (!gaps.responses && !gaps.unread_action_ids && !actions.count(id)) {
      diagnostics.Error(record.action.where,
                        "the timescale names action '" + id + "', which does not exist",
                        NameHint(id, action_names, "actions"));
    }
  }
  if (gaps.timescales || gaps.unread_timescale_actions) return;
  for (const Action& action : review.actions) {
    if (action.id.value.empty() || first_record.count(action.id.value)) continue;
    diagnostics.Error(action.id.where, "action " + action.id.value + " has no timescale",
                      "add a record to timescales.yaml with 'action: \"" + action.id.value +
                          "\"' and 'planned:'");
  }
}

}  // namespace clerk::check
