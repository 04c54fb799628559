#include <catch2/catch.hpp>

#include "markup/dump.h"
#include "markup/parser.h"
#include "markup_test_support.h"

using clerk::Diagnostics;
using clerk::markup::DumpDocument;
using clerk::markup::ParseMarkup;

using clerk::markup::testing::Messages;
using clerk::markup::testing::Problems;

TEST_CASE("A chart's data travels in the markup and shows in the tree dump") {
  Diagnostics diagnostics;
  auto document = ParseMarkup(
      "<document>\n"
      "<chart kind=\"change\" id=\"l4-change\" title=\"Change in Level 4+\" unit=\"points\"\n"
      "       headline=\"12.4\" headline-label=\"cohort-weighted change\">\n"
      "  <bar label=\"Hankham\" value=\"36\"/>\n"
      "  <bar label=\"Punnetts Town\" value=\"-8.5\"/>\n"
      "</chart>\n"
      "<appendix label=\"Appendix 1\"><keep>\n"
      "<chart kind=\"compare\" title=\"Level 4+\" earlier-label=\"2009\" later-label=\"2010\">"
      "<bar label=\"A &amp; B\" earlier=\"50\" later=\"+86\"/></chart>\n"
      "</keep></appendix>\n"
      "</document>\n",
      "t.xml", diagnostics);
  REQUIRE(document);
  CHECK(Messages(diagnostics) == "");
  CHECK(DumpDocument(*document) ==
        "document 1:1 lang=\"en-GB\"\n"
        "  chart 2:1 kind=change id=\"l4-change\" title=\"Change in Level 4+\" unit=\"points\" "
        "headline=12.4 headline-label=\"cohort-weighted change\"\n"
        "    bar 4:3 label=\"Hankham\" value=36\n"
        "    bar 5:3 label=\"Punnetts Town\" value=-8.5\n"
        "  appendix 7:1 label=\"Appendix 1\"\n"
        "    keep 7:30\n"
        "      chart 8:1 kind=compare title=\"Level 4+\" unit=\"%\" earlier-label=\"2009\" "
        "later-label=\"2010\"\n"
        "        bar 8:80 label=\"A & B\" earlier=50 later=86\n");
}

TEST_CASE("A chart is checked strictly, every problem at its line and column") {
  CHECK(Problems("<chart title=\"T\"><bar label=\"A\" value=\"1\"/></chart>") ==
        "2:1: <chart> needs a kind=\"...\" attribute\n");
  CHECK(Problems("<chart kind=\"pie\" title=\"T\"><bar label=\"A\" value=\"1\"/></chart>") ==
        "2:1: kind=\"pie\" is not a kind of chart\n");
  CHECK(Problems("<chart kind=\"change\"><bar label=\"A\" value=\"1\"/></chart>") ==
        "2:1: <chart> needs a title=\"...\" attribute\n");
  CHECK(Problems("<chart kind=\"change\" title=\"T\">\n<bar label=\"A\" value=\"12%\"/>\n"
                 "<bar value=\"3\"/>\n<bar label=\"C\"/>\n<bar label=\"D\" value=\"1.2.3\"/>\n"
                 "<bar label=\"E\" value=\"-\"/>\n</chart>") ==
        "3:1: value=\"12%\" is not a number\n"
        "4:1: <bar> needs a label=\"...\" attribute\n"
        "5:1: <bar> needs a value=\"...\" attribute\n"
        "6:1: value=\"1.2.3\" is not a number\n"
        "7:1: value=\"-\" is not a number\n");
  CHECK(Problems("<chart kind=\"change\" title=\"T\" headline=\"x\" earlier-label=\"2009\">"
                 "<bar label=\"A\" value=\"1\" earlier=\"2\"/></chart>") ==
        "2:1: <chart> has no attribute \"earlier-label\"\n"
        "2:1: headline=\"x\" is not a number\n"
        "2:66: <bar> has no attribute \"earlier\"\n");
  CHECK(Problems("<chart kind=\"compare\" title=\"T\" headline=\"3\">"
                 "<bar label=\"A\" earlier=\"1\"/></chart>") ==
        "2:1: <chart> has no attribute \"headline\"\n"
        "2:1: <chart> needs a earlier-label=\"...\" attribute\n"
        "2:1: <chart> needs a later-label=\"...\" attribute\n"
        "2:1: <chart> has no <bar/> rows\n"
        "2:46: <bar> needs a later=\"...\" attribute\n");
  CHECK(Problems("<chart kind=\"change\" title=\"T\">text<p>x</p><bar label=\"A\" value=\"1\">"
                 "x</bar></chart>") ==
        "2:32: text inside <chart> must be in a <bar/>\n"
        "2:36: <chart> holds only <bar/> rows, not <p>\n"
        "2:69: <bar/> holds nothing; write it as <bar/>\n");
  CHECK(Problems("<chart kind=\"change\" title=\"T\"></chart>") ==
        "2:1: <chart> has no <bar/> rows\n");
  CHECK(Problems("<ul><li><chart kind=\"change\" title=\"T\"><bar label=\"A\" value=\"1\"/></chart>"
                 "</li></ul>") == "2:9: <chart> cannot be inside <li>\n");
  CHECK(Problems("<p><chart kind=\"change\" title=\"T\"/></p>") ==
        "2:4: <chart> is a block and cannot be inside text\n");
  CHECK(Problems("<chart kind=\"change\" title=\"T\"><bar label=\"A\" value=\"99999\"/></chart>") ==
        "2:1: <chart> has no <bar/> rows\n2:32: value=\"99999\" is not a number\n");
  CHECK(Problems("<bar label=\"A\" value=\"1\"/>") == "2:1: unknown element <bar>\n");
}
