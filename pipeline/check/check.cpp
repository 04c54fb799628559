#include "check/check.h"

#include "check/checks.h"
#include "load/diagnostic_limit.h"
#include "load/suggest.h"

namespace clerk::check {

void CheckReview(const Review& review, Diagnostics& diagnostics, const load::LoadGaps& gaps) {
  Diagnostics all;
  CheckDuplicates(review, all);
  CheckResponses(review, gaps, all);
  CheckTimescales(review, gaps, all);
  CheckDates(review, all);
  CheckReports(review, gaps, all);
  CheckAttainment(review, gaps, all);
  load::AddLimited(all, diagnostics);
}

std::string PlaceOf(const SourceLocation& first, const SourceLocation& here) {
  if (first.file == here.file) return "line " + std::to_string(first.line);
  return first.file + ":" + std::to_string(first.line);
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string joined;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) joined += i + 1 == words.size() ? " and " : ", ";
    joined += words[i];
  }
  return joined;
}

std::string NameHint(const std::string& name, load::Suggestions& known,
                     const std::string& kind_plural) {
  const std::vector<std::string>& names = known.Names();
  if (names.empty()) return "there are no " + kind_plural;
  std::string hint = known.Hint(name, false);
  if (!hint.empty()) return hint;
  if (names.size() <= 12) return "the " + kind_plural + " are " + load::JoinNames(names);
  return "";
}

}  // namespace clerk::check
