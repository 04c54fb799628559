#include "web/pages.h"

#include <catch2/catch.hpp>
#include <string>

#include "run_program.h"

using clerk::Diagnostics;
using clerk::testing::TemporaryDirectory;
using clerk::testing::WriteWholeFile;
using namespace clerk::web;

namespace {

const std::string kTemplates = std::string(CLERK_SOURCE_DIR) + "/templates/web";

PageTemplates Load() {
  Diagnostics diagnostics;
  std::optional<PageTemplates> templates = PageTemplates::Load(kTemplates, diagnostics);
  REQUIRE(templates);
  REQUIRE(diagnostics.Empty());
  return *templates;
}

}  // namespace

TEST_CASE("every value is escaped in text and in attributes") {
  PageTemplates templates = Load();
  PageData page;
  page.set("heading", "<script>alert(1)</script>");
  page.set("text", "Tom & \"Jerry\" 'x'");
  page.set("back", "\"><img src=x>");
  page.set("back_text", "back");
  PageData layout;
  layout.set("title", "</title><script>");
  std::string html = templates.Render("message", page, layout);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("Tom &amp; &quot;Jerry&quot; &apos;x&apos;") != std::string::npos);
  CHECK(html.find("href=\"&quot;&gt;&lt;img src=x&gt;\"") != std::string::npos);
  CHECK(html.find("<title>&lt;/title&gt;&lt;script&gt; – clerk</title>") != std::string::npos);
}

TEST_CASE("pages have a language and a viewport and one main and no script or inline style") {
  PageTemplates templates = Load();
  PageData layout;
  layout.set("title", "Reports");
  std::string html = templates.Render("reports", PageData{}, layout);
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
  CHECK(html.find("name=\"viewport\"") != std::string::npos);
  CHECK(html.find("<main id=\"main\">") != std::string::npos);
  CHECK(html.find("<h1>Reports</h1>") != std::string::npos);
  for (const char* name : kPageNames) {
    std::string page = templates.Render(name, PageData{}, PageData{});
    INFO(name);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("style=") == std::string::npos);
    CHECK(page.find("onclick") == std::string::npos);
  }
}

TEST_CASE("the report page offers decisions only when asked to and with the draft's hash") {
  PageTemplates templates = Load();
  PageData page;
  page.set("id", "7");
  page.set("reference", "CSSC/2011/01");
  page.set("has_draft", true);
  page.set("version", "2");
  page.set("content", "abc123");
  page.set("csrf", "tok");
  std::string clerk = templates.Render("report", page, PageData{});
  CHECK(clerk.find("/reports/7/approve") == std::string::npos);
  CHECK(clerk.find("<iframe class=\"pdf\" src=\"/reports/7/draft.pdf\"") != std::string::npos);
  page.set("can_decide", true);
  std::string director = templates.Render("report", page, PageData{});
  CHECK(director.find("action=\"/reports/7/approve\"") != std::string::npos);
  CHECK(director.find("name=\"csrf\" value=\"tok\"") != std::string::npos);
  CHECK(director.find("name=\"version\" value=\"2\"") != std::string::npos);
  CHECK(director.find("name=\"content\" value=\"abc123\"") != std::string::npos);
}

TEST_CASE("a web template that does not parse is an error at its line and column") {
  TemporaryDirectory folder;
  for (const char* name : kPageNames) {
    WriteWholeFile(folder.Path() + "/" + name + ".mustache", "<p>{{x}}</p>\n");
  }
  WriteWholeFile(folder.Path() + "/style.css", "p {}\n");
  WriteWholeFile(folder.Path() + "/report.mustache", "<p>\n  {{#open}}\n");
  Diagnostics diagnostics;
  CHECK_FALSE(PageTemplates::Load(folder.Path(), diagnostics));
  REQUIRE(diagnostics.Items().size() == 1);
  const clerk::Diagnostic& error = diagnostics.Items()[0];
  CHECK(error.where.file == folder.Path() + "/report.mustache");
  CHECK(error.where.line == 2);
  CHECK(error.message.find("the web template does not parse: Unclosed section \"open\"") == 0);
}
