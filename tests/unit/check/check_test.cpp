#include "check/check.h"

#include <catch2/catch.hpp>
#include <string>

#include "../load/review_fixture.h"
#include "load/load.h"

using clerk::Diagnostics;
using clerk::MemoryFileSystem;
using clerk::testing::Hints;
using clerk::testing::Lines;
using clerk::testing::SmallReview;

namespace {

struct Checked {
  std::string lines;
  std::string hints;
};

// Loads and checks "r"; returns only what check adds (load's own diagnostics are left out, so
// that each test sees the rule it is about).
Checked Check(const MemoryFileSystem& files) {
  Diagnostics loaded;
  clerk::load::LoadGaps gaps;
  clerk::Review review = clerk::load::LoadReview(files, "r", loaded, &gaps);
  Diagnostics checked;
  clerk::check::CheckReview(review, checked, gaps);
  return {Lines(checked), Hints(checked)};
}

std::string CheckWith(const std::string& path, const std::string& text) {
  MemoryFileSystem files = SmallReview();
  files.Add(path, text);
  return Check(files).lines;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

const std::string kResponses = clerk::testing::kResponsesYaml;
const std::string kTimescales = clerk::testing::kTimescalesYaml;
const std::string kReport = clerk::testing::kReportYaml;

}  // namespace

TEST_CASE("The small review breaks no rule") {
  Diagnostics diagnostics;
  clerk::load::LoadGaps gaps;
  clerk::Review review = clerk::load::LoadReview(SmallReview(), "r", diagnostics, &gaps);
  clerk::check::CheckReview(review, diagnostics, gaps);
  CHECK(Lines(diagnostics) == "");
}

TEST_CASE("Duplicate ids are reported at the second") {
  CHECK(CheckWith("r/recommendations.yaml",
                  "recommendations:\n  - id: \"1\"\n    text: a\n  - id: \"2\"\n    text: b\n"
                  "    parts:\n      - {id: a, text: x}\n      - {id: b, text: y}\n"
                  "      - {id: b, text: z}\n  - id: \"1\"\n    text: c\n") ==
        "r/recommendations.yaml:9:14: error: part id 'b' is given twice (first at line 8)\n"
        "r/recommendations.yaml:10:9: error: recommendation id '1' is given twice (first at "
        "line 2)\n");
  CHECK(CheckWith("r/responses.yaml", kResponses + "  - id: \"2.2\"\n    recommendation: \"1\"\n"
                                                   "    action: Again.\n") ==
        "r/responses.yaml:19:9: error: action id '2.2' is given twice (first at line 14)\n");
  CHECK(CheckWith("r/attainment.yaml",
                  "measures:\n  - {id: L4+, name: Level 4+}\n  - {id: L4+, name: Again}\n"
                  "schools:\n  - name: Alpha\n    results: {2009: {L4+: 1}, 2010: {L4+: 2}}\n"
                  "    cohorts: {2010: 5}\n  - name: Alpha\n"
                  "    results: {2009: {L4+: 1}, 2010: {L4+: 2}}\n    cohorts: {2010: 5}\n") ==
        "r/attainment.yaml:3:10: error: measure id 'L4+' is given twice (first at line 2)\n"
        "r/attainment.yaml:8:11: error: school name 'Alpha' is given twice (first at line 5)\n");
  CHECK(CheckWith("r/reports/r-2011.yaml", kReport + "  - key: plan\n    kind: action-plan\n") ==
        "r/reports/r-2011.yaml:27:10: error: appendix key 'plan' is given twice (first at line "
        "19)\n");
}

TEST_CASE("Two report files with one id") {
  MemoryFileSystem files = SmallReview();
  files.Add("r/reports/copy.yaml", kReport);
  // Files are taken in name order: copy.yaml first.
  CHECK(Check(files).lines ==
        "r/reports/r-2011.yaml:1:5: error: report id 'r-2011' is given "
        "twice (first at r/reports/copy.yaml:1)\n");
}

TEST_CASE("Responses must name a recommendation, and a part, that exist") {
  Checked checked = Check([] {
    MemoryFileSystem files = SmallReview();
    std::string responses = Replace(kResponses, "recommendation: \"1\"", "recommendation: \"l\"");
    responses = Replace(responses, "part: b", "part: c");
    files.Add("r/responses.yaml", responses);
    return files;
  }());
  CHECK(checked.lines ==
        "r/recommendations.yaml:2:9: error: recommendation 1 has no response: no action in "
        "responses.yaml answers it\n"
        "r/recommendations.yaml:9:13: error: part b of recommendation 2 has no response: no "
        "action in responses.yaml answers it\n"
        "r/responses.yaml:3:21: error: response 1.1 names recommendation 'l', which does not "
        "exist\n"
        "r/responses.yaml:16:11: error: recommendation 2 has no part 'c'\n");
  CHECK(checked.hints ==
        "add its actions to responses.yaml with 'recommendation: \"1\"'\n"
        "\n"
        "the recommendations are 1, 2\n"
        "the parts are a, b\n");
}

TEST_CASE("A part is named exactly when the recommendation has parts") {
  std::string responses = Replace(kResponses, "    part: a\n", "");
  responses =
      Replace(responses, "action: Publish the guide.", "part: a\n    action: Publish the guide.");
  CHECK(CheckWith("r/responses.yaml", responses) ==
        "r/recommendations.yaml:7:13: error: part a of recommendation 2 has no response: no "
        "action in responses.yaml answers it\n"
        "r/responses.yaml:4:11: error: recommendation 1 has no parts, so response 1.1 should "
        "not name part 'a'\n"
        "r/responses.yaml:12:21: error: recommendation 2 has parts (a and b): response 2.1 "
        "should name one with 'part:'\n");
}

TEST_CASE("Every recommendation, and every part, needs a response") {
  std::string responses = kResponses.substr(0, kResponses.find("  - id: \"2.2\""));
  responses = Replace(responses, "recommendation: \"1\"", "recommendation: \"2\"\n    part: a");
  CHECK(CheckWith("r/responses.yaml", responses) ==
        "r/recommendations.yaml:2:9: error: recommendation 1 has no response: no action in "
        "responses.yaml answers it\n"
        "r/recommendations.yaml:9:13: error: part b of recommendation 2 has no response: no "
        "action in responses.yaml answers it\n"
        "r/timescales.yaml:6:13: error: the timescale names action '2.2', which does not "
        "exist\n");
}

TEST_CASE("A broken responses.yaml does not also leave every recommendation unanswered") {
  CHECK(CheckWith("r/responses.yaml", "responses: [\n") == "");
}

TEST_CASE("Every action has exactly one timescale, naming an action that exists") {
  std::string timescales = Replace(kTimescales, "action: \"2.2\"", "action: \"2.1\"");
  timescales += "  - action: \"9.9\"\n    planned: Termly\n";
  CHECK(CheckWith("r/timescales.yaml", timescales) ==
        "r/responses.yaml:14:9: error: action 2.2 has no timescale\n"
        "r/timescales.yaml:6:13: error: action 2.1 already has a timescale (at line 4)\n"
        "r/timescales.yaml:8:13: error: the timescale names action '9.9', which does not "
        "exist\n");
}

TEST_CASE("Updates out of date order are a warning, updates after every report a note") {
  std::string responses = Replace(kResponses, "date: 2010-11", "date: 2011-09");
  CHECK(CheckWith("r/responses.yaml", responses) ==
        "r/responses.yaml:6:15: note: this update is dated after the as-of date of every report "
        "(the latest is 2011-05-31): no report shows it yet\n"
        "r/responses.yaml:8:15: warning: update dated 2011-05 comes after one dated 2011-09 "
        "(line 6)\n");
}

TEST_CASE("An action both completed and withdrawn is a warning") {
  std::string responses = kResponses + "    withdrawn: {date: 2011-04, reason: Replaced}\n";
  CHECK(CheckWith("r/responses.yaml", responses) ==
        "r/responses.yaml:19:23: warning: action 2.2 is marked both completed (2011-03) and "
        "withdrawn\n");
}

TEST_CASE("A report's previous report must exist and be earlier") {
  CHECK(CheckWith("r/reports/r-2011.yaml",
                  Replace(kReport, "author:", "previous: r-2010\nauthor:")) ==
        "r/reports/r-2011.yaml:6:11: error: 'previous' names report 'r-2010', which does not "
        "exist\n");
  CHECK(CheckWith("r/reports/r-2011.yaml",
                  Replace(kReport, "author:", "previous: r-2011\nauthor:")) ==
        "r/reports/r-2011.yaml:6:11: error: a report cannot be its own previous report\n");
  MemoryFileSystem files = SmallReview();
  files.Add("r/reports/r-2011.yaml", Replace(kReport, "author:", "previous: r-2012\nauthor:"));
  std::string later = Replace(kReport, "id: r-2011", "id: r-2012");
  later = Replace(Replace(later, "as_of: 2011-05-31", "as_of: 2011-06-30"), "date: 2011-06-14",
                  "date: 2011-07-12");
  files.Add("r/reports/r-2012.yaml", later);
  CHECK(Check(files).lines ==
        "r/reports/r-2011.yaml:6:11: error: the previous report r-2012 is as of 2011-06-30, not "
        "before this report's 2011-05-31\n");
}

TEST_CASE("A report whose file could not be read is not reported again where it is named") {
  MemoryFileSystem files = SmallReview();
  files.Add("r/reports/r-2011.yaml", Replace(kReport, "author:", "previous: r-2010\nauthor:"));
  files.Add("r/reports/r-2010.yaml", "id: [\n");
  CHECK(Check(files).lines == "");
}

TEST_CASE("Appendices must name what exists") {
  std::string report = kReport +
                       "  - key: old\n    kind: report\n    report: r-2009\n"
                       "  - key: me\n    kind: report\n    report: r-2011\n"
                       "  - key: some\n    kind: action-plan\n    recommendations: [\"1\", \"3\"]\n"
                       "    updates: since-previous\n";
  Checked checked = Check([&] {
    MemoryFileSystem files = SmallReview();
    files.Add("r/reports/r-2011.yaml", report);
    return files;
  }());
  CHECK(checked.lines ==
        "r/reports/r-2011.yaml:29:13: error: appendix 'old' names report 'r-2009', which does "
        "not exist\n"
        "r/reports/r-2011.yaml:32:13: error: a report cannot reproduce itself as an appendix\n"
        "r/reports/r-2011.yaml:35:28: error: appendix 'some' lists recommendation '3', which "
        "does not exist\n"
        "r/reports/r-2011.yaml:36:14: error: 'updates: since-previous' needs a previous report, "
        "and report r-2011 names none\n");
  CHECK(checked.hints ==
        "there are no other reports\n"
        "\n"
        "the recommendations are 1, 2\n"
        "add 'previous:' to the report, or show all updates\n");
}

TEST_CASE("Attainment appendices and published figures need attainment.yaml") {
  MemoryFileSystem files = SmallReview();
  MemoryFileSystem without;
  for (const char* name : {"review", "recommendations", "responses", "timescales"}) {
    std::string path = std::string("r/") + name + ".yaml";
    without.Add(path, files.ReadFile(path, nullptr).value());
  }
  without.Add("r/reports/r-2011.yaml",
              kReport + "published:\n  attainment: {from: 2009, to: 2010}\n");
  CHECK(Check(without).lines ==
        "r/reports/r-2011.yaml:22:5: error: appendix 'results' analyses attainment, but the "
        "review has no attainment.yaml\n"
        "r/reports/r-2011.yaml:28:15: error: report r-2011 records published attainment "
        "figures, but the review has no attainment.yaml\n");
}

TEST_CASE("Every school needs both years' results and the later year's cohort") {
  std::string attainment = Replace(clerk::testing::kAttainmentYaml, "      2009: {L4+: 70}\n", "");
  attainment = Replace(attainment, "    cohorts: {2010: 30}\n", "");
  Checked checked = Check([&] {
    MemoryFileSystem files = SmallReview();
    files.Add("r/attainment.yaml", attainment);
    return files;
  }());
  CHECK(checked.lines ==
        "r/attainment.yaml:5:5: error: school 'Alpha' has no 2010 cohort: report r-2011 "
        "compares 2009 with 2010\n"
        "r/attainment.yaml:9:5: error: school 'Beta' has no 2009 results: report r-2011 "
        "compares 2009 with 2010\n");
}

TEST_CASE("A report with no attainment appendix compares the latest two years") {
  std::string report = kReport.substr(0, kReport.find("  - key: results"));
  std::string attainment = Replace(clerk::testing::kAttainmentYaml, "    cohorts: {2010: 20}\n",
                                   "    cohorts: {2009: 20}\n");
  MemoryFileSystem files = SmallReview();
  files.Add("r/reports/r-2011.yaml", report);
  files.Add("r/attainment.yaml", attainment);
  CHECK(Check(files).lines ==
        "r/attainment.yaml:10:5: error: school 'Beta' has no 2010 cohort: report r-2011 "
        "compares the latest two years, 2009 with 2010\n");
}

TEST_CASE("Published figures naming a school the data does not have are left to the audit") {
  std::string report = kReport +
                       "published:\n  attainment:\n    from: 2009\n    to: 2010\n"
                       "    changes:\n      - {school: Alfa, L4+: 10}\n";
  CHECK(CheckWith("r/reports/r-2011.yaml", report) == "");
}

TEST_CASE("An attainment appendix without years compares the latest two") {
  std::string report = Replace(kReport, "    from: 2009\n    to: 2010\n", "");
  std::string attainment = Replace(clerk::testing::kAttainmentYaml, "      2009: {L4+: 70}\n",
                                   "      2008: {L4+: 70}\n");
  MemoryFileSystem files = SmallReview();
  files.Add("r/reports/r-2011.yaml", report);
  files.Add("r/attainment.yaml", attainment);
  CHECK(Check(files).lines ==
        "r/attainment.yaml:10:5: error: school 'Beta' has no 2009 results: "
        "report r-2011 compares 2009 with 2010\n");
}

TEST_CASE("An as-of date after the meeting is a warning") {
  CHECK(CheckWith("r/reports/r-2011.yaml",
                  Replace(kReport, "as_of: 2011-05-31", "as_of: 2011-06-30")) ==
        "r/reports/r-2011.yaml:5:8: warning: the as-of date 2011-06-30 is after the meeting date "
        "2011-06-14\n");
}

TEST_CASE("A value that is there but wrong is not also reported missing") {
  std::string attainment =
      Replace(clerk::testing::kAttainmentYaml, "2010: {L4+: 60}", "2010: {L4+: 160}");
  attainment = Replace(attainment, "cohorts: {2010: 20}", "cohorts: {2010: twenty}");
  CHECK(CheckWith("r/attainment.yaml", attainment) == "");
  std::string responses =
      Replace(kResponses, "    recommendation: \"1\"\n", "    recommendation:\n");
  CHECK(CheckWith("r/responses.yaml", responses) == "");
}

TEST_CASE("A record read without its id is not named 'does not exist' elsewhere") {
  // Action 2.2 has a broken id: its timescale is not "for an action that does not exist", and
  // recommendation lists naming a recommendation without a readable id are not reported either.
  CHECK(CheckWith("r/responses.yaml", Replace(kResponses, "id: \"2.2\"", "id: [2.2]")) == "");
  CHECK(CheckWith("r/timescales.yaml", Replace(kTimescales, "action: \"2.2\"", "action:")) == "");
}
