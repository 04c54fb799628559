#include <Poco/DOM/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/SAX/SAXException.h>

#include <catch2/catch.hpp>

#include "merge/markup_text.h"
#include "merge/merge.h"
#include "merge_fixture.h"

using clerk::Diagnostics;
using clerk::merge::EscapeXml;
using clerk::merge::Markup;
using clerk::merge::MergeOptions;
using clerk::merge::MergeReport;
using clerk::merge::testing::At;
using clerk::merge::testing::Listed;

namespace {

constexpr char kHostile[] = "<b>x</b> & </document>";

// Parses `markup` as XML; fails the test with the parser's message when it is not well formed.
Poco::AutoPtr<Poco::XML::Document> ParseXml(const std::string& markup) {
  Poco::XML::DOMParser parser;
  try {
    return parser.parseString(markup);
  } catch (const Poco::XML::SAXParseException& e) {
    FAIL("not well-formed XML: " << e.message() << " at line " << e.getLineNumber() << "\n"
                                 << markup);
  }
  return nullptr;
}

// The number of elements named `name` in the document.
unsigned long CountElements(Poco::XML::Document* document, const std::string& name) {
  Poco::AutoPtr<Poco::XML::NodeList> nodes = document->getElementsByTagName(name);
  return nodes->length();
}

}  // namespace

TEST_CASE("EscapeXml escapes the five XML characters") {
  CHECK(EscapeXml(kHostile) == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;/document&gt;");
  CHECK(EscapeXml("\"It's\"") == "&quot;It&#39;s&quot;");
  CHECK(EscapeXml("– £ é “quoted”") == "– £ é “quoted”");
}

TEST_CASE("EscapeXml replaces what XML cannot carry with U+FFFD") {
  // The ninth character is a NUL.
  CHECK(EscapeXml(std::string("a\x01"
                              "b\x7f"
                              "c\td\n",
                              9)) ==
        "a\xEF\xBF\xBD"
        "b\x7f"
        "c\td\n\xEF\xBF\xBD");
  CHECK(EscapeXml("\xC3(") == "\xEF\xBF\xBD(");                                // a lead byte alone
  CHECK(EscapeXml("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // an overlong '/'
  CHECK(EscapeXml("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(EscapeXml("\xEF\xBF\xBE") == "\xEF\xBF\xBD");                          // U+FFFE
  CHECK(EscapeXml("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");                  // U+1F600 is allowed
}

TEST_CASE("Markup fragments escape text and attribute values") {
  Markup link = Markup::Element("link", {{"to", "a\"b"}}, Markup::Text("<i>"));
  CHECK(link.str() == "<link to=\"a&quot;b\">&lt;i&gt;</link>");
  Markup joined = Markup::Text("x & y ");
  joined.Append(link).AppendText("'");
  CHECK(joined.str() == "x &amp; y <link to=\"a&quot;b\">&lt;i&gt;</link>&#39;");
}

TEST_CASE("No YAML value can change the document's structure") {
  clerk::Review review = clerk::merge::testing::MakeReview();
  clerk::ReportDefinition& update = review.reports[1];
  update.committee = At(kHostile);
  update.title = At(std::string(kHostile) + " {{> cover}} {{{title}}}");
  update.purpose = At(std::string(kHostile) + " {{appendix:attainment}}");
  update.sections[0].heading = At(kHostile);
  update.sections[0].paragraphs[1] = At(std::string("\"quoted\" ") + kHostile);
  update.signatory.name = At(kHostile);
  update.background_documents = {At(kHostile)};
  update.document_reference = At(kHostile);
  update.appendices[0].title = At(kHostile);
  update.appendices[0].response_heading = At(kHostile);
  clerk::compute::ReviewFacts facts = clerk::merge::testing::MakeFacts();
  facts.reports[1].recommendations[0].text = kHostile;
  facts.reports[1].recommendations[0].actions[0].text = kHostile;
  facts.reports[1].recommendations[0].actions[0].updates[1].text = kHostile;
  facts.reports[1].attainment["2009-2010"].measures[0].schools[0].school = kHostile;

  Diagnostics diagnostics;
  clerk::merge::TemplateSet templates = clerk::merge::testing::RealTemplates(diagnostics);
  std::string markup = MergeReport(review, facts, "update", templates,
                                   MergeOptions{kHostile, kHostile}, diagnostics);
  CHECK(Listed(diagnostics) == "");
  REQUIRE(!markup.empty());

  Poco::AutoPtr<Poco::XML::Document> document = ParseXml(markup);
  REQUIRE(document);
  CHECK(CountElements(document, "document") == 1);
  // The only <b> elements are the template's own (labels, the date, the signature) and the
  // appendix links: none comes from the data.
  Poco::AutoPtr<Poco::XML::NodeList> bold = document->getElementsByTagName("b");
  for (unsigned long i = 0; i < bold->length(); ++i) {
    CHECK(bold->item(i)->innerText() != "x");
  }
  Poco::XML::Element* root = document->documentElement();
  CHECK(root->getAttribute("draft") == kHostile);
  CHECK(root->getAttribute("footer") == kHostile);
  std::string text = root->innerText();
  CHECK(text.find(std::string(kHostile) + " {{> cover}} {{{title}}}") != std::string::npos);
  CHECK(text.find(std::string("\"quoted\" ") + kHostile) != std::string::npos);
  CHECK(text.find(std::string(kHostile) + " Appendix 2") != std::string::npos);
  // The data's text is escaped exactly once.
  CHECK(markup.find("&lt;b&gt;x&lt;/b&gt; &amp; &lt;/document&gt;") != std::string::npos);
  CHECK(markup.find("&amp;lt;") == std::string::npos);
}
