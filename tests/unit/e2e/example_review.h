#pragma once
// What the end-to-end tests share about the example review: where it is, its facts as clerk
// computes them, and text compared as sentences.

#include <catch2/catch.hpp>
#include <string>

#include "cli/paper_maker.h"
#include "core/file_system.h"

namespace clerk::testing {

inline const char* const kExample = "inputs/ks2-maths-scrutiny";

/// Runs of white space become one space, so that text wrapped over lines or cells compares as
/// the sentence it is.
inline std::string Squeeze(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

/// The example review loaded, checked and computed once per test program.
inline const cli::PreparedReview& Example() {
  static cli::PreparedReview* prepared = [] {
    DiskFileSystem files;
    Diagnostics diagnostics;
    auto review = cli::PrepareReview(files, kExample, diagnostics);
    REQUIRE(review);
    return new cli::PreparedReview(std::move(*review));
  }();
  return *prepared;
}

}  // namespace clerk::testing
