#include "load/yaml_tree.h"

#include <catch2/catch.hpp>
#include <string>

#include "load/source_text.h"
#include "review_fixture.h"

using clerk::Diagnostics;
using clerk::load::NodeKind;
using clerk::load::ParseYaml;
using clerk::testing::Hints;
using clerk::testing::Lines;

namespace {

// Parses `text` as "f.yaml" and returns the diagnostics' lines.
std::string Problems(const std::string& text) {
  Diagnostics diagnostics;
  ParseYaml("f.yaml", text, diagnostics);
  return Lines(diagnostics);
}

}  // namespace

TEST_CASE("A map keeps its entries in file order with 1-based locations") {
  Diagnostics diagnostics;
  auto document = ParseYaml("f.yaml", "b: 1\na:\n  - x\n  - \"y\"\n", diagnostics);
  REQUIRE(document);
  CHECK(diagnostics.Empty());
  const auto& root = document->root;
  REQUIRE(root.IsMap());
  REQUIRE(root.entries.size() == 2);
  CHECK(root.entries[0].key.text == "b");
  CHECK(root.entries[0].value.text == "1");
  CHECK(root.entries[0].value.where.line == 1);
  CHECK(root.entries[0].value.where.column == 4);
  const auto& list = root.entries[1].value;
  REQUIRE(list.IsList());
  REQUIRE(list.items.size() == 2);
  CHECK(list.items[1].text == "y");
  CHECK(list.items[1].where.line == 4);
  CHECK(list.items[1].where.column == 5);
  CHECK(list.items[1].where.File() == "f.yaml");
}

TEST_CASE("Scalars are kept as written: numbers and dates stay text") {
  Diagnostics diagnostics;
  auto document = ParseYaml("f.yaml", "id: 1.10\ndate: 2011-05\nyes: no\n", diagnostics);
  REQUIRE(document);
  CHECK(document->root.entries[0].value.text == "1.10");
  CHECK(document->root.entries[1].value.text == "2011-05");
  CHECK(document->root.entries[2].value.text == "no");
}

TEST_CASE("Columns count characters, not bytes") {
  Diagnostics diagnostics;
  auto document = ParseYaml("f.yaml", "é€: x\n", diagnostics);
  REQUIRE(document);
  CHECK(document->root.entries[0].value.where.column == 5);
}

TEST_CASE("An empty value is a null node") {
  Diagnostics diagnostics;
  auto document = ParseYaml("f.yaml", "a:\nb: 2\n", diagnostics);
  REQUIRE(document);
  CHECK(document->root.entries[0].value.kind == NodeKind::kNull);
}

TEST_CASE("A file of blanks or comments only has an empty root") {
  for (const char* text : {"", "  \n\n", "# only a comment\n", "---\n"}) {
    Diagnostics diagnostics;
    auto document = ParseYaml("f.yaml", text, diagnostics);
    REQUIRE(document);
    CHECK(diagnostics.Empty());
    CHECK(document->root.IsNull());
  }
}

TEST_CASE("Duplicate keys are reported at the second, and the first is kept") {
  Diagnostics diagnostics;
  auto document = ParseYaml("f.yaml", "a: 1\nb: 2\na: 3\n", diagnostics);
  REQUIRE(document);
  CHECK(Lines(diagnostics) ==
        "f.yaml:3:1: error: duplicate key 'a': it is already given on line 1\n");
  REQUIRE(document->root.entries.size() == 2);
  CHECK(document->root.entries[0].value.text == "1");
}

TEST_CASE("A key that is not text is reported") {
  CHECK(Problems("? [x]\n: 3\n") == "f.yaml:1:3: error: a key must be text, not a list\n");
}

TEST_CASE("Aliases are refused at the alias, before anything is expanded") {
  CHECK(Problems("a: &x 5\nb: *x\n") ==
        "f.yaml:2:4: error: aliases (*x) are not supported in review files\n");
  CHECK(Problems("b: *nowhere\n") ==
        "f.yaml:1:4: error: aliases (*nowhere) are not supported in review files\n");
  // A "billion laughs": ten levels of ten aliases each. Refused at the first alias, at once.
  std::string bomb = "a: &a [\"lol\"]\n";
  for (char level = 'b'; level <= 'k'; ++level) {
    bomb += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", " : "") + "*" + char(level - 1);
    bomb += "]\n";
  }
  CHECK(Problems(bomb) == "f.yaml:2:8: error: aliases (*a) are not supported in review files\n");
}

TEST_CASE("Syntax errors are reported with yaml-cpp's message and a hint") {
  Diagnostics diagnostics;
  ParseYaml("f.yaml", "text: Note: this\n", diagnostics);
  CHECK(Lines(diagnostics) == "f.yaml:1:11: error: YAML syntax error: illegal map value\n");
  CHECK(Hints(diagnostics) ==
        "text that holds ': ' must be put in quotes, e.g. text: \"Note: ...\"; or check the "
        "indentation\n");
  CHECK(Problems("a: [1, 2\n") ==
        "f.yaml:2:1: error: YAML syntax error: end of sequence flow not found\n");
}

namespace {

// Parses `text` as "f.yaml" and returns each diagnostic's line, then its hint when it has one.
std::string ProblemsAndHints(const std::string& text) {
  Diagnostics diagnostics;
  ParseYaml("f.yaml", text, diagnostics);
  std::string out;
  for (const clerk::Diagnostic& d : diagnostics.Sorted()) {
    Diagnostics one;
    one.Add(d);
    out += Lines(one);
    if (!d.hint.empty()) out += "hint: " + d.hint + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("A quote left open is reported where it opens, when later lines show it") {
  // The quote meant to open "1" closes "1.3 instead; yaml-cpp then stumbles on 1".
  CHECK(ProblemsAndHints("a:\n  - id: \"1.3\n    rec: \"1\"\n    action: x\n") ==
        "f.yaml:2:9: error: YAML syntax error: the quoted text that begins here is not closed "
        "on its line: YAML reads on to the \" on line 3, column 10\n"
        "hint: close it with a \" at the end of the text on this line\n");
  // Single quotes: closed by an apostrophe two lines down.
  CHECK(ProblemsAndHints("a:\n  - id: '1.3\n    rec: 1\n    action: pupils' work\n"
                         "  - id: 1.4\n") ==
        "f.yaml:2:9: error: YAML syntax error: the quoted text that begins here is not closed "
        "on its line: YAML reads on to the ' on line 4, column 19\n"
        "hint: close it with a ' at the end of the text on this line\n");
  // '' inside single quotes and \" inside double quotes are not the quote that closes them.
  CHECK(ProblemsAndHints("a: 'it''s\nb: 'x'\n") ==
        "f.yaml:1:4: error: YAML syntax error: the quoted text that begins here is not closed "
        "on its line: YAML reads on to the ' on line 2, column 4\n"
        "hint: close it with a ' at the end of the text on this line\n");
  CHECK(ProblemsAndHints("a: \"say \\\"hi\nb: 1\nc: \"z\"\nd: 1\n") ==
        "f.yaml:1:4: error: YAML syntax error: the quoted text that begins here is not closed "
        "on its line: YAML reads on to the \" on line 3, column 4\n"
        "hint: close it with a \" at the end of the text on this line\n");
  // A list item: yaml-cpp reports the line after the quote that closed it.
  CHECK(ProblemsAndHints("a:\n  - \"1.3\n  - \"1.4\"\n  - x\n") ==
        "f.yaml:2:5: error: YAML syntax error: the quoted text that begins here is not closed "
        "on its line: YAML reads on to the \" on line 3, column 5\n"
        "hint: close it with a \" at the end of the text on this line\n");
}

TEST_CASE("A quote left open to the end of the file is an error where it opens") {
  // yaml-cpp itself takes the rest of the file as the text.
  CHECK(ProblemsAndHints("a: x\nb: \"y\nc: 1\n") ==
        "f.yaml:2:4: error: YAML syntax error: the quoted text that begins here is not closed: "
        "YAML reads on to the end of the file\n"
        "hint: close it with a \" at the end of the text on this line\n");
  CHECK(ProblemsAndHints("a: 'y\n  and more\n") ==
        "f.yaml:1:4: error: YAML syntax error: the quoted text that begins here is not closed: "
        "YAML reads on to the end of the file\n"
        "hint: close it with a ' where the text ends\n");
  // Without a line break at the end, yaml-cpp reports it, at the end.
  CHECK(ProblemsAndHints("a: 1\nb: \"y") ==
        "f.yaml:2:6: error: YAML syntax error: illegal EOF in scalar\n"
        "hint: a quoted text is not closed: YAML reads on to the end of the file looking for "
        "its closing quote\n");
}

TEST_CASE("Quotes that are closed, or not quotes at all, get no quote hint") {
  // Quoted texts may run over several lines; quotes inside the other kind, in block scalars and
  // in comments are text.
  for (const char* text :
       {"a: \"x\n  y\"\nb: 1\n", "a: 'say \"hi'\nb: \"x\"\n", "a: \"it's\"\nb: 'x'\n",
        "a: 'it''s'\nb: 1\n", "a: >-\n  He said \"hi\nb: \"x\"\n", "# \"not closed\na: 1\n",
        "a: pupils' work\nb: 'x'\n"}) {
    INFO(text);
    CHECK(ProblemsAndHints(text) == "");
  }
  // A text over two lines with something after its closing quote: the quote is not the mistake.
  CHECK(ProblemsAndHints("a: \"long\n  continued\" then\nb: 1\n") ==
        "f.yaml:2:14: error: YAML syntax error: end of map not found\n"
        "hint: check the indentation of this line against the lines above it\n");
  CHECK(ProblemsAndHints("a: \"x\"y\"\nb: 1\n") ==
        "f.yaml:1:7: error: YAML syntax error: end of map not found\n"
        "hint: check the indentation of this line against the lines above it\n");
  // A quote left open in a block scalar or a comment is text: a later mistake is its own.
  CHECK(ProblemsAndHints("a: >-\n  He said \"hi\nb: x\n c: \"y\"\n") ==
        "f.yaml:4:3: error: YAML syntax error: illegal map value\n"
        "hint: text that holds ': ' must be put in quotes, e.g. text: \"Note: ...\"; or check "
        "the indentation\n");
  CHECK(ProblemsAndHints("a: 1 # \"hi\nb: x\n c: \"y\"\n") ==
        "f.yaml:3:3: error: YAML syntax error: illegal map value\n"
        "hint: text that holds ': ' must be put in quotes, e.g. text: \"Note: ...\"; or check "
        "the indentation\n");
}

TEST_CASE("A tab in the indentation gets its own hint") {
  Diagnostics diagnostics;
  ParseYaml("f.yaml", "a:\n\tb: 1\n", diagnostics);
  CHECK(Hints(diagnostics) == "indent with spaces: YAML does not allow tabs in indentation\n");
}

TEST_CASE("A second document is refused") {
  CHECK(Problems("a: 1\n---\nb: 2\n") ==
        "f.yaml:2:1: error: a second YAML document ('---') is not allowed: a review file holds "
        "one document\n");
  CHECK(Problems("- a\nb: 1\n") ==
        "f.yaml:2:1: error: this line does not fit the structure above it\n");
}

TEST_CASE("Binary files and bytes that are not UTF-8 are refused before parsing") {
  CHECK(Problems(std::string("a: 1\n\0\x01\x02", 8)) ==
        "f.yaml: error: the file holds NUL bytes: it is a binary file, not YAML text\n");
  CHECK(Problems("a: ok\nb: caf\xE9\n") ==
        "f.yaml:2:7: error: the file is not UTF-8: byte 0xE9 here is not part of a UTF-8 "
        "character\n");
}

TEST_CASE("Nesting too deep for the parser is an error, not a crash") {
  CHECK(Problems(std::string(100000, '[')) ==
        "f.yaml:1:100001: error: the file nests lists and maps too deeply to be a review file\n");
}

TEST_CASE("A byte-order mark is allowed and does not shift columns") {
  Diagnostics diagnostics;
  auto document = ParseYaml("f.yaml", "\xEF\xBB\xBFtitle: x\n", diagnostics);
  REQUIRE(document);
  CHECK(diagnostics.Empty());
  CHECK(document->root.entries[0].key.text == "title");
}

TEST_CASE("FindInvalidUtf8 refuses overlong forms, surrogates and stray continuation bytes") {
  using clerk::load::FindInvalidUtf8;
  CHECK(FindInvalidUtf8("plain ascii") == std::string::npos);
  CHECK(FindInvalidUtf8("en dash – and € and 𝄞") == std::string::npos);
  CHECK(FindInvalidUtf8("ab\xC0\xAF") == 2);        // overlong '/'
  CHECK(FindInvalidUtf8("\xED\xA0\x80") == 0);      // a surrogate
  CHECK(FindInvalidUtf8("x\x80") == 1);             // continuation with no lead
  CHECK(FindInvalidUtf8("x\xE2\x82") == 1);         // cut short
  CHECK(FindInvalidUtf8("\xF4\x90\x80\x80") == 0);  // past U+10FFFF
  // Long runs of ASCII are skipped eight bytes at a time: a bad byte anywhere in or after one.
  for (size_t before = 0; before < 20; ++before) {
    std::string ascii(before, 'a');
    CHECK(FindInvalidUtf8(ascii + "\xE9" + std::string(20, 'b')) == before);
    CHECK(FindInvalidUtf8(ascii + "\xC3\xA9" + std::string(20, 'b') + "\x80") == before + 22);
    CHECK(FindInvalidUtf8(ascii + "\xE2\x82\xAC" + ascii) == std::string::npos);
  }
}
