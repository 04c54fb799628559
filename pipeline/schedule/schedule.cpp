#include "schedule/schedule.h"

#include <map>
#include <set>

#include "load/fields.h"
#include "load/files.h"
#include "load/yaml_tree.h"

namespace clerk::schedule {

namespace {

using load::Field;
using load::MapFields;
using load::YamlDocument;
using load::YamlNode;

const std::vector<std::string> kTopFields = {"output", "jobs"};
const std::vector<std::string> kJobFields = {"name", "review",   "reports", "report_template",
                                             "when", "catch_up", "start",   "output"};

// A path in the schedule, relative to the schedule's folder unless absolute.
std::string Resolve(const std::string& schedule_path, const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  std::string folder = ParentDirectory(schedule_path);
  return folder == "." ? path : JoinPath(folder, path);
}

// Where byte `index` of a scalar's text is in the file: exact for a scalar written on one line,
// plain or quoted without escapes; else the scalar's start.
SourceLocation LocationIn(const YamlDocument& document, const YamlNode& node, size_t index) {
  const std::string& text = document.source.Text();
  size_t start = node.offset;
  if (start < text.size() && (text[start] == '"' || text[start] == '\'')) ++start;
  if (text.compare(start, node.text.size(), node.text) == 0) {
    return document.source.At(start + index);
  }
  return node.where;
}

// Checks the {placeholders} of a template value; "{{" begins the review's own placeholders
// ({{appendix:KEY}}, {{figure:PATH}}), which are left for the report's checks.
void CheckPlaceholders(const YamlDocument& document, const YamlNode& node,
                       Diagnostics& diagnostics) {
  const std::string& text = node.text;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      size_t close = text.find("}}", i + 2);
      if (close == std::string::npos) break;
      i = close + 1;
      continue;
    }
    size_t close = text.find('}', i);
    std::string name = close == std::string::npos ? "" : text.substr(i, close - i + 1);
    const std::vector<std::string>& known = TemplatePlaceholders();
    bool found = false;
    for (const std::string& placeholder : known) found = found || placeholder == name;
    if (!found) {
      std::string list;
      for (const std::string& placeholder : known) list += (list.empty() ? "" : " ") + placeholder;
      diagnostics.Error(LocationIn(document, node, i),
                        close == std::string::npos
                            ? "'{' is never closed"
                            : "'" + name + "' is not a placeholder a report template knows",
                        "the placeholders: " + list);
      if (close == std::string::npos) return;
    }
    if (close != std::string::npos) i = close;
  }
}

std::optional<ReportTemplate> ReadTemplate(const YamlDocument& document, const Field& field,
                                           const std::string& job, Diagnostics& diagnostics) {
  const YamlNode* node = load::ReadMap(field, diagnostics);
  if (node == nullptr) return std::nullopt;
  ReportTemplate result;
  bool ok = true;
  bool has_from = false, has_id = false;
  for (const load::YamlEntry& entry : node->entries) {
    const std::string& key = entry.key.text;
    Field item{"'" + key + "' of the report template of job '" + job + "'", &entry.key,
               &entry.value};
    if (key == "from") {
      has_from = true;
      auto from = load::ReadId(item, diagnostics);
      if (from) result.from = *from;
      ok = ok && from.has_value();
      continue;
    }
    if (!entry.value.IsScalar()) {
      diagnostics.Error(item.Where(), item.label +
                                          " should be text (with placeholders such as "
                                          "{yyyy}), not " +
                                          load::KindName(entry.value.kind));
      ok = false;
      continue;
    }
    auto value = load::ReadText(item, diagnostics);
    if (!value) {
      ok = false;
      continue;
    }
    int errors = diagnostics.ErrorCount();
    CheckPlaceholders(document, entry.value, diagnostics);
    ok = ok && diagnostics.ErrorCount() == errors;
    TemplateField set{LocatedText{key, entry.key.where}, *value};
    if (key == "id") {
      has_id = true;
      result.id = *value;
      if (value->value.find('{') == std::string::npos) {
        diagnostics.Warning(value->where,
                            "the id '" + value->value +
                                "' is the same for every period, so "
                                "every period builds the one report",
                            "put {yyyy}-{mm} in it for a report each month");
      }
    }
    result.fields.push_back(std::move(set));
  }
  if (!has_from) {
    diagnostics.Error(field.Where(), "the report template of job '" + job + "' has no 'from'",
                      "from: the id of the review's report to copy");
    ok = false;
  }
  if (!has_id) {
    diagnostics.Error(field.Where(), "the report template of job '" + job + "' has no 'id'",
                      "id: the new report's id, such as progress-{yyyy}-{mm}");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return result;
}

std::optional<Job> ReadJob(const YamlDocument& document, const YamlNode& node,
                           const Schedule& schedule, const FileSystem& files,
                           Diagnostics& diagnostics) {
  std::string name = load::PeekText(node, "name");
  MapFields fields(node, name.empty() ? "a job" : "job '" + name + "'", kJobFields, diagnostics);
  if (!fields.IsMap()) return std::nullopt;
  Job job;
  int errors = diagnostics.ErrorCount();
  if (auto read = load::ReadId(fields.Require("name"), diagnostics)) job.name = *read;
  if (auto review = load::ReadText(fields.Require("review"), diagnostics)) {
    job.review = *review;
    job.review_folder = Resolve(schedule.path, review->value);
    if (!files.IsDirectory(job.review_folder)) {
      diagnostics.Error(review->where, "there is no review folder '" + job.review_folder + "'",
                        "paths in a schedule are relative to the schedule's own folder");
    }
  }
  Field reports = fields.Get("reports");
  if (auto ids = load::ReadTextList(reports, "a report id", diagnostics)) job.reports = *ids;
  Field report_template = fields.Get("report_template");
  if (report_template.Present()) {
    job.report_template = ReadTemplate(document, report_template, job.name.value, diagnostics);
  }
  if (!reports.Present() && !report_template.Present()) {
    diagnostics.Error(fields.Where(), fields.What() + " builds nothing",
                      "give reports: [ids] or a report_template:, or both");
  }
  if (auto when = load::ReadText(fields.Require("when"), diagnostics)) {
    job.when = *when;
    RecurrenceError error;
    std::optional<Recurrence> recurrence = ParseRecurrence(when->value, error);
    const YamlNode* value = fields.Get("when").value;
    if (recurrence) {
      job.recurrence = *recurrence;
    } else {
      diagnostics.Error(LocationIn(document, *value, error.offset), "'when' " + error.message,
                        "for example: monthly on day 1 at 06:00; monthly on the last working "
                        "day; weekly on Monday; cron 0 6 1 * *");
    }
  }
  Field catch_up = fields.Get("catch_up");
  if (auto text = load::ReadText(catch_up, diagnostics)) {
    if (text->value == "all") {
      job.catch_up = CatchUp::kAll;
    } else if (text->value == "latest") {
      job.catch_up = CatchUp::kLatest;
    } else {
      diagnostics.Error(text->where, "catch_up should be all or latest, not '" + text->value + "'",
                        "all: every period missed while clerk was not running, oldest first; "
                        "latest: only the latest of them");
    }
  }
  if (auto start = load::ReadDate(fields.Get("start"), "start day", true, diagnostics)) {
    job.start = start->value;
  }
  job.output_dir = schedule.output_dir;
  if (auto output = load::ReadText(fields.Get("output"), diagnostics)) {
    job.output_dir = Resolve(schedule.path, output->value);
  }
  if (diagnostics.ErrorCount() != errors) return std::nullopt;
  return job;
}

}  // namespace

const std::vector<std::string>& TemplatePlaceholders() {
  static const std::vector<std::string> kNames = {"{date}", "{day_before}", "{yyyy}",    "{mm}",
                                                  "{dd}",   "{month}",      "{previous}"};
  return kNames;
}

std::optional<Schedule> LoadSchedule(const FileSystem& files, const std::string& path,
                                     Diagnostics& diagnostics) {
  if (!files.IsFile(path)) {
    diagnostics.Error({path, 0, 0},
                      files.IsDirectory(path) ? "this is a folder, not a schedule file"
                                              : "there is no schedule file here",
                      "give one with --schedule <file>; docs/schedule.md shows the form");
    return std::nullopt;
  }
  int errors = diagnostics.ErrorCount();
  std::optional<YamlDocument> document = load::ReadYamlFile(files, path, true, "", diagnostics);
  if (!document) return std::nullopt;
  const YamlNode* root = load::FileMap(*document, "jobs: a list of jobs", diagnostics);
  if (root == nullptr) return std::nullopt;
  Schedule schedule;
  schedule.path = path;
  MapFields fields(*root, "the schedule", kTopFields, diagnostics);
  schedule.output_dir = Resolve(path, "outputs");
  if (auto output = load::ReadText(fields.Get("output"), diagnostics)) {
    schedule.output_dir = Resolve(path, output->value);
  }
  const std::vector<YamlNode>* jobs = load::ReadList(fields.Require("jobs"), diagnostics);
  std::map<std::string, SourceLocation> names;
  if (jobs != nullptr) {
    for (const YamlNode& node : *jobs) {
      std::optional<Job> job = ReadJob(*document, node, schedule, files, diagnostics);
      if (!job) continue;
      auto [first, added] = names.emplace(job->name.value, job->name.where);
      if (!added) {
        diagnostics.Error(job->name.where,
                          "job '" + job->name.value + "' is named twice (first at line " +
                              std::to_string(first->second.line) + ")",
                          "the registry knows a job by its name: each needs its own");
        continue;
      }
      schedule.jobs.push_back(std::move(*job));
    }
    if (jobs->empty()) {
      diagnostics.Warning(fields.Get("jobs").Where(), "the schedule has no jobs: nothing will run");
    }
  }
  if (diagnostics.ErrorCount() != errors) return std::nullopt;
  return schedule;
}

}  // namespace clerk::schedule
