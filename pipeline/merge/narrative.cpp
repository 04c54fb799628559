#include "merge/narrative.h"

#include <string_view>
#include <vector>

namespace clerk::merge {

namespace {

std::string Trim(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string JoinQuoted(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
    out += "\"" + words[i] + "\"";
  }
  return out;
}

std::string FigureHint(const NarrativeScope& scope) {
  std::string measures;
  if (scope.facts != nullptr) {
    auto analysis = scope.facts->attainment.find(scope.facts->narrative_attainment_key);
    if (analysis != scope.facts->attainment.end()) {
      std::vector<std::string> ids;
      for (const compute::MeasureFacts& measure : analysis->second.measures) {
        ids.push_back(measure.measure_id);
      }
      if (!ids.empty()) measures = " (measures here: " + JoinQuoted(ids) + ")";
    }
  }
  return "figures are attainment.schools, attainment.from, attainment.to, "
         "attainment.<measure>.headline, .improved or .cohort" +
         measures + ", actions.total and actions.<status> (for example actions.overdue)";
}

// Appends the replacement for one placeholder body ("appendix:action-plan"); false when it
// names nothing (the caller then prints it as written).
bool Replace(const std::string& body, const LocatedText& text, const NarrativeScope& scope,
             NarrativeText* out, Diagnostics& diagnostics) {
  size_t colon = body.find(':');
  std::string kind = colon == std::string::npos ? body : Trim(body.substr(0, colon));
  std::string name = colon == std::string::npos ? "" : Trim(body.substr(colon + 1));
  if (kind == "appendix") {
    auto found = scope.appendices.find(name);
    if (found == scope.appendices.end()) {
      std::string attached = scope.appendix_keys.empty() ? "this report attaches no appendices"
                                                         : "this report's appendices are " +
                                                               JoinQuoted(scope.appendix_keys);
      diagnostics.Error(text.where, "{{appendix:" + name + "}} names no appendix of this report",
                        attached);
      return false;
    }
    const AppendixReference& appendix = found->second;
    out->markup.Append(Markup::Element("link", {{"to", appendix.anchor}},
                                       Markup::Element("b", {}, Markup::Text(appendix.label))));
    out->plain += appendix.label;
    return true;
  }
  if (kind == "figure") {
    std::optional<std::string> figure;
    if (scope.facts != nullptr) figure = compute::FigureByPath(*scope.facts, name);
    if (!figure) {
      diagnostics.Error(text.where, "{{figure:" + name + "}} names no figure of this report",
                        FigureHint(scope));
      return false;
    }
    out->markup.AppendText(*figure);
    out->plain += *figure;
    return true;
  }
  diagnostics.Error(text.where, "{{" + body + "}} is not a placeholder clerk knows",
                    "narrative text may use {{appendix:KEY}} and {{figure:PATH}}");
  return false;
}

}  // namespace

NarrativeText ExpandNarrative(const LocatedText& text, const NarrativeScope& scope,
                              Diagnostics& diagnostics) {
  NarrativeText out;
  const std::string& source = text.value;
  size_t pos = 0;
  while (pos < source.size()) {
    size_t open = source.find("{{", pos);
    if (open == std::string::npos) break;
    out.markup.AppendText(std::string_view(source).substr(pos, open - pos));
    out.plain += source.substr(pos, open - pos);
    size_t close = source.find("}}", open + 2);
    if (close == std::string::npos) {
      diagnostics.Error(text.where, "a placeholder opened with \"{{\" is never closed with \"}}\"",
                        "write {{appendix:KEY}} or {{figure:PATH}}");
      pos = open;
      break;
    }
    std::string body = Trim(std::string_view(source).substr(open + 2, close - open - 2));
    if (!Replace(body, text, scope, &out, diagnostics)) {
      std::string written = source.substr(open, close + 2 - open);
      out.markup.AppendText(written);
      out.plain += written;
    }
    pos = close + 2;
  }
  out.markup.AppendText(std::string_view(source).substr(pos));
  out.plain += source.substr(pos);
  return out;
}

}  // namespace clerk::merge
