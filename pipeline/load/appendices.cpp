#include <algorithm>
#include <map>

#include "load/files.h"
#include "load/suggest.h"

// The `appendices` list of a report: action plans, attainment analyses, reproduced reports.
namespace clerk::load {

namespace {

const std::vector<std::string> kAppendixFields = {
    "key",     "kind", "title", "intro", "response_heading", "recommendations",
    "updates", "from", "to",    "report"};
const std::vector<std::string> kKinds = {"action-plan", "attainment", "report"};
const std::vector<std::string> kUpdateChoices = {"all", "since-previous"};

// Fields that belong to one kind of appendix only.
const std::map<std::string, std::string> kFieldKind = {{"response_heading", "action-plan"},
                                                       {"recommendations", "action-plan"},
                                                       {"updates", "action-plan"},
                                                       {"from", "attainment"},
                                                       {"to", "attainment"},
                                                       {"report", "report"}};

std::optional<AppendixKind> KindOf(const std::string& name) {
  if (name == "action-plan") return AppendixKind::kActionPlan;
  if (name == "attainment") return AppendixKind::kAttainment;
  if (name == "report") return AppendixKind::kReport;
  return std::nullopt;
}

std::optional<Appendix> LoadAppendix(const YamlNode& node, Diagnostics& diagnostics) {
  std::string key = PeekText(node, "key");
  std::string what = key.empty() ? "an appendix" : "appendix '" + key + "'";
  MapFields fields(node, what, kAppendixFields, diagnostics);
  if (!fields.IsMap()) return std::nullopt;
  Appendix appendix;
  appendix.where = fields.Where();
  auto key_value = ReadId(fields.Require("key"), diagnostics);
  auto kind_text = ReadText(fields.Require("kind"), diagnostics);
  std::optional<AppendixKind> kind;
  if (kind_text) {
    kind = KindOf(kind_text->value);
    if (!kind) {
      diagnostics.Error(kind_text->where,
                        "appendix kind '" + kind_text->value + "' is not one clerk knows",
                        DidYouMean(kind_text->value, kKinds));
    }
  }
  if (!key_value || !kind) return std::nullopt;
  appendix.key = *key_value;
  appendix.kind = *kind;

  for (const YamlEntry& entry : node.entries) {
    auto owner = kFieldKind.find(entry.key.text);
    if (owner != kFieldKind.end() && owner->second != kind_text->value) {
      diagnostics.Error(entry.key.where, "'" + entry.key.text + "' belongs to " + owner->second +
                                             " appendices, not to " + kind_text->value + " ones");
    }
  }
  appendix.title = ReadText(fields.Get("title"), diagnostics);
  appendix.intro = ReadText(fields.Get("intro"), diagnostics);
  switch (appendix.kind) {
    case AppendixKind::kActionPlan: {
      appendix.response_heading = ReadText(fields.Get("response_heading"), diagnostics);
      if (auto ids =
              ReadTextList(fields.Get("recommendations"), "a recommendation id", diagnostics)) {
        appendix.recommendations = *ids;
      }
      appendix.updates = ReadText(fields.Get("updates"), diagnostics);
      if (appendix.updates && appendix.updates->value != "all" &&
          appendix.updates->value != "since-previous") {
        diagnostics.Error(
            appendix.updates->where,
            "updates '" + appendix.updates->value + "' is neither 'all' nor 'since-previous'",
            DidYouMean(appendix.updates->value, kUpdateChoices));
        appendix.updates.reset();
      }
      break;
    }
    case AppendixKind::kAttainment:
      // Both optional: compute takes the latest year with results, and the one before it.
      appendix.from_year = ReadYearField(fields.Get("from"), diagnostics);
      appendix.to_year = ReadYearField(fields.Get("to"), diagnostics);
      if (appendix.from_year && appendix.to_year &&
          appendix.from_year->value >= appendix.to_year->value) {
        diagnostics.Error(appendix.to_year->where,
                          "'to' (" + std::to_string(appendix.to_year->value) +
                              ") should be a later year than 'from' (" +
                              std::to_string(appendix.from_year->value) + ")");
      }
      break;
    case AppendixKind::kReport:
      appendix.report = ReadId(fields.Require("report"), diagnostics);
      break;
  }
  return appendix;
}

}  // namespace

std::vector<Appendix> LoadAppendices(const Field& field, Diagnostics& diagnostics) {
  std::vector<Appendix> appendices;
  const std::vector<YamlNode>* list = ReadList(field, diagnostics);
  if (list == nullptr) return appendices;
  for (const YamlNode& node : *list) {
    if (auto appendix = LoadAppendix(node, diagnostics)) appendices.push_back(std::move(*appendix));
  }
  return appendices;
}

}  // namespace clerk::load
