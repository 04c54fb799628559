#include "merge/partial_expansion.h"

#include <catch2/catch.hpp>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>

#include "merge/merge.h"
#include "merge_fixture.h"
#include "partials_context.h"

using clerk::merge::ExpandPartials;

namespace {

namespace mustache = kainjow::mustache;

using Texts = std::map<std::string, std::string>;

using clerk::test::PartialsContext;

// What kainjow renders from `texts["main"]`, its partials taken from `texts`.
std::string Render(const Texts& texts, const mustache::data& data) {
  std::map<std::string, mustache::data> partials;
  for (const auto& [name, text] : texts) partials.emplace(name, mustache::data(text));
  PartialsContext context(&data, &partials);
  mustache::mustache renderer(texts.at("main"));
  REQUIRE(renderer.is_valid());
  std::string out = renderer.render(context);
  REQUIRE(renderer.is_valid());
  return out;
}

// kainjow renders the expanded set exactly as it renders the set as written.
void CheckSameRendering(const Texts& texts, const mustache::data& data) {
  std::string as_written = Render(texts, data);
  CHECK(Render(ExpandPartials(texts), data) == as_written);
}

mustache::data SampleData() {
  mustache::data item1;
  item1.set("name", "one");
  item1.set("shown", true);
  mustache::data item2;
  item2.set("name", "two");
  item2.set("shown", false);
  mustache::data items(mustache::data::type::list);
  items.push_back(item1);
  items.push_back(item2);
  mustache::data root;
  root.set("title", "T");
  root.set("items", items);
  root.set("yes", true);
  return root;
}

}  // namespace

TEST_CASE("Partial tags are replaced by their text, expanded") {
  Texts texts{{"main", "<a>{{> p}}</a>\n"}, {"p", "<p>{{> q}}</p>"}, {"q", "{{title}}"}};
  CHECK(ExpandPartials(texts).at("main") == "<a><p>{{title}}</p></a>\n");
  CHECK(ExpandPartials(texts).at("p") == "<p>{{title}}</p>");
}

TEST_CASE("A partial that includes itself stays a tag, and is expanded around it") {
  Texts texts{{"main", "{{> tree}}"},
              {"tree", "<n>{{> leaf}}{{#items}}{{> tree}}{{/items}}</n>"},
              {"leaf", "{{name}}"}};
  std::map<std::string, std::string> expanded = ExpandPartials(texts);
  CHECK(expanded.at("main") == "<n>{{name}}{{#items}}{{> tree}}{{/items}}</n>");
  CHECK(expanded.at("tree") == "<n>{{name}}{{#items}}{{> tree}}{{/items}}</n>");
}

TEST_CASE("Partials whose text would join with the text beside them stay tags") {
  Texts texts{{"main", "a{{> empty}}b{{>lf}}c{{> cr }}d{{> brace}}{e}\n{{> missing}}"},
              {"empty", ""},
              {"lf", "\nx"},
              {"cr", "x\r"},
              {"brace", "x{"}};
  CHECK(ExpandPartials(texts).at("main") == texts.at("main"));
  CheckSameRendering(texts, SampleData());
}

TEST_CASE("Partials that set delimiters stay tags, and a template that sets them is not read") {
  Texts texts{{"main", "{{> p}}{{=<% %>=}}<%> p%>"}, {"p", "{{=[ ]=}}[title]"}};
  CHECK(ExpandPartials(texts).at("main") == texts.at("main"));
  texts.at("main") = "{{title}} {{> p}}\n";
  CHECK(ExpandPartials(texts).at("main") == texts.at("main"));
}

TEST_CASE("Unescaped tags and comments are not partial tags") {
  Texts texts{{"main", "{{{> p}}} {{! {{> p}} }}{{&title}}"}, {"p", "x"}};
  CHECK(ExpandPartials(texts).at("main") == texts.at("main"));
}

TEST_CASE("kainjow renders an expanded set as the set with its partials") {
  // Standalone and indented partial tags, partials in sections and lists, on lines that
  // kainjow drops (section tags and whitespace only), with CRLF line ends.
  Texts texts{{"main",
               "<doc>\n"
               "{{> head}}\n"
               "  {{> head}}\n"
               "{{#items}}\n"
               "  {{> item}}\n"
               "{{/items}}\n"
               "{{#yes}}{{> item}}{{/yes}}\r\n"
               "\t{{> crlf}}  \r\n"
               "{{^items}}{{> head}}{{/items}}\n"
               "</doc>\n"},
              {"head", "<h>{{title}}</h>\n"},
              {"item", "{{#shown}}\n  <i>{{name}}</i>\n{{/shown}}\n{{^shown}}{{name}}{{/shown}}"},
              {"crlf", "  {{#items}}\r\n{{name}}\r\n  {{/items}}\r\n"}};
  CHECK(ExpandPartials(texts).at("main").find("{{>") == std::string::npos);
  CheckSameRendering(texts, SampleData());
}

TEST_CASE("The council-report set expands to one template, its appendices recursive") {
  clerk::Diagnostics diagnostics;
  clerk::merge::TemplateSet set = clerk::merge::testing::RealTemplates(diagnostics);
  REQUIRE(set.valid);
  Texts texts;
  for (const auto& [name, file] : set.files) texts.emplace(name, file.text);
  std::map<std::string, std::string> expanded = ExpandPartials(texts);
  // Only the reproduced report's appendices remain a partial, once in each expansion.
  const std::string& main = expanded.at(clerk::merge::kMainTemplate);
  CHECK(main.find("{{> appendices}}") != std::string::npos);
  CHECK(main.find("{{>") == main.find("{{> appendices}}"));
  CHECK(main.find("{{>", main.find("{{>") + 1) == std::string::npos);
  CHECK(expanded.at("action-plan").find("{{>") == std::string::npos);
}
