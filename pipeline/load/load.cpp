#include "load/load.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "load/diagnostic_limit.h"
#include "load/files.h"
#include "load/suggest.h"
#include "load/yaml_files.h"

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

// The files of a review, read (not yet parsed), in the order they are read.
struct ReviewFiles {
  std::vector<YamlFile> read;
  /// Index into `read` of each file; nullopt when it is absent or could not be read (reported).
  std::optional<size_t> review, recommendations, responses, timescales, attainment;
  bool attainment_exists = false;
  /// Each report file: its name without ".yaml", and its index into `read`.
  std::vector<std::pair<std::string, std::optional<size_t>>> reports;
};

std::optional<size_t> Read(const FileSystem& files, const std::string& path, bool required,
                           const std::string& holds, Diagnostics& diagnostics,
                           ReviewFiles& review_files) {
  auto bytes = ReadYamlBytes(files, path, required, holds, diagnostics);
  if (!bytes) return std::nullopt;
  review_files.read.push_back(YamlFile{path, std::move(*bytes)});
  return review_files.read.size() - 1;
}

void ReadReports(const FileSystem& files, const std::string& folder, Diagnostics& diagnostics,
                 ReviewFiles& review_files) {
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
    review_files.reports.emplace_back(stem, Read(files, path, true, "", diagnostics, review_files));
  }
}

ReviewFiles ReadReviewFiles(const FileSystem& files, const std::string& folder,
                            Diagnostics& diagnostics) {
  ReviewFiles read;
  read.review = Read(files, JoinPath(folder, kReviewFile), true, "the review's title and council",
                     diagnostics, read);
  read.recommendations = Read(files, JoinPath(folder, kRecommendationsFile), true,
                              "the review's recommendations", diagnostics, read);
  read.responses = Read(files, JoinPath(folder, kResponsesFile), true,
                        "the actions taken in response to the recommendations", diagnostics, read);
  read.timescales = Read(files, JoinPath(folder, kTimescalesFile), true,
                         "the timescale of every action", diagnostics, read);
  std::string attainment_path = JoinPath(folder, kAttainmentFile);
  read.attainment_exists = files.IsFile(attainment_path) || files.IsDirectory(attainment_path);
  if (read.attainment_exists) {
    read.attainment = Read(files, attainment_path, false, "", diagnostics, read);
  }
  ReadReports(files, folder, diagnostics, read);
  return read;
}

// The parsed files, each handed over once, with what parsing it reported.
class ParsedFiles {
 public:
  explicit ParsedFiles(std::vector<ParsedYaml> parsed) : parsed_(std::move(parsed)) {}

  /// The document at `index` (nullopt when absent or not parsed); its diagnostics are added.
  std::optional<YamlDocument> Take(std::optional<size_t> index, Diagnostics& diagnostics) {
    if (!index) return std::nullopt;
    ParsedYaml& parsed = parsed_[*index];
    diagnostics.AddAll(parsed.diagnostics);
    parsed.diagnostics = Diagnostics{};
    return std::move(parsed.document);
  }

 private:
  std::vector<ParsedYaml> parsed_;
};

// Turns one of the review's own files into the review's values (not a report's: those wait for
// the attainment they name), adding to the file's own diagnostics. Files are distinct, and so are
// the values and gaps each one fills in, so that different files can be turned at the same time.
void LoadReviewFile(const ReviewFiles& read, size_t index, ParsedYaml& file, Review& review,
                    LoadGaps& gaps) {
  bool report = index != read.review && index != read.recommendations &&
                index != read.responses && index != read.timescales && index != read.attainment;
  if (report) return;
  std::optional<YamlDocument> document = std::move(file.document);
  Diagnostics& diagnostics = file.diagnostics;
  if (index == read.review) {
    if (document) review.info = LoadReviewInfo(*document, diagnostics);
  } else if (index == read.recommendations) {
    gaps.recommendations =
        !document || !LoadRecommendations(*document, diagnostics, review.recommendations,
                                          gaps.unread_recommendation_ids);
  } else if (index == read.responses) {
    gaps.responses =
        !document || !LoadResponses(*document, diagnostics, review.actions, gaps.unread_action_ids);
  } else if (index == read.timescales) {
    gaps.timescales = !document || !LoadTimescales(*document, diagnostics, review.timescales,
                                                   gaps.unread_timescale_actions);
  } else {
    gaps.attainment = !document || !LoadAttainment(*document, diagnostics, review.attainment,
                                                   gaps.schools_with_bad_values);
    review.attainment.present = !gaps.attainment;
  }
}

void LoadReports(const ReviewFiles& read, ParsedFiles& parsed, const NarrativeScope& scope,
                 Diagnostics& diagnostics, Review& review, LoadGaps& gaps) {
  for (const auto& [stem, index] : read.reports) {
    auto document = parsed.Take(index, diagnostics);
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

  // Every file is read first, then all are parsed at once (in parallel threads). Each of the
  // review's own files is turned into the review's values as soon as it is parsed, by the thread
  // that finished it (its tree then freed), while the other threads go on parsing; each file's
  // diagnostics are kept with it, and added below in the order of the files.
  ReviewFiles read = ReadReviewFiles(files, folder, diagnostics);
  ParsedFiles parsed(ParseYamlFiles(std::move(read.read), {}, [&](size_t index, ParsedYaml& file) {
    LoadReviewFile(read, index, file, review, gaps);
  }));
  gaps.recommendations = gaps.recommendations || !read.recommendations;
  gaps.responses = gaps.responses || !read.responses;
  gaps.timescales = gaps.timescales || !read.timescales;
  gaps.attainment = gaps.attainment || (read.attainment_exists && !read.attainment);
  for (std::optional<size_t> index :
       {read.review, read.recommendations, read.responses, read.timescales, read.attainment}) {
    parsed.Take(index, diagnostics);
  }

  NarrativeScope scope;
  for (const Measure& measure : review.attainment.measures)
    scope.measure_ids.push_back(measure.id.value);
  scope.attainment_present = review.attainment.present;
  scope.attainment_unread = gaps.attainment;
  LoadReports(read, parsed, scope, diagnostics, review, gaps);

  if (gaps_out != nullptr) *gaps_out = gaps;
  return review;
}

}  // namespace

std::optional<YamlDocument> ReadYamlFile(const FileSystem& files, const std::string& path,
                                         bool required, const std::string& holds,
                                         Diagnostics& diagnostics) {
  auto bytes = ReadYamlBytes(files, path, required, holds, diagnostics);
  if (!bytes) return std::nullopt;
  return ParseYaml(path, std::move(*bytes), diagnostics);
}

std::optional<std::string> ReadYamlBytes(const FileSystem& files, const std::string& path,
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
  return bytes;
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
