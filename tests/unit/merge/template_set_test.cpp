#include <catch2/catch.hpp>
#include <set>

#include "merge/merge.h"
#include "merge/template_check.h"
#include "merge_fixture.h"

using clerk::Diagnostics;
using clerk::MemoryFileSystem;
using clerk::merge::LoadTemplates;
using clerk::merge::TemplateSet;
using clerk::merge::testing::Listed;

namespace {

// A minimal valid set: the document, the cover's committee, one partial.
MemoryFileSystem MinimalSet() {
  MemoryFileSystem files;
  files.Add("templates/mini/report.mustache",
            "<document title=\"{{title}}\">\n"
            "{{> fields}}\n"
            "</document>\n");
  files.Add("templates/mini/fields.mustache", "<p>{{committee}}</p>\n");
  return files;
}

std::string LoadErrors(MemoryFileSystem files, const std::string& name = "mini") {
  Diagnostics diagnostics;
  TemplateSet set = LoadTemplates(files, "templates", name, diagnostics);
  CHECK(set.valid == diagnostics.Empty());
  return Listed(diagnostics);
}

}  // namespace

TEST_CASE("The council-report template set loads and checks cleanly") {
  Diagnostics diagnostics;
  TemplateSet set = clerk::merge::testing::RealTemplates(diagnostics);
  CHECK(Listed(diagnostics) == "");
  CHECK(set.valid);
  CHECK(set.files.count("report") == 1);
  CHECK(set.files.count("cover") == 1);
  CHECK(set.files.count("action-plan") == 1);
  CHECK(set.files.count("attainment") == 1);
}

TEST_CASE("A minimal template set is valid") { CHECK(LoadErrors(MinimalSet()) == ""); }

TEST_CASE("Mustache syntax errors are reported at line:column of the file") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/mini/report.mustache",
            "<document>\n"
            "  {{#sections}}\n"
            "  <p>{{heading}}</p>\n"
            "</document>\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/report.mustache:2:3: error: the section \"sections\" is never closed\n");

  files.Add("templates/mini/report.mustache", "<document>\n<p>é {{title</p>\n</document>\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/report.mustache:2:6: error: this tag is never closed\n");

  files.Add("templates/mini/report.mustache", "<document>{{/sections}}</document>\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/report.mustache:1:11: error: {{/sections}} ends a section that is not "
        "open\n");
}

TEST_CASE("A broken partial is reported with its own file name, even when nothing includes it") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/mini/spare.mustache", "<p>\n{{#recommendation}}{{text}}</p>\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/spare.mustache:2:1: error: the section \"recommendation\" is never "
        "closed\n");
}

TEST_CASE("A name the data does not have is an error where the template uses it") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/mini/fields.mustache", "<p>{{committee}}</p>\n<p>{{comittee}}</p>\n");
  Diagnostics diagnostics;
  TemplateSet set = LoadTemplates(files, "templates", "mini", diagnostics);
  CHECK_FALSE(set.valid);
  REQUIRE(diagnostics.Items().size() == 1);
  const clerk::Diagnostic& d = diagnostics.Items()[0];
  CHECK(d.where.file == "templates/mini/fields.mustache");
  CHECK(d.where.line == 2);
  CHECK(d.where.column == 4);
  CHECK(d.message == "there is no \"comittee\" to print here");
  CHECK(d.hint.find("inside the report: ") == 0);
  CHECK(d.hint.find("committee") != std::string::npos);
}

TEST_CASE("Names are checked in the scope where they are used") {
  MemoryFileSystem files = MinimalSet();
  // "planned" belongs to an action-plan row, not to the report.
  files.Add("templates/mini/fields.mustache",
            "{{#appendices}}{{#action_plan}}{{#rows}}{{planned}}{{/rows}}{{/action_plan}}"
            "{{/appendices}}\n"
            "{{planned}}\n"
            "{{#sections}}{{#paragraphs}}{{label}} {{heading}} {{committee}}{{/paragraphs}}"
            "{{/sections}}\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/fields.mustache:2:1: error: there is no \"planned\" to print here\n");
}

TEST_CASE("Dotted names resolve through objects") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/mini/fields.mustache",
            "<p>{{signatory.name_capitals}} {{contact.telephone}}</p>\n{{signatory.phone}}\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/fields.mustache:2:1: error: there is no \"signatory.phone\" to print "
        "here\n");
}

TEST_CASE("Lists, objects and flags cannot be printed, text cannot open a section") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/mini/fields.mustache",
            "{{sections}}\n{{signatory}}\n{{has_draft}}\n{{#intro}}{{/intro}}\n"
            "{{#appendices}}{{#intro}}{{/intro}}{{/appendices}}\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/fields.mustache:1:1: error: \"sections\" is a list, which cannot be "
        "printed as text\n"
        "templates/mini/fields.mustache:2:1: error: \"signatory\" is an object, which cannot be "
        "printed as text\n"
        "templates/mini/fields.mustache:3:1: error: \"has_draft\" is a yes/no flag, which prints "
        "nothing\n"
        "templates/mini/fields.mustache:4:1: error: there is no \"intro\" to open a section on "
        "here\n"
        "templates/mini/fields.mustache:5:16: error: {{#intro}} opens a section on text, which "
        "Mustache counts as present even when it is empty\n");
}

TEST_CASE("A missing partial is an error at the tag that includes it") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/mini/report.mustache", "<document>\n  {{> feilds}}\n</document>\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/report.mustache:2:3: error: there is no partial \"feilds\" in this "
        "template set\n");
}

TEST_CASE("Changing the delimiters is refused") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/mini/fields.mustache", "<p>\n{{=<% %>=}}<%title%></p>\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/fields.mustache:2:1: error: clerk templates keep the {{ }} delimiters\n");
}

TEST_CASE("A partial that includes itself is checked once per scope and ends") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/mini/fields.mustache",
            "{{#appendices}}{{#report}}{{> fields}}{{/report}}{{label}}{{/appendices}}"
            "{{nope}}\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/fields.mustache:1:74: error: there is no \"nope\" to print here\n");
}

TEST_CASE("A partial included inside itself without going deeper into the data is an error") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/mini/fields.mustache", "<p>{{committee}}</p>{{> fields}}\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/fields.mustache:1:21: error: the partial \"fields\" is included inside "
        "itself without going deeper into the data, so it would never end\n");
  // Inside a person, "signatory" is the report's again: no deeper.
  files.Add("templates/mini/fields.mustache", "{{#signatory}}{{> fields}}{{/signatory}}\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/fields.mustache:1:15: error: the partial \"fields\" is included inside "
        "itself without going deeper into the data, so it would never end\n");
  // Through another partial: the first round goes deeper (into a section), the second does not
  // (inside a section, "sections" is the report's again), and is where the error is.
  files.Add("templates/mini/fields.mustache", "{{#sections}}{{> other}}{{/sections}}\n");
  files.Add("templates/mini/other.mustache", "{{#has_draft}}{{> fields}}{{/has_draft}}\n");
  CHECK(LoadErrors(files) ==
        "templates/mini/fields.mustache:1:14: error: the partial \"other\" is included inside "
        "itself without going deeper into the data, so it would never end\n");
}

TEST_CASE("A set without report.mustache, an unknown set and a path are errors") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/other/cover.mustache", "<p/>");
  clerk::SourceLocation asked{"inputs/t/reports/r.yaml", 3, 11};
  Diagnostics diagnostics;
  LoadTemplates(files, "templates", "other", diagnostics, asked);
  LoadTemplates(files, "templates", "council", diagnostics, asked);
  LoadTemplates(files, "templates", "../secrets", diagnostics, asked);
  CHECK(Listed(diagnostics) ==
        "inputs/t/reports/r.yaml:3:11: error: the template set \"other\" has no report.mustache\n"
        "inputs/t/reports/r.yaml:3:11: error: there is no template set \"council\" (no folder "
        "templates/council)\n"
        "inputs/t/reports/r.yaml:3:11: error: \"../secrets\" is not the name of a template set\n");
  // "other" has no report.mustache, so a report cannot use it.
  CHECK(diagnostics.Items()[1].hint == "the template set a report can use is mini");
}

TEST_CASE("An unknown set is one error at the report's field, naming only sets a report can use") {
  MemoryFileSystem files = MinimalSet();
  files.Add("templates/mini2/report.mustache", "<document title=\"{{title}}\"/>\n");
  // A page of the sign-off web site: its report.mustache prints the registry's names.
  files.Add("templates/mini-web/report.mustache", "<h1>{{state}}</h1>\n");
  files.Add("templates/broken/report.mustache", "<document>{{#sections}}</document>\n");
  files.Add("templates/style.yaml", "page: a4\n");
  clerk::SourceLocation asked{"inputs/t/reports/r.yaml", 2, 11};
  auto errors = [&](const std::string& name) {
    Diagnostics diagnostics;
    TemplateSet set = LoadTemplates(files, "templates", name, diagnostics, asked);
    CHECK_FALSE(set.valid);
    REQUIRE(diagnostics.Items().size() == 1);
    return Listed(diagnostics) + "hint: " + diagnostics.Items()[0].hint;
  };
  CHECK(errors("mimi") ==
        "inputs/t/reports/r.yaml:2:11: error: there is no template set \"mimi\" (no folder "
        "templates/mimi)\n"
        "hint: did you mean 'mini'?");
  // Closer to the web page's set and the broken one than to any a report can use.
  CHECK(errors("mini-wb") ==
        "inputs/t/reports/r.yaml:2:11: error: there is no template set \"mini-wb\" (no folder "
        "templates/mini-wb)\n"
        "hint: the template sets a report can use are mini, mini2");
  CHECK(errors("brokn") ==
        "inputs/t/reports/r.yaml:2:11: error: there is no template set \"brokn\" (no folder "
        "templates/brokn)\n"
        "hint: the template sets a report can use are mini, mini2");

  MemoryFileSystem none;
  none.Add("templates/web/report.mustache", "<h1>{{state}}</h1>\n");
  Diagnostics diagnostics;
  LoadTemplates(none, "templates", "council-report", diagnostics, asked);
  CHECK(Listed(diagnostics) ==
        "inputs/t/reports/r.yaml:2:11: error: there is no template set \"council-report\" (no "
        "folder templates/council-report)\n");
  CHECK(diagnostics.Items()[0].hint == "");
}

TEST_CASE("Of clerk's own template sets, a report can use council-report, not the web page's") {
  clerk::DiskFileSystem disk;
  std::string templates = std::string(CLERK_SOURCE_DIR) + "/templates";
  REQUIRE(disk.IsFile(templates + "/web/report.mustache"));
  Diagnostics diagnostics;
  LoadTemplates(disk, templates, "council-reprot", diagnostics, {"r.yaml", 2, 11});
  LoadTemplates(disk, templates, "webb", diagnostics, {"r.yaml", 2, 11});
  REQUIRE(diagnostics.Items().size() == 2);
  CHECK(diagnostics.Items()[0].hint == "did you mean 'council-report'?");
  CHECK(diagnostics.Items()[1].hint == "the template set a report can use is council-report");
}

TEST_CASE("Byte offsets become 1-based lines and character columns") {
  const std::string text = "ab\n£é{{x}}\n";
  clerk::SourceLocation where = clerk::merge::LocationAt("f", text, text.find("{{"));
  CHECK(where.line == 2);
  CHECK(where.column == 3);
  CHECK(clerk::merge::LocationAt("f", text, 0).column == 1);
}

TEST_CASE("The template README documents every name of the data") {
  clerk::DiskFileSystem disk;
  std::string error;
  auto readme =
      disk.ReadFile(std::string(CLERK_SOURCE_DIR) + "/templates/council-report/README.md", &error);
  REQUIRE(readme);
  std::vector<const clerk::merge::Shape*> pending{&clerk::merge::ReportShape()};
  std::set<const clerk::merge::Shape*> seen;
  std::string undocumented;
  while (!pending.empty()) {
    const clerk::merge::Shape* shape = pending.back();
    pending.pop_back();
    if (!seen.insert(shape).second) continue;
    for (const auto& [name, field] : shape->fields) {
      if (readme->find("`" + name + "`") == std::string::npos) undocumented += name + " ";
      if (field.item != nullptr) pending.push_back(field.item);
    }
  }
  CHECK(undocumented == "");
}
