#include "cli/merge_and_parse.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "compute/facts.h"
#include "load/load.h"
#include "markup/dump.h"
#include "markup/parser.h"
#include "merge/merge.h"
#include "merge_fixture.h"

using clerk::Diagnostics;
using clerk::merge::testing::Listed;

namespace {

// The example review (the reference paper's), loaded and computed by the real stages, with the
// real templates.
struct Example {
  Example() {
    const std::string root = CLERK_SOURCE_DIR;
    review = clerk::load::LoadReview(disk, root + "/inputs/ks2-maths-scrutiny", diagnostics);
    facts = clerk::compute::ComputeFacts(review, diagnostics);
    templates =
        clerk::merge::LoadTemplates(disk, root + "/templates", "council-report", diagnostics);
  }
  clerk::DiskFileSystem disk;
  Diagnostics diagnostics;
  clerk::Review review;
  clerk::compute::ReviewFacts facts;
  clerk::merge::TemplateSet templates;
  clerk::merge::MergeOptions options{"DRAFT v1", "CSSC/2011/07"};
};

}  // namespace

TEST_CASE("The markup merged in pieces is the markup merged whole, with no blank line") {
  Example example;
  REQUIRE(example.templates.valid);
  Diagnostics whole_diagnostics;
  std::string whole =
      clerk::merge::MergeReport(example.review, example.facts, "cssc-2011-06", example.templates,
                                example.options, whole_diagnostics);
  std::string joined;
  int pieces = 0;
  std::function<void(std::string_view)> write = [&](std::string_view piece) {
    joined.append(piece);
    ++pieces;
  };
  Diagnostics pieces_diagnostics;
  CHECK(clerk::merge::MergeReportInto(example.review, example.facts, "cssc-2011-06",
                                      example.templates, example.options, write,
                                      pieces_diagnostics));
  CHECK(pieces > 100);
  CHECK(joined == whole);
  CHECK(Listed(pieces_diagnostics) == Listed(whole_diagnostics));
  CHECK(whole.find("\n\n") == std::string::npos);
  CHECK(whole.find("\n \n") == std::string::npos);
}

TEST_CASE("Merging while parsing gives the tree and diagnostics of the two one after the other") {
  Example example;
  REQUIRE(example.templates.valid);
  Diagnostics before;
  std::string markup = clerk::merge::MergeReport(example.review, example.facts, "cssc-2011-06",
                                                 example.templates, example.options, before);
  auto expected = clerk::markup::ParseMarkup(markup, "cssc-2011-06.markup.xml", before);
  REQUIRE(expected);

  Diagnostics at_once;
  int merged = 0;
  auto document = clerk::cli::MergeAndParse(
      example.review, example.facts, "cssc-2011-06", example.templates, example.options,
      "cssc-2011-06.markup.xml", [&merged] { ++merged; }, at_once);
  REQUIRE(document);
  CHECK(merged == 1);
  CHECK(clerk::markup::DumpDocument(*document) == clerk::markup::DumpDocument(*expected));
  CHECK(Listed(at_once) == Listed(before));
}

TEST_CASE("When the merge fails, merging while parsing reports the merge's error alone") {
  Example example;
  Diagnostics diagnostics;
  int merged = 0;
  auto document = clerk::cli::MergeAndParse(
      example.review, example.facts, "no-such-report", example.templates, example.options,
      "x.markup.xml", [&merged] { ++merged; }, diagnostics);
  CHECK_FALSE(document);
  CHECK(merged == 0);
  REQUIRE(diagnostics.Items().size() == 1);
  CHECK(diagnostics.Items()[0].message == "there is no report \"no-such-report\" in this review");
}
