#include <catch2/catch.hpp>

#include "compute/facts.h"
#include "compute/yaml_text.h"
#include "review_builder.h"

using clerk::Diagnostics;
using clerk::Recurrence;
using clerk::Review;
using clerk::compute::ComputeFacts;
using clerk::compute::FactsToYaml;
using clerk::compute::ReviewFacts;
using clerk::compute::YamlString;
using namespace clerk::compute::testing;

namespace {

Review SmallReview() {
  Review review;
  review.attainment =
      SmallAttainment({SmallSchool("St Paul's", {{2009, {6800, 80}}, {2010, {6400, 88}}}),
                       SmallSchool("Castledown", {{2009, {5000, 40}}, {2010, {7650, 45}}})});
  review.recommendations.push_back({Text("1"), Text("Raise the profile."), {}, {}});
  clerk::Action quarterly = MakeAction("1.1", "1");
  quarterly.updates = {Update(Month(2010, 11), "begun"), Update(Month(2011, 5), "continued")};
  review.actions = {quarterly, MakeAction("1.2", "1")};
  review.timescales = {MakeTimescale("1.1", Words("Quarterly", Recurring(Recurrence::kQuarterly))),
                       MakeTimescale("1.2", Words("September 2010 – July 2011, then: review",
                                                  Dated(Day(2010, 9, 1), Day(2011, 7, 31))))};
  review.reports = {MakeReport("cabinet-2010-12", Day(2010, 11, 30)),
                    MakeReport("cssc-2011-06", Day(2011, 5, 31), std::string("cabinet-2010-12"))};
  return review;
}

}  // namespace

TEST_CASE("The facts dump is stable, readable YAML") {
  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(SmallReview(), diagnostics);
  REQUIRE(diagnostics.Empty());
  // (-4 x 88 + 26.5 x 45) / 133 = 840.5 / 133 = 6.32 -> 6.3; 8.405 -> 8 pupils.
  CHECK(FactsToYaml(facts, "cssc-2011-06") ==
        "reports:\n"
        "  - id: cssc-2011-06\n"
        "    as_of: 2011-05-31\n"
        "    previous_as_of: 2010-11-30\n"
        "    attainment:\n"
        "      - from: 2009\n"
        "        to: 2010\n"
        "        schools: 2\n"
        "        measures:\n"
        "          - id: M\n"
        "            name: Measure\n"
        "            total_cohort: 133\n"
        "            total_improved: 8\n"
        "            headline: 6.3\n"
        "            schools:\n"
        "              - {name: St Paul's, earlier: 68, later: 64, change: -4, cohort: 88, "
        "improved: -4}\n"
        "              - {name: Castledown, earlier: 50, later: 76.5, change: 26.5, cohort: 45, "
        "improved: 12}\n"
        "    actions: {total: 2, complete: 0, on track: 1, due: 0, overdue: 0, rescheduled: 0, "
        "ongoing: 1, withdrawn: 0, unknown: 0}\n"
        "    recommendations:\n"
        "      - id: \"1\"\n"
        "        counts: {total: 2, complete: 0, on track: 1, due: 0, overdue: 0, rescheduled: 0, "
        "ongoing: 1, withdrawn: 0, unknown: 0}\n"
        "        actions:\n"
        "          - {id: \"1.1\", status: ongoing, timescale: Quarterly, updates: 2, new_updates: "
        "1}\n"
        "          - {id: \"1.2\", status: on track, timescale: \"September 2010 – July 2011, "
        "then: review\", due: 2011-07-31, updates: 0, new_updates: 0}\n"
        "    progress:\n"
        "      rows:\n"
        "        - {recommendation: \"1\", complete: 0, on track: 1, ongoing: 1, rescheduled: 0, "
        "overdue: 0, withdrawn: 0, total: 2}\n"
        "      total: {recommendation: Total, complete: 0, on track: 1, ongoing: 1, "
        "rescheduled: 0, overdue: 0, withdrawn: 0, total: 2}\n"
        "      overdue: []\n"
        "      rescheduled: []\n");
}

TEST_CASE("Without a report id the dump holds every report, in order") {
  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(SmallReview(), diagnostics);
  std::string yaml = FactsToYaml(facts, "");
  size_t december = yaml.find("  - id: cabinet-2010-12\n    as_of: 2010-11-30\n    attainment:\n");
  size_t june = yaml.find("  - id: cssc-2011-06\n");
  CHECK(december != std::string::npos);
  CHECK(june != std::string::npos);
  CHECK(december < june);
  CHECK(yaml.find("previous_as_of") == yaml.rfind("previous_as_of"));  // only June's
  CHECK(FactsToYaml(facts, "no-such-report") == "reports: []\n");
  CHECK(FactsToYaml(ReviewFacts{}, "") == "reports: []\n");
}

TEST_CASE("Empty lists print as [] so that the dump stays valid YAML") {
  Review review;
  review.reports.push_back(MakeReport("r", Day(2011, 5, 31)));
  Diagnostics diagnostics;
  ReviewFacts facts = ComputeFacts(review, diagnostics);
  CHECK(FactsToYaml(facts, "r") ==
        "reports:\n"
        "  - id: r\n"
        "    as_of: 2011-05-31\n"
        "    attainment: []\n"
        "    actions: {total: 0, complete: 0, on track: 0, due: 0, overdue: 0, rescheduled: 0, "
        "ongoing: 0, withdrawn: 0, unknown: 0}\n"
        "    recommendations: []\n"
        "    progress:\n"
        "      rows: []\n"
        "      total: {recommendation: Total, complete: 0, on track: 0, ongoing: 0, "
        "rescheduled: 0, overdue: 0, withdrawn: 0, total: 0}\n"
        "      overdue: []\n"
        "      rescheduled: []\n");
}

TEST_CASE("Strings are quoted only when YAML would read them otherwise") {
  CHECK(YamlString("L4+") == "L4+");
  CHECK(YamlString("Level 4+") == "Level 4+");
  CHECK(YamlString("St Paul's") == "St Paul's");
  CHECK(YamlString("on track") == "on track");
  CHECK(YamlString("cssc-2011-06") == "cssc-2011-06");
  CHECK(YamlString("September 2010 – July 2011") == "September 2010 – July 2011");
  CHECK(YamlString("1") == "\"1\"");
  CHECK(YamlString("1.1") == "\"1.1\"");
  CHECK(YamlString("-1") == "\"-1\"");
  CHECK(YamlString("") == "\"\"");
  CHECK(YamlString("yes") == "\"yes\"");
  CHECK(YamlString("No") == "\"No\"");
  CHECK(YamlString("null") == "\"null\"");
  CHECK(YamlString("a: b") == "\"a: b\"");
  CHECK(YamlString("a:b") == "a:b");
  CHECK(YamlString("a, b") == "\"a, b\"");
  CHECK(YamlString("a #b") == "\"a #b\"");
  CHECK(YamlString("a#b") == "a#b");
  CHECK(YamlString("{x}") == "\"{x}\"");
  CHECK(YamlString("'quoted'") == "\"'quoted'\"");
  CHECK(YamlString("say \"hi\"\\") == "say \"hi\"\\");
  CHECK(YamlString("- item") == "\"- item\"");
  CHECK(YamlString("ends:") == "\"ends:\"");
  CHECK(YamlString("two\nlines") == "\"two\\nlines\"");
  CHECK(YamlString("tab\there") == "\"tab\\there\"");
  CHECK(YamlString(" padded") == "\" padded\"");
  CHECK(YamlString("a, \"b\"") == "\"a, \\\"b\\\"\"");
}
