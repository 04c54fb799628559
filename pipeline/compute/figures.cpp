#include <cstdlib>
#include <string>

#include "compute/facts.h"

// Figures by the paths narrative text names them with: {{figure:attainment.L4+.headline}}.
namespace clerk::compute {

namespace {

std::optional<std::string> AttainmentFigure(const ReportFacts& report, const std::string& rest) {
  auto analysis = report.attainment.find(report.narrative_attainment_key);
  if (analysis == report.attainment.end()) return std::nullopt;
  const AttainmentFacts& facts = analysis->second;
  if (rest == "schools") return std::to_string(facts.school_count);
  if (rest == "from") return std::to_string(facts.from_year);
  if (rest == "to") return std::to_string(facts.to_year);
  // "<measure>.<field>": measure ids may themselves hold dots, so the field is the last part.
  size_t dot = rest.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string measure_id = rest.substr(0, dot);
  std::string field = rest.substr(dot + 1);
  for (const MeasureFacts& measure : facts.measures) {
    if (measure.measure_id != measure_id) continue;
    if (field == "headline") return FormatHeadline(measure.headline);
    if (field == "improved") return std::to_string(measure.total_improved);
    if (field == "cohort") return std::to_string(measure.total_cohort);
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> ActionsFigure(const ReportFacts& report, const std::string& rest) {
  if (rest == "total") {
    int total = 0;
    for (const auto& [status, count] : report.status_counts) total += count;
    return std::to_string(total);
  }
  for (ActionStatus status : AllActionStatuses()) {
    if (ActionStatusPathName(status) != rest) continue;
    auto count = report.status_counts.find(status);
    return std::to_string(count == report.status_counts.end() ? 0 : count->second);
  }
  return std::nullopt;
}

}  // namespace

std::string FormatHeadline(Decimal headline) {
  // Headlines are whole tenths; any hundredths left over are rounded, halves away from zero.
  std::int64_t tenths = DivideRoundHalfAway(headline.hundredths, 10);
  std::int64_t magnitude = std::llabs(tenths);
  return (tenths < 0 ? "-" : "") + std::to_string(magnitude / 10) + "." +
         std::to_string(magnitude % 10);
}

std::optional<std::string> FigureByPath(const ReportFacts& report, const std::string& path) {
  const std::string kAttainment = "attainment.";
  const std::string kActions = "actions.";
  if (path.compare(0, kAttainment.size(), kAttainment) == 0) {
    return AttainmentFigure(report, path.substr(kAttainment.size()));
  }
  if (path.compare(0, kActions.size(), kActions) == 0) {
    return ActionsFigure(report, path.substr(kActions.size()));
  }
  return std::nullopt;
}

}  // namespace clerk::compute
