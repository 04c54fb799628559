#include "merge/template_data.h"

#include <algorithm>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "merge/narrative.h"

namespace clerk::merge {

namespace {

using compute::ActionFacts;
using compute::AttainmentFacts;
using compute::MeasureFacts;
using compute::RecommendationFacts;
using compute::ReportFacts;
using compute::SchoolMeasureFacts;

constexpr char kSincePrevious[] = "since-previous";
constexpr char kAllUpdates[] = "all";

Value Text(std::string_view plain) { return Value::Text(plain); }
Value Flag(bool flag) { return Value::Flag(flag); }

std::string JoinQuoted(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
    out += "\"" + words[i] + "\"";
  }
  return out;
}

Value PersonValue(const Person& person) {
  Value value;
  value.Set("name", Text(person.name.value));
  value.Set("name_capitals", Text(Capitals(person.name.value)));
  value.Set("title", Text(person.title.value));
  value.Set("telephone", Text(person.telephone ? person.telephone->value : ""));
  value.Set("has_telephone", Flag(person.telephone && !person.telephone->value.empty()));
  return value;
}

Value AttainmentData(const AttainmentFacts& facts);

// The analysis an attainment appendix shows: the one of its from: and to: years, else the one
// narrative figures use. nullptr when the facts have none; `key` is the key looked for.
const AttainmentFacts* FindAnalysis(const clerk::Appendix& appendix, const ReportFacts& facts,
                                    std::string* key) {
  *key = facts.narrative_attainment_key;
  if (appendix.from_year && appendix.to_year) {
    *key = compute::AttainmentKey(appendix.from_year->value, appendix.to_year->value);
  }
  auto found = facts.attainment.find(*key);
  return found == facts.attainment.end() ? nullptr : &found->second;
}

// Builds one report's data; holds the reports being built, so that a report that reproduces
// itself (directly or through others) is caught instead of recursing for ever.
class Builder {
 public:
  Builder(const Review& review, const compute::ReviewFacts& facts, const MergeOptions& options,
          DataScope scope, Diagnostics& diagnostics)
      : review_(review),
        facts_(facts),
        options_(options),
        scope_(scope),
        diagnostics_(diagnostics) {}

  // `anchor` is "" for the paper itself, or the anchor of the appendix reproducing `report`.
  Value Report(const ReportDefinition& report, const std::string& anchor);

 private:
  Value Appendix(const ReportDefinition& report, const clerk::Appendix& appendix, int number,
                 const std::string& anchor, const NarrativeScope& scope);
  Value ActionPlan(const clerk::Appendix& appendix, const ReportFacts& facts);
  Value AttainmentValue(const clerk::Appendix& appendix, const ReportFacts& facts);
  Value ReproducedReport(const ReportDefinition& report, const clerk::Appendix& appendix,
                         const std::string& anchor);
  void StartAttainmentTables(const ReportDefinition& report, const ReportFacts& facts);

  const Review& review_;
  const compute::ReviewFacts& facts_;
  const MergeOptions& options_;
  DataScope scope_;
  Diagnostics& diagnostics_;
  std::vector<std::string> building_;  // report ids, outermost first
  // The tables of the attainment appendices of the report being built, building meanwhile
  // (StartAttainmentTables); each is taken once, by the appendix it is for.
  std::map<const clerk::Appendix*, std::future<Value>> attainment_tables_;
};

Value Builder::Report(const ReportDefinition& report, const std::string& anchor) {
  building_.push_back(report.id.value);
  static const ReportFacts kNoFacts;
  const ReportFacts* facts = facts_.Find(report.id.value);
  if (facts == nullptr) {
    diagnostics_.Error(report.where, "no figures were computed for report \"" + report.id.value +
                                         "\", so it cannot be merged");
    facts = &kNoFacts;
  }
  if (scope_ == DataScope::kWhole) StartAttainmentTables(report, *facts);
  bool nested = !anchor.empty();
  std::string prefix = nested ? anchor + "-" : "";

  // Appendix 1, 2 ... anchored "appendix-1", or under the reproducing appendix: "appendix-3-1".
  std::vector<std::string> anchors;
  for (size_t i = 0; i < report.appendices.size(); ++i) {
    anchors.push_back((nested ? prefix : "appendix-") + std::to_string(i + 1));
  }
  NarrativeScope scope;
  scope.facts = facts;
  for (size_t i = 0; i < report.appendices.size(); ++i) {
    const LocatedText& key = report.appendices[i].key;
    AppendixReference reference{"Appendix " + std::to_string(i + 1), anchors[i]};
    if (!scope.appendices.emplace(key.value, reference).second) {
      diagnostics_.Error(key.where, "appendix key \"" + key.value +
                                        "\" is used twice in this report, so {{appendix:" +
                                        key.value + "}} would be ambiguous");
    }
    scope.appendix_keys.push_back(key.value);
  }
  auto expand = [&](const LocatedText& text) {
    return Value::Of(ExpandNarrative(text, scope, diagnostics_).markup);
  };

  Value value;
  value.Set("lang",
            Text(review_.info.language.value.empty() ? "en-GB" : review_.info.language.value));
  value.Set("iso_date", Text(report.date.value.ToIso()));
  value.Set("footer", Text(options_.footer));
  value.Set("has_footer", Flag(!options_.footer.empty()));
  value.Set("draft", Text(options_.draft));
  value.Set("has_draft", Flag(!options_.draft.empty()));
  // The reference and the approval belong to this paper, not to an earlier one it reproduces.
  std::string reference = nested ? "" : options_.reference;
  std::string approval = nested ? "" : options_.approval;
  value.Set("reference", Text(reference));
  value.Set("has_reference", Flag(!reference.empty()));
  value.Set("approval", Text(approval));
  value.Set("has_approval", Flag(!approval.empty()));
  value.Set("id", Text(report.id.value));
  value.Set("council", Text(review_.info.council.value));
  value.Set("review_title", Text(review_.info.title.value));
  value.Set("committee", Text(report.committee.value));
  value.Set("date", Text(report.date.value.ToWords()));
  value.Set("as_of", Text(report.as_of.value.ToWords()));
  value.Set("author", Text(report.author.value));
  value.Set("title", Text(report.title.value));
  value.Set("purpose", expand(report.purpose));
  value.Set("is_nested", Flag(nested));
  value.Set("heading_level", Text(nested ? "2" : "1"));

  value.Set("recommendation_numbered", Flag(report.recommendation_style.value == "numbered"));
  value.Set("recommendation_intro",
            report.recommendation_intro ? expand(*report.recommendation_intro) : Text(""));
  value.Set("has_recommendation_intro",
            Flag(report.recommendation_intro && !report.recommendation_intro->value.empty()));
  Value recommendation = Value::List();
  for (size_t i = 0; i < report.recommendation.size(); ++i) {
    Value item;
    item.Set("label", Text(std::to_string(i + 1) + "."));
    item.Set("text", expand(report.recommendation[i]));
    recommendation.Add(std::move(item));
  }
  value.Set("recommendation", std::move(recommendation));

  Value sections = Value::List();
  for (size_t s = 0; s < report.sections.size(); ++s) {
    const Section& section = report.sections[s];
    std::string number = std::to_string(s + 1);
    Value item;
    item.Set("number", Text(number));
    item.Set("label", Text(number + "."));
    item.Set("anchor", Text(prefix + "section-" + number));
    item.Set("heading", Text(section.heading.value));
    Value paragraphs = Value::List();
    for (size_t p = 0; p < section.paragraphs.size(); ++p) {
      Value paragraph;
      paragraph.Set("label", Text(number + "." + std::to_string(p + 1)));
      paragraph.Set("text", expand(section.paragraphs[p]));
      paragraphs.Add(std::move(paragraph));
    }
    item.Set("paragraphs", std::move(paragraphs));
    sections.Add(std::move(item));
  }
  value.Set("sections", std::move(sections));

  value.Set("signatory", PersonValue(report.signatory));
  value.Set("contact", PersonValue(report.contact));
  value.Set("local_members", Text(report.local_members.value));
  Value documents = Value::List();
  for (const LocatedText& document : report.background_documents) {
    documents.Add(Value().Set("text", Text(document.value)));
  }
  value.Set("background_documents", std::move(documents));
  value.Set("has_background_documents", Flag(!report.background_documents.empty()));
  value.Set("document_reference",
            Text(report.document_reference ? report.document_reference->value : ""));
  value.Set("has_document_reference",
            Flag(report.document_reference && !report.document_reference->value.empty()));

  Value appendices = Value::List();
  for (size_t i = 0; i < report.appendices.size(); ++i) {
    appendices.Add(
        Appendix(report, report.appendices[i], static_cast<int>(i + 1), anchors[i], scope));
  }
  value.Set("appendices", std::move(appendices));
  value.Set("has_appendices", Flag(!report.appendices.empty()));
  building_.pop_back();
  return value;
}

Value Builder::Appendix(const ReportDefinition& report, const clerk::Appendix& appendix, int number,
                        const std::string& anchor, const NarrativeScope& scope) {
  const ReportFacts* facts = scope.facts;
  Value value;
  value.Set("key", Text(appendix.key.value));
  value.Set("number", Text(std::to_string(number)));
  value.Set("label", Text("Appendix " + std::to_string(number)));
  value.Set("anchor", Text(anchor));
  NarrativeText title;
  if (appendix.title) title = ExpandNarrative(*appendix.title, scope, diagnostics_);
  value.Set("title", Value::Of(std::move(title.markup)));
  value.Set("title_text", Text(title.plain));
  value.Set("has_title", Flag(!title.plain.empty()));
  NarrativeText intro;
  if (appendix.intro) intro = ExpandNarrative(*appendix.intro, scope, diagnostics_);
  value.Set("intro", Value::Of(std::move(intro.markup)));
  value.Set("has_intro", Flag(!intro.plain.empty()));
  value.Set("is_action_plan", Flag(appendix.kind == AppendixKind::kActionPlan));
  value.Set("is_attainment", Flag(appendix.kind == AppendixKind::kAttainment));
  value.Set("is_report", Flag(appendix.kind == AppendixKind::kReport));
  value.Set("is_last", Flag(number == static_cast<int>(report.appendices.size())));
  Value action_plan = Value::List();
  Value attainment = Value::List();
  Value reproduced = Value::List();
  switch (appendix.kind) {
    case AppendixKind::kActionPlan:
      action_plan.Add(ActionPlan(appendix, *facts));
      break;
    case AppendixKind::kAttainment: {
      Value analysis = AttainmentValue(appendix, *facts);
      if (analysis.kind() == Value::Kind::kObject && !analysis.fields().empty()) {
        attainment.Add(std::move(analysis));
      }
      break;
    }
    case AppendixKind::kReport: {
      Value nested = ReproducedReport(report, appendix, anchor);
      if (!nested.fields().empty()) reproduced.Add(std::move(nested));
      break;
    }
  }
  value.Set("action_plan", std::move(action_plan));
  value.Set("attainment", std::move(attainment));
  value.Set("report", std::move(reproduced));
  return value;
}

// What the first columns of an action-plan row say: a recommendation's number and text on its
// first row, a part's label and text on the part's first row; nothing on an action's further rows.
struct RowHead {
  std::string number;
  std::string recommendation_text;
  std::string part_label;
  bool starts_recommendation = false;
  bool starts_part = false;
};

// An action's progress updates, oldest first; only those new since the previous report when
// `only_new`.
Value Updates(const ActionFacts& action, bool only_new) {
  Value updates = Value::List();
  for (const compute::UpdateFacts& update : action.updates) {
    if (only_new && !update.is_new) continue;
    Value item;
    item.Reserve(3);
    item.AddField("date", Text(update.date.ToWords()));
    item.AddField("text", Text(update.text));
    item.AddField("is_new", Flag(update.is_new));
    updates.Add(std::move(item));
  }
  return updates;
}

// One row of the action plan, with every field of its shape (each added once): the template
// data always has every name. `action` is nullptr for a recommendation's or part's row without one.
Value Row(const RowHead& head, const ActionFacts* action, bool only_new) {
  static const ActionFacts kNoAction;  // every field empty
  const ActionFacts& shown = action != nullptr ? *action : kNoAction;
  Value row;
  row.Reserve(26);
  row.AddField("number", Text(head.number));
  row.AddField("recommendation_text", Text(head.recommendation_text));
  row.AddField("part_label", Text(head.part_label));
  row.AddField("action_id", Text(shown.id));
  row.AddField("action", Text(shown.text));
  row.AddField("status", Text(action != nullptr ? compute::ActionStatusName(action->status) : ""));
  row.AddField("planned", Text(shown.planned));
  row.AddField("revised", Text(shown.revised));
  row.AddField("revised_reason", Text(shown.revised_reason));
  row.AddField("actual", Text(shown.actual));
  row.AddField("note", Text(shown.note));
  row.AddField("completed", Text(shown.completed ? shown.completed->ToWords() : ""));
  row.AddField("withdrawn", Text(shown.withdrawn ? shown.withdrawn->ToWords() : ""));
  row.AddField("withdrawn_reason", Text(shown.withdrawn_reason));
  row.AddField("starts_recommendation", Flag(head.starts_recommendation));
  row.AddField("starts_part", Flag(head.starts_part));
  row.AddField("has_action", Flag(action != nullptr));
  Value updates = Updates(shown, only_new);
  row.AddField("has_updates", Flag(!updates.items().empty()));
  row.AddField("has_revised", Flag(!shown.revised.empty()));
  row.AddField("has_revised_reason", Flag(!shown.revised.empty() && !shown.revised_reason.empty()));
  row.AddField("has_actual", Flag(!shown.actual.empty()));
  row.AddField("has_note", Flag(!shown.note.empty()));
  row.AddField("is_completed", Flag(shown.completed.has_value()));
  row.AddField("is_withdrawn", Flag(shown.withdrawn.has_value()));
  row.AddField("has_withdrawn_reason", Flag(shown.withdrawn && !shown.withdrawn_reason.empty()));
  row.AddField("updates", std::move(updates));
  return row;
}

// The rows of one recommendation: without parts, one row per action, the number and text on
// the first; with parts, a row for the recommendation's own text, then each part's rows (its
// "a)" and text on the first, the number column empty). A recommendation or part with no action
// still gets its row.
void AddRecommendationRows(const RecommendationFacts& recommendation, bool only_new, Value* rows) {
  auto add_group = [&](const std::vector<const ActionFacts*>& actions, const RowHead& head) {
    if (actions.empty()) {
      rows->Add(Row(head, nullptr, only_new));
      return;
    }
    for (size_t i = 0; i < actions.size(); ++i) {
      rows->Add(Row(i == 0 ? head : RowHead{}, actions[i], only_new));
    }
  };
  RowHead head;
  head.number = recommendation.id;
  head.recommendation_text = recommendation.text;
  head.starts_recommendation = true;
  if (recommendation.parts.empty()) {
    std::vector<const ActionFacts*> actions;
    for (const ActionFacts& action : recommendation.actions) actions.push_back(&action);
    add_group(actions, head);
    return;
  }
  rows->Add(Row(head, nullptr, only_new));
  std::set<std::string> part_ids;
  for (const auto& [part_id, part_text] : recommendation.parts) {
    part_ids.insert(part_id);
    std::vector<const ActionFacts*> actions;
    for (const ActionFacts& action : recommendation.actions) {
      if (action.part == part_id) actions.push_back(&action);
    }
    RowHead first;
    first.part_label = part_id + ")";
    first.recommendation_text = part_text;
    first.starts_part = true;
    add_group(actions, first);
  }
  // Actions that answer the recommendation as a whole (or a part it no longer has) still show.
  for (const ActionFacts& action : recommendation.actions) {
    if (part_ids.count(action.part) == 0) rows->Add(Row({}, &action, only_new));
  }
}

// "on track" -> "On track".
std::string Heading(std::string name) {
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 32);
  return name;
}

// The progress summary, one row per status and a column per recommendation (so that the
// status names have the width of a column to themselves), a total row and column, and the
// overdue and rescheduled actions by id.
Value ProgressData(const compute::ProgressSummary& summary) {
  Value value;
  std::string widths = "30";
  for (size_t i = 0; i <= summary.rows.size(); ++i) widths += " 14";
  value.Set("widths", Text(widths));
  value.Set("recommendation_count", Text(std::to_string(summary.rows.size())));
  Value recommendations = Value::List();
  for (const compute::ProgressRow& row : summary.rows) {
    Value item;
    item.Set("id", Text(row.recommendation));
    recommendations.Add(std::move(item));
  }
  value.Set("recommendations", std::move(recommendations));
  auto line = [&](const std::string& heading, const std::string& name,
                  const std::function<int(const compute::ProgressRow&)>& count) {
    Value item;
    item.Set("heading", Text(heading));
    item.Set("name", Text(name));
    Value counts = Value::List();
    for (const compute::ProgressRow& row : summary.rows) {
      Value cell;
      cell.Set("value", Text(std::to_string(count(row))));
      counts.Add(std::move(cell));
    }
    item.Set("counts", std::move(counts));
    item.Set("total", Text(std::to_string(count(summary.total))));
    return item;
  };
  Value rows = Value::List();
  for (compute::ActionStatus status : summary.columns) {
    rows.Add(line(Heading(compute::ActionStatusName(status)), compute::ActionStatusName(status),
                  [&](const compute::ProgressRow& row) {
                    auto found = row.counts.find(status);
                    return found == row.counts.end() ? 0 : found->second;
                  }));
  }
  value.Set("rows", std::move(rows));
  value.Set("total_line",
            line("Total", "total", [](const compute::ProgressRow& row) { return row.total; }));
  auto joined = [](const std::vector<std::string>& list) {
    std::string out;
    for (size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + list[i];
    return out;
  };
  value.Set("overdue", Text(joined(summary.overdue)));
  value.Set("has_overdue", Flag(!summary.overdue.empty()));
  value.Set("overdue_count", Text(std::to_string(summary.overdue.size())));
  value.Set("rescheduled", Text(joined(summary.rescheduled)));
  value.Set("has_rescheduled", Flag(!summary.rescheduled.empty()));
  value.Set("rescheduled_count", Text(std::to_string(summary.rescheduled.size())));
  return value;
}

Value Builder::ActionPlan(const clerk::Appendix& appendix, const ReportFacts& facts) {
  bool since_previous = false;
  if (appendix.updates) {
    const std::string& updates = appendix.updates->value;
    since_previous = updates == kSincePrevious;
    if (!since_previous && updates != kAllUpdates) {
      diagnostics_.Error(appendix.updates->where,
                         "updates: \"" + updates + "\" is neither \"all\" nor \"since-previous\"");
    }
    if (since_previous && !facts.previous_as_of) {
      diagnostics_.Warning(appendix.updates->where,
                           "updates: since-previous, but this report has no previous report, so "
                           "every update is shown",
                           "name the previous report with previous: <report id>");
    }
  }
  Value value;
  value.Set("response_heading",
            Text(appendix.response_heading ? appendix.response_heading->value : "Response"));
  value.Set("since_previous", Flag(since_previous));

  std::set<std::string> chosen;
  for (const LocatedText& id : appendix.recommendations) {
    bool known = std::any_of(facts.recommendations.begin(), facts.recommendations.end(),
                             [&](const RecommendationFacts& r) { return r.id == id.value; });
    if (!known) {
      diagnostics_.Error(id.where, "the action plan lists recommendation \"" + id.value +
                                       "\", which the review does not have");
    }
    chosen.insert(id.value);
  }
  // The rows and the progress summary are computed figures, which raise no diagnostic.
  if (scope_ == DataScope::kDiagnostics) return value;
  Value rows = Value::List();
  for (const RecommendationFacts& recommendation : facts.recommendations) {
    if (!chosen.empty() && chosen.count(recommendation.id) == 0) continue;
    // An update shown "since previous" is new by definition: the rest are in the previous plan.
    AddRecommendationRows(recommendation, since_previous, &rows);
  }
  value.Set("rows", std::move(rows));
  std::vector<std::string> only;
  for (const LocatedText& id : appendix.recommendations) only.push_back(id.value);
  value.Set("is_update", Flag(facts.previous_as_of.has_value()));
  value.Set("progress", ProgressData(compute::SummariseProgress(facts, only)));
  return value;
}

// Proportions for the first attainment table: the school column, then three columns (earlier,
// later, change) per measure; whole numbers that add up to 100.
std::string ComparisonWidths(size_t measures) {
  int columns = static_cast<int>(std::max<size_t>(1, measures) * 3);
  int each = std::max(4, 78 / columns);
  std::string widths = std::to_string(std::max(10, 100 - each * columns));
  for (int i = 0; i < columns; ++i) widths += " " + std::to_string(each);
  return widths;
}

// A cell of the comparison: the number in `column` of a school's row for a measure (SchoolRow),
// or none when the school has no row for it. The row's text is copied: formatting the number
// again costs more.
Value Cell(const Value* row, std::string_view column) {
  const Value* number = row != nullptr ? row->Find(column) : nullptr;
  Value cell;
  cell.Reserve(2);
  cell.AddField("value", number != nullptr ? *number : Text(""));
  cell.AddField("has_value", Flag(number != nullptr));
  return cell;
}

Value SchoolRow(const SchoolMeasureFacts& school) {
  Value row;
  row.Reserve(6);
  row.AddField("school", Text(school.school));
  row.AddField("earlier", Text(school.earlier.ToString()));
  row.AddField("later", Text(school.later.ToString()));
  row.AddField("change", Text(school.change.ToString()));
  row.AddField("cohort", Text(std::to_string(school.cohort)));
  row.AddField("improved", Text(std::to_string(school.improved)));
  return row;
}

Value AttainmentData(const AttainmentFacts& facts) {
  Value value;
  value.Set("from", Text(std::to_string(facts.from_year)));
  value.Set("to", Text(std::to_string(facts.to_year)));
  value.Set("school_count", Text(std::to_string(facts.school_count)));
  value.Set("measure_count", Text(std::to_string(facts.measures.size())));
  value.Set("comparison_widths", Text(ComparisonWidths(facts.measures.size())));

  Value measures = Value::List();
  // Every school in the order first met, and each measure's row of it by name (the first, should
  // a name repeat): a report may compare a thousand schools, too many to search for each. The
  // rows are the measure's "schools" items, which stay where they are while the lists holding
  // them are moved (a vector moved keeps its items' storage).
  std::vector<std::string_view> schools;
  std::vector<std::map<std::string_view, const Value*>> rows_by_school;
  std::set<std::string_view> met;
  for (const MeasureFacts& measure : facts.measures) {
    Value item;
    item.Set("id", Text(measure.measure_id));
    item.Set("name", Text(measure.measure_name));
    item.Set("headline", Text(compute::FormatHeadline(measure.headline)));
    item.Set("total_cohort", Text(std::to_string(measure.total_cohort)));
    item.Set("total_improved", Text(std::to_string(measure.total_improved)));
    Value rows = Value::List();
    rows.Reserve(measure.schools.size());
    for (const SchoolMeasureFacts& school : measure.schools) rows.Add(SchoolRow(school));
    auto& by_school = rows_by_school.emplace_back();
    for (size_t i = 0; i < measure.schools.size(); ++i) {
      std::string_view school = measure.schools[i].school;
      by_school.emplace(school, &rows.items()[i]);
      if (met.insert(school).second) schools.push_back(school);
    }
    // The same rows from the largest rise to the largest fall (ties in the file's order), for
    // a chart sorted by change: copied, which costs less than formatting their numbers again.
    std::vector<size_t> sorted(measure.schools.size());
    for (size_t i = 0; i < sorted.size(); ++i) sorted[i] = i;
    std::stable_sort(sorted.begin(), sorted.end(), [&measure](size_t a, size_t b) {
      return measure.schools[b].change < measure.schools[a].change;
    });
    Value by_change = Value::List();
    by_change.Reserve(sorted.size());
    for (size_t i : sorted) by_change.Add(rows.items()[i]);
    item.Set("schools", std::move(rows));
    item.Set("schools_by_change", std::move(by_change));
    measures.Add(std::move(item));
  }
  value.Set("measures", std::move(measures));

  Value comparison = Value::List();
  comparison.Reserve(schools.size());
  for (std::string_view school : schools) {
    Value earlier = Value::List(), later = Value::List(), change = Value::List();
    for (Value* cells : {&earlier, &later, &change}) cells->Reserve(rows_by_school.size());
    for (const auto& by_school : rows_by_school) {
      auto found = by_school.find(school);
      const Value* row = found == by_school.end() ? nullptr : found->second;
      earlier.Add(Cell(row, "earlier"));
      later.Add(Cell(row, "later"));
      change.Add(Cell(row, "change"));
    }
    Value row;
    row.Set("school", Text(school));
    row.Set("earlier", std::move(earlier));
    row.Set("later", std::move(later));
    row.Set("change", std::move(change));
    comparison.Add(std::move(row));
  }
  value.Set("comparison", std::move(comparison));
  return value;
}

// The attainment tables cost as much to build as the rest of the data together, and the merge
// writes nothing until all of it is built, while the parse waits for markup on the other core.
// So they are built there meanwhile, each from its own facts (read only, raising no diagnostic);
// the appendix takes its tables in its turn. Without a thread to spare, std::async builds them
// when they are taken (launch::deferred), as before.
void Builder::StartAttainmentTables(const ReportDefinition& report, const ReportFacts& facts) {
  for (const clerk::Appendix& appendix : report.appendices) {
    if (appendix.kind != AppendixKind::kAttainment) continue;
    std::string key;
    const AttainmentFacts* analysis = FindAnalysis(appendix, facts, &key);
    if (analysis == nullptr || attainment_tables_.count(&appendix) > 0) continue;
    attainment_tables_.emplace(&appendix, std::async(std::launch::async | std::launch::deferred,
                                                     AttainmentData, std::cref(*analysis)));
  }
}

// An empty object when the analysis cannot be found (diagnosed).
Value Builder::AttainmentValue(const clerk::Appendix& appendix, const ReportFacts& facts) {
  std::string key;
  const AttainmentFacts* analysis = FindAnalysis(appendix, facts, &key);
  if (analysis == nullptr) {
    std::string which = key.empty() ? "" : " for " + key;
    diagnostics_.Error(appendix.where,
                       "the attainment appendix \"" + appendix.key.value + "\" has no analysis" +
                           which + " to show",
                       "give the appendix from: and to: years that attainment.yaml has results "
                       "and cohorts for");
    return Value();
  }
  // The tables are computed figures, which raise no diagnostic.
  if (scope_ == DataScope::kDiagnostics) return Value();
  auto started = attainment_tables_.find(&appendix);
  if (started == attainment_tables_.end()) return AttainmentData(*analysis);
  Value tables = started->second.get();
  attainment_tables_.erase(started);
  return tables;
}

// An empty object when the report cannot be reproduced (diagnosed).
Value Builder::ReproducedReport(const ReportDefinition& report, const clerk::Appendix& appendix,
                                const std::string& anchor) {
  if (!appendix.report || appendix.report->value.empty()) {
    diagnostics_.Error(
        appendix.where,
        "the appendix \"" + appendix.key.value + "\" reproduces a report but does not say which",
        "add report: <report id>");
    return Value();
  }
  const LocatedText& id = *appendix.report;
  const ReportDefinition* reproduced = nullptr;
  std::vector<std::string> ids;
  for (const ReportDefinition& candidate : review_.reports) {
    ids.push_back(candidate.id.value);
    if (candidate.id.value == id.value) reproduced = &candidate;
  }
  if (reproduced == nullptr) {
    diagnostics_.Error(id.where, "there is no report \"" + id.value + "\" in this review",
                       ids.empty() ? "" : "its reports are " + JoinQuoted(ids));
    return Value();
  }
  if (std::find(building_.begin(), building_.end(), id.value) != building_.end()) {
    std::string chain;
    for (const std::string& link : building_) chain += link + " -> ";
    diagnostics_.Error(
        id.where, "report \"" + id.value + "\" would reproduce itself (" + chain + id.value + ")");
    return Value();
  }
  if (reproduced->template_name.value != report.template_name.value) {
    diagnostics_.Warning(id.where,
                         "report \"" + id.value + "\" names the template set \"" +
                             reproduced->template_name.value + "\", but is reproduced with \"" +
                             report.template_name.value + "\", the set of the report it is in");
  }
  return Report(*reproduced, anchor);
}

}  // namespace

Value BuildReportData(const Review& review, const compute::ReviewFacts& facts,
                      const ReportDefinition& report, const MergeOptions& options,
                      Diagnostics& diagnostics, DataScope scope) {
  Builder builder(review, facts, options, scope, diagnostics);
  return builder.Report(report, "");
}

std::string Capitals(const std::string& name) {
  std::string out = name;
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'a' && c <= 'z') {
      out[i] = static_cast<char>(c - 'a' + 'A');
    } else if (c == 0xC3 && i + 1 < out.size()) {
      // U+00E0..U+00FE (but not U+00F7, the division sign) are two bytes, C3 A0..BE; their
      // capitals are 0x20 lower.
      unsigned char next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0xA0 && next <= 0xBE && next != 0xB7) out[i + 1] = static_cast<char>(next - 0x20);
      ++i;
    }
  }
  return out;
}

}  // namespace clerk::merge
