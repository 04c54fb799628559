#include <algorithm>

#include "load/files.h"
#include "load/suggest.h"

// attainment.yaml: the measures, and each school's results and cohorts by year.
namespace clerk::load {

namespace {

const std::vector<std::string> kMeasureFields = {"id", "name"};
const std::vector<std::string> kSchoolFields = {"name", "results", "cohorts"};

// results: {2009: {L4+: 61, L5: 19}, ...}. False when a value is there but cannot be read.
bool LoadResults(const Field& field, Suggestions& measures, const std::string& school,
                 Diagnostics& diagnostics, School& out) {
  const std::vector<std::string>& measure_ids = measures.Names();
  const YamlNode* years = ReadMap(field, diagnostics);
  if (years == nullptr) return !field.Present();
  bool read = true;
  for (const YamlEntry& year_entry : years->entries) {
    auto year = ReadYear(year_entry.key, diagnostics);
    Field by_measure_field{"the " + year_entry.key.text + " results of " + school, &year_entry.key,
                           &year_entry.value};
    const YamlNode* by_measure = ReadMap(by_measure_field, diagnostics);
    if (!year || by_measure == nullptr) {
      read = false;
      continue;
    }
    auto& row = out.results[year->value];
    for (const YamlEntry& entry : by_measure->entries) {
      const std::string& measure = entry.key.text;
      if (std::find(measure_ids.begin(), measure_ids.end(), measure) == measure_ids.end()) {
        diagnostics.Error(entry.key.where, "'" + measure + "' is not one of the measures",
                          measures.Hint(measure));
        continue;
      }
      Field value{"'" + measure + "'", &entry.key, &entry.value};
      if (auto percentage = ReadPercentage(value, diagnostics)) {
        row[measure] = *percentage;
      } else {
        read = false;
      }
    }
  }
  return read;
}

// cohorts: {2010: 60, ...}. False when a value is there but cannot be read.
bool LoadCohorts(const Field& field, Diagnostics& diagnostics, School& out) {
  const YamlNode* years = ReadMap(field, diagnostics);
  if (years == nullptr) return !field.Present();
  bool read = true;
  for (const YamlEntry& entry : years->entries) {
    auto year = ReadYear(entry.key, diagnostics);
    auto cohort = ReadCohort(Field{"the cohort", &entry.key, &entry.value}, diagnostics);
    if (year && cohort) {
      out.cohorts[year->value] = *cohort;
    } else {
      read = false;
    }
  }
  return read;
}

}  // namespace

bool LoadAttainment(const YamlDocument& document, Diagnostics& diagnostics, Attainment& attainment,
                    std::vector<std::string>& bad_values) {
  const YamlNode* root = FileMap(document, "measures: and schools:", diagnostics);
  if (root == nullptr) return false;
  MapFields file(*root, "attainment.yaml", {"measures", "schools"}, diagnostics);
  const std::vector<YamlNode>* measures = ReadList(file.Require("measures"), diagnostics);
  const std::vector<YamlNode>* schools = ReadList(file.Require("schools"), diagnostics);
  if (measures == nullptr || schools == nullptr) return false;

  std::vector<std::string> measure_ids;
  for (const YamlNode& node : *measures) {
    std::string id = PeekText(node, "id");
    MapFields fields(node, id.empty() ? "a measure" : "measure " + id, kMeasureFields, diagnostics);
    if (!fields.IsMap()) continue;
    Measure measure;
    if (auto value = ReadId(fields.Require("id"), diagnostics)) measure.id = *value;
    if (auto name = ReadText(fields.Require("name"), diagnostics)) measure.name = *name;
    if (!measure.id.value.empty()) measure_ids.push_back(measure.id.value);
    attainment.measures.push_back(std::move(measure));
  }
  Suggestions measure_names(measure_ids);
  for (const YamlNode& node : *schools) {
    std::string name = PeekText(node, "name");
    std::string what = name.empty() ? "a school" : "school '" + name + "'";
    MapFields fields(node, what, kSchoolFields, diagnostics);
    if (!fields.IsMap()) continue;
    School school;
    school.where = fields.Where();
    if (auto value = ReadText(fields.Require("name"), diagnostics)) school.name = *value;
    bool results = LoadResults(fields.Require("results"), measure_names, what, diagnostics, school);
    bool cohorts = LoadCohorts(fields.Get("cohorts"), diagnostics, school);
    if (!results || !cohorts) bad_values.push_back(school.name.value);
    attainment.schools.push_back(std::move(school));
  }
  return true;
}

}  // namespace clerk::load
