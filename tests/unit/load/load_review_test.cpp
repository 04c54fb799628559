#include <catch2/catch.hpp>
#include <string>

#include "load/load.h"
#include "review_fixture.h"

using clerk::Diagnostics;
using clerk::MemoryFileSystem;
using clerk::Review;
using clerk::load::LoadGaps;
using clerk::load::LoadReview;
using clerk::testing::Hints;
using clerk::testing::Lines;
using clerk::testing::SmallReview;

namespace {

struct Loaded {
  Review review;
  Diagnostics diagnostics;
  LoadGaps gaps;
  std::string lines;
};

Loaded Load(const MemoryFileSystem& files) {
  Loaded loaded;
  loaded.review = LoadReview(files, "r", loaded.diagnostics, &loaded.gaps);
  loaded.lines = Lines(loaded.diagnostics);
  return loaded;
}

// The small review with one file replaced.
std::string LoadWith(const std::string& path, const std::string& text) {
  MemoryFileSystem files = SmallReview();
  files.Add(path, text);
  return Load(files).lines;
}

}  // namespace

TEST_CASE("The small review loads without a diagnostic, every value in place") {
  Loaded loaded = Load(SmallReview());
  CHECK(loaded.lines == "");
  const Review& review = loaded.review;
  CHECK(review.folder == "r");
  CHECK(review.info.title.value == "Review of Things");
  CHECK(review.info.language.value == "en-GB");
  REQUIRE(review.recommendations.size() == 2);
  CHECK(review.recommendations[1].parts.size() == 2);
  CHECK(review.recommendations[1].parts[1].id.value == "b");
  CHECK(review.recommendations[1].where.line == 4);

  REQUIRE(review.actions.size() == 3);
  const clerk::Action& first = review.actions[0];
  CHECK(first.id.value == "1.1");
  CHECK(first.id.where.file == "r/responses.yaml");
  CHECK(first.id.where.line == 2);
  CHECK(first.id.where.column == 9);
  CHECK_FALSE(first.part);
  REQUIRE(first.updates.size() == 2);
  CHECK(first.updates[1].date.value.ToIso() == "2011-05");
  CHECK(first.updates[1].text.value == "Published.");
  CHECK(review.actions[1].part->value == "a");
  CHECK(review.actions[2].completed->value.ToIso() == "2011-03");

  REQUIRE(review.timescales.size() == 3);
  CHECK(review.timescales[1].planned.words.value == "September 2010 – July 2011");
  CHECK(review.timescales[1].planned.period.has_value());

  REQUIRE(review.attainment.present);
  REQUIRE(review.attainment.schools.size() == 2);
  const clerk::School& beta = review.attainment.schools[1];
  CHECK(beta.results.at(2010).at("L4+").value.ToString() == "65");
  CHECK(beta.cohorts.at(2010).value == 20);

  REQUIRE(review.reports.size() == 1);
  const clerk::ReportDefinition& report = review.reports[0];
  CHECK(report.id.value == "r-2011");
  CHECK(report.file == "r/reports/r-2011.yaml");
  CHECK(report.as_of.value.ToIso() == "2011-05-31");
  CHECK(report.recommendation_style.value == "paragraphs");
  CHECK(report.contact.telephone->value == "01234 567890");
  REQUIRE(report.appendices.size() == 2);
  CHECK(report.appendices[1].kind == clerk::AppendixKind::kAttainment);
  CHECK(report.appendices[1].to_year->value == 2010);
  CHECK_FALSE(loaded.gaps.responses);
}

TEST_CASE("Missing required files are errors, attainment.yaml and reports/ are optional") {
  MemoryFileSystem files;
  files.Add("r/review.yaml", clerk::testing::kReviewYaml);
  files.Add("r/notes.txt", "not YAML, not read, not reported");
  Loaded loaded = Load(files);
  CHECK(loaded.lines ==
        "r/recommendations.yaml: error: the file is missing: every review needs it (the "
        "review's recommendations)\n"
        "r/responses.yaml: error: the file is missing: every review needs it (the actions taken "
        "in response to the recommendations)\n"
        "r/timescales.yaml: error: the file is missing: every review needs it (the timescale of "
        "every action)\n");
  CHECK(loaded.gaps.recommendations);
  CHECK(loaded.gaps.responses);
  CHECK(loaded.gaps.timescales);
  CHECK_FALSE(loaded.gaps.attainment);
  CHECK_FALSE(loaded.review.attainment.present);
}

TEST_CASE("A folder that is not there is one error") {
  MemoryFileSystem files;
  Diagnostics diagnostics;
  LoadReview(files, "nowhere", diagnostics);
  CHECK(Lines(diagnostics) == "nowhere: error: there is no review folder here\n");
}

TEST_CASE("A YAML file that clerk does not read is a warning, with the likely name") {
  MemoryFileSystem files = SmallReview();
  files.Add("r/recomendations.yaml", "recommendations: []\n");
  Loaded loaded = Load(files);
  CHECK(loaded.lines == "r/recomendations.yaml: warning: clerk does not read this file\n");
  CHECK(Hints(loaded.diagnostics) == "did you mean 'recommendations.yaml'?\n");
}

TEST_CASE("An empty file, and a list where a map belongs, are one error each") {
  CHECK(LoadWith("r/responses.yaml", "") ==
        "r/responses.yaml: error: the file is empty (expected responses: and a list)\n");
  MemoryFileSystem files = SmallReview();
  files.Add("r/timescales.yaml", "- action: \"1.1\"\n  planned: Spring 2011\n");
  Loaded loaded = Load(files);
  CHECK(loaded.lines ==
        "r/timescales.yaml:1:1: error: the file is a list where a map belongs "
        "(expected timescales: and a list)\n");
  CHECK(loaded.gaps.timescales);
}

TEST_CASE("Unknown fields are errors, with a did-you-mean hint") {
  MemoryFileSystem files = SmallReview();
  files.Add("r/recommendations.yaml",
            "recommendations:\n  - id: \"1\"\n    txt: Do it.\n  - id: \"2\"\n    text: x\n"
            "    colour: red\n");
  Loaded loaded = Load(files);
  CHECK(loaded.lines ==
        "r/recommendations.yaml:2:5: error: recommendation 1 has no 'text'\n"
        "r/recommendations.yaml:3:5: error: unknown field 'txt' in recommendation 1\n"
        "r/recommendations.yaml:6:5: error: unknown field 'colour' in recommendation 2\n");
  CHECK(Hints(loaded.diagnostics) == "\ndid you mean 'text'?\nexpected one of: id, text, parts\n");
}

TEST_CASE("Wrongly typed values are errors naming what was found") {
  CHECK(LoadWith("r/responses.yaml",
                 "responses:\n  - id: \"1.1\"\n    recommendation: \"1\"\n    action: x\n"
                 "    updates: Drafted in November.\n") ==
        "r/responses.yaml:5:14: error: 'updates' should be a list, not text\n");
  CHECK(LoadWith("r/responses.yaml",
                 "responses:\n  - id: [1]\n    recommendation: \"1\"\n    action:\n") ==
        "r/responses.yaml:2:9: error: 'id' should be text, not a list\n"
        "r/responses.yaml:4:5: error: 'action' is empty\n");
  CHECK(LoadWith("r/responses.yaml", "responses:\n  - just words\n") ==
        "r/responses.yaml:2:5: error: a response should be a map of fields (name: value), not "
        "text\n");
}

TEST_CASE("Ids hold only letters, digits and . - + _") {
  CHECK(LoadWith("r/recommendations.yaml", "recommendations:\n  - id: Rec 1\n    text: x\n") ==
        "r/recommendations.yaml:2:9: error: 'id' 'Rec 1' may hold only letters, digits and . - + "
        "_\n");
}

TEST_CASE("Dates that do not parse say what was expected") {
  std::string responses =
      "responses:\n  - id: \"1.1\"\n    recommendation: \"1\"\n    action: x\n    updates:\n"
      "      - date: 2011-13\n        text: a\n      - date: 2011-02-30\n        text: b\n"
      "      - date: May 2011\n        text: c\n";
  CHECK(LoadWith("r/responses.yaml", responses) ==
        "r/responses.yaml:6:15: error: update date '2011-13' is not a month (expected YYYY-MM "
        "or YYYY-MM-DD)\n"
        "r/responses.yaml:8:15: error: update date '2011-02-30' is not a date: February 2011 has "
        "28 days\n"
        "r/responses.yaml:10:15: error: update date 'May 2011' is not a date (expected YYYY-MM "
        "or YYYY-MM-DD)\n");
}

TEST_CASE("A report's dates must be whole days") {
  std::string report = clerk::testing::kReportYaml;
  report.replace(report.find("as_of: 2011-05-31"), 17, "as_of: 2011-05");
  CHECK(LoadWith("r/reports/r-2011.yaml", report) ==
        "r/reports/r-2011.yaml:5:8: error: as-of date '2011-05' is a month, not a day (expected "
        "YYYY-MM-DD)\n");
}

TEST_CASE("Percentages, cohorts and years are checked") {
  std::string attainment =
      "measures:\n  - id: L4+\n    name: Level 4+\n"
      "schools:\n"
      "  - name: Alpha\n"
      "    results:\n"
      "      2009: {L4+: 104}\n"
      "      2010: {L4+: 61%}\n"
      "      09: {L4+: 5}\n"
      "      2011: {L5: 5}\n"
      "    cohorts: {2009: -5, 2010: 60.5, 2011: 0}\n";
  MemoryFileSystem files = SmallReview();
  files.Add("r/attainment.yaml", attainment);
  Loaded loaded = Load(files);
  CHECK(loaded.lines ==
        "r/attainment.yaml:7:19: error: percentage 104 is outside 0-100\n"
        "r/attainment.yaml:8:19: error: percentage '61%' is not a number from 0 to 100 (up to "
        "two decimal places)\n"
        "r/attainment.yaml:9:7: error: year '09' is not a year (expected four digits, like "
        "2010)\n"
        "r/attainment.yaml:10:14: error: 'L5' is not one of the measures\n"
        "r/attainment.yaml:11:21: error: cohort -5 is not a positive number of pupils\n"
        "r/attainment.yaml:11:31: error: cohort 60.5 is not a whole number of pupils\n"
        "r/attainment.yaml:11:43: error: cohort 0 is not a positive number of pupils\n");
  CHECK(Hints(loaded.diagnostics).find("write the number without the % sign") != std::string::npos);
}

TEST_CASE("A timescale that is not understood is a warning, and its words are kept") {
  MemoryFileSystem files = SmallReview();
  files.Add("r/timescales.yaml",
            "timescales:\n  - action: \"1.1\"\n    planned: When the moon is blue\n"
            "  - action: \"2.1\"\n    planned: Termly\n"
            "    revised: {date: 2011-01, text: Sometime soon-ish perhaps}\n"
            "  - action: \"2.2\"\n    planned: Termly\n");
  Loaded loaded = Load(files);
  CHECK(loaded.lines ==
        "r/timescales.yaml:3:14: warning: timescale 'When the moon is blue' is not understood; "
        "it will be printed as written\n"
        "r/timescales.yaml:6:36: warning: timescale 'Sometime soon-ish perhaps' is not "
        "understood; it will be printed as written\n");
  CHECK(loaded.review.timescales[0].planned.words.value == "When the moon is blue");
  CHECK_FALSE(loaded.review.timescales[0].planned.period);
  CHECK(loaded.review.timescales[1].revised->timescale.words.value == "Sometime soon-ish perhaps");
}

TEST_CASE("A report's id should match its file name") {
  MemoryFileSystem files = SmallReview();
  files.Add("r/reports/june.yaml", files.ReadFile("r/reports/r-2011.yaml", nullptr).value());
  files.Add("r/reports/r-2011.yaml", "");
  Loaded loaded = Load(files);
  CHECK(loaded.lines ==
        "r/reports/june.yaml:1:5: warning: report id 'r-2011' does not match its file name "
        "'june.yaml'\n"
        "r/reports/r-2011.yaml: error: the file is empty (expected the fields of a report: id:, "
        "committee:, ...)\n");
  CHECK(loaded.gaps.reports == std::vector<std::string>{"r-2011"});
}

TEST_CASE("Reports are sorted by id whatever their file names") {
  MemoryFileSystem files = SmallReview();
  std::string report = clerk::testing::kReportYaml;
  files.Add("r/reports/a.yaml", "id: z" + report.substr(report.find('\n')));
  files.Add("r/reports/b.yaml", "id: a" + report.substr(report.find('\n')));
  Loaded loaded = Load(files);
  REQUIRE(loaded.review.reports.size() == 3);
  CHECK(loaded.review.reports[0].id.value == "a");
  CHECK(loaded.review.reports[1].id.value == "r-2011");
  CHECK(loaded.review.reports[2].id.value == "z");
}

TEST_CASE("Appendices: kinds, fields of the wrong kind, years in order") {
  std::string report = clerk::testing::kReportYaml;
  report = report.substr(0, report.find("appendices:"));
  report +=
      "appendices:\n"
      "  - key: plan\n    kind: action-plan\n    from: 2009\n    updates: since-last\n"
      "  - key: results\n    kind: attainmnet\n"
      "  - key: results2\n    kind: attainment\n    from: 2010\n    to: 2009\n"
      "  - key: old\n    kind: report\n";
  MemoryFileSystem files = SmallReview();
  files.Add("r/reports/r-2011.yaml", report);
  Loaded loaded = Load(files);
  CHECK(loaded.lines ==
        "r/reports/r-2011.yaml:21:5: error: 'from' belongs to attainment appendices, not to "
        "action-plan ones\n"
        "r/reports/r-2011.yaml:22:14: error: updates 'since-last' is neither 'all' nor "
        "'since-previous'\n"
        "r/reports/r-2011.yaml:24:11: error: appendix kind 'attainmnet' is not one clerk knows\n"
        "r/reports/r-2011.yaml:28:9: error: 'to' (2009) should be a later year than 'from' "
        "(2010)\n"
        "r/reports/r-2011.yaml:29:5: error: appendix 'old' has no 'report'\n");
  CHECK(Hints(loaded.diagnostics) ==
        "\nexpected one of: all, since-previous\n"
        "did you mean 'attainment'?\n\n\n");
}

TEST_CASE("Placeholders point at their own line and column") {
  std::string report = clerk::testing::kReportYaml;
  report = report.substr(0, report.find("sections:"));
  report +=
      "sections:\n"
      "  - heading: Plain {{appendix:nope}} here\n"
      "    paragraphs:\n"
      "      - \"Quoted {{figure:attainment.L4+.headlin}}\"\n"
      "      - >-\n"
      "        Folded text over\n"
      "        two lines with {{figure:attainment.L6.headline}} in it.\n"
      "      - Bad {{apendix:plan}} and {{figure:actions.on-track}} and {{oops\n"
      "signatory: {name: A, title: B}\n"
      "contact: {name: C, title: D}\n"
      "local_members: All\n"
      "appendices:\n"
      "  - key: plan\n    kind: action-plan\n";
  MemoryFileSystem files = SmallReview();
  files.Add("r/reports/r-2011.yaml", report);
  Loaded loaded = Load(files);
  CHECK(loaded.lines ==
        "r/reports/r-2011.yaml:12:20: error: '{{appendix:nope}}' names no appendix of this "
        "report\n"
        "r/reports/r-2011.yaml:14:17: error: unknown figure 'attainment.L4+.headlin'\n"
        "r/reports/r-2011.yaml:17:24: error: unknown figure 'attainment.L6.headline': 'L6' is "
        "not one of the measures\n"
        "r/reports/r-2011.yaml:18:13: error: unknown placeholder '{{apendix:plan}}'\n"
        "r/reports/r-2011.yaml:18:66: error: '{{' is not closed by '}}'\n");
  CHECK(Hints(loaded.diagnostics) ==
        "its appendices are: plan\n"
        "did you mean 'attainment.L4+.headline'?\n"
        "expected one of: L4+\n"
        "did you mean '{{appendix:plan}}'?\n"
        "placeholders are written {{appendix:KEY}} or {{figure:PATH}}\n");
}

TEST_CASE("Attainment figures need attainment.yaml") {
  MemoryFileSystem files = SmallReview();
  std::string report = clerk::testing::kReportYaml;
  files.Add("r/reports/r-2011.yaml", report.substr(0, report.find("  - key: results")));
  MemoryFileSystem without;
  for (const char* name : {"review", "recommendations", "responses", "timescales"}) {
    std::string path = std::string("r/") + name + ".yaml";
    without.Add(path, files.ReadFile(path, nullptr).value());
  }
  without.Add("r/reports/r-2011.yaml", files.ReadFile("r/reports/r-2011.yaml", nullptr).value());
  CHECK(Load(without).lines ==
        "r/reports/r-2011.yaml:14:25: error: figure 'attainment.L4+.headline' needs attainment "
        "data, and this review has no attainment.yaml\n");
}

TEST_CASE("Published figures are read, a measure the data does not have is a warning") {
  std::string report = clerk::testing::kReportYaml;
  report +=
      "published:\n"
      "  attainment:\n"
      "    from: 2009\n"
      "    to: 2010\n"
      "    changes:\n"
      "      - {school: Alpha, L4+: 10, L5: 3}\n"
      "    measures:\n"
      "      L4+:\n"
      "        rows:\n"
      "          - {school: Alpha, change: 10, cohort: 30, improved: 3}\n"
      "        total_cohort: 50\n"
      "        headline: 4.0\n";
  MemoryFileSystem files = SmallReview();
  files.Add("r/reports/r-2011.yaml", report);
  Loaded loaded = Load(files);
  CHECK(loaded.lines ==
        "r/reports/r-2011.yaml:32:34: warning: 'L5' is not one of the measures "
        "in attainment.yaml, so its published figures cannot be audited\n");
  const auto& published = loaded.review.reports[0].published;
  REQUIRE(published);
  CHECK(published->to_year.value == 2010);
  REQUIRE(published->changes.size() == 1);
  CHECK(published->changes[0].by_measure.at("L4+").value.ToString() == "10");
  REQUIRE(published->measures.size() == 1);
  CHECK(published->measures[0].rows[0].improved->value == 3);
  CHECK(published->measures[0].headline->value.ToString() == "4");
  CHECK_FALSE(published->measures[0].total_improved);
}

TEST_CASE("review.yaml: language tags are checked") {
  CHECK(LoadWith("r/review.yaml", "title: T\ncouncil: C\nlanguage: English\n") ==
        "r/review.yaml:3:11: error: language 'English' is not a language tag like en-GB\n");
  CHECK(LoadWith("r/review.yaml", "title: T\ncouncil: C\nlanguage: cy-GB\n") == "");
}

TEST_CASE("A file of many broken records shows the first 50 problems and a note") {
  std::string responses = "responses:\n";
  for (int i = 0; i < 1000; ++i) responses += "  - just words\n";
  MemoryFileSystem files = SmallReview();
  files.Add("r/responses.yaml", responses);
  Loaded loaded = Load(files);
  CHECK(loaded.diagnostics.ErrorCount() == 50);
  std::string last = loaded.lines.substr(loaded.lines.rfind('\n', loaded.lines.size() - 2) + 1);
  CHECK(last ==
        "r/responses.yaml:52:5: note: from here on, 950 more errors, 0 warnings and 0 "
        "notes in this file are not shown (only the first 50 are)\n");
}

TEST_CASE("A file with more than 500,000 values is refused") {
  std::string responses = "responses:\n";
  responses.reserve(3'100'000);
  for (int i = 0; i < 500001; ++i) responses += "  - x\n";
  CHECK(LoadWith("r/responses.yaml", responses) ==
        "r/responses.yaml:499999:5: error: the file holds more than 500000 values, far more than "
        "a review file holds\n");
}
