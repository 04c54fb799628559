#include "html/html.h"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/SAX/SAXException.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "markup/parser.h"

using clerk::Diagnostics;
using clerk::html::HtmlSettings;
using clerk::html::RenderHtml;
using Poco::AutoPtr;
using Poco::XML::DOMParser;
using Poco::XML::Element;
using Poco::XML::NodeList;

namespace {

/// The twin of a document whose body is `body`, with the document's attributes `attributes`.
std::string Twin(const std::string& body, const std::string& attributes = "title=\"T\"") {
  Diagnostics diagnostics;
  auto document = clerk::markup::ParseMarkup(
      "<document " + attributes + ">\n" + body + "\n</document>\n", "t.xml", diagnostics);
  REQUIRE(document);
  REQUIRE_FALSE(diagnostics.HasErrors());
  return RenderHtml(*document, HtmlSettings{});
}

/// The twin parsed as strict XML (Poco's parser, as the markup is parsed): throws when it is
/// not well formed.
AutoPtr<Poco::XML::Document> ParseXml(const std::string& html) {
  DOMParser parser;
  return parser.parseString(html);
}

/// Everything between <main> and </main>, trimmed of the newlines around it.
std::string MainOf(const std::string& html) {
  size_t begin = html.find("<main>\n");
  size_t end = html.find("</main>");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  return html.substr(begin + 7, end - begin - 7);
}

std::vector<std::string> Attributes(Poco::XML::Document& document, const std::string& tag,
                                    const std::string& attribute) {
  std::vector<std::string> values;
  AutoPtr<NodeList> nodes = document.getElementsByTagName(tag);
  for (unsigned long i = 0; i < nodes->length(); ++i) {
    auto* element = static_cast<Element*>(nodes->item(i));
    if (element->hasAttribute(attribute)) values.push_back(element->getAttribute(attribute));
  }
  return values;
}

}  // namespace

TEST_CASE("The twin is one self-contained HTML5 page that parses as strict XML") {
  std::string html = Twin("<h1 id=\"s1\" label=\"1.\">Finance</h1>\n<p>Text.</p>",
                          "lang=\"en-GB\" title=\"Maths &amp; more\" author=\"Director\" "
                          "subject=\"Report to Cabinet\"");
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                   "<title>Maths &amp; more</title>\n"
                   "<meta name=\"author\" content=\"Director\"/>\n"
                   "<meta name=\"description\" content=\"Report to Cabinet\"/>\n"
                   "<meta name=\"generator\" content=\"clerk\"/>\n<style>",
                   0) == 0);
  CHECK(MainOf(html) ==
        "<h1 id=\"s1\"><span class=\"label\">1.</span> Finance</h1>\n<p>Text.</p>\n");
  CHECK_NOTHROW(ParseXml(html));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  AutoPtr<Poco::XML::Document> dom = ParseXml(html);
  CHECK(dom->getElementsByTagName("main")->length() == 1);
  CHECK(dom->getElementsByTagName("style")->length() == 1);
  CHECK(dom->getElementsByTagName("link")->length() == 0);
}

TEST_CASE("Text and attributes are escaped once, and read back as written") {
  std::string html = Twin(
      "<p>A &amp; B &lt;c&gt; &quot;q&quot; it&#39;s £5 – é</p>\n"
      "<fields><field label=\"Q&amp;A &quot;x&quot;:\">v</field></fields>",
      "title=\"&lt;T&gt;\"");
  CHECK(MainOf(html) ==
        "<p>A &amp; B &lt;c&gt; \"q\" it's £5 – é</p>\n"
        "<dl class=\"fields\">\n<div class=\"field\"><dt>Q&amp;A \"x\":</dt><dd>v</dd></div>\n"
        "</dl>\n");
  CHECK(html.find("<title>&lt;T&gt;</title>") != std::string::npos);
  AutoPtr<Poco::XML::Document> dom = ParseXml(html);
  CHECK(dom->getElementsByTagName("p")->item(0)->innerText() == "A & B <c> \"q\" it's £5 – é");
}

TEST_CASE("Numbered paragraphs keep their numbers, one of several blocks keeps them all") {
  std::string html = Twin(
      "<np label=\"1.1\">All <b>activity</b>.</np>\n"
      "<np label=\"1.2\"><p>First.</p><ul><li>Point</li></ul></np>");
  CHECK(MainOf(html) ==
        "<p class=\"np\"><span class=\"np-label\">1.1</span> All <strong>activity</strong>."
        "</p>\n"
        "<div class=\"np\"><span class=\"np-label\">1.2</span>\n<div class=\"np-body\">\n"
        "<p>First.</p>\n<ul>\n<li><span class=\"marker\" aria-hidden=\"true\">•</span>Point</li>\n"
        "</ul>\n</div></div>\n");
}

TEST_CASE("Heading levels are kept in order, closing up a skipped level") {
  std::string html = Twin(
      "<h1>One</h1>\n<h3 outline=\"no\">Level 4+</h3>\n<h2>Two</h2>\n<h3>Three</h3>\n"
      "<appendix id=\"appendix-1\" label=\"Appendix 1\" title=\"Figures\">\n"
      "<h3>Deep</h3>\n</appendix>");
  CHECK(MainOf(html) ==
        "<h1>One</h1>\n<h2>Level 4+</h2>\n<h2>Two</h2>\n<h3>Three</h3>\n"
        "<section class=\"appendix\" id=\"appendix-1\">\n<h1><span class=\"appendix-label\">"
        "Appendix 1</span> <span class=\"appendix-title\">Figures</span></h1>\n"
        "<h2>Deep</h2>\n</section>\n");
}

TEST_CASE("Tables have a caption, column and row headers with their scope, spans and alignment") {
  std::string html = Twin(
      "<h3>Level 4+</h3>\n"
      "<table widths=\"2 1 1\">\n<thead>\n"
      "<tr><th>School</th><th colspan=\"2\" align=\"center\">2010</th></tr>\n"
      "</thead>\n<tbody>\n"
      "<tr><th>Denton</th><td align=\"right\">64%</td><td align=\"right\">14%</td></tr>\n"
      "</tbody>\n</table>");
  CHECK(MainOf(html) ==
        "<h1>Level 4+</h1>\n"
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1: Level "
        "4+\">\n<table>\n<caption>Table 1: Level 4+</caption>\n<thead>\n"
        "<tr><th scope=\"col\">School</th><th scope=\"col\" colspan=\"2\" class=\"center\">2010"
        "</th></tr>\n</thead>\n<tbody>\n"
        "<tr><th scope=\"row\">Denton</th><td class=\"right\">64%</td><td class=\"right\">14%"
        "</td></tr>\n</tbody>\n</table>\n</div>\n");
  CHECK_NOTHROW(ParseXml(html));
}

TEST_CASE("Every link points at an id the twin has: appendices are sections with their ids") {
  std::string html = Twin(
      "<box><p><b>RECOMMENDATION:</b></p><p>See <link to=\"appendix-1\"><b>Appendix "
      "1</b></link> and <link to=\"section-2\">section 2</link>.</p></box>\n"
      "<h1 id=\"section-2\" label=\"2.\">Support</h1>\n"
      "<appendix id=\"appendix-1\" label=\"Appendix 1\" title=\"\"><p>Plan.</p></appendix>");
  CHECK(html.find("<div class=\"box\">\n<p><strong>RECOMMENDATION:</strong></p>\n<p>See <a "
                  "href=\"#appendix-1\"><strong>Appendix 1</strong></a> and <a "
                  "href=\"#section-2\">section 2</a>.</p>\n</div>\n") != std::string::npos);
  AutoPtr<Poco::XML::Document> dom = ParseXml(html);
  std::set<std::string> ids;
  for (const char* tag : {"h1", "h2", "h3", "section"}) {
    for (const std::string& id : Attributes(*dom, tag, "id")) ids.insert(id);
  }
  std::vector<std::string> links = Attributes(*dom, "a", "href");
  REQUIRE(links.size() == 2);
  for (const std::string& href : links) {
    REQUIRE(href.size() > 1);
    CHECK(href[0] == '#');
    CHECK(ids.count(href.substr(1)) == 1);
  }
}

TEST_CASE("Lists keep their labels, italics, bold and line breaks stay") {
  std::string html = Twin(
      "<ol><li label=\"a)\">First</li><li label=\"b)\"><p>Second</p><p><i>May 2011 – "
      "done</i></p></li></ol>\n"
      "<ul marker=\"o\"><li>Sub</li></ul>\n"
      "<p><b>MATT</b><br/>Director</p>");
  CHECK(MainOf(html) ==
        "<ol>\n<li><span class=\"li-label\">a)</span> First</li>\n"
        "<li><span class=\"li-label\">b)</span> <p>Second</p>\n<p><em>May 2011 – done</em></p>\n"
        "</li>\n</ol>\n"
        "<ul>\n<li><span class=\"marker\" aria-hidden=\"true\">o</span>Sub</li>\n</ul>\n"
        "<p><strong>MATT</strong><br/>Director</p>\n");
}

TEST_CASE("A draft shows its mark as text, the footer says the reference") {
  std::string draft = Twin("<p>x</p>", "title=\"T\" draft=\"DRAFT v2\" footer=\"CSSC/2011/01\"");
  CHECK(draft.find("<title>T (DRAFT v2)</title>") != std::string::npos);
  CHECK(draft.find("<body>\n<header>\n<p class=\"draft-mark\">DRAFT v2</p>\n</header>\n<main>") !=
        std::string::npos);
  CHECK(draft.find("</main>\n<footer>\n<p>CSSC/2011/01</p>\n</footer>\n</body>\n</html>\n") !=
        std::string::npos);
  std::string final = Twin("<p>x</p>", "title=\"T\"");
  CHECK(final.find("<header>") == std::string::npos);
  CHECK(final.find("DRAFT") == std::string::npos);
  CHECK(final.find("<footer>") == std::string::npos);
}

TEST_CASE("Page breaks, spaces and keeps leave no trace but their content") {
  CHECK(MainOf(Twin("<keep><p>a</p><space height=\"12\"/></keep><pagebreak/><p>b</p>")) ==
        "<p>a</p>\n<p>b</p>\n");
}

TEST_CASE("The same document gives the same bytes") {
  std::string body = "<h1>One</h1><table><tr><td>1</td></tr></table>";
  CHECK(Twin(body) == Twin(body));
}

TEST_CASE("A chart is a figure: its title, what it shows, and its figures as a table") {
  std::string html = Twin(
      "<chart kind=\"compare\" title=\"Level 4+ by school\" unit=\"%\" earlier-label=\"2009\" "
      "later-label=\"2010\">\n<bar label=\"Denton\" earlier=\"66\" later=\"64\"/>\n</chart>");
  std::string main = MainOf(html);
  CHECK(main.rfind("<figure class=\"chart\">\n<figcaption>Level 4+ by school</figcaption>\n<p>",
                   0) == 0);
  CHECK(main.find("<caption>Figures of the chart: Level 4+ by school</caption>\n<thead>\n"
                  "<tr><th scope=\"col\">Name</th><th scope=\"col\" class=\"right\">2009 (%)</th>"
                  "<th scope=\"col\" class=\"right\">2010 (%)</th></tr>\n</thead>\n<tbody>\n"
                  "<tr><th scope=\"row\">Denton</th><td class=\"right\">66</td>"
                  "<td class=\"right\">64</td></tr>\n</tbody>\n</table>\n</div>\n</figure>\n") !=
        std::string::npos);
  CHECK_NOTHROW(ParseXml(html));
}
