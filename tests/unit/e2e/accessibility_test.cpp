// End to end, accessibility: the real `clerk build` on the example review; its PDFs read as a
// screen reader's tools read them (poppler's structure tree, clerk check-pdf), and the HTML
// twins (`clerk build --emit html`) parsed as XML and run through axe-core in Chromium.
#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/paper_maker.h"
#include "core/file_system.h"
#include "example_review.h"
#include "markup/parser.h"
#include "run_program.h"

using clerk::testing::Example;
using clerk::testing::kExample;
using clerk::testing::ReadWholeFile;
using clerk::testing::RunClerk;
using clerk::testing::RunProgram;
using clerk::testing::TemporaryDirectory;
using Poco::AutoPtr;
using Poco::XML::Element;
using Poco::XML::NodeList;

namespace {

const char* const kReports[] = {"cabinet-2010-12", "cssc-2011-06"};

struct Built {
  TemporaryDirectory outputs;
  int exit_code = -1;
  std::string log;
  std::map<std::string, std::string> twins;  // report id -> `build --emit html` output
  std::map<std::string, int> twin_exit_codes;
};

// Builds both reports, and both twins, once for every test in this file.
const Built& Papers() {
  // Held until the program ends, when its folder is removed.
  static std::unique_ptr<Built> built = [] {
    auto papers = std::make_unique<Built>();
    auto result = RunClerk({"build", kExample, "--all", "--output-dir", papers->outputs.Path()});
    papers->exit_code = result.exit_code;
    papers->log = result.err;
    for (const char* report : kReports) {
      auto twin = RunClerk({"build", kExample, "--report", report, "--emit", "html"});
      papers->twins[report] = twin.out;
      papers->twin_exit_codes[report] = twin.exit_code;
    }
    return papers;
  }();
  return *built;
}

std::string PdfPath(const std::string& report) {
  return Papers().outputs.Path() + "/" +
         (report == "cabinet-2010-12" ? "CAB-2010-01-draft-v1.pdf" : "CSSC-2011-01-draft-v1.pdf");
}

// Text with all white space taken out: a sentence wrapped over lines compares as itself.
std::string Solid(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f') out += c;
  }
  return out;
}

// One element of `pdfinfo -struct-text`: its type, depth and the text of its whole subtree.
struct Node {
  int depth = 0;
  std::string type;
  std::string text;  // every quoted line under it, joined by spaces
};

std::vector<Node> StructureTree(const std::string& pdf) {
  auto info = RunProgram("/usr/bin/pdfinfo", {"-struct-text", pdf});
  REQUIRE(info.exit_code == 0);
  CHECK(info.err.empty());  // no poppler warnings
  std::vector<Node> nodes;
  std::vector<size_t> open;  // the elements the current line is inside
  std::istringstream lines(info.out);
  for (std::string line; std::getline(lines, line);) {
    size_t indent = line.find_first_not_of(' ');
    // Skip blank lines, link objects and attributes ("/Scope /Column" under "TH:").
    if (indent == std::string::npos || line.compare(indent, 7, "Object ") == 0 ||
        line[indent] == '/') {
      continue;
    }
    int depth = static_cast<int>(indent / 2);
    while (!open.empty() && nodes[open.back()].depth >= depth) open.pop_back();
    if (line[indent] == '"') {
      std::string text = line.substr(indent + 1, line.size() - indent - 2);
      for (size_t index : open) nodes[index].text += " " + text;
      continue;
    }
    Node node;
    node.depth = depth;
    node.type = line.substr(indent, line.find_first_of(" :", indent) - indent);
    open.push_back(nodes.size());
    nodes.push_back(node);
  }
  return nodes;
}

std::vector<std::string> TextsOf(const std::vector<Node>& nodes, const std::string& type) {
  std::vector<std::string> texts;
  for (const Node& node : nodes) {
    if (node.type == type) texts.push_back(node.text.empty() ? "" : node.text.substr(1));
  }
  return texts;
}

bool ContainsInOrder(const std::vector<std::string>& haystack,
                     const std::vector<std::string>& needles) {
  size_t next = 0;
  for (const std::string& item : haystack) {
    if (next < needles.size() && item == needles[next]) ++next;
  }
  return next == needles.size();
}

AutoPtr<Poco::XML::Document> ParseXml(const std::string& html) {
  Poco::XML::DOMParser parser;
  return parser.parseString(html);
}

// The text of every th and td under `root`, in document order, outside charts' figures (whose
// data tables the markup's tables do not have).
std::vector<std::string> CellTexts(Poco::XML::Node* root) {
  std::vector<std::string> cells;
  for (Poco::XML::Node* node = root->firstChild(); node; node = node->nextSibling()) {
    if (node->nodeName() == "td" || node->nodeName() == "th") {
      cells.push_back(Solid(node->innerText()));
    } else if (node->nodeName() != "figure") {
      for (std::string& cell : CellTexts(node)) cells.push_back(std::move(cell));
    }
  }
  return cells;
}

// The plain text of every cell of appendix `label`'s tables in the markup, in order.
void MarkupCells(const clerk::markup::Blocks& blocks, std::vector<std::string>& cells);
std::string MarkupText(const clerk::markup::Blocks& blocks) {
  std::string text;
  for (const auto& block : blocks) {
    if (const auto* paragraph = std::get_if<clerk::markup::Paragraph>(&block.node)) {
      for (const auto& span : paragraph->text.spans) text += span.text;
    }
  }
  return Solid(text);
}
void MarkupCells(const clerk::markup::Blocks& blocks, std::vector<std::string>& cells) {
  for (const auto& block : blocks) {
    if (const auto* table = std::get_if<clerk::markup::Table>(&block.node)) {
      for (const auto* rows : {&table->head, &table->body}) {
        for (const auto& row : *rows) {
          for (const auto& cell : row.cells) cells.push_back(MarkupText(cell.body));
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("the structure tree reads in document order: headings, appendices, tables") {
  REQUIRE(Papers().exit_code == 0);
  for (const char* report : kReports) {
    INFO(report);
    std::vector<Node> tree = StructureTree(PdfPath(report));
    REQUIRE_FALSE(tree.empty());
    CHECK(tree.front().type == "Document");
    std::vector<std::string> headings = TextsOf(tree, "H1");
    std::vector<std::string> expected{"1. Financial Appraisal", "2. Supporting information",
                                      "3. Conclusion and Reason for Recommendations", "Appendix 1"};
    if (std::string(report) == "cssc-2011-06") {
      expected.insert(expected.end(), {"Appendix 2", "Appendix 3", "Appendix 1"});
    }
    CHECK(headings == expected);
    // The tables' header cells are TH; the first table's are the action plan's columns.
    std::vector<std::string> headers = TextsOf(tree, "TH");
    // (Cabinet's reads "Response (Actions taken to date in italics)": compare the first word.)
    std::vector<std::string> first_words;
    for (const std::string& header : headers)
      first_words.push_back(header.substr(0, header.find(' ')));
    CHECK(ContainsInOrder(first_words, {"Recommendation", "Response", "Time"}));
    CHECK(TextsOf(tree, "Table").size() >= 1);
    // Every recommendation and action is the text of a data cell.
    std::string cells;
    for (const std::string& text : TextsOf(tree, "TD")) cells += Solid(text) + "|";
    const auto* facts = Example().facts.Find(report);
    REQUIRE(facts);
    for (const auto& recommendation : facts->recommendations) {
      INFO("recommendation " << recommendation.id);
      CHECK(cells.find(Solid(recommendation.text)) != std::string::npos);
      for (const auto& action : recommendation.actions) {
        INFO("action " << action.id);
        CHECK(cells.find(Solid(action.text)) != std::string::npos);
      }
    }
  }
}

TEST_CASE("clerk check-pdf finds both papers tagged and clean, poppler reads them quietly") {
  REQUIRE(Papers().exit_code == 0);
  auto result = RunClerk({"check-pdf", PdfPath("cabinet-2010-12"), PdfPath("cssc-2011-06")});
  CHECK(result.err.empty());
  CHECK(result.exit_code == 0);
  for (const char* report : kReports) {
    CHECK_THAT(result.out, Catch::Contains(PdfPath(report) + ": tagged (marked, ") &&
                               Catch::Contains("language en-GB, title shown)"));
  }
  CHECK(std::count(result.out.begin(), result.out.end(), '\n') == 2);
  CHECK(std::count(result.out.begin(), result.out.end(), ';') == 2);
  for (const char* report : kReports) {
    auto text = RunProgram("/usr/bin/pdftotext", {PdfPath(report), "-"});
    CHECK(text.exit_code == 0);
    CHECK(text.err.empty());
  }
}

TEST_CASE("clerk check-pdf says which files are untagged, wrong or unreadable") {
  TemporaryDirectory scratch;
  std::string notes = scratch.Path() + "/notes.pdf";
  clerk::testing::WriteWholeFile(notes, "not a PDF at all");
  auto unreadable = RunClerk({"check-pdf", notes});
  CHECK(unreadable.exit_code == 2);
  CHECK_THAT(unreadable.out, Catch::StartsWith(notes + ": cannot be read as a PDF: "));
  auto missing = RunClerk({"check-pdf", scratch.Path() + "/none.pdf"});
  CHECK(missing.exit_code == 2);
  auto usage = RunClerk({"check-pdf"});
  CHECK(usage.exit_code == 64);
}

TEST_CASE("the HTML twins parse as XML and hold every recommendation, action and figure") {
  for (const char* report : kReports) {
    INFO(report);
    REQUIRE(Papers().twin_exit_codes.at(report) == 0);
    const std::string& html = Papers().twins.at(report);
    CHECK(html.find("<script") == std::string::npos);
    AutoPtr<Poco::XML::Document> dom;
    REQUIRE_NOTHROW(dom = ParseXml(html));
    CHECK(static_cast<Element*>(dom->documentElement())->getAttribute("lang") == "en-GB");
    std::string text = Solid(dom->documentElement()->innerText());
    const auto* facts = Example().facts.Find(report);
    REQUIRE(facts);
    for (const auto& recommendation : facts->recommendations) {
      INFO("recommendation " << recommendation.id);
      CHECK(text.find(Solid(recommendation.text)) != std::string::npos);
      for (const auto& action : recommendation.actions) {
        INFO("action " << action.id);
        CHECK(text.find(Solid(action.text)) != std::string::npos);
      }
    }
  }
  // Appendix 2 of the June 2011 paper: every figure, in the order the markup has them.
  auto markup = RunClerk({"build", kExample, "--report", "cssc-2011-06", "--emit", "markup"});
  REQUIRE(markup.exit_code == 0);
  clerk::Diagnostics diagnostics;
  auto document = clerk::markup::ParseMarkup(markup.out, "cssc.xml", diagnostics);
  REQUIRE(document);
  std::vector<std::string> expected;
  for (const auto& block : document->body) {
    const auto* appendix = std::get_if<clerk::markup::Appendix>(&block.node);
    if (appendix && appendix->id == "appendix-2") MarkupCells(appendix->body, expected);
  }
  REQUIRE(expected.size() > 100);
  CHECK(std::find(expected.begin(), expected.end(), "61%") != expected.end());
  AutoPtr<Poco::XML::Document> dom = ParseXml(Papers().twins.at("cssc-2011-06"));
  Poco::XML::Element* appendix = dom->getElementById("appendix-2", "id");
  REQUIRE(appendix);
  CHECK(CellTexts(appendix) == expected);
}

TEST_CASE("the HTML twins pass axe-core's WCAG 2.1 A and AA rules and fit a phone") {
  TemporaryDirectory scratch;
  std::vector<std::string> arguments{std::string(CLERK_TESTS_DIR) + "/browser/axe_twin.mjs"};
  for (const char* report : kReports) {
    REQUIRE(Papers().twin_exit_codes.at(report) == 0);
    std::string path = scratch.Path() + "/" + report + ".html";
    clerk::testing::WriteWholeFile(path, Papers().twins.at(report));
    arguments.push_back(path);
  }
  auto result = RunProgram("/usr/bin/node", arguments, std::string(CLERK_TESTS_DIR) + "/browser");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  for (const char* report : kReports) {
    CHECK_THAT(result.out, Catch::Contains("ok " + scratch.Path() + "/" + report + ".html: "));
  }
}

TEST_CASE("clerk typeset --html writes the same twin from the markup alone") {
  REQUIRE(Papers().twin_exit_codes.at("cssc-2011-06") == 0);
  TemporaryDirectory scratch;
  auto markup = RunClerk({"build", kExample, "--report", "cssc-2011-06", "--emit", "markup"});
  REQUIRE(markup.exit_code == 0);
  std::string markup_path = scratch.Path() + "/cssc.markup.xml";
  std::string html_path = scratch.Path() + "/cssc.html";
  clerk::testing::WriteWholeFile(markup_path, markup.out);
  auto typeset = RunClerk({"typeset", markup_path, "--html", html_path});
  CHECK(typeset.exit_code == 0);
  CHECK(typeset.out.empty());
  CHECK(ReadWholeFile(html_path) == Papers().twins.at("cssc-2011-06"));
}
