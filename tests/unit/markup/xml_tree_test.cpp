#include "markup/xml_tree.h"

#include <catch2/catch.hpp>
#include <functional>
#include <sstream>
#include <string_view>

#include "markup_test_support.h"

using clerk::Diagnostics;
using clerk::markup::ReadXmlTree;
using clerk::markup::XmlAttribute;
using clerk::markup::XmlNode;
using clerk::markup::XmlTree;
using clerk::markup::XmlTreeListener;
using clerk::markup::testing::Messages;

namespace {

std::string At(const XmlNode& node) {
  return "@" + std::to_string(node.where.line) + ":" + std::to_string(node.where.column);
}

/// A one-line picture of `node` and what it holds: p@2:1[align=right](text'x'@2:4).
std::string Picture(const XmlTree& tree, const XmlNode& node) {
  if (node.is_text) {
    std::string text;
    for (char c : node.text) text += c == '\n' ? std::string("\\n") : std::string(1, c);
    return "'" + text + "'" + At(node);
  }
  std::string out = std::string(node.name) + At(node);
  if (node.attribute_count > 0) {
    out += "[";
    for (const XmlAttribute* a = tree.AttributesBegin(node); a != tree.AttributesEnd(node); ++a) {
      if (a != tree.AttributesBegin(node)) out += " ";
      out += std::string(a->name) + "=" + std::string(a->value);
    }
    out += "]";
  }
  if (node.first_child != clerk::markup::kNoNode) {
    out += "(";
    bool first = true;
    for (const XmlNode& child : tree.ChildrenOf(node)) {
      out += (first ? "" : " ") + Picture(tree, child);
      first = false;
    }
    out += ")";
  }
  return out;
}

std::string Picture(const std::string& text) {
  Diagnostics diagnostics;
  auto tree = ReadXmlTree(text, "t.xml", diagnostics);
  REQUIRE(tree);
  CHECK(Messages(diagnostics) == "");
  return Picture(*tree, *tree->ChildrenOf(tree->Root()).begin());
}

std::string Problems(const std::string& text) {
  Diagnostics diagnostics;
  CHECK_FALSE(ReadXmlTree(text, "t.xml", diagnostics));
  return Messages(diagnostics);
}

/// Records what it is told, and is done with the nodes `take` says.
class Recorder : public XmlTreeListener {
 public:
  using Take = std::function<bool(const XmlNode& node, const XmlNode& parent)>;
  explicit Recorder(Take take) : take_(std::move(take)) {}

  void Opened(const XmlTree&, const XmlNode& element, const XmlNode& parent, int depth) override {
    log += "open " + std::string(element.name) + " in " +
           (parent.name.empty() ? std::string("root") : std::string(parent.name)) + " at " +
           std::to_string(depth) + "\n";
  }
  bool Closed(const XmlTree&, const XmlNode& node, const XmlNode& parent,
              int parent_depth) override {
    log += "close " + (node.is_text ? "'" + std::string(node.text) + "'" : std::string(node.name)) +
           " in " + (parent.name.empty() ? std::string("root") : std::string(parent.name)) +
           " at " + std::to_string(parent_depth) + "\n";
    return take_(node, parent);
  }

  std::string log;

 private:
  Take take_;
};

bool ChildOf(const XmlNode& parent, std::string_view name) { return parent.name == name; }

}  // namespace

TEST_CASE("The tree keeps elements, attributes and texts, each with where it starts") {
  CHECK(Picture("<document title=\"A &amp; B\" lang='cy'>\n"
                "<p>  one &lt;two&gt;\n   three</p><p/>\n"
                "</document>") ==
        "document@1:1[title=A & B lang=cy](p@2:1('  one <two>\\n   three'@2:6) p@3:13)");
  // Text that starts on a later line is located where its first other character is.
  CHECK(Picture("<p>\n\n    word <b>x</b>\n</p>") ==
        "p@1:1('\\n\\n    word '@3:5 b@3:10('x'@3:13) '\\n'@3:18)");
  // Comments, processing instructions and CDATA do not split a text.
  CHECK(Picture("<p>a<!-- no -->b<?pi x?>c<![CDATA[<d>]]>e</p>") == "p@1:1('abc<d>e'@1:4)");
}

TEST_CASE("Whitespace among the children of elements that hold only elements is not kept") {
  CHECK(Picture("<table>\n  <tr>\n    <td> a </td>\n  </tr>\n</table>") ==
        "table@1:1(tr@2:3(td@3:5(' a '@3:10)))");
  CHECK(Picture("<ul> <li> </li> </ul>") == "ul@1:1(li@1:6(' '@1:10))");
  // Other text there is kept, for the parser to report.
  CHECK(Picture("<tr> x <td/></tr>") == "tr@1:1(' x '@1:6 td@1:8)");
  // Elsewhere whitespace is text like any other.
  CHECK(Picture("<p> <b>a</b> <i>b</i> </p>") ==
        "p@1:1(' '@1:4 b@1:5('a'@1:8) ' '@1:13 "
        "i@1:14('b'@1:17) ' '@1:22)");
}

TEST_CASE("A tree read from a stream is the tree read from memory") {
  std::string text = "<document>\n";
  for (int i = 0; i < 2000; ++i) {
    text += "<p align=\"right\">paragraph " + std::to_string(i) + " &amp; more</p>\n";
  }
  text += "</document>\n";
  Diagnostics from_memory;
  auto in_memory = ReadXmlTree(text, "t.xml", from_memory);
  std::istringstream stream(text);
  Diagnostics from_stream;
  auto streamed = ReadXmlTree(stream, "t.xml", from_stream);
  REQUIRE(in_memory);
  REQUIRE(streamed);
  CHECK(Picture(*streamed, streamed->Root()) == Picture(*in_memory, in_memory->Root()));
}

TEST_CASE("The listener hears each element start and each node end, and may take nodes") {
  Recorder recorder(
      [](const XmlNode&, const XmlNode& parent) { return ChildOf(parent, "document"); });
  Diagnostics diagnostics;
  auto tree = ReadXmlTree("<document>\n<p>a<b>b</b></p> loose <ul><li>x</li></ul>\n</document>",
                          "t.xml", diagnostics, &recorder);
  REQUIRE(tree);
  CHECK(recorder.log ==
        "open document in root at 1\n"
        "open p in document at 2\n"
        "close 'a' in p at 2\n"
        "open b in p at 3\n"
        "close 'b' in b at 3\n"
        "close b in p at 2\n"
        "close p in document at 1\n"
        "close ' loose ' in document at 1\n"
        "open ul in document at 2\n"
        "open li in ul at 3\n"
        "close 'x' in li at 3\n"
        "close li in ul at 2\n"
        "close ul in document at 1\n"
        "close document in root at 0\n");
  // Every child of <document> was taken, so the tree forgot them; the blank text before </document>
  // was never kept.
  CHECK(Picture(*tree, tree->Root()) == "@0:0(document@1:1)");
}

TEST_CASE("A node is forgotten only when its earlier siblings were") {
  Recorder recorder([](const XmlNode&, const XmlNode& parent) { return ChildOf(parent, "li"); });
  Diagnostics diagnostics;
  auto tree = ReadXmlTree("<ul><li>x</li><li><b>y</b>z</li></ul>", "t.xml", diagnostics, &recorder);
  REQUIRE(tree);
  CHECK(Picture(*tree, tree->Root()) == "@0:0(ul@1:1(li@1:5 li@1:15))");

  // Texts are taken, elements not: the 'c' after the kept <b> stays.
  Recorder texts([](const XmlNode& node, const XmlNode&) { return node.is_text; });
  Diagnostics more;
  tree = ReadXmlTree("<p>a<b>b</b>c</p>", "t.xml", more, &texts);
  REQUIRE(tree);
  CHECK(Picture(*tree, tree->Root()) == "@0:0(p@1:1(b@1:5 'c'@1:13))");
}

TEST_CASE("Markup that is not well-formed XML is one error at its line and column") {
  CHECK(Problems("<document>\n<p>one <b>two</p>\n</document>") ==
        "2:16: the markup is not well-formed XML: tag mismatch\n");
  CHECK(Problems("<document>\n<p>a</p>\n<p>b") ==
        "3:5: the markup is not well-formed XML: no element found\n");
  CHECK(Problems("<document><p>a &nbsp; b</p></document>") ==
        "1:16: the markup is not well-formed XML: undefined entity\n");
  CHECK(Problems("<document><p>a &amp b</p></document>") ==
        "1:20: the markup is not well-formed XML: invalid token\n");
  CHECK(Problems("<document><p>a &#xD800; b</p></document>") ==
        "1:16: the markup is not well-formed XML: reference to invalid character number\n");
  CHECK(Problems("<document><p>x</p></document><p>junk</p>") ==
        "1:30: the markup is not well-formed XML: junk after document element\n");
  CHECK(Problems("<p a=\"1\" a=\"2\"/>") ==
        "1:10: the markup is not well-formed XML: duplicate attribute\n");
}

TEST_CASE("Elements nested more than 100 deep are refused where the 101st starts") {
  std::string fine = "<document>\n";
  for (int i = 0; i < 99; ++i) fine += "<keep>";
  for (int i = 0; i < 99; ++i) fine += "</keep>";
  fine += "</document>";
  Diagnostics diagnostics;
  CHECK(ReadXmlTree(fine, "t.xml", diagnostics));

  std::string deep = "<document>\n";
  for (int i = 0; i < 120; ++i) deep += "<keep>";
  CHECK(Problems(deep) == "2:595: elements are nested more than 100 deep\n");
}
