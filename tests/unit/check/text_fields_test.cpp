#include "check/text_fields.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using clerk::LocatedText;

namespace {

LocatedText Text(const std::string& value) { return LocatedText{value, {"f.yaml", 1, 1}}; }

std::vector<std::string> Values(const clerk::Review& review) {
  std::vector<std::string> values;
  for (const LocatedText* text : clerk::check::ReviewTexts(review)) values.push_back(text->value);
  return values;
}

}  // namespace

TEST_CASE("Every text field of a review is walked, with where it was read") {
  clerk::Review review;
  review.info.title = Text("title");
  review.info.council = Text("council");
  review.info.language = Text("en-GB");
  clerk::Recommendation recommendation;
  recommendation.id = Text("1");
  recommendation.text = Text("recommendation");
  recommendation.parts.push_back({Text("a"), Text("part")});
  review.recommendations.push_back(recommendation);
  clerk::Action action;
  action.id = Text("1.1");
  action.recommendation = Text("1");
  action.part = Text("a");
  action.text = Text("action");
  action.revisions.push_back({{}, Text("revision")});
  action.withdrawn = clerk::Withdrawal{{}, Text("reason")};
  action.updates.push_back({{}, Text("update")});
  review.actions.push_back(action);
  clerk::TimescaleRecord timescale;
  timescale.action = Text("1.1");
  timescale.planned.words = Text("planned");
  timescale.revised = clerk::TimescaleChange{{}, {Text("revised"), {}}, Text("why revised")};
  timescale.note = Text("note");
  review.timescales.push_back(timescale);
  review.attainment.measures.push_back({Text("L4+"), Text("Level 4+")});
  clerk::School school;
  school.name = Text("school");
  review.attainment.schools.push_back(school);
  clerk::ReportDefinition report;
  report.id = Text("r");
  report.title = Text("report title");
  report.sections.push_back({Text("heading"), {Text("paragraph")}});
  report.signatory.name = Text("signatory");
  report.contact.telephone = Text("01234");
  report.background_documents.push_back(Text("document"));
  clerk::Appendix appendix;
  appendix.key = Text("A");
  appendix.title = Text("appendix title");
  report.appendices.push_back(appendix);
  clerk::PublishedAttainment published;
  published.changes.push_back({Text("published school"), {}});
  report.published = published;
  review.reports.push_back(report);

  std::vector<std::string> values = Values(review);
  CHECK(values == std::vector<std::string>{"title",
                                           "council",
                                           "en-GB",
                                           "1",
                                           "recommendation",
                                           "a",
                                           "part",
                                           "1.1",
                                           "1",
                                           "a",
                                           "action",
                                           "revision",
                                           "reason",
                                           "update",
                                           "1.1",
                                           "planned",
                                           "revised",
                                           "why revised",
                                           "note",
                                           "L4+",
                                           "Level 4+",
                                           "school",
                                           "r",
                                           "",
                                           "",
                                           "",
                                           "report title",
                                           "",
                                           "",
                                           "heading",
                                           "paragraph",
                                           "signatory",
                                           "",
                                           "",
                                           "",
                                           "01234",
                                           "",
                                           "document",
                                           "A",
                                           "appendix title",
                                           "published school"});
  REQUIRE_FALSE(clerk::check::ReviewTexts(review).empty());
  CHECK(clerk::check::ReviewTexts(review).front() == &review.info.title);
}
