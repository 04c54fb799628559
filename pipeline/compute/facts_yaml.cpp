#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "compute/facts.h"
#include "compute/yaml_text.h"

// The stable YAML dump of `clerk facts`. Keys come in a fixed order; rows are flow maps, one a
// line, so that a diff shows which school or action changed.
namespace clerk::compute {

namespace {

// The dump's text, appended piece by piece to one string: an std::ostringstream's sentries and
// locale cost more than the dump's hundreds of thousands of short pieces are worth.
class YamlOut {
 public:
  YamlOut& operator<<(std::string_view text) {
    text_.append(text);
    return *this;
  }
  YamlOut& operator<<(char c) {
    text_ += c;
    return *this;
  }
  template <typename Integer, std::enable_if_t<std::is_integral_v<Integer>, int> = 0>
  YamlOut& operator<<(Integer number) {
    text_ += std::to_string(number);
    return *this;
  }
  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
};

std::string Counts(const std::map<ActionStatus, int>& counts) {
  int total = 0;
  for (const auto& [status, count] : counts) total += count;
  std::vector<YamlField> fields = {{"total", std::to_string(total)}};
  for (ActionStatus status : AllActionStatuses()) {
    auto count = counts.find(status);
    fields.emplace_back(ActionStatusName(status),
                        std::to_string(count == counts.end() ? 0 : count->second));
  }
  return YamlFlowMap(fields);
}

void WriteMeasure(const MeasureFacts& measure, YamlOut& out) {
  out << "          - id: " << YamlString(measure.measure_id) << "\n"
      << "            name: " << YamlString(measure.measure_name) << "\n"
      << "            total_cohort: " << measure.total_cohort << "\n"
      << "            total_improved: " << measure.total_improved << "\n"
      << "            headline: " << FormatHeadline(measure.headline) << "\n"
      << "            schools:" << (measure.schools.empty() ? " []" : "") << "\n";
  for (const SchoolMeasureFacts& school : measure.schools) {
    // As YamlFlowMap writes it (its keys are plain words), without a vector of copies for each
    // of the thousands of rows.
    out << "              - {name: " << YamlString(school.school)
        << ", earlier: " << school.earlier.ToString() << ", later: " << school.later.ToString()
        << ", change: " << school.change.ToString() << ", cohort: " << school.cohort
        << ", improved: " << school.improved << "}\n";
  }
}

void WriteAttainment(const ReportFacts& report, YamlOut& out) {
  out << "    attainment:" << (report.attainment.empty() ? " []" : "") << "\n";
  for (const auto& [key, analysis] : report.attainment) {
    out << "      - from: " << analysis.from_year << "\n"
        << "        to: " << analysis.to_year << "\n"
        << "        schools: " << analysis.school_count << "\n"
        << "        measures:" << (analysis.measures.empty() ? " []" : "") << "\n";
    for (const MeasureFacts& measure : analysis.measures) WriteMeasure(measure, out);
  }
}

// As YamlFlowMap writes it (its keys are plain words), without a vector of copies per action.
void WriteActionLine(const ActionFacts& action, YamlOut& out) {
  int new_updates = 0;
  for (const UpdateFacts& update : action.updates) new_updates += update.is_new ? 1 : 0;
  out << "{id: " << YamlString(action.id)
      << ", status: " << YamlString(ActionStatusName(action.status))
      << ", timescale: " << YamlString(action.timescale);
  if (action.due) out << ", due: " << action.due->ToIso();
  out << ", updates: " << action.updates.size() << ", new_updates: " << new_updates << "}";
}

void WriteActions(const ReportFacts& report, YamlOut& out) {
  out << "    actions: " << Counts(report.status_counts) << "\n"
      << "    recommendations:" << (report.recommendations.empty() ? " []" : "") << "\n";
  for (const RecommendationFacts& recommendation : report.recommendations) {
    out << "      - id: " << YamlString(recommendation.id) << "\n"
        << "        counts: " << Counts(recommendation.status_counts) << "\n"
        << "        actions:" << (recommendation.actions.empty() ? " []" : "") << "\n";
    for (const ActionFacts& action : recommendation.actions) {
      out << "          - ";
      WriteActionLine(action, out);
      out << "\n";
    }
  }
}

std::string ProgressLine(const ProgressSummary& summary, const ProgressRow& row) {
  std::vector<YamlField> fields = {{"recommendation", YamlString(row.recommendation)}};
  for (ActionStatus status : summary.columns) {
    auto count = row.counts.find(status);
    fields.emplace_back(ActionStatusName(status),
                        std::to_string(count == row.counts.end() ? 0 : count->second));
  }
  fields.emplace_back("total", std::to_string(row.total));
  return YamlFlowMap(fields);
}

std::string IdList(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + YamlString(ids[i]);
  return out + "]";
}

void WriteProgress(const ReportFacts& report, YamlOut& out) {
  ProgressSummary summary = SummariseProgress(report);
  out << "    progress:\n"
      << "      rows:" << (summary.rows.empty() ? " []" : "") << "\n";
  for (const ProgressRow& row : summary.rows) {
    out << "        - " << ProgressLine(summary, row) << "\n";
  }
  out << "      total: " << ProgressLine(summary, summary.total) << "\n"
      << "      overdue: " << IdList(summary.overdue) << "\n"
      << "      rescheduled: " << IdList(summary.rescheduled) << "\n";
}

void WriteReport(const ReportFacts& report, YamlOut& out) {
  out << "  - id: " << YamlString(report.report_id) << "\n"
      << "    as_of: " << report.as_of.ToIso() << "\n";
  if (report.previous_as_of)
    out << "    previous_as_of: " << report.previous_as_of->ToIso() << "\n";
  WriteAttainment(report, out);
  WriteActions(report, out);
  WriteProgress(report, out);
}

}  // namespace

std::string FactsToYaml(const ReviewFacts& facts, const std::string& report_id) {
  YamlOut out;
  std::vector<const ReportFacts*> chosen;
  for (const ReportFacts& report : facts.reports) {
    if (report_id.empty() || report.report_id == report_id) chosen.push_back(&report);
  }
  out << "reports:" << (chosen.empty() ? " []" : "") << "\n";
  for (const ReportFacts* report : chosen) WriteReport(*report, out);
  return out.Take();
}

}  // namespace clerk::compute
