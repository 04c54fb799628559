#include <algorithm>

#include "load/files.h"
#include "load/suggest.h"

// Placeholders in narrative text: {{appendix:KEY}} and {{figure:PATH}}. Checked while the source
// text is at hand, so that a problem points at the placeholder itself, even inside a folded block.
namespace clerk::load {

namespace {

const std::vector<std::string> kKinds = {"appendix", "figure"};
const std::vector<std::string> kAttainmentFigures = {"schools", "from", "to"};
const std::vector<std::string> kMeasureFigures = {"headline", "improved", "cohort"};
// As compute::ActionStatusPathName spells them.
const std::vector<std::string> kActionFigures = {"total",   "complete",  "on-track",
                                                 "due",     "overdue",   "rescheduled",
                                                 "ongoing", "withdrawn", "unknown"};

size_t CountOccurrences(const std::string& text, const std::string& needle, size_t before) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos && at < before;
       at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

// Where the placeholder starting at byte `at` of the scalar's value is in the file: the same
// occurrence of the same characters within the scalar's source; the scalar itself when its
// source text differs (escapes, or the placeholder folded over two lines).
SourceLocation Locate(const YamlDocument& document, const YamlNode& node, const std::string& raw,
                      size_t at) {
  size_t nth = CountOccurrences(node.text, raw, at);
  const std::string& text = document.source.Text();
  size_t end = document.EndOf(node);
  size_t found = text.find(raw, node.offset);
  for (size_t i = 0; i < nth && found != std::string::npos; ++i) found = text.find(raw, found + 1);
  if (found == std::string::npos || found + raw.size() > end) return node.where;
  return document.source.At(found);
}

std::vector<std::string> FigurePaths(const NarrativeScope& scope) {
  std::vector<std::string> paths;
  for (const std::string& figure : kAttainmentFigures) paths.push_back("attainment." + figure);
  for (const std::string& measure : scope.measure_ids) {
    for (const std::string& figure : kMeasureFigures) {
      paths.push_back("attainment." + measure + "." + figure);
    }
  }
  for (const std::string& figure : kActionFigures) paths.push_back("actions." + figure);
  return paths;
}

// "" when `path` names a figure; else why not, and in `hint` (when `with_hint`) what to do.
std::string FigureProblem(const std::string& path, const NarrativeScope& scope, bool with_hint,
                          std::string* hint) {
  std::vector<std::string> paths = FigurePaths(scope);
  bool attainment = path.compare(0, 11, "attainment.") == 0;
  if (attainment && !scope.attainment_present) {
    if (scope.attainment_unread) return "";  // attainment.yaml is reported already
    return "figure '" + path + "' needs attainment data, and this review has no attainment.yaml";
  }
  if (std::find(paths.begin(), paths.end(), path) != paths.end()) return "";
  size_t dot = path.rfind('.');
  if (attainment && dot > 11 && dot != std::string::npos &&
      std::find(kMeasureFigures.begin(), kMeasureFigures.end(), path.substr(dot + 1)) !=
          kMeasureFigures.end()) {
    std::string measure = path.substr(11, dot - 11);
    if (with_hint) *hint = DidYouMean(measure, scope.measure_ids);
    return "unknown figure '" + path + "': '" + measure + "' is not one of the measures";
  }
  if (with_hint) *hint = DidYouMean(path, paths, false);
  if (hint->empty()) {
    *hint =
        "figures are attainment.schools, attainment.from, attainment.to, "
        "attainment.<measure>.headline, .improved or .cohort, actions.total and "
        "actions.<status> (complete, on-track, due, overdue, rescheduled, ongoing, withdrawn)";
  }
  return "unknown figure '" + path + "'";
}

}  // namespace

void CheckPlaceholders(const YamlDocument& document, const YamlNode& node,
                       const std::vector<std::string>& appendix_keys, const NarrativeScope& scope,
                       int& hints_left, Diagnostics& diagnostics) {
  constexpr int kMaxProblemsPerText = 10;
  int problems = 0;
  const std::string& text = node.text;
  for (size_t open = text.find("{{"); open != std::string::npos; open = text.find("{{", open + 2)) {
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) {
      diagnostics.Error(Locate(document, node, "{{", open), "'{{' is not closed by '}}'",
                        "placeholders are written {{appendix:KEY}} or {{figure:PATH}}");
      return;
    }
    std::string raw = text.substr(open, close + 2 - open);
    std::string inside = text.substr(open + 2, close - open - 2);
    size_t colon = inside.find(':');
    std::string kind = inside.substr(0, colon);
    std::string argument = colon == std::string::npos ? "" : inside.substr(colon + 1);
    std::string problem;
    std::string hint;
    if (colon == std::string::npos || (kind != "appendix" && kind != "figure")) {
      problem = "unknown placeholder '" + raw + "'";
      std::string closest = ClosestName(kind, kKinds);
      hint = closest.empty() ? "placeholders are written {{appendix:KEY}} or {{figure:PATH}}"
                             : "did you mean '{{" + closest + ":" + argument + "}}'?";
    } else if (kind == "appendix") {
      if (std::find(appendix_keys.begin(), appendix_keys.end(), argument) == appendix_keys.end()) {
        problem = "'" + raw + "' names no appendix of this report";
        hint = appendix_keys.empty() ? "this report has no appendices"
               : hints_left > 0      ? DidYouMean(argument, appendix_keys, false)
                                     : "";
        if (hint.empty()) hint = "its appendices are: " + JoinNames(appendix_keys);
      }
    } else {
      problem = FigureProblem(argument, scope, hints_left > 0, &hint);
    }
    if (!problem.empty()) {
      diagnostics.Error(Locate(document, node, raw, open), problem, hint);
      --hints_left;
      if (++problems == kMaxProblemsPerText) return;
    }
    open = close;
  }
}

}  // namespace clerk::load
