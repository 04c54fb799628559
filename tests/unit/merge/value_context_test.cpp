#include "merge/value_context.h"

#include <catch2/catch.hpp>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>

#include "merge/template_value.h"
#include "partials_context.h"

using clerk::merge::Markup;
using clerk::merge::Value;
using clerk::merge::ValueContext;

namespace {

namespace mustache = kainjow::mustache;

// The same data as kainjow's own, built the ordinary way.
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
  mustache::data object;
  for (const Value::Field& field : value.fields()) {
    object.set(std::string(field.key), ToKainjow(field.value));
  }
  return object;
}

using clerk::test::PartialsContext;

std::string Render(const std::string& text, mustache::basic_context<std::string>& context) {
  mustache::mustache renderer(text);
  REQUIRE(renderer.is_valid());
  renderer.set_custom_escape([](const std::string& s) { return s; });
  std::string out = renderer.render(context);
  REQUIRE(renderer.is_valid());
  return out;
}

// kainjow renders `text` from a ValueContext exactly as from kainjow's own copy of the data.
void CheckSameRendering(const std::string& text, const Value& data,
                        const std::map<std::string, std::string>& partial_texts = {}) {
  std::map<std::string, mustache::data> partials;
  for (const auto& [name, partial] : partial_texts) partials.emplace(name, mustache::data(partial));
  mustache::data copy = ToKainjow(data);
  PartialsContext plain(&copy, &partials);
  std::string expected = Render(text, plain);
  ValueContext context(&data, &partials);
  CHECK(Render(text, context) == expected);
}

Value Row(const char* name, bool shown, const char* note) {
  Value row;
  row.Set("name", Value::Text(name));
  row.Set("shown", Value::Flag(shown));
  row.Set("note", Value::Text(note));
  return row;
}

Value Sample() {
  Value rows = Value::List();
  rows.Add(Row("one", true, "first"));
  rows.Add(Row("two", false, ""));
  Value words = Value::List();
  words.Add(Value::Text("alpha"));
  words.Add(Value::Text("beta & gamma"));
  Value inner;
  inner.Set("deep", Value::Text("bottom"));
  Value outer;
  outer.Set("inner", std::move(inner));
  outer.Set("name", Value::Text("outer name"));
  Value root;
  root.Set("title", Value::Text("Title"));
  root.Set("name", Value::Text("root name"));
  root.Set("yes", Value::Flag(true));
  root.Set("no", Value::Flag(false));
  root.Set("rows", std::move(rows));
  root.Set("words", std::move(words));
  root.Set("none", Value::List());
  root.Set("outer", std::move(outer));
  root.Set("markup", Value::Of(Markup::Element("b", {}, Markup::Text("x & y"))));
  return root;
}

}  // namespace

TEST_CASE("kainjow renders from a ValueContext as from its own data") {
  Value data = Sample();
  CheckSameRendering("{{title}} {{{title}}} {{&name}} {{markup}}\n", data);
  CheckSameRendering(
      "{{#rows}}\n<r>{{name}}{{#shown}} shown{{/shown}}{{^shown}} hidden{{/shown}}"
      " {{title}} {{note}}</r>\n{{/rows}}\n",
      data);
  CheckSameRendering("{{#words}}[{{.}}]{{/words}}{{^none}}none{{/none}}{{#none}}x{{/none}}\n",
                     data);
  CheckSameRendering("{{#yes}}{{title}}{{.}}{{/yes}}{{^no}}not{{.}}{{/no}}{{#no}}x{{/no}}", data);
  // Names from outer contexts, shadowed names, dotted names, "." of an object.
  CheckSameRendering(
      "{{#outer}}{{name}} {{title}} {{inner.deep}} {{#inner}}{{deep}}{{name}}{{/inner}}{{.}}"
      "{{/outer}} {{outer.inner.deep}} {{outer.name}} {{outer.missing}} {{missing.deep}}",
      data);
  // A section over a text: the text is "." throughout, while other texts are looked up inside.
  CheckSameRendering(
      "{{#title}}<{{.}}|{{name}}|{{#name}}{{.}}{{title}}{{/name}}|{{.}}>{{/title}}"
      "{{#rows}}{{#note}}({{.}}{{name}}{{.}}){{/note}}{{/rows}}",
      data);
  // Partials see the context they are included in.
  CheckSameRendering("{{#rows}}{{> row}}{{/rows}}{{#outer}}{{> row}}{{/outer}}", data,
                     {{"row", "<{{name}}{{#shown}}!{{/shown}}>\n"}});
}

TEST_CASE("A ValueContext records the names and partials that resolve to nothing") {
  Value data = Sample();
  std::map<std::string, mustache::data> partials;
  ValueContext context(&data, &partials);
  CHECK(Render("{{title}}{{nothing}}{{#rows}}{{gone}}{{/rows}}{{> absent}}{{outer.nope}}",
               context) == "Title");
  CHECK(context.missing() == std::set<std::string>{"nothing", "gone", "> absent", "outer.nope"});
}
