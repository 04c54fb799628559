#include <algorithm>
#include <map>

#include "check/checks.h"
#include "load/diagnostic_limit.h"

// Reports: the previous report, and what each appendix names.
namespace clerk::check {

namespace {

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

class ReportRules {
 public:
  ReportRules(const Review& review, const load::LoadGaps& gaps, Diagnostics& diagnostics)
      : review_(review), gaps_(gaps), diagnostics_(diagnostics) {
    for (const ReportDefinition& report : review.reports) {
      reports_.emplace(report.id.value, &report);
      report_ids_.push_back(report.id.value);
    }
    for (const Recommendation& recommendation : review.recommendations) {
      recommendation_ids_.push_back(recommendation.id.value);
    }
    recommendation_names_ = load::Suggestions(recommendation_ids_);
  }

  void Check(const ReportDefinition& report) {
    const std::string& id = report.id.value;
    if (report.as_of.value.year != 0 && report.date.value.year != 0 &&
        report.date.value < report.as_of.value) {
      diagnostics_.Warning(report.as_of.where, "the as-of date " + report.as_of.value.ToIso() +
                                                   " is after the meeting date " +
                                                   report.date.value.ToIso());
    }
    if (report.previous) CheckPrevious(report, *report.previous);
    for (const Appendix& appendix : report.appendices) CheckAppendix(report, appendix);
    if (report.published && !review_.attainment.present && !gaps_.attainment) {
      diagnostics_.Error(report.published->where,
                         "report " + id +
                             " records published attainment figures, but the review "
                             "has no attainment.yaml");
    }
  }

 private:
  // A report that `report` names; nullptr (reported, unless its file could not be read) when
  // there is none.
  const ReportDefinition* FindReport(const ReportDefinition& report, const LocatedText& name,
                                     const std::string& who) {
    auto found = reports_.find(name.value);
    if (found != reports_.end()) return found->second;
    if (!Contains(gaps_.reports, name.value)) {
      std::vector<std::string> others;
      for (const std::string& id : report_ids_) {
        if (id != report.id.value) others.push_back(id);
      }
      load::Suggestions other_names(std::move(others), report_hints_ > 0 ? 1 : 0);
      --report_hints_;
      diagnostics_.Error(name.where,
                         who + " names report '" + name.value + "', which does not exist",
                         NameHint(name.value, other_names, "other reports"));
    }
    return nullptr;
  }

  void CheckPrevious(const ReportDefinition& report, const LocatedText& previous) {
    if (previous.value == report.id.value) {
      diagnostics_.Error(previous.where, "a report cannot be its own previous report");
      return;
    }
    const ReportDefinition* earlier = FindReport(report, previous, "'previous'");
    if (earlier == nullptr || earlier->as_of.value.year == 0 || report.as_of.value.year == 0)
      return;
    if (earlier->as_of.value < report.as_of.value) return;
    diagnostics_.Error(previous.where,
                       "the previous report " + previous.value + " is as of " +
                           earlier->as_of.value.ToIso() + ", not before this report's " +
                           report.as_of.value.ToIso(),
                       "'previous' names the report made before this one");
  }

  void CheckAppendix(const ReportDefinition& report, const Appendix& appendix) {
    std::string who = "appendix '" + appendix.key.value + "'";
    switch (appendix.kind) {
      case AppendixKind::kActionPlan:
        if (!gaps_.recommendations && !gaps_.unread_recommendation_ids) {
          for (const LocatedText& id : appendix.recommendations) {
            if (Contains(recommendation_ids_, id.value)) continue;
            diagnostics_.Error(
                id.where, who + " lists recommendation '" + id.value + "', which does not exist",
                NameHint(id.value, recommendation_names_, "recommendations"));
          }
        }
        if (appendix.updates && appendix.updates->value == "since-previous" && !report.previous) {
          diagnostics_.Error(appendix.updates->where,
                             "'updates: since-previous' needs a previous report, and report " +
                                 report.id.value + " names none",
                             "add 'previous:' to the report, or show all updates");
        }
        break;
      case AppendixKind::kAttainment:
        if (!review_.attainment.present && !gaps_.attainment) {
          diagnostics_.Error(appendix.where, who +
                                                 " analyses attainment, but the review has no "
                                                 "attainment.yaml");
        }
        break;
      case AppendixKind::kReport:
        if (!appendix.report) break;
        if (appendix.report->value == report.id.value) {
          diagnostics_.Error(appendix.report->where,
                             "a report cannot reproduce itself as an "
                             "appendix");
          break;
        }
        FindReport(report, *appendix.report, who);
        break;
    }
  }

  const Review& review_;
  const load::LoadGaps& gaps_;
  Diagnostics& diagnostics_;
  std::map<std::string, const ReportDefinition*> reports_;
  std::vector<std::string> report_ids_;
  std::vector<std::string> recommendation_ids_;
  load::Suggestions recommendation_names_{{}};
  int report_hints_ = load::kMaxDiagnosticsPerFile;  // hints left for report names
};

}  // namespace

void CheckReports(const Review& review, const load::LoadGaps& gaps, Diagnostics& diagnostics) {
  ReportRules rules(review, gaps, diagnostics);
  for (const ReportDefinition& report : review.reports) rules.Check(report);
}

}  // namespace clerk::check
