#include "load/load.h"

#include <algorithm>

#include "load/diagnostic_limit.h"
#include "load/files.h"
#include "load/suggest.h"

namespace clerk::load {

namespace {

const char* const kReviewFile = "review.yaml";
const char* const kRecommendationsFile = "recommendations.yaml";
const char* const kResponsesFile = "responses.yaml";
const char* const kTimescalesFile = "timescales.yaml";
const char* const kAttainmentFile = "attainment.yaml";
const char* const kReportsFolder = "reports";

bool EndsWith(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// Warns about YAML files that clerk would silently not read, most often a misspelt name.
void CheckFolderEntries(const FileSystem& files, const std::string& folder,
                        Diagnostics& diagnostics) {
  const std::vector<std::string> known = {kReviewFile,     kRecommendationsFile, kResponsesFile,
                                          kTimescalesFile, kAttainmentFile,      kReportsFolder};
  auto names = files.ListDirectory(folder);
  if (!names) return;
  for (const std::string& name : *names) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string path = JoinPath(folder, name);
    bool yaml = EndsWith(name, ".yaml") || EndsWith(name, ".yml");
    std::string closest = ClosestName(name, known);
    if (!yaml && closest.empty()) continue;
    std::string hint = !closest.empty()
                           ? "did you mean '" + closest + "'?"
                           : "a review folder holds " + JoinNames(known) + " (a folder of reports)";
    diagnostics.Warning({path, 0, 0}, "clerk does not read this file", hint);
  }
}

void LoadReports(const FileSystem& files, const std::string& folder, const NarrativeScope& scope,
                 Diagnostics& diagnostics, Review& review, LoadGaps& gaps) {
  std::string reports_folder = JoinPath(folder, kReportsFolder);
  if (!files.IsDirectory(reports_folder)) {
    if (files.IsFile(reports_folder)) {
      diagnostics.Error({reports_folder, 0, 0},
                        "'reports' should be a folder holding one file per report");
    }
    return;
  }
  for (const std::string& name :
       files.ListDirectory(reports_folder).value_or(std::vector<std::string>{})) {
    std::string path = JoinPath(reports_folder, name);
    if (EndsWith(name, ".yml")) {
      diagnostics.Warning({path, 0, 0}, "clerk does not read this file: report files end in .yaml");
      continue;
    }
    if (!EndsWith(name, ".yaml") || !files.IsFile(path)) continue;
    std::string stem = name.substr(0, name.size() - 5);
    auto document = ReadYamlFile(files, path, true, "", diagnostics);
    std::optional<ReportDefinition> report;
    if (document) report = LoadReport(*document, stem, scope, diagnostics);
    if (report) {
      review.reports.push_back(std::move(*report));
    } else {
      gaps.reports.push_back(stem);
    }
  }
  std::stable_sort(
      review.reports.begin(), review.reports.end(),
      [](const ReportDefinition& a, const ReportDefinition& b) { return a.id.value < b.id.value; });
}

Review LoadUnlimited(const FileSystem& files, const std::string& folder, Diagnostics& diagnostics,
                     LoadGaps* gaps_out) {
  LoadGaps gaps;
  Review review;
  review.folder = folder;
  if (!files.IsDirectory(folder)) {
    diagnostics.Error({folder, 0, 0}, files.IsFile(folder) ? "this is a file, not a review folder"
                                                           : "there is no review folder here");
    gaps.recommendations = gaps.responses = gaps.timescales = true;
    if (gaps_out != nullptr) *gaps_out = gaps;
    return review;
  }
  CheckFolderEntries(files, folder, diagnostics);

  if (auto document = ReadYamlFile(files, JoinPath(folder, kReviewFile), true,
                                   "the review's title and council", diagnostics)) {
    review.info = LoadReviewInfo(*document, diagnostics);
  }
  auto recommendations = ReadYamlFile(files, JoinPath(folder, kRecommendationsFile), true,
                                      "the review's recommendations", diagnostics);
  gaps.recommendations = !recommendations ||
                         !LoadRecommendations(*recommendations, diagnostics, review.recommendations,
                                              gaps.unread_recommendation_ids);
  auto responses =
      ReadYamlFile(files, JoinPath(folder, kResponsesFile), true,
                   "the actions taken in response to the recommendations", diagnostics);
  gaps.responses =
      !responses || !LoadResponses(*responses, diagnostics, review.actions, gaps.unread_action_ids);
  auto timescales = ReadYamlFile(files, JoinPath(folder, kTimescalesFile), true,
                                 "the timescale of every action", diagnostics);
  gaps.timescales = !timescales || !LoadTimescales(*timescales, diagnostics, review.timescales,
                                                   gaps.unread_timescale_actions);

  std::string attainment_path = JoinPath(folder, kAttainmentFile);
  if (files.IsFile(attainment_path) || files.IsDirectory(attainment_path)) {
    auto attainment = ReadYamlFile(files, attainment_path, false, "", diagnostics);
    gaps.attainment = !attainment || !LoadAttainment(*attainment, diagnostics, review.attainment,
                                                     gaps.schools_with_bad_values);
    review.attainment.present = !gaps.attainment;
  }

  NarrativeScope scope;
  for (const Measure& measure : review.attainment.measures)
    scope.measure_ids.push_back(measure.id.value);
  scope.attainment_present = review.attainment.present;
  scope.attainment_unread = gaps.attainment;
  LoadReports(files, folder, scope, diagnostics, review, gaps);

  if (gaps_out != nullptr) *gaps_out = gaps;
  return review;
}

}  // namespace

std::optional<YamlDocument> ReadYamlFile(const FileSystem& files, const std::string& path,
                                         bool required, const std::string& holds,
                                         Diagnostics& diagnostics) {
  if (!files.IsFile(path) && !files.IsDirectory(path)) {
    if (required) {
      diagnostics.Error({path, 0, 0}, "the file is missing: every review needs it (" + holds + ")");
    }
    return std::nullopt;
  }
  std::string error;
  auto bytes = files.ReadFile(path, &error);
  if (!bytes) {
    bool sentence = error.compare(0, 3, "is ") == 0 || error.compare(0, 7, "cannot ") == 0;
    diagnostics.Error({path, 0, 0},
                      sentence ? "the file " + error : "the file cannot be read: " + error);
    return std::nullopt;
  }
  return ParseYaml(path, std::move(*bytes), diagnostics);
}

const YamlNode* FileMap(const YamlDocument& document, const std::string& expected,
                        Diagnostics& diagnostics) {
  const YamlNode& root = document.root;
  if (root.IsMap()) return &root;
  if (root.IsNull()) {
    diagnostics.Error(document.source.Whole(), "the file is empty (expected " + expected + ")");
  } else {
    diagnostics.Error(root.where, std::string("the file is ") + KindName(root.kind) +
                                      " where a map belongs (expected " + expected + ")");
  }
  return nullptr;
}

Review LoadReview(const FileSystem& files, const std::string& folder, Diagnostics& diagnostics,
                  LoadGaps* gaps_out) {
  Diagnostics all;
  Review review = LoadUnlimited(files, folder, all, gaps_out);
  AddLimited(all, diagnostics);
  return review;
}

}  // namespace clerk::load
