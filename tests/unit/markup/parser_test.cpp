#include "markup/parser.h"

#include <catch2/catch.hpp>

#include <sstream>

#include "markup/dump.h"
#include "markup_test_support.h"

using clerk::Diagnostics;
using clerk::markup::DumpDocument;
using clerk::markup::ParseMarkup;

using clerk::markup::testing::Dump;
using clerk::markup::testing::Messages;
using clerk::markup::testing::Problems;

TEST_CASE("The tree dump shows every node with its line and column") {
  Diagnostics diagnostics;
  auto document = ParseMarkup(
      "<document title=\"T\" footer=\"CSSC/1\">\n"
      "<h1 id=\"fin\" label=\"1.\">Financial\n   Appraisal</h1>\n"
      "<np label=\"1.1\">All   activity in <b>Appendix\n1</b> <i>done</i>.</np>\n"
      "<ul><li>one<br/>two</li><li><p>three</p></li></ul>\n"
      "<table widths=\"6 94\"><thead><tr><th>No</th><th>What</th></tr></thead>\n"
      "<tr><td align=\"right\">1</td><td><link to=\"fin\">see</link></td></tr></table>\n"
      "<space height=\"12\"/><pagebreak/>\n"
      "</document>\n",
      "t.xml", diagnostics);
  REQUIRE(document);
  CHECK(Messages(diagnostics) == "");
  CHECK(DumpDocument(*document) ==
        "document 1:1 lang=\"en-GB\" title=\"T\" footer=\"CSSC/1\"\n"
        "  h1 2:1 id=\"fin\" label=\"1.\"\n"
        "    text 2:25 \"Financial Appraisal\"\n"
        "  np 4:1 label=\"1.1\"\n"
        "    p 4:17 implicit\n"
        "      text 4:17 \"All activity in \"\n"
        "      text[b] 4:38 \"Appendix 1\"\n"
        "      text 5:6 \" \"\n"
        "      text[i] 5:10 \"done\"\n"
        "      text 5:18 \".\"\n"
        "  ul 6:1 marker=\"\xE2\x80\xA2\"\n"
        "    li 6:5\n"
        "      p 6:9 implicit\n"
        "        text 6:9 \"one\"\n"
        "        br 6:12\n"
        "        text 6:17 \"two\"\n"
        "    li 6:25\n"
        "      p 6:29\n"
        "        text 6:32 \"three\"\n"
        "  table 7:1 widths=\"6 94\" rule=grid\n"
        "    thead\n"
        "      tr 7:29\n"
        "        th 7:33\n"
        "          p 7:37 implicit\n"
        "            text 7:37 \"No\"\n"
        "        th 7:44\n"
        "          p 7:48 implicit\n"
        "            text 7:48 \"What\"\n"
        "    tbody\n"
        "      tr 8:1\n"
        "        td 8:5 align=right\n"
        "          p 8:23 implicit align=right\n"
        "            text 8:23 \"1\"\n"
        "        td 8:29\n"
        "          p 8:33 implicit\n"
        "            text[link=fin] 8:48 \"see\"\n"
        "  space 9:1 height=12\n"
        "  pagebreak 9:21\n");
}

TEST_CASE("Whitespace collapses to single spaces across styles, and not around <br/>") {
  CHECK(Dump("<p>  one \n\t two<b>  three </b> four <br/>  five  </p>") ==
        "  p 2:1\n"
        "    text 2:6 \"one two\"\n"
        "    text[b] 3:11 \" three \"\n"  // a space goes with the span where it began
        "    text 3:22 \"four\"\n"
        "    br 3:27\n"
        "    text 3:34 \"five\"\n");
  CHECK(Dump("<p> <b> </b> </p>") == "  p 2:1\n");  // empty: layout leaves it out
}

TEST_CASE("Bold inside italic is bold italic, a link keeps its styles") {
  CHECK(Dump("<h2 id=\"x\"><i>a <b>b</b></i> <link to=\"x\"><b>c</b></link></h2>") ==
        "  h2 2:1 id=\"x\"\n"
        "    text[i] 2:15 \"a \"\n"
        "    text[b,i] 2:20 \"b\"\n"
        "    text 2:29 \" \"\n"
        "    text[b,link=x] 2:46 \"c\"\n");
}

TEST_CASE("Every block of the vocabulary parses") {
  CHECK(Dump("<fields><field label=\"Report to:\">Cabinet</field></fields>\n"
             "<box><p>RECOMMENDATION</p></box>\n"
             "<ol><li label=\"1.\">note</li></ol>\n"
             "<ul marker=\"-\"><li>x</li></ul>\n"
             "<appendix id=\"a1\" label=\"Appendix 1\" title=\"Plan\"><keep><p>k</p></keep>"
             "</appendix>\n"
             "<table widths=\"120pt 1\" rule=\"rows\"><tr><td colspan=\"2\">c</td></tr></table>") ==
        "  fields 2:1\n"
        "    field 2:9 label=\"Report to:\"\n"
        "      p 2:35 implicit\n"
        "        text 2:35 \"Cabinet\"\n"
        "  box 3:1\n"
        "    p 3:6\n"
        "      text 3:9 \"RECOMMENDATION\"\n"
        "  ol 4:1\n"
        "    li 4:5 label=\"1.\"\n"
        "      p 4:20 implicit\n"
        "        text 4:20 \"note\"\n"
        "  ul 5:1 marker=\"-\"\n"
        "    li 5:16\n"
        "      p 5:20 implicit\n"
        "        text 5:20 \"x\"\n"
        "  appendix 6:1 id=\"a1\" label=\"Appendix 1\" title=\"Plan\"\n"
        "    keep 6:51\n"
        "      p 6:57\n"
        "        text 6:60 \"k\"\n"
        "  table 7:1 widths=\"120pt 1\" rule=rows\n"
        "    tbody\n"
        "      tr 7:37\n"
        "        td 7:41 colspan=2\n"
        "          p 7:57 implicit\n"
        "            text 7:57 \"c\"\n");
}

TEST_CASE("Markup that is not well formed fails with its line and column") {
  Diagnostics diagnostics;
  auto document =
      ParseMarkup("<document>\n<p>one <b>two</p>\n</document>", "report.xml", diagnostics);
  CHECK_FALSE(document);
  REQUIRE(diagnostics.Items().size() == 1);
  const auto& error = diagnostics.Items()[0];
  CHECK(error.where.file == "report.xml");
  CHECK(error.where.line == 2);
  CHECK(error.where.column == 16);  // expat points at the name in </p>
  CHECK(error.message == "the markup is not well-formed XML: tag mismatch");

  Diagnostics entity;
  CHECK_FALSE(ParseMarkup("<document><p>a&nbsp;b</p></document>", "r.xml", entity));
  CHECK(Messages(entity) == "1:15: the markup is not well-formed XML: undefined entity\n");

  Diagnostics empty;
  CHECK_FALSE(ParseMarkup("", "r.xml", empty));
  CHECK(empty.HasErrors());
}

TEST_CASE("Markup read from a stream parses as the same text in memory does") {
  const std::string text =
      "<document>\n<h1>One</h1>\n<p>a <b>b</b> &amp; <i>c</i></p>\n"
      "<table><tr><td>x</td></tr></table>\n</document>\n";
  Diagnostics from_memory;
  auto in_memory = ParseMarkup(text, "r.xml", from_memory);
  Diagnostics from_stream;
  std::istringstream stream(text);
  auto streamed = ParseMarkup(stream, "r.xml", from_stream);
  REQUIRE(in_memory);
  REQUIRE(streamed);
  CHECK(DumpDocument(*streamed) == DumpDocument(*in_memory));
  CHECK(Messages(from_stream) == Messages(from_memory));

  Diagnostics broken;
  std::istringstream mismatched("<document>\n<p>one <b>two</p>\n</document>");
  CHECK_FALSE(ParseMarkup(mismatched, "report.xml", broken));
  CHECK(Messages(broken) == "2:16: the markup is not well-formed XML: tag mismatch\n");
}

TEST_CASE("Unknown elements and attributes are errors at their line and column") {
  CHECK(Problems("<p>one</p>\n  <para>two</para>\n<p><u>three</u></p>") ==
        "3:3: unknown element <para>\n"
        "4:4: unknown element <u>\n");
  CHECK(Problems("<p colour=\"red\">x</p>") == "2:1: <p> has no attribute \"colour\"\n");
  Diagnostics diagnostics;
  ParseMarkup("<document><h1 level=\"1\">x</h1></document>", "t.xml", diagnostics);
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].hint == "<h1> takes: id, label, outline");
}

TEST_CASE("Bad attribute values are errors that say what to write") {
  CHECK(Problems("<p align=\"justify\">x</p>") == "2:1: align=\"justify\" is not an alignment\n");
  CHECK(Problems("<table widths=\"6 x 4\"><tr><td>a</td></tr></table>") ==
        "2:1: widths=\"6 x 4\": \"x\" is not a column width\n");
  CHECK(Problems("<table rule=\"dotted\"><tr><td>a</td></tr></table>") ==
        "2:1: rule=\"dotted\" is not a table rule\n");
  CHECK(Problems("<space height=\"-3\"/>") == "2:1: height=\"-3\" is not a length in points\n");
  CHECK(Problems("<space/>") == "2:1: <space> needs a height=\"...\" attribute\n");
  CHECK(Problems("<np>x</np>") == "2:1: <np> needs a label=\"...\" attribute\n");
  CHECK(Problems("<table><tr><td colspan=\"0\">a</td></tr></table>") ==
        "2:12: colspan=\"0\" is not a number of columns\n");
  CHECK(Problems("<ol><li>x</li></ol>") ==
        "2:5: an <li> of an <ol> needs its number as label=\"1.\"\n");
  CHECK(Problems("<h1 id=\"1st\">x</h1>") == "2:1: id=\"1st\" is not a usable id\n");
}

TEST_CASE("Blocks in the wrong place are errors") {
  CHECK(Problems("<p>one <ul><li>x</li></ul></p>") ==
        "2:8: <ul> is a block and cannot be inside text\n");
  CHECK(Problems("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>") ==
        "2:16: <table> cannot be inside <td>\n");
  CHECK(Problems("<box><appendix label=\"A\"/></box>") ==
        "2:6: <appendix> cannot be inside <box>\n");
  CHECK(Problems("loose text") == "2:1: text directly inside <document> must be in a <p>\n");
  CHECK(Problems("<ul><p>x</p></ul>") == "2:5: <ul> holds only <li> items, not <p>\n");
  CHECK(Problems("<table><tr><p>x</p></tr></table>") ==
        "2:12: <tr> holds only <td> and <th> cells, not <p>\n");
}

TEST_CASE("Ids are unique and links point at one") {
  CHECK(Problems("<h1 id=\"a\">x</h1>\n<h2 id=\"a\">y</h2>") ==
        "3:1: id=\"a\" is used twice; the first is at line 2\n");
  CHECK(Problems("<p><link to=\"nowhere\">x</link></p>") ==
        "2:4: <link to=\"nowhere\"> points at an id that no element has\n");
  CHECK(Problems("<h1 id=\"later\">x</h1><p><link to=\"later\">ok</link></p>") == "");
}

TEST_CASE("Every row fills the table's columns") {
  CHECK(Problems("<table widths=\"1 1 1\"><tr><td>a</td><td>b</td></tr>\n"
                 "<tr><td colspan=\"2\">a</td><td>b</td></tr></table>") ==
        "2:23: this row fills 2 columns but the table has 3\n");
  // Without widths, the widest row decides, and the others must match it.
  CHECK(Problems("<table><tr><td>a</td></tr><tr><td>a</td><td>b</td></tr></table>") ==
        "2:8: this row fills 1 column but the table has 2\n");
}

TEST_CASE("Every problem is reported in one go") {
  CHECK(Problems("<p x=\"1\">a</p><bogus/><p align=\"up\">b</p>") ==
        "2:1: <p> has no attribute \"x\"\n"
        "2:15: unknown element <bogus>\n"
        "2:23: align=\"up\" is not an alignment\n");
}

TEST_CASE("Pathologically deep nesting is refused, not recursed into") {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<b>";
  deep += "x";
  for (int i = 0; i < 5000; ++i) deep += "</b>";
  std::string problems = Problems("<p>" + deep + "</p>");
  CHECK(problems.find("nested more than") != std::string::npos);
}

TEST_CASE("Document attributes are kept") {
  Diagnostics diagnostics;
  auto document = ParseMarkup(
      "<document lang=\"cy\" title=\"T\" author=\"A\" subject=\"S\" keywords=\"K\" "
      "date=\"2011-06-14\" footer=\"F\" draft=\"DRAFT v1\"/>",
      "t.xml", diagnostics);
  REQUIRE(document);
  CHECK(document->lang == "cy");
  CHECK(document->date == "2011-06-14");
  CHECK(document->draft == "DRAFT v1");
  CHECK(Problems("") == "");
  Diagnostics bad_date;
  ParseMarkup("<document date=\"14/06/2011\"/>", "t.xml", bad_date);
  CHECK(Messages(bad_date) == "1:1: date=\"14/06/2011\" is not a date written as YYYY-MM-DD\n");
  Diagnostics wrong_root;
  CHECK_FALSE(ParseMarkup("<html/>", "t.xml", wrong_root));
  CHECK(Messages(wrong_root) == "1:1: the markup must start with <document>, not <html>\n");
}

namespace {

/// Messages of parsing `text` whole (not wrapped in a <document>).
std::string ProblemsOf(const std::string& text) {
  Diagnostics diagnostics;
  ParseMarkup(text, "t.xml", diagnostics);
  return Messages(diagnostics);
}

}  // namespace

TEST_CASE("Page-level flows take blocks only, and an appendix stands only in the document") {
  CHECK(ProblemsOf("<document>\n<appendix label=\"A\">\nloose text\n<b>bold</b>\n"
                   "<keep>more <i>x</i></keep>\n</appendix>\n</document>\n") ==
        "3:1: text directly inside <appendix> must be in a <p>\n"
        "4:1: <b> directly inside <appendix> must be in a <p>\n"
        "5:7: text directly inside <keep> must be in a <p>\n"
        "5:12: <i> directly inside <keep> must be in a <p>\n");
  CHECK(ProblemsOf("<document>\n<keep>\n<appendix label=\"A\"><p>x</p></appendix>\n</keep>\n"
                   "<appendix label=\"B\">\n<appendix label=\"C\"/>\n</appendix>\n</document>\n") ==
        "3:1: <appendix> can only be directly inside <document>\n"
        "6:1: <appendix> can only be directly inside <document>\n");
  CHECK(ProblemsOf("<document>\n<keep zz=\"1\"><keep><bogus/></keep></keep>\n"
                   "<appendix label=\"A\" zz=\"2\"><keep>  </keep></appendix>\n<appendix/>\n"
                   "</document>\n") ==
        "2:1: <keep> has no attribute \"zz\"\n"
        "2:20: unknown element <bogus>\n"
        "3:1: <appendix> has no attribute \"zz\"\n"
        "4:1: <appendix> needs a label=\"...\" attribute\n");
  Diagnostics diagnostics;
  auto document = ParseMarkup(
      "<document>\n<keep><keep><p>a</p></keep></keep>\n"
      "<appendix label=\"A\" id=\"app\" title=\"T\">\n<keep><h1>b</h1></keep>\n</appendix>\n"
      "</document>\n",
      "t.xml", diagnostics);
  REQUIRE(document);
  CHECK(Messages(diagnostics) == "");
  CHECK(DumpDocument(*document) ==
        "document 1:1 lang=\"en-GB\"\n"
        "  keep 2:1\n"
        "    keep 2:7\n"
        "      p 2:13\n"
        "        text 2:16 \"a\"\n"
        "  appendix 3:1 id=\"app\" label=\"A\" title=\"T\"\n"
        "    keep 4:1\n"
        "      h1 4:7\n"
        "        text 4:11 \"b\"\n");
}

TEST_CASE("Ids are taken in the order written: an appendix's before those inside it") {
  CHECK(ProblemsOf("<document>\n<appendix label=\"A\" id=\"same\">\n<h1 id=\"same\">x</h1>\n"
                   "</appendix>\n<h2 id=\"same\">y</h2>\n</document>\n") ==
        "3:1: id=\"same\" is used twice; the first is at line 2\n"
        "5:1: id=\"same\" is used twice; the first is at line 2\n");
  // A link may point at an appendix further on.
  CHECK(ProblemsOf("<document>\n<appendix label=\"A\"><p><link to=\"later\">x</link></p></appendix>\n"
                   "<appendix id=\"later\" label=\"B\"/>\n</document>\n") == "");
}

TEST_CASE("Markup found not well-formed late reports that alone, not what came before") {
  CHECK(ProblemsOf("<document>\n<p zz=\"1\">x</p>\n<appendix label=\"A\"><bogus/></appendix>\n"
                   "<p>unclosed\n</document>\n") ==
        "5:3: the markup is not well-formed XML: tag mismatch\n");
  std::istringstream stream("<document>\n<bogus/>\n<p>a</p>\n<p>b");
  Diagnostics diagnostics;
  CHECK_FALSE(ParseMarkup(stream, "t.xml", diagnostics));
  CHECK(Messages(diagnostics) == "4:5: the markup is not well-formed XML: no element found\n");
}

TEST_CASE("Text among elements that hold only elements is an error at the text") {
  CHECK(Problems("<table><tr> stray <td>a</td></tr></table>\n<ul> x <li>a</li></ul>\n"
                 "<chart kind=\"change\" title=\"t\"> y <bar label=\"a\" value=\"1\"/></chart>") ==
        "2:13: text inside <tr> must be in a <td> or <th>\n"
        "3:6: text inside <ul> must be in an <li>\n"
        "4:33: text inside <chart> must be in a <bar/>\n");
  CHECK(Problems("  <p>one</p>\n  \n  text after\n  <br/>") ==
        "4:3: text directly inside <document> must be in a <p>\n"
        "5:3: <br> directly inside <document> must be in a <p>\n");
}
