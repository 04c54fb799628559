#include <algorithm>
#include <map>

#include "check/checks.h"

// Ids, keys and names that must be unique: the second of two is the error.
namespace clerk::check {

namespace {

// Reports each text given before, once per repeat. Empty texts were reported by load.
class UniqueNames {
 public:
  UniqueNames(std::string what, Diagnostics& diagnostics)
      : what_(std::move(what)), diagnostics_(diagnostics) {}

  void Add(const LocatedText& name) {
    if (name.value.empty()) return;
    auto [first, inserted] = seen_.emplace(name.value, name.where);
    if (inserted) return;
    diagnostics_.Error(name.where,
                       what_ + " '" + name.value + "' is given twice (first at " +
                           PlaceOf(first->second, name.where) + ")",
                       "give each one a different " + Noun());
  }

 private:
  std::string Noun() const { return what_.substr(what_.rfind(' ') + 1); }

  std::string what_;
  Diagnostics& diagnostics_;
  std::map<std::string, SourceLocation> seen_;
};

}  // namespace

void CheckDuplicates(const Review& review, Diagnostics& diagnostics) {
  UniqueNames recommendations("recommendation id", diagnostics);
  for (const Recommendation& recommendation : review.recommendations) {
    recommendations.Add(recommendation.id);
    UniqueNames parts("part id", diagnostics);
    for (const RecommendationPart& part : recommendation.parts) parts.Add(part.id);
  }
  UniqueNames actions("action id", diagnostics);
  for (const Action& action : review.actions) actions.Add(action.id);
  UniqueNames measures("measure id", diagnostics);
  for (const Measure& measure : review.attainment.measures) measures.Add(measure.id);
  UniqueNames schools("school name", diagnostics);
  for (const School& school : review.attainment.schools) schools.Add(school.name);

  // Reports are sorted by id; report the one in the later file as the repeat.
  std::vector<const ReportDefinition*> by_file;
  for (const ReportDefinition& report : review.reports) by_file.push_back(&report);
  std::stable_sort(
      by_file.begin(), by_file.end(),
      [](const ReportDefinition* a, const ReportDefinition* b) { return a->file < b->file; });
  UniqueNames reports("report id", diagnostics);
  for (const ReportDefinition* report : by_file) {
    reports.Add(report->id);
    UniqueNames keys("appendix key", diagnostics);
    for (const Appendix& appendix : report->appendices) keys.Add(appendix.key);
  }
}

}  // namespace clerk::check
