#include "merge/merge.h"

#include <catch2/catch.hpp>

#include "markup/parser.h"
#include "merge/template_data.h"
#include "merge/template_schema.h"
#include "merge_fixture.h"

using clerk::Diagnostics;
using clerk::MemoryFileSystem;
using clerk::merge::MergeOptions;
using clerk::merge::MergeReport;
using clerk::merge::TemplateSet;
using clerk::merge::testing::At;
using clerk::merge::testing::Listed;
using clerk::merge::testing::MakeFacts;
using clerk::merge::testing::MakeReview;

namespace {

std::string Merge(const clerk::Review& review, const clerk::compute::ReviewFacts& facts,
                  const std::string& report, Diagnostics& diagnostics,
                  const MergeOptions& options = {}) {
  TemplateSet templates = clerk::merge::testing::RealTemplates(diagnostics);
  REQUIRE(templates.valid);
  return MergeReport(review, facts, report, templates, options, diagnostics);
}

// The markup of one appendix: from its start tag to the next appendix's (or the end).
std::string AppendixText(const std::string& markup, const std::string& id) {
  size_t start = markup.find("<appendix id=\"" + id + "\"");
  REQUIRE(start != std::string::npos);
  size_t end = markup.find("<appendix ", start + 1);
  return markup.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("Sections and paragraphs are numbered by merge") {
  Diagnostics diagnostics;
  std::string markup = Merge(MakeReview(), MakeFacts(), "update", diagnostics);
  CHECK(Listed(diagnostics) == "");
  CHECK(Contains(markup,
                 "<h1 id=\"section-1\" label=\"1.\">Financial Appraisal</h1>\n"
                 "<np label=\"1.1\">Resourced as in <link to=\"appendix-1\"><b>Appendix "
                 "1</b></link>.</np>\n"
                 "<np label=\"1.2\">No additional funding.</np>\n"
                 "<h1 id=\"section-2\" label=\"2.\">Supporting information</h1>\n"
                 "<np label=\"2.1\"><link to=\"appendix-3\"><b>Appendix 3</b></link> "
                 "holds the plan to November 2010.</np>\n"
                 "<np label=\"2.2\">12.4% improvement; <link to=\"appendix-2\"><b>"
                 "Appendix 2</b></link> has the analysis for the 2 schools.</np>\n"));
}

TEST_CASE("The cover shows the committee, the date in words, and the boxed recommendation") {
  Diagnostics diagnostics;
  std::string markup = Merge(MakeReview(), MakeFacts(), "update", diagnostics);
  CHECK(Contains(markup,
                 "<field label=\"Report to:\">Children&#39;s Services Scrutiny "
                 "Committee</field>\n<field label=\"Date:\"><b>14 June 2011</b></field>"));
  CHECK(Contains(markup,
                 "<box>\n<p><b>RECOMMENDATION:</b></p>\n<p>Consider the plan attached as "
                 "<link to=\"appendix-1\"><b>Appendix 1</b></link>.</p>\n</box>"));
  CHECK(Contains(markup,
                 "<p space-before=\"24\"><b>MATT DUNKLEY</b><br/>Director of "
                 "Children&#39;s Services</p>"));
  CHECK(Contains(markup,
                 "<field label=\"Contact Officer:\">Nina Siddall Head of "
                 "Standards</field>\n<field label=\"Local Members:\">All</field>"));
  CHECK(Contains(markup,
                 "<field label=\"Background Documents:\"><p>The final report of the "
                 "review.</p></field>"));
}

TEST_CASE("Appendices are numbered in the order the report attaches them") {
  Diagnostics diagnostics;
  std::string markup = Merge(MakeReview(), MakeFacts(), "update", diagnostics);
  size_t one = markup.find(
      "<appendix id=\"appendix-1\" label=\"Appendix 1\" "
      "title=\"The report of the Scrutiny Review\">");
  size_t two = markup.find(
      "<appendix id=\"appendix-2\" label=\"Appendix 2\" "
      "title=\"Analysis of the 2010 results for 2 schools\">");
  size_t three = markup.find(
      "<appendix id=\"appendix-3\" label=\"Appendix 3\" "
      "title=\"\">");
  size_t nested = markup.find(
      "<appendix id=\"appendix-3-1\" label=\"Appendix 1\" "
      "title=\"The report of the Scrutiny Review\">");
  REQUIRE(one != std::string::npos);
  REQUIRE(two != std::string::npos);
  REQUIRE(three != std::string::npos);
  REQUIRE(nested != std::string::npos);
  CHECK(one < two);
  CHECK(two < three);
  CHECK(three < nested);
}

TEST_CASE("A reproduced report is regenerated as of its own date, with its own appendix") {
  Diagnostics diagnostics;
  std::string markup = Merge(MakeReview(), MakeFacts(), "update", diagnostics);
  CHECK(Listed(diagnostics) == "");
  std::string cover = AppendixText(markup, "appendix-3");
  CHECK(Contains(cover,
                 "<field label=\"Report to:\">Cabinet</field>\n"
                 "<field label=\"Date:\"><b>14 December 2010</b></field>"));
  CHECK(Contains(cover,
                 "<ol>\n<li label=\"1.\">note the report</li>\n"
                 "<li label=\"2.\">agree the plan attached as <link to=\"appendix-3-1\">"
                 "<b>Appendix 1</b></link></li>\n</ol>"));
  CHECK(Contains(cover,
                 "<h2 id=\"appendix-3-section-1\" label=\"1.\">Financial Appraisal</h2>\n"
                 "<np label=\"1.1\">A full action plan is attached as <link "
                 "to=\"appendix-3-1\"><b>Appendix 1</b></link>.</np>"));
  CHECK(Contains(cover, "<field label=\"Tel:\">01273 336782</field>"));
  CHECK(Contains(cover, "<field label=\"Background Documents:\">None</field>"));
  // Its plan as it stood in November 2010: every update then, as sub-bullets, without dates.
  std::string plan = AppendixText(markup, "appendix-3-1");
  CHECK(Contains(plan, "<ul marker=\"o\">\n<li><i>Response reviewed.</i></li>\n</ul>"));
  CHECK_FALSE(Contains(plan, "Homework booklets."));
  CHECK_FALSE(Contains(plan, "Actual timescale"));
  // Its document reference ends its last appendix, and only there.
  CHECK(Contains(plan, "<p space-before=\"24\">NS/LB Nov 2010</p>\n</appendix>"));
  CHECK(markup.find("NS/LB Nov 2010") == markup.rfind("NS/LB Nov 2010"));
}

TEST_CASE("A plan of the updates since the previous report prints only those, dated, in italics") {
  Diagnostics diagnostics;
  std::string plan =
      AppendixText(Merge(MakeReview(), MakeFacts(), "update", diagnostics), "appendix-1");
  CHECK(Contains(plan,
                 "<ul>\n<li><p>Publish suggestions on the VSB.</p>\n"
                 "<p><i>May 2011 – Homework booklets.</i></p>\n</li>\n</ul>"));
  CHECK_FALSE(Contains(plan, "Response reviewed."));
  CHECK_FALSE(Contains(plan, "marker=\"o\""));
}

TEST_CASE("Updates older than the previous report are not in italics") {
  clerk::compute::ReviewFacts facts = MakeFacts();
  facts.reports[0].recommendations[0].actions[0].updates[0].is_new = false;
  facts.reports[0].recommendations[0].actions[0].updates.push_back(
      clerk::merge::testing::UpdateAt(clerk::Date{2010, 11, 20}, "Newer.", true));
  Diagnostics diagnostics;
  std::string plan = AppendixText(Merge(MakeReview(), facts, "cabinet", diagnostics), "appendix-1");
  CHECK(Contains(plan,
                 "<ul marker=\"o\">\n<li>Response reviewed.</li>\n<li><i>Newer.</i></li>\n"
                 "</ul>"));
}

TEST_CASE("The action plan has a row per action, a part's text is its own row") {
  Diagnostics diagnostics;
  std::string plan =
      AppendixText(Merge(MakeReview(), MakeFacts(), "update", diagnostics), "appendix-1");
  CHECK(Contains(plan,
                 "<table widths=\"5 35 42 18\" rule=\"grid\">\n<thead>\n<tr><th></th>"
                 "<th>Recommendation</th><th>Response</th><th>Time scale</th></tr>\n"
                 "</thead>"));
  CHECK(Contains(plan,
                 "<tr><td>1</td><td>Develop low cost ideas.</td><td>\n<ul>\n"
                 "<li><p>Publish suggestions on the VSB.</p>"));
  CHECK(Contains(plan, "<tr><td></td><td></td><td>\n<ul>\n<li><p>Establish QMP2.</p>"));
  CHECK(Contains(plan,
                 "<tr><td>2</td><td>The Service to:</td><td></td><td></td></tr>\n"
                 "<tr><td></td><td>a) explore a training course; and</td><td>\n<ul>\n"
                 "<li><p>Design a course.</p>\n</li>\n</ul>\n</td><td>\n"
                 "<p>June 2010</p>\n<p>To run 3 times</p>\n</td></tr>\n"
                 "<tr><td></td><td>b) enhance the programme.</td>"));
  CHECK(Contains(plan,
                 "<p>September 2011 – July 2012</p>\n<p>Revised: November 2010 – July "
                 "2011</p>\n<p>Brought forward.</p>\n<p>Actual timescale – November 2010 "
                 "to December 2011</p>"));
}

TEST_CASE("The attainment appendix has the comparison and one table per measure") {
  Diagnostics diagnostics;
  std::string tables =
      AppendixText(Merge(MakeReview(), MakeFacts(), "update", diagnostics), "appendix-2");
  CHECK(Contains(tables, "<table widths=\"22 13 13 13 13 13 13\" rule=\"grid\">"));
  CHECK(Contains(tables, "<th colspan=\"2\" align=\"center\">2009</th>"));
  CHECK(Contains(tables, "% change 2010-2009"));
  CHECK(Contains(tables,
                 "<tr><td>Denton</td><td align=\"right\">66%</td><td align=\"right\">17%"
                 "</td><td align=\"right\">64%</td><td align=\"right\">14%</td>"
                 "<td align=\"right\">-2%</td><td align=\"right\">-3%</td></tr>"));
  CHECK(Contains(tables, "<h3 outline=\"no\">Level 4+</h3>"));
  CHECK(Contains(tables, "<th align=\"right\">2010 cohort</th>"));
  CHECK(Contains(tables,
                 "<tr><td>Castledown</td><td align=\"right\">26</td><td align=\"right\">"
                 "45</td><td align=\"right\">12</td></tr>"));
  CHECK(Contains(tables,
                 "<tr><td><b>Total</b></td><td></td><td align=\"right\"><b>81</b></td>"
                 "<td align=\"right\"><b>11</b></td></tr>"));
  CHECK(Contains(tables, "<p>increase 12.4%</p>"));
  CHECK(Contains(tables, "<p>increase 7.5%</p>"));
}

TEST_CASE("The markup of both reports is in the markup vocabulary") {
  for (const char* report : {"update", "cabinet"}) {
    Diagnostics diagnostics;
    std::string markup = Merge(MakeReview(), MakeFacts(), report, diagnostics,
                               MergeOptions{"DRAFT v1", "CSSC/2011/07"});
    REQUIRE(Listed(diagnostics) == "");
    auto document = clerk::markup::ParseMarkup(markup, "markup.xml", diagnostics);
    CHECK(document.has_value());
    CHECK(Listed(diagnostics) == "");
    CHECK(Contains(markup,
                   "date=\"" +
                       std::string(report == std::string("update") ? "2011-06-14" : "2010-12-14") +
                       "\" footer=\"CSSC/2011/07\" draft=\"DRAFT v1\">"));
  }
}

TEST_CASE("Without draft or footer the document has neither attribute") {
  Diagnostics diagnostics;
  std::string markup = Merge(MakeReview(), MakeFacts(), "cabinet", diagnostics);
  CHECK(Contains(markup, "date=\"2010-12-14\">"));
  CHECK_FALSE(Contains(markup, "draft="));
  CHECK_FALSE(Contains(markup, "footer="));
}

TEST_CASE("A report that reproduces itself is an error, not an endless paper") {
  clerk::Review review = MakeReview();
  clerk::Appendix back = review.reports[1].appendices[2];
  back.key = At("later", clerk::merge::testing::kCabinetFile, 70, 10);
  back.report = At("update", clerk::merge::testing::kCabinetFile, 71, 13);
  review.reports[0].appendices.push_back(back);
  Diagnostics diagnostics;
  Merge(review, MakeFacts(), "update", diagnostics);
  CHECK(Listed(diagnostics) ==
        "inputs/t/reports/cabinet.yaml:71:13: error: report \"update\" would reproduce itself "
        "(update -> cabinet -> update)\n");
}

TEST_CASE("What an appendix names must exist") {
  clerk::Review review = MakeReview();
  review.reports[1].appendices[0].recommendations = {
      At("1", clerk::merge::testing::kUpdateFile, 45, 20),
      At("9", clerk::merge::testing::kUpdateFile, 45, 25)};
  review.reports[1].appendices[1].to_year =
      clerk::Located<int>{2011, {"inputs/t/reports/update.yaml", 53, 9}};
  review.reports[1].appendices[2].report =
      At("cabinet-2010", clerk::merge::testing::kUpdateFile, 62, 13);
  Diagnostics diagnostics;
  std::string markup = Merge(review, MakeFacts(), "update", diagnostics);
  CHECK(Listed(diagnostics) ==
        "inputs/t/reports/update.yaml:45:25: error: the action plan lists recommendation \"9\", "
        "which the review does not have\n"
        "inputs/t/reports/update.yaml:50:5: error: the attainment appendix \"attainment\" has no "
        "analysis for 2009-2011 to show\n"
        "inputs/t/reports/update.yaml:62:13: error: there is no report \"cabinet-2010\" in this "
        "review\n");
  CHECK(diagnostics.Items()[2].hint == "its reports are \"cabinet\" and \"update\"");
  // Only the chosen recommendation is in the plan.
  std::string plan = AppendixText(markup, "appendix-1");
  CHECK(Contains(plan, "<td>1</td>"));
  CHECK_FALSE(Contains(plan, "<td>2</td>"));
}

TEST_CASE("Only since-previous and all are ways of showing updates") {
  clerk::Review review = MakeReview();
  review.reports[1].appendices[0].updates =
      At("recent", clerk::merge::testing::kUpdateFile, 44, 14);
  review.reports[0].appendices[0].updates =
      At("since-previous", clerk::merge::testing::kCabinetFile, 44, 14);
  Diagnostics diagnostics;
  Merge(review, MakeFacts(), "update", diagnostics);
  CHECK(Listed(diagnostics) ==
        "inputs/t/reports/update.yaml:44:14: error: updates: \"recent\" is neither \"all\" nor "
        "\"since-previous\"\n"
        "inputs/t/reports/cabinet.yaml:44:14: warning: updates: since-previous, but this report "
        "has no previous report, so every update is shown\n");
}

TEST_CASE("The data fits the shape the templates are checked against") {
  Diagnostics diagnostics;
  clerk::merge::Value data = clerk::merge::BuildReportData(
      MakeReview(), MakeFacts(), MakeReview().reports[1], MergeOptions{"DRAFT", "F"}, diagnostics);
  CHECK(Listed(diagnostics) == "");
  CHECK(clerk::merge::ShapeMismatches(data, clerk::merge::ReportShape()).empty());
  // Every kind of appendix is there, so every shape was compared.
  const std::string dump = clerk::merge::DumpValue(data);
  CHECK(dump.find("    action_plan:\n      -\n") != std::string::npos);
  CHECK(dump.find("    attainment:\n      -\n") != std::string::npos);
  CHECK(dump.find("    report:\n      -\n") != std::string::npos);

  data.Set("sections", clerk::merge::Value::Text("x"));
  data.Set("extra", clerk::merge::Value::Flag(true));
  CHECK(clerk::merge::ShapeMismatches(data, clerk::merge::ReportShape()) ==
        std::vector<std::string>{"sections is a text, not a list",
                                 "extra is not in the report shape"});
}

TEST_CASE("Partials come from the template set, whatever the data calls its fields") {
  MemoryFileSystem files;
  // "sections" is also a field of the data: the partial must win, and its wording is the
  // template's own, changed without recompiling.
  files.Add("templates/plain/report.mustache", "<document>{{> sections}}</document>");
  files.Add("templates/plain/sections.mustache",
            "{{#sections}}<p>Part {{label}} {{heading}}</p>{{/sections}}");
  Diagnostics diagnostics;
  TemplateSet templates = clerk::merge::LoadTemplates(files, "templates", "plain", diagnostics);
  REQUIRE(templates.valid);
  std::string markup =
      MergeReport(MakeReview(), MakeFacts(), "update", templates, MergeOptions{}, diagnostics);
  CHECK(Listed(diagnostics) == "");
  CHECK(markup ==
        "<document><p>Part 1. Financial Appraisal</p><p>Part 2. Supporting "
        "information</p></document>");
}

TEST_CASE("An unknown report or an invalid template set gives no markup") {
  Diagnostics diagnostics;
  TemplateSet templates = clerk::merge::testing::RealTemplates(diagnostics);
  CHECK(MergeReport(MakeReview(), MakeFacts(), "nope", templates, {}, diagnostics) == "");
  CHECK(Listed(diagnostics) ==
        "inputs/t/reports:0:0: error: there is no report \"nope\" in this "
        "review\n");
  templates.valid = false;
  Diagnostics none;
  CHECK(MergeReport(MakeReview(), MakeFacts(), "update", templates, {}, none) == "");
}

TEST_CASE("The signatory's name is printed in capitals") {
  CHECK(clerk::merge::Capitals("Matt Dunkley") == "MATT DUNKLEY");
  CHECK(clerk::merge::Capitals("Zoë O'Brien-Müller ÷ ß") == "ZOË O'BRIEN-MÜLLER ÷ ß");
}

TEST_CASE("CheckReport finds the errors MergeReport would, without merging") {
  Diagnostics diagnostics;
  TemplateSet templates = clerk::merge::testing::RealTemplates(diagnostics);
  REQUIRE(templates.valid);
  CHECK(clerk::merge::CheckReport(MakeReview(), MakeFacts(), "update", templates, diagnostics));
  CHECK(Listed(diagnostics) == "");

  // The data errors of "What an appendix names must exist", in the same words and places.
  clerk::Review review = MakeReview();
  review.reports[1].appendices[0].recommendations = {
      At("9", clerk::merge::testing::kUpdateFile, 45, 25)};
  Diagnostics checked;
  CHECK_FALSE(clerk::merge::CheckReport(review, MakeFacts(), "update", templates, checked));
  Diagnostics merged;
  Merge(review, MakeFacts(), "update", merged);
  CHECK(Listed(checked) ==
        "inputs/t/reports/update.yaml:45:25: error: the action plan lists recommendation \"9\", "
        "which the review does not have\n");
  CHECK(Listed(checked) == Listed(merged));

  Diagnostics unknown;
  CHECK_FALSE(clerk::merge::CheckReport(MakeReview(), MakeFacts(), "nope", templates, unknown));
  CHECK(Listed(unknown) ==
        "inputs/t/reports:0:0: error: there is no report \"nope\" in this review\n");
  templates.valid = false;
  Diagnostics invalid;
  CHECK_FALSE(clerk::merge::CheckReport(MakeReview(), MakeFacts(), "update", templates, invalid));
}

TEST_CASE("CheckReport leaves out only figures, so it finds every data error a merge does") {
  // Every kind of appendix wrong at once, and an appendix that reproduces the report it is in.
  clerk::Review review = MakeReview();
  review.reports[1].appendices[0].recommendations = {
      At("9", clerk::merge::testing::kUpdateFile, 45, 25)};
  review.reports[1].appendices[0].updates =
      At("recent", clerk::merge::testing::kUpdateFile, 44, 14);
  review.reports[1].appendices[1].to_year =
      clerk::Located<int>{2011, {"inputs/t/reports/update.yaml", 53, 9}};
  clerk::Appendix back = review.reports[1].appendices[2];
  back.key = At("later", clerk::merge::testing::kCabinetFile, 70, 10);
  back.report = At("update", clerk::merge::testing::kCabinetFile, 71, 13);
  review.reports[0].appendices.push_back(back);
  review.reports[0].appendices[0].updates =
      At("since-previous", clerk::merge::testing::kCabinetFile, 44, 14);

  Diagnostics checked;
  TemplateSet templates = clerk::merge::testing::RealTemplates(checked);
  REQUIRE(templates.valid);
  CHECK_FALSE(clerk::merge::CheckReport(review, MakeFacts(), "update", templates, checked));
  Diagnostics merged;
  Merge(review, MakeFacts(), "update", merged);
  CHECK(checked.Items().size() == 5);
  CHECK(Listed(checked) == Listed(merged));
}
