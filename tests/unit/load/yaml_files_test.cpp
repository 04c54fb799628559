#include "load/yaml_files.h"

#include <dirent.h>

#include <catch2/catch.hpp>
#include <atomic>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include "load/yaml_split.h"
#include "load/yaml_tree.h"

using clerk::Diagnostic;
using clerk::Diagnostics;
using clerk::load::FindYamlSplit;
using clerk::load::ParseOptions;
using clerk::load::ParseYaml;
using clerk::load::ParseYamlFiles;
using clerk::load::YamlDocument;
using clerk::load::YamlFile;
using clerk::load::YamlNode;

namespace {

// Everything ParseYaml gives for a node, one node a line, indented by depth.
void Dump(const YamlNode& node, int depth, std::string& out) {
  out += std::string(depth * 2, ' ') + std::to_string(static_cast<int>(node.kind)) + " @" +
         std::to_string(node.offset) + " " + node.where.File() + ":" +
         std::to_string(node.where.line) + ":" + std::to_string(node.where.column) + " [" +
         node.text + "]\n";
  for (const YamlNode& item : node.items) Dump(item, depth + 1, out);
  for (const auto& entry : node.entries) {
    Dump(entry.key, depth + 1, out);
    Dump(entry.value, depth + 2, out);
  }
}

std::string DumpResult(const std::optional<YamlDocument>& document,
                       const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.Items()) {
    out += d.where.file + ":" + std::to_string(d.where.line) + ":" +
           std::to_string(d.where.column) + ": " + d.message + " | " + d.hint + "\n";
  }
  if (!document) return out + "no document\n";
  Dump(document->root, 0, out);
  out += "offsets";
  for (size_t offset : document->node_offsets) out += " " + std::to_string(offset);
  return out + "\n";
}

std::string Serial(const std::string& text) {
  Diagnostics diagnostics;
  auto document = ParseYaml("f.yaml", text, diagnostics);
  return DumpResult(document, diagnostics);
}

// Parsed by ParseYamlFiles with every item of the long list a piece of its own.
std::string InPieces(const std::string& text, int threads = 2) {
  ParseOptions options;
  options.threads = threads;
  options.piece_bytes = 1;
  auto parsed = ParseYamlFiles({YamlFile{"f.yaml", text}}, options);
  return DumpResult(parsed[0].document, parsed[0].diagnostics);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The .yaml files under `folder`, recursively.
void YamlFilesUnder(const std::string& folder, std::vector<std::string>& paths) {
  DIR* dir = opendir(folder.c_str());
  if (dir == nullptr) return;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    std::string path = folder + "/" + name;
    if (entry->d_type == DT_DIR) {
      YamlFilesUnder(path, paths);
    } else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0) {
      paths.push_back(path);
    }
  }
  closedir(dir);
}

const char* const kItems =
    "# a comment first\n"
    "responses:\n"
    "  - id: \"1.1\"\n"
    "    action: \"Publish the guide.\"\n"
    "    updates:\n"
    "      - date: 2010-11\n"
    "        text: Drafted.\n"
    "  - id: \"1.2\"\n"
    "    part:\n"
    "  # between items\n"
    "\n"
    "  - id: \"1.3\"\n"
    "    empty:\n"
    "  - id: '1.4'\n"
    "    text: |\n"
    "      a block\n"
    "       - not an item\n"
    "    folded: >\n"
    "      folded\n"
    "      text\n"
    "  -\n"
    "  - plain\n"
    "    continued\n"
    "  - {a: 1, b: [x, y]}\n"
    "  - id: last\n";

}  // namespace

TEST_CASE("A long block list is cut at its items, after the first piece") {
  auto split = FindYamlSplit(kItems, 0, 1);
  CHECK(split.indent == 2);
  CHECK(split.first_dash == std::string(kItems).find("- id: \"1.1\""));
  CHECK(split.cuts.size() == 7);  // every item but the first, and not the last (too short)
  CHECK(FindYamlSplit(kItems, 0, 1000).cuts.empty());
  // A key after the list ends it: no list runs to the end.
  CHECK(FindYamlSplit("a:\n  - 1\n  - 2\n  - 3\nb: 1\n", 0, 1).cuts.empty());
  // The last list that does run to the end is cut.
  CHECK(FindYamlSplit("a:\n  - 1\n  - 2\nb:\n- 1\n- 2\n- 3\n", 0, 1).cuts.size() == 2);
  CHECK(FindYamlSplit("a:\n\t- 1\n  - 2\n", 0, 1).cuts.empty());
}

TEST_CASE("A file parsed in pieces gives exactly what ParseYaml gives") {
  std::vector<std::string> texts = {
      kItems,
      // An indentless list, CRLF line ends, a byte-order mark.
      "responses:\n- id: 1\n- id: 2\n  x:\n- id: 3\n- id: 4\n",
      "list:\r\n  - a: 1\r\n  - a: 2\r\n  - a: 3\r\n",
      "\xEF\xBB\xBFlist:\n  - a: 1\n  - a: 2\n  - a: 3\n",
      // A root list, a list that ends before another begins, deeper lists.
      "- a\n- b\n- c\n- d\n",
      "first:\n  - 1\n  - 2\nsecond:\n  - x: 1\n    y:\n      - 1\n      - 2\n  - x: 2\n  - x: 3\n",
      // Quoted text and flow lists over lines that look like items: cut there, the pieces fail
      // and the file is parsed whole.
      "r:\n  - x: \"a\n  - b\"\n  - x: 2\n  - x: 3\n",
      "r:\n  - x: 'a\n  - b'\n  - x: 2\n  - x: 3\n",
      "r:\n  - [a, b,\n  - c]\n  - x: 2\n  - x: 3\n",
      "r:\n  - x: \"a\n  - b\n  - c\"\n",
      "r:\n  - x: !!str \"a\n  - b\"\n  - x: 2\n  - x: 3\n",
      "r:\n  - x: &k\n      \"a\n  - b\"\n  - x: 2\n  - x: 3\n",
      "r:\n  - x: \"a \\\" \\\\\n  - b\"\n  - x: 2\n  - x: 3\n",
      "r:\n  - x: 'it''s\n  - b'\n  - x: 2\n  - x: 3\n",
      "r:\n  - x: \"a\\\n  - b\"\n  - x: 2\n  - x: 3\n",
      "r:\n  - x: it's \"plain\"\n  - x: 'q''' \n  - x: \"\\\"\"\n  - x: 3\n",
      "r:\n  - ? \"a\n  - b\"\n  - x: 2\n",
      // Problems in later pieces: each reported as ParseYaml reports it.
      "r:\n  - a: 1\n  - a: 2\n    a: 3\n  - a: 4\n",
      "r:\n  - a: 1\n  - a: [1\n  - a: 4\n",
      "r:\n  - a: &x 1\n  - a: *x\n  - a: 4\n",
      "r:\n  - a: 1\n  - a: 2\n---\n  - a: 4\n",
      "r:\n  - a: 1\n  - b: Note: this\n  - a: 4\n",
      "r:\n  - a: 1\n  - ? [x]\n    : 2\n  - a: 4\n",
      "r:\n  - a: 1\n  - a: 2\n -  a: 4\n",
      "r:\n  - a: 1\n  - a: 2\n   - a: 4\n",
      "r:\n  - a: 1\n  - a: 2\n  b: 3\n",
      "r:\n  - a: 1\n  -\tb: 2\n  - a: 4\n",
      "r:\n  - a: 1\n  - a: 2\n  - a: 4\n...\n",
      "%YAML 1.2\n---\nr:\n  - a: 1\n  - a: 2\n  - a: 4\n",
      "r:\n  - a: 1\n  - !!str a\n  - &anchor b\n  - a: 4\n",
      "r:\n  - a: 1\n  - a: 2 # note\n  # - a: 3\n  - a: 4\n",
      "r:\n  - - x\n    - y\n  - - z\n",
      "r:\n  - a: 1\n  - " + std::string(300, '[') + "\n  - a: 4\n",
  };
  for (const std::string& text : texts) {
    INFO(text);
    std::string serial = Serial(text);
    CHECK(InPieces(text) == serial);
    CHECK(InPieces(text, 1) == serial);
  }
}

TEST_CASE("Only a file whose pieces fit together cleanly is put together from pieces") {
  ParseOptions options;
  options.threads = 2;
  options.piece_bytes = 1;
  auto pieces = [&](const std::string& text) {
    return ParseYamlFiles({YamlFile{"f.yaml", text}}, options)[0].pieces;
  };
  CHECK(pieces(kItems) == 8);
  CHECK(pieces("r:\n  - x: \"a\n  - b\"\n  - x: 2\n  - x: 3\n") == 1);
  CHECK(pieces("r:\n  - a: 1\n  - a: 2\n    a: 3\n  - a: 4\n") == 1);
  options.piece_bytes = 1000;
  CHECK(pieces(kItems) == 1);
}

TEST_CASE("A long file of mixed items parses the same in pieces of every size") {
  // Items of many shapes, so that cuts fall after each shape: quoted text over lines, text with
  // quotes inside, block text, flow maps, empty values, comments and blank lines.
  std::string text = "# responses\nresponses:\n";
  for (int i = 0; i < 400; ++i) {
    std::string id = std::to_string(i);
    text += "  - id: \"" + id + "\"\n";
    switch (i % 8) {
      case 0:
        text += "    action: \"Quoted over\n      two lines, it's " + id + "\"\n";
        break;
      case 1:
        text += "    action: the department's \"plan\" " + id + "\n";
        break;
      case 2:
        text += "    action: |\n      block " + id + "\n        - indented\n";
        break;
      case 3:
        text += "    updates:\n      - {date: 2011-05, text: 'it''s " + id + "'}\n";
        break;
      case 4:
        text += "    part:\n  # a comment\n\n";
        break;
      case 5:
        text += "    action: >\n      folded\n      " + id + "\n    completed:\n";
        break;
      case 6:
        text += "    action: \"escaped \\\" quote\\\\\"\n";
        break;
      default:
        text += "    action: plain\n      continued " + id + "\n";
    }
  }
  std::string serial = Serial(text);
  for (size_t piece_bytes : {1, 100, 1000, 10000}) {
    INFO(piece_bytes);
    ParseOptions options;
    options.threads = 2;
    options.piece_bytes = piece_bytes;
    auto parsed = ParseYamlFiles({YamlFile{"f.yaml", text}}, options);
    CHECK(DumpResult(parsed[0].document, parsed[0].diagnostics) == serial);
    CHECK(parsed[0].pieces > 1);
  }
}

TEST_CASE("Every YAML file in the inputs and the catalogue parses the same in pieces") {
  std::vector<std::string> paths;
  YamlFilesUnder("inputs", paths);
  YamlFilesUnder("tests/catalogue", paths);
  REQUIRE(paths.size() > 20);
  for (const std::string& path : paths) {
    std::string text = ReadAll(path);
    if (text.size() > 1000000) continue;  // the catalogue's fifty-megabyte file: refused alike
    INFO(path);
    CHECK(InPieces(text) == Serial(text));
  }
}

TEST_CASE("Several files come back in their own order, each with its own diagnostics") {
  std::vector<YamlFile> files = {
      {"a.yaml", "a: 1\n"}, {"b.yaml", "b: [\n"}, {"c.yaml", ""}, {"d.yaml", "r:\n  - 1\n  - 2\n"}};
  ParseOptions options;
  options.threads = 3;
  options.piece_bytes = 1;
  auto parsed = ParseYamlFiles(files, options);
  REQUIRE(parsed.size() == 4);
  for (size_t i = 0; i < files.size(); ++i) {
    Diagnostics diagnostics;
    auto document = ParseYaml(files[i].path, files[i].bytes, diagnostics);
    CHECK(DumpResult(parsed[i].document, parsed[i].diagnostics) ==
          DumpResult(document, diagnostics));
  }
  CHECK_FALSE(parsed[1].document);
  CHECK(parsed[1].diagnostics.ErrorCount() == 1);
}

TEST_CASE("on_parsed sees each file once, as soon as it is parsed, and may take its document") {
  std::string long_list = "r:\n";
  for (int i = 0; i < 200; ++i) long_list += "  - x: " + std::to_string(i) + "\n";
  std::vector<YamlFile> files = {{"a.yaml", "a: 1\n"},       {"b.yaml", "b: [\n"},
                                 {"c.yaml", ""},             {"d.yaml", long_list},
                                 {"e.yaml", "\xff: binary\n"}};
  ParseOptions options;
  options.threads = 2;
  options.piece_bytes = 100;
  std::mutex mutex;
  std::vector<int> calls(files.size());
  std::vector<std::string> seen(files.size());
  auto parsed = ParseYamlFiles(files, options, [&](size_t index, clerk::load::ParsedYaml& file) {
    std::lock_guard<std::mutex> lock(mutex);
    ++calls.at(index);
    seen[index] = DumpResult(file.document, file.diagnostics);
    if (index == 3) {
      file.document.reset();  // taken
      file.diagnostics.Note({"d.yaml", 1, 1}, "seen");
    }
  });
  REQUIRE(parsed.size() == files.size());
  CHECK(calls == std::vector<int>(files.size(), 1));
  for (size_t i = 0; i < files.size(); ++i) {
    INFO(files[i].path);
    Diagnostics diagnostics;
    auto document = ParseYaml(files[i].path, files[i].bytes, diagnostics);
    CHECK(seen[i] == DumpResult(document, diagnostics));
  }
  CHECK(parsed[3].pieces > 1);
  CHECK_FALSE(parsed[3].document);
  REQUIRE(parsed[3].diagnostics.Items().size() == 1);
  CHECK(parsed[3].diagnostics.Items()[0].message == "seen");
  CHECK(parsed[0].document);
}

TEST_CASE("What on_parsed throws is thrown by ParseYamlFiles once every thread is done") {
  std::string long_list = "r:\n";
  for (int i = 0; i < 200; ++i) long_list += "  - x: " + std::to_string(i) + "\n";
  ParseOptions options;
  options.threads = 2;
  options.piece_bytes = 100;
  std::atomic<int> calls{0};
  auto parse = [&] {
    ParseYamlFiles({{"a.yaml", long_list}, {"b.yaml", "b: 1\n"}}, options,
                   [&](size_t index, clerk::load::ParsedYaml&) {
                     ++calls;
                     if (index == 0) throw std::runtime_error("out of paper");
                   });
  };
  CHECK_THROWS_WITH(parse(), "out of paper");
  CHECK(calls == 2);
}
