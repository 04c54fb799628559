#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/file_system.h"
#include "core/model.h"
#include "load/fields.h"
#include "load/yaml_tree.h"

/// One loader per kind of input file (internal to load; LoadReview in load.cpp calls them).
/// Each returns false when the file's records could not be read at all (see LoadGaps), and sets
/// `unread_ids` when some record is left without the id (or action) that others refer to it by.
namespace clerk::load {

/// Reads and parses one file. A missing file is reported only when `required` is set, with
/// `holds` saying what the file is for. nullopt when the file is absent or cannot be parsed.
std::optional<YamlDocument> ReadYamlFile(const FileSystem& files, const std::string& path,
                                         bool required, const std::string& holds,
                                         Diagnostics& diagnostics);
/// As ReadYamlFile, without parsing: the file's bytes.
std::optional<std::string> ReadYamlBytes(const FileSystem& files, const std::string& path,
                                         bool required, const std::string& holds,
                                         Diagnostics& diagnostics);

/// The root map of a file that should hold the single key `key`; nullptr (reported) when the
/// file is empty or not a map. `expected` describes the content: "a list of responses".
const YamlNode* FileMap(const YamlDocument& document, const std::string& expected,
                        Diagnostics& diagnostics);

ReviewInfo LoadReviewInfo(const YamlDocument& document, Diagnostics& diagnostics);
bool LoadRecommendations(const YamlDocument& document, Diagnostics& diagnostics,
                         std::vector<Recommendation>& recommendations, bool& unread_ids);
bool LoadResponses(const YamlDocument& document, Diagnostics& diagnostics,
                   std::vector<Action>& actions, bool& unread_ids);
bool LoadTimescales(const YamlDocument& document, Diagnostics& diagnostics,
                    std::vector<TimescaleRecord>& timescales, bool& unread_ids);
/// `bad_values` gets the names of schools with a result or cohort that could not be read.
bool LoadAttainment(const YamlDocument& document, Diagnostics& diagnostics, Attainment& attainment,
                    std::vector<std::string>& bad_values);

/// What a report's narrative may name: the review's measures, and whether it has attainment data.
struct NarrativeScope {
  std::vector<std::string> measure_ids;
  bool attainment_present = false;
  bool attainment_unread = false;  ///< attainment.yaml exists but could not be read
};

/// One reports/<name>.yaml. `name` is the file name without ".yaml".
std::optional<ReportDefinition> LoadReport(const YamlDocument& document, const std::string& name,
                                           const NarrativeScope& scope, Diagnostics& diagnostics);
/// The `appendices` list of a report.
std::vector<Appendix> LoadAppendices(const Field& field, Diagnostics& diagnostics);
/// The `published` block of a report; its measure ids are checked against `scope`.
std::optional<PublishedAttainment> LoadPublished(const Field& field, const NarrativeScope& scope,
                                                 Diagnostics& diagnostics);

/// Checks the placeholders of one narrative scalar: {{appendix:KEY}} must name one of
/// `appendix_keys`, {{figure:PATH}} a figure that exists (see docs/inputs.md). Each problem is
/// reported at the placeholder's own line and column, at most 10 in one text; `hints_left` is
/// the number of did-you-mean hints still to be worked out for the file (each costs a search).
void CheckPlaceholders(const YamlDocument& document, const YamlNode& text,
                       const std::vector<std::string>& appendix_keys, const NarrativeScope& scope,
                       int& hints_left, Diagnostics& diagnostics);

}  // namespace clerk::load
