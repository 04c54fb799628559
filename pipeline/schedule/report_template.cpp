#include "schedule/report_template.h"

#include <cstdio>
#include <set>
#include <sstream>
#include <vector>

#include "load/yaml_tree.h"
#include "schedule/recurrence.h"

namespace clerk::schedule {

namespace {

std::string TwoDigits(int value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", value);
  return buffer;
}

// A YAML double-quoted scalar: the value exactly, whatever it holds.
std::string Quoted(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

}  // namespace

std::map<std::string, std::string> PlaceholderValues(const WallTime& period,
                                                     const std::string& previous) {
  const Date& day = period.day;
  return {{"{date}", day.ToIso()},
          {"{day_before}", AddDays(day, -1).ToIso()},
          {"{yyyy}", std::to_string(day.year)},
          {"{mm}", TwoDigits(day.month)},
          {"{dd}", TwoDigits(day.day)},
          {"{month}", MonthName(day.month)},
          {"{previous}", previous}};
}

std::string Substitute(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      size_t close = text.find("}}", i + 2);
      size_t end = close == std::string::npos ? text.size() : close + 2;
      out += text.substr(i, end - i);
      i = end - 1;
      continue;
    }
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string::npos) {
        auto found = values.find(text.substr(i, close - i + 1));
        if (found != values.end()) {
          out += found->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::string InstanceId(const ReportTemplate& report_template, const WallTime& period) {
  return Substitute(report_template.id.value, PlaceholderValues(period, ""));
}

std::string PreviousInstanceId(const FileSystem& files, const Job& job, const WallTime& period) {
  const ReportTemplate& report_template = *job.report_template;
  WallTime just_before = period;
  if (just_before.seconds > 0) {
    --just_before.seconds;
  } else {
    just_before = WallTime{AddDays(period.day, -1), 86399};
  }
  if (auto previous = LatestOccurrence(job.recurrence, just_before)) {
    std::string id = InstanceId(report_template, *previous);
    if (id != InstanceId(report_template, period) &&
        files.IsFile(JoinPath(job.review_folder, "reports/" + id + ".yaml"))) {
      return id;
    }
  }
  return report_template.from.value;
}

std::optional<std::string> InstantiateReport(const std::string& source_path,
                                             const std::string& source, const Job& job,
                                             const WallTime& period, const FileSystem& files,
                                             Diagnostics& diagnostics) {
  const ReportTemplate& report_template = *job.report_template;
  std::optional<load::YamlDocument> document = load::ParseYaml(source_path, source, diagnostics);
  if (!document) return std::nullopt;
  if (!document->root.IsMap()) {
    diagnostics.Error(document->root.where, "report '" + report_template.from.value +
                                                "' is not a map of fields, so "
                                                "job '" +
                                                job.name.value + "' cannot copy it");
    return std::nullopt;
  }
  std::set<std::string> replaced;
  for (const TemplateField& field : report_template.fields) replaced.insert(field.key.value);

  // Each field set by the template is taken out whole: from its key's line to the line before
  // the next field's key.
  std::vector<std::string> lines = Lines(source);
  std::vector<bool> keep(lines.size(), true);
  const auto& entries = document->root.entries;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (replaced.count(entries[i].key.text) == 0) continue;
    if (entries[i].key.where.column != 1) {
      diagnostics.Error(entries[i].key.where, "report '" + report_template.from.value +
                                                  "' should be written as a "
                                                  "block of fields, one per line, for job '" +
                                                  job.name.value + "' to copy it");
      return std::nullopt;
    }
    int first = entries[i].key.where.line;
    int end =
        i + 1 < entries.size() ? entries[i + 1].key.where.line : static_cast<int>(lines.size()) + 1;
    for (int line = first; line < end; ++line) keep[static_cast<size_t>(line - 1)] = false;
  }

  std::map<std::string, std::string> values =
      PlaceholderValues(period, PreviousInstanceId(files, job, period));
  std::string out = "# Made by clerk run-due for job '" + job.name.value + "', period " +
                    period.ToWords() + ", from report " + report_template.from.value +
                    "\n# with the fields at the end set by the schedule. Edit it freely: "
                    "run-due never makes it again.\n";
  for (size_t i = 0; i < lines.size(); ++i) {
    if (keep[i]) out += lines[i] + "\n";
  }
  out += "# Set by the schedule for " + period.ToWords() + ":\n";
  for (const TemplateField& field : report_template.fields) {
    out += field.key.value + ": " + Quoted(Substitute(field.value.value, values)) + "\n";
  }
  return out;
}

}  // namespace clerk::schedule
