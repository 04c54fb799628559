#pragma once

#include <string>

#include "core/diagnostic.h"
#include "core/file_system.h"

/// A small, complete and correct review in memory under "r/", for load and check tests: two
/// recommendations (the second with parts a and b), three actions, their timescales, two schools
/// with 2009 and 2010 results, and one report. Tests replace one file to break one thing.
namespace clerk::testing {

inline const char* const kReviewYaml =
    "title: Review of Things\n"
    "council: Test Council\n";

inline const char* const kRecommendationsYaml =
    "recommendations:\n"
    "  - id: \"1\"\n"
    "    text: Do the first thing.\n"
    "  - id: \"2\"\n"
    "    text: \"The service to:\"\n"
    "    parts:\n"
    "      - id: a\n"
    "        text: train teachers\n"
    "      - id: b\n"
    "        text: support schools\n";

inline const char* const kResponsesYaml =
    "responses:\n"
    "  - id: \"1.1\"\n"
    "    recommendation: \"1\"\n"
    "    action: Publish the guide.\n"
    "    updates:\n"
    "      - date: 2010-11\n"
    "        text: Drafted.\n"
    "      - date: 2011-05\n"
    "        text: Published.\n"
    "  - id: \"2.1\"\n"
    "    recommendation: \"2\"\n"
    "    part: a\n"
    "    action: Run a course.\n"
    "  - id: \"2.2\"\n"
    "    recommendation: \"2\"\n"
    "    part: b\n"
    "    action: Visit schools.\n"
    "    completed: 2011-03\n";

inline const char* const kTimescalesYaml =
    "timescales:\n"
    "  - action: \"1.1\"\n"
    "    planned: Spring 2011\n"
    "  - action: \"2.1\"\n"
    "    planned: September 2010 – July 2011\n"
    "  - action: \"2.2\"\n"
    "    planned: Termly\n";

inline const char* const kAttainmentYaml =
    "measures:\n"
    "  - id: L4+\n"
    "    name: Level 4+\n"
    "schools:\n"
    "  - name: Alpha\n"
    "    results:\n"
    "      2009: {L4+: 50}\n"
    "      2010: {L4+: 60}\n"
    "    cohorts: {2010: 30}\n"
    "  - name: Beta\n"
    "    results:\n"
    "      2009: {L4+: 70}\n"
    "      2010: {L4+: 65}\n"
    "    cohorts: {2010: 20}\n";

inline const char* const kReportYaml =
    "id: r-2011\n"
    "template: council-report\n"
    "committee: Scrutiny Committee\n"
    "date: 2011-06-14\n"
    "as_of: 2011-05-31\n"
    "author: Director\n"
    "title: Progress report\n"
    "purpose: To report progress.\n"
    "recommendation:\n"
    "  - \"The Committee is recommended to note {{appendix:plan}}.\"\n"
    "sections:\n"
    "  - heading: Supporting information\n"
    "    paragraphs:\n"
    "      - Results rose by {{figure:attainment.L4+.headline}} points.\n"
    "signatory: {name: A DIRECTOR, title: Director}\n"
    "contact: {name: A Officer, title: Head of Service, telephone: \"01234 567890\"}\n"
    "local_members: All\n"
    "appendices:\n"
    "  - key: plan\n"
    "    kind: action-plan\n"
    "    title: Action plan\n"
    "  - key: results\n"
    "    kind: attainment\n"
    "    title: Results\n"
    "    from: 2009\n"
    "    to: 2010\n";

/// The review above, under the folder "r".
inline MemoryFileSystem SmallReview() {
  MemoryFileSystem files;
  files.Add("r/review.yaml", kReviewYaml);
  files.Add("r/recommendations.yaml", kRecommendationsYaml);
  files.Add("r/responses.yaml", kResponsesYaml);
  files.Add("r/timescales.yaml", kTimescalesYaml);
  files.Add("r/attainment.yaml", kAttainmentYaml);
  files.Add("r/reports/r-2011.yaml", kReportYaml);
  return files;
}

/// Each diagnostic as "file:line:col: severity: message", sorted, one per line.
inline std::string Lines(const Diagnostics& diagnostics) {
  std::string lines;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    lines += d.where.file;
    if (d.where.line > 0) lines += ":" + std::to_string(d.where.line);
    if (d.where.column > 0) lines += ":" + std::to_string(d.where.column);
    lines += std::string(": ") + SeverityName(d.severity) + ": " + d.message + "\n";
  }
  return lines;
}

/// The hints of all diagnostics, sorted as the diagnostics are, one per line ("" when none).
inline std::string Hints(const Diagnostics& diagnostics) {
  std::string hints;
  for (const Diagnostic& d : diagnostics.Sorted()) hints += d.hint + "\n";
  return hints;
}

}  // namespace clerk::testing
