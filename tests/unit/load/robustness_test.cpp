#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "check/check.h"
#include "load/load.h"
#include "review_fixture.h"

// Load and check never throw, whatever the bytes: every file of the small review cut short at
// every byte, and with characters that mean something in YAML put in at many places.

namespace {

const std::vector<std::string> kFiles = {"r/review.yaml",     "r/recommendations.yaml",
                                         "r/responses.yaml",  "r/timescales.yaml",
                                         "r/attainment.yaml", "r/reports/r-2011.yaml"};

// Loads and checks; true when every diagnostic names its file.
bool LoadAndCheck(const clerk::MemoryFileSystem& files) {
  clerk::Diagnostics diagnostics;
  clerk::load::LoadGaps gaps;
  clerk::Review review = clerk::load::LoadReview(files, "r", diagnostics, &gaps);
  clerk::check::CheckReview(review, diagnostics, gaps);
  for (const clerk::Diagnostic& d : diagnostics.Items()) {
    if (d.where.file.empty() || d.where.line < 0 || d.where.column < 0) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("Every file cut short at every byte loads and checks without throwing") {
  const clerk::MemoryFileSystem whole = clerk::testing::SmallReview();
  for (const std::string& path : kFiles) {
    std::string text = whole.ReadFile(path, nullptr).value();
    for (size_t length = 0; length < text.size(); ++length) {
      clerk::MemoryFileSystem files = whole;
      files.Add(path, text.substr(0, length));
      INFO(path << " cut to " << length << " bytes");
      bool located = false;
      REQUIRE_NOTHROW(located = LoadAndCheck(files));
      CHECK(located);
    }
  }
}

TEST_CASE("YAML's special characters put in anywhere load and check without throwing") {
  const clerk::MemoryFileSystem whole = clerk::testing::SmallReview();
  const std::vector<std::string> inserts = {":",  "- ", "[",  "{",    "&a ", "*a", "!",   "|",
                                            "\"", "'",  "\t", "\n  ", "#",   "{{", "\xC3"};
  for (const std::string& path : kFiles) {
    std::string text = whole.ReadFile(path, nullptr).value();
    for (size_t at = 0; at < text.size(); at += 5) {
      for (const std::string& insert : inserts) {
        clerk::MemoryFileSystem files = whole;
        files.Add(path, text.substr(0, at) + insert + text.substr(at));
        INFO(path << " with '" << insert << "' at byte " << at);
        bool located = false;
        REQUIRE_NOTHROW(located = LoadAndCheck(files));
        CHECK(located);
      }
    }
  }
}
