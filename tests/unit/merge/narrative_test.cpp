#include "merge/narrative.h"

#include <catch2/catch.hpp>

#include "merge_fixture.h"

using clerk::Diagnostics;
using clerk::merge::AppendixReference;
using clerk::merge::ExpandNarrative;
using clerk::merge::NarrativeScope;
using clerk::merge::testing::At;
using clerk::merge::testing::Listed;

namespace {

NarrativeScope ScopeWith(const clerk::compute::ReportFacts* facts) {
  NarrativeScope scope;
  scope.appendices["action-plan"] = AppendixReference{"Appendix 1", "appendix-1"};
  scope.appendices["attainment"] = AppendixReference{"Appendix 2", "appendix-2"};
  scope.appendix_keys = {"action-plan", "attainment"};
  scope.facts = facts;
  return scope;
}

}  // namespace

TEST_CASE("An appendix placeholder becomes its number, in bold, linked to the appendix") {
  Diagnostics diagnostics;
  auto text = ExpandNarrative(At("attached as {{appendix:action-plan}} to this report & more"),
                              ScopeWith(nullptr), diagnostics);
  CHECK(diagnostics.Empty());
  CHECK(text.markup.str() ==
        "attached as <link to=\"appendix-1\"><b>Appendix 1</b></link> to this report &amp; more");
  CHECK(text.plain == "attached as Appendix 1 to this report & more");
}

TEST_CASE("Placeholders may carry spaces inside the braces") {
  Diagnostics diagnostics;
  auto text = ExpandNarrative(At("{{ appendix : attainment }}"), ScopeWith(nullptr), diagnostics);
  CHECK(diagnostics.Empty());
  CHECK(text.markup.str() == "<link to=\"appendix-2\"><b>Appendix 2</b></link>");
}

TEST_CASE("An unknown appendix key is an error at the text's location, printed as written") {
  Diagnostics diagnostics;
  auto text = ExpandNarrative(At("see {{appendix:actionplan}}", "inputs/t/reports/r.yaml", 7, 9),
                              ScopeWith(nullptr), diagnostics);
  REQUIRE(diagnostics.Items().size() == 1);
  const clerk::Diagnostic& d = diagnostics.Items()[0];
  CHECK(d.severity == clerk::Severity::kError);
  CHECK(d.where.file == "inputs/t/reports/r.yaml");
  CHECK(d.where.line == 7);
  CHECK(d.where.column == 9);
  CHECK(d.message == "{{appendix:actionplan}} names no appendix of this report");
  CHECK(d.hint == "this report's appendices are \"action-plan\" and \"attainment\"");
  CHECK(text.markup.str() == "see {{appendix:actionplan}}");
}

TEST_CASE("A figure placeholder prints the computed figure") {
  clerk::compute::ReviewFacts facts = clerk::merge::testing::MakeFacts();
  const clerk::compute::ReportFacts& update = facts.reports[1];
  Diagnostics diagnostics;
  auto text = ExpandNarrative(
      At("an increase of {{figure:attainment.L4+.headline}}% in {{figure:attainment.schools}} "
         "schools ({{figure:attainment.L5.improved}} pupils at Level 5, {{figure:attainment.to}})"),
      ScopeWith(&update), diagnostics);
  CHECK(Listed(diagnostics) == "");
  CHECK(text.plain == "an increase of 12.4% in 2 schools (6 pupils at Level 5, 2010)");
}

TEST_CASE("A figure path that names nothing is an error naming the paths there are") {
  clerk::compute::ReviewFacts facts = clerk::merge::testing::MakeFacts();
  Diagnostics diagnostics;
  ExpandNarrative(At("{{figure:attainment.L6.headline}}"), ScopeWith(&facts.reports[1]),
                  diagnostics);
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].message ==
        "{{figure:attainment.L6.headline}} names no figure of this report");
  CHECK(diagnostics.Items()[0].hint.find("(measures here: \"L4+\" and \"L5\")") !=
        std::string::npos);
}

TEST_CASE("An unknown kind of placeholder and an unclosed one are errors") {
  Diagnostics diagnostics;
  auto unknown = ExpandNarrative(At("{{title}} text"), ScopeWith(nullptr), diagnostics);
  auto unclosed =
      ExpandNarrative(At("see {{appendix:action-plan"), ScopeWith(nullptr), diagnostics);
  REQUIRE(diagnostics.Items().size() == 2);
  CHECK(diagnostics.Items()[0].message == "{{title}} is not a placeholder clerk knows");
  CHECK(diagnostics.Items()[1].message ==
        "a placeholder opened with \"{{\" is never closed with \"}}\"");
  CHECK(unknown.markup.str() == "{{title}} text");
  CHECK(unclosed.markup.str() == "see {{appendix:action-plan");
}

TEST_CASE("Markup written in narrative text is escaped around a placeholder's link") {
  Diagnostics diagnostics;
  auto text =
      ExpandNarrative(At("<b>{{appendix:action-plan}}</b>"), ScopeWith(nullptr), diagnostics);
  CHECK(diagnostics.Empty());
  CHECK(text.markup.str() == "&lt;b&gt;<link to=\"appendix-1\"><b>Appendix 1</b></link>&lt;/b&gt;");
}
