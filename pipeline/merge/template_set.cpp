#include <kainjow/mustache.hpp>
#include <regex>

#include "load/suggest.h"
#include "merge/merge.h"
#include "merge/template_check.h"
#include "merge/template_schema.h"

// Loading a template set from templates/<name>/ and checking every file of it.
namespace clerk::merge {

namespace {

constexpr char kExtension[] = ".mustache";

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// kainjow reports "Unclosed section \"x\" at 12": a byte offset, which becomes a line and column,
// and a sentence that says what to do.
void ReportSyntaxError(const TemplateFile& file, const std::string& error,
                       Diagnostics& diagnostics) {
  static const std::regex kAt("^(.*) at ([0-9]+)$");
  static const std::regex kSection("^(Unclosed|Unopened) section \"(.*)\"$");
  std::smatch match;
  std::string what = error;
  SourceLocation where{file.path, 0, 0};
  if (std::regex_match(error, match, kAt)) {
    what = match[1];
    where = LocationAt(file.path, file.text, std::stoul(match[2]));
  }
  std::smatch section;
  if (what == "Unclosed tag") {
    diagnostics.Error(where, "this tag is never closed", "close it with }} (or }}} after {{{)");
  } else if (std::regex_match(what, section, kSection) && section[1] == "Unclosed") {
    diagnostics.Error(where, "the section \"" + section[2].str() + "\" is never closed",
                      "end it with {{/" + section[2].str() + "}}");
  } else if (std::regex_match(what, section, kSection)) {
    diagnostics.Error(where, "{{/" + section[2].str() + "}} ends a section that is not open");
  } else if (what == "Invalid set delimiter tag") {
    diagnostics.Error(where, "this set-delimiter tag cannot be read",
                      "clerk templates keep the {{ }} delimiters");
  } else {
    diagnostics.Error(where, "Mustache: " + what);
  }
}

bool IsFolderName(const std::string& name) {
  return !name.empty() && name[0] != '.' && name.find('/') == std::string::npos &&
         name.find('\\') == std::string::npos;
}

// The template sets a report can use: the folders of `templates_dir` that load and check
// cleanly as a report's set. templates/web, the sign-off page's templates, has a report.mustache
// too, but it writes an HTML page from the registry's names, not the report's, so it is not one.
std::vector<std::string> ReportSetNames(const FileSystem& files, const std::string& templates_dir) {
  std::vector<std::string> names;
  auto entries = files.ListDirectory(templates_dir);
  if (!entries) return names;
  for (const std::string& entry : *entries) {
    std::string main =
        JoinPath(JoinPath(templates_dir, entry), std::string(kMainTemplate) + kExtension);
    if (!IsFolderName(entry) || !files.IsFile(main)) continue;
    Diagnostics ignored;
    if (LoadTemplates(files, templates_dir, entry, ignored).valid) names.push_back(entry);
  }
  return names;
}

// Only reached on the error: loading every other set is worth it to name the right one.
std::string UnknownSetHint(const FileSystem& files, const std::string& templates_dir,
                           const std::string& name) {
  std::vector<std::string> sets = ReportSetNames(files, templates_dir);
  std::string did_you_mean = load::DidYouMean(name, sets, false);
  if (!did_you_mean.empty()) return did_you_mean;
  if (sets.empty()) return "";
  return std::string(sets.size() == 1 ? "the template set a report can use is "
                                      : "the template sets a report can use are ") +
         load::JoinNames(sets);
}

}  // namespace

TemplateSet LoadTemplates(const FileSystem& files, const std::string& templates_dir,
                          const std::string& name, Diagnostics& diagnostics,
                          const SourceLocation& requested_at) {
  TemplateSet set;
  set.name = name;
  set.directory = JoinPath(templates_dir, name);
  int errors_before = diagnostics.ErrorCount();

  if (!IsFolderName(name)) {
    diagnostics.Error(requested_at, "\"" + name + "\" is not the name of a template set",
                      "name a folder of " + templates_dir + ", such as council-report");
    return set;
  }
  auto entries = files.ListDirectory(set.directory);
  if (!entries) {
    diagnostics.Error(requested_at,
                      "there is no template set \"" + name + "\" (no folder " + set.directory + ")",
                      UnknownSetHint(files, templates_dir, name));
    return set;
  }
  for (const std::string& entry : *entries) {
    std::string path = JoinPath(set.directory, entry);
    if (!EndsWith(entry, kExtension) || !files.IsFile(path)) continue;
    std::string error;
    auto text = files.ReadFile(path, &error);
    if (!text) {
      diagnostics.Error({path, 0, 0}, "cannot read this template: " + error);
      continue;
    }
    std::string partial = entry.substr(0, entry.size() - (sizeof kExtension - 1));
    set.files[partial] = TemplateFile{path, *text};
  }
  if (set.files.count(kMainTemplate) == 0) {
    diagnostics.Error(
        requested_at,
        "the template set \"" + name + "\" has no " + std::string(kMainTemplate) + kExtension,
        "every template set starts from " +
            JoinPath(set.directory, std::string(kMainTemplate) + kExtension));
  }

  // A file kainjow cannot parse renders as "" without a word, and a broken partial would show
  // only when included: so every file is parsed here, included or not.
  for (const auto& [partial, file] : set.files) {
    kainjow::mustache::mustache parsed(file.text);
    if (!parsed.is_valid()) ReportSyntaxError(file, parsed.error_message(), diagnostics);
  }
  if (diagnostics.ErrorCount() == errors_before) {
    CheckTemplateNames(set, ReportShape(), diagnostics);
  }
  set.valid = diagnostics.ErrorCount() == errors_before;
  return set;
}

}  // namespace clerk::merge
