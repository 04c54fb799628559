#pragma once

// Helpers the markup tests share: parsing a document body and reading its diagnostics.

#include <catch2/catch.hpp>
#include <string>

#include "markup/dump.h"
#include "markup/parser.h"

namespace clerk::markup::testing {

/// "line:col: message" for each diagnostic, sorted, one a line.
inline std::string Messages(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics.Sorted()) {
    out += std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message +
           "\n";
  }
  return out;
}

/// Parses a document whose body is `body` (on line 2) and returns its diagnostics.
inline std::string Problems(const std::string& body) {
  Diagnostics diagnostics;
  ParseMarkup("<document>\n" + body + "\n</document>\n", "t.xml", diagnostics);
  return Messages(diagnostics);
}

/// The tree dump of a document whose body is `body`, without its document line; no diagnostics.
inline std::string Dump(const std::string& body) {
  Diagnostics diagnostics;
  auto document = ParseMarkup("<document>\n" + body + "\n</document>\n", "t.xml", diagnostics);
  REQUIRE(document);
  CHECK(Messages(diagnostics) == "");
  std::string dump = DumpDocument(*document);
  return dump.substr(dump.find('\n') + 1);
}

}  // namespace clerk::markup::testing
