#include "merge/template_render.h"

#include <catch2/catch.hpp>
#include <kainjow/mustache.hpp>
#include <map>
#include <set>
#include <string>

#include "merge/template_data.h"
#include "merge_fixture.h"

using clerk::Diagnostics;
using clerk::merge::RenderTemplates;
using clerk::merge::TemplateFile;
using clerk::merge::TemplateSet;
using clerk::merge::Value;

namespace {

namespace mustache = kainjow::mustache;

// The same data as kainjow's, to render the same templates with kainjow itself.
mustache::data ToKainjow(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kText:
      return mustache::data(value.text());
    case Value::Kind::kFlag:
      return mustache::data(value.flag());
    case Value::Kind::kList: {
      mustache::data list(mustache::data::type::list);
      for (const Value& item : value.items()) list.push_back(ToKainjow(item));
      return list;
    }
    case Value::Kind::kObject:
      break;
  }
  mustache::data object(mustache::data::type::object);
  for (const Value::Field& field : value.fields()) {
    object.set(std::string(field.key), ToKainjow(field.value));
  }
  return object;
}

// Partials from the set only, as merge asks for them.
class PartialsContext : public mustache::context<std::string> {
 public:
  PartialsContext(const mustache::data* root, const std::map<std::string, mustache::data>* partials)
      : mustache::context<std::string>(root), partials_(partials) {}

  const mustache::data* get_partial(const std::string& name) const override {
    auto found = partials_->find(name);
    return found == partials_->end() ? nullptr : &found->second;
  }

 private:
  const std::map<std::string, mustache::data>* partials_;
};

std::string RenderWithKainjow(const TemplateSet& templates, const Value& data) {
  std::map<std::string, mustache::data> partials;
  for (const auto& [name, file] : templates.files) partials.emplace(name, file.text);
  mustache::data root = ToKainjow(data);
  PartialsContext context(&root, &partials);
  mustache::mustache renderer(templates.files.at("report").text);
  renderer.set_custom_escape([](const std::string& text) { return text; });
  std::string out = renderer.render(context);
  REQUIRE(renderer.is_valid());
  return out;
}

TemplateSet SetOf(const std::map<std::string, std::string>& texts) {
  TemplateSet set;
  set.name = "t";
  set.directory = "templates/t";
  for (const auto& [name, text] : texts) {
    set.files[name] = TemplateFile{"templates/t/" + name + ".mustache", text};
  }
  set.valid = true;
  return set;
}

std::string Render(const TemplateSet& templates, const Value& data) {
  std::set<std::string> missing;
  std::string out = RenderTemplates(templates, data, &missing);
  CHECK(missing.empty());
  return out;
}

Value Item(const char* name) {
  Value item;
  item.Set("name", Value::Text(name));
  return item;
}

Value Data() {
  Value data;
  data.Set("title", Value::Text("T"));
  data.Set("items", Value::List().Add(Item("a")).Add(Item("b & c")));
  data.Set("none", Value::List());
  data.Set("no", Value::Flag(false));
  data.Set("yes", Value::Flag(true));
  data.Set("outer", Value().Set("inner", Value::Text("I")));
  return data;
}

}  // namespace

TEST_CASE("A section's line is dropped when it leaves only spaces, as kainjow drops it") {
  TemplateSet templates = SetOf({{"report",
                                  "<doc>\n"
                                  "  {{#items}}\n"
                                  "  <i>{{name}}</i>\n"
                                  "  {{/items}}\n"
                                  "{{#no}}\n"
                                  "hidden\n"
                                  "{{/no}}\n"
                                  "{{! a comment keeps its line }}\n"
                                  "{{^none}}none{{/none}}\n"
                                  "</doc>"}});
  const std::string expected =
      "<doc>\n"
      "  <i>a</i>\n"
      "  <i>b &amp; c</i>\n"
      "\n"  // the section not shown
      "\n"  // the comment
      "none\n"
      "</doc>";
  CHECK(Render(templates, Data()) == expected);
  CHECK(RenderWithKainjow(templates, Data()) == expected);
}

TEST_CASE("Rendering agrees with kainjow on names, sections, partials and line breaks") {
  TemplateSet templates = SetOf({
      {"report",
       "{{#items}}{{> item}}{{/items}}|{{outer.inner}}|{{#outer}}{{inner}}{{title}}{{/outer}}\r\n"
       "\t{{#yes}} \t{{/yes}}\r"
       "{{^no}}not {{{title}}}{{/no}}{{^items}}never{{/items}}\n"
       "{{#none}}\n{{/none}}\n"
       "  {{> block}}\n"
       "end {{&title}}"},
      {"item", "[{{name}} of {{title}}]\n"},
      {"block", "{{#items}}\n{{name}}\n{{/items}}\n  \n"},
  });
  std::string ours = Render(templates, Data());
  CHECK(ours == RenderWithKainjow(templates, Data()));
  CHECK(ours ==
        "[a of T]\n[b &amp; c of T]\n|I|IT\r\n"
        "not T\n"
        "\n"
        "a\n"
        "b &amp; c\n"
        "  \n"
        "\n"
        "end T");
}

TEST_CASE("Rendering the real templates with the example's data agrees with kainjow") {
  Diagnostics diagnostics;
  TemplateSet templates = clerk::merge::testing::RealTemplates(diagnostics);
  REQUIRE(templates.valid);
  clerk::Review review = clerk::merge::testing::MakeReview();
  for (const clerk::ReportDefinition& report : review.reports) {
    Value data = clerk::merge::BuildReportData(review, clerk::merge::testing::MakeFacts(), report,
                                               {"DRAFT v1", "CSSC/2011/07"}, diagnostics);
    std::string ours = Render(templates, data);
    CHECK(ours.size() > 1000);
    CHECK(ours == RenderWithKainjow(templates, data));
  }
  CHECK(clerk::merge::testing::Listed(diagnostics) == "");
}

TEST_CASE("Names and partials that resolve to nothing are reported and print nothing") {
  TemplateSet templates = SetOf({{"report", "a{{missing}}b{{#gone}}x{{/gone}}{{> nowhere}}c"}});
  std::set<std::string> missing;
  CHECK(RenderTemplates(templates, Data(), &missing) == "abc");
  CHECK(missing == std::set<std::string>{"missing", "gone", "> nowhere"});
}

TEST_CASE("A template with a set-delimiter tag is not rendered") {
  CHECK_FALSE(clerk::merge::ParseTemplate("a {{=<% %>=}} <% b %>").has_value());
  TemplateSet templates = SetOf({{"report", "{{=<% %>=}}"}});
  std::set<std::string> missing;
  CHECK(RenderTemplates(templates, Data(), &missing) == "");
  CHECK(missing == std::set<std::string>{"> report"});
}

TEST_CASE("A template is parsed into nested sections") {
  auto nodes = clerk::merge::ParseTemplate("a\r\n{{#s}}{{x.y}}{{/s}}{{! c }}{{> p}}");
  REQUIRE(nodes.has_value());
  using Kind = clerk::merge::TemplateNode::Kind;
  REQUIRE(nodes->size() == 4);
  CHECK((*nodes)[0].kind == Kind::kText);
  CHECK((*nodes)[1].kind == Kind::kNewline);
  CHECK((*nodes)[1].text == "\r\n");
  CHECK((*nodes)[2].kind == Kind::kSection);
  REQUIRE((*nodes)[2].children.size() == 1);
  CHECK((*nodes)[2].children[0].path == std::vector<std::string>{"x", "y"});
  CHECK((*nodes)[3].kind == Kind::kPartial);
  CHECK((*nodes)[3].text == "p");
}
