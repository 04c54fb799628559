#include <algorithm>

#include "load/files.h"
#include "load/suggest.h"

// The `published` block of a report: the attainment figures the paper printed, kept so that
// `clerk check` can audit them against the computed ones.
namespace clerk::load {

namespace {

const std::vector<std::string> kAttainmentFields = {"from", "to", "changes", "measures"};
const std::vector<std::string> kMeasureFields = {"rows", "total_cohort", "total_improved",
                                                 "headline"};
const std::vector<std::string> kRowFields = {"school", "change", "cohort", "improved"};

// Published figures are what a paper printed, slips included: a measure the data does not have
// is a warning (its figures cannot be audited), as the audit treats a school it does not have.
// `names` holds the measure ids and "school" (a key of the first table's rows).
bool KnownMeasure(const std::string& id, const YamlNode& key, const NarrativeScope& scope,
                  Suggestions& names, Diagnostics& diagnostics) {
  if (!scope.attainment_present) return true;  // reported once, by check
  const auto& ids = scope.measure_ids;
  if (std::find(ids.begin(), ids.end(), id) != ids.end()) return true;
  diagnostics.Warning(key.where,
                      "'" + id +
                          "' is not one of the measures in attainment.yaml, so its "
                          "published figures cannot be audited",
                      names.Hint(id));
  return false;
}

// changes: [{school: All Saints Jnr, L4+: 7, L5: -1}, ...]
std::vector<PublishedChange> LoadChanges(const Field& field, const NarrativeScope& scope,
                                         Suggestions& names, Diagnostics& diagnostics) {
  std::vector<PublishedChange> changes;
  const std::vector<YamlNode>* list = ReadList(field, diagnostics);
  if (list == nullptr) return changes;
  for (const YamlNode& node : *list) {
    if (!node.IsMap()) {
      diagnostics.Error(node.where, std::string("a published change should be a map "
                                                "(school: ..., and a change per measure), not ") +
                                        KindName(node.kind));
      continue;
    }
    PublishedChange change;
    bool has_school = false;
    for (const YamlEntry& entry : node.entries) {
      Field value{"'" + entry.key.text + "'", &entry.key, &entry.value};
      if (entry.key.text == "school") {
        if (auto school = ReadText(value, diagnostics)) change.school = *school;
        has_school = true;
      } else if (KnownMeasure(entry.key.text, entry.key, scope, names, diagnostics)) {
        if (auto number = ReadDecimal(value, "change", diagnostics)) {
          change.by_measure[entry.key.text] = *number;
        }
      }
    }
    if (!has_school) diagnostics.Error(node.where, "a published change has no 'school'");
    changes.push_back(std::move(change));
  }
  return changes;
}

std::vector<PublishedRow> LoadRows(const Field& field, const std::string& measure,
                                   Diagnostics& diagnostics) {
  std::vector<PublishedRow> rows;
  const std::vector<YamlNode>* list = ReadList(field, diagnostics);
  if (list == nullptr) return rows;
  for (const YamlNode& node : *list) {
    MapFields fields(node, "a published " + measure + " row", kRowFields, diagnostics);
    if (!fields.IsMap()) continue;
    PublishedRow row;
    if (auto school = ReadText(fields.Require("school"), diagnostics)) row.school = *school;
    row.change = ReadDecimal(fields.Get("change"), "change", diagnostics);
    row.cohort = ReadCohort(fields.Get("cohort"), diagnostics);
    row.improved = ReadInteger(fields.Get("improved"), "improved", diagnostics);
    rows.push_back(std::move(row));
  }
  return rows;
}

// measures: {L4+: {rows: [...], total_cohort: 974, total_improved: 120, headline: 12.4}, ...}
std::vector<PublishedMeasure> LoadMeasures(const Field& field, const NarrativeScope& scope,
                                           Suggestions& names, Diagnostics& diagnostics) {
  std::vector<PublishedMeasure> measures;
  const YamlNode* map = ReadMap(field, diagnostics);
  if (map == nullptr) return measures;
  for (const YamlEntry& entry : map->entries) {
    const std::string& id = entry.key.text;
    if (!KnownMeasure(id, entry.key, scope, names, diagnostics)) continue;
    MapFields fields(entry.value, "published measure " + id, kMeasureFields, diagnostics);
    if (!fields.IsMap()) continue;
    PublishedMeasure measure;
    measure.measure = LocatedText{id, entry.key.where};
    measure.rows = LoadRows(fields.Get("rows"), id, diagnostics);
    measure.total_cohort = ReadInteger(fields.Get("total_cohort"), "total_cohort", diagnostics);
    measure.total_improved =
        ReadInteger(fields.Get("total_improved"), "total_improved", diagnostics);
    measure.headline = ReadDecimal(fields.Get("headline"), "headline", diagnostics);
    measures.push_back(std::move(measure));
  }
  return measures;
}

}  // namespace

std::optional<PublishedAttainment> LoadPublished(const Field& field, const NarrativeScope& scope,
                                                 Diagnostics& diagnostics) {
  const YamlNode* published = ReadMap(field, diagnostics);
  if (published == nullptr) return std::nullopt;
  MapFields block(*published, "'published'", {"attainment"}, diagnostics);
  const YamlNode* node = ReadMap(block.Require("attainment"), diagnostics);
  if (node == nullptr) return std::nullopt;
  MapFields fields(*node, "published attainment", kAttainmentFields, diagnostics);
  auto from = ReadYearField(fields.Require("from"), diagnostics);
  auto to = ReadYearField(fields.Require("to"), diagnostics);
  PublishedAttainment attainment;
  attainment.where = fields.Where();
  std::vector<std::string> names = scope.measure_ids;
  names.push_back("school");
  Suggestions suggestions(std::move(names));
  attainment.changes = LoadChanges(fields.Get("changes"), scope, suggestions, diagnostics);
  attainment.measures = LoadMeasures(fields.Get("measures"), scope, suggestions, diagnostics);
  if (!from || !to) return std::nullopt;
  if (from->value >= to->value) {
    diagnostics.Error(to->where, "'to' (" + std::to_string(to->value) +
                                     ") should be a later year than 'from' (" +
                                     std::to_string(from->value) + ")");
    return std::nullopt;
  }
  attainment.from_year = *from;
  attainment.to_year = *to;
  return attainment;
}

}  // namespace clerk::load
