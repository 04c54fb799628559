#include "registry/reference_pattern.h"

#include <catch2/catch.hpp>

using clerk::registry::DraftFileName;
using clerk::registry::FileStem;
using clerk::registry::FinalFileName;
using clerk::registry::ReferencePattern;

namespace {

std::string Format(const std::string& pattern, const std::string& code, int year, int sequence) {
  std::string error;
  auto parsed = ReferencePattern::Parse(pattern, &error);
  REQUIRE(parsed);
  return parsed->Format(code, year, sequence);
}

std::string ErrorOf(const std::string& pattern) {
  std::string error;
  auto parsed = ReferencePattern::Parse(pattern, &error);
  return parsed ? "<valid>" : error;
}

}  // namespace

TEST_CASE("A reference pattern formats code, year and padded sequence", "[registry][reference]") {
  CHECK(Format("{code}/{year}/{seq:02}", "CSSC", 2011, 7) == "CSSC/2011/07");
  CHECK(Format("{code}/{year}/{seq:02}", "CSSC", 2011, 123) == "CSSC/2011/123");
  CHECK(Format("{code}-{yy}-{seq:03}", "CAB", 2010, 4) == "CAB-10-004");
  CHECK(Format("Cabinet {seq} of {year}", "CAB", 2009, 12) == "Cabinet 12 of 2009");
  CHECK(Format("{yy}/{seq}", "X", 2005, 1) == "05/1");
}

TEST_CASE("A reference pattern without exactly one sequence, or with unknown parts, is refused",
          "[registry][reference]") {
  CHECK(ErrorOf("{code}/{year}") ==
        "the reference pattern '{code}/{year}' has no {seq}: every report of a year would get "
        "the same reference");
  CHECK(ErrorOf("{seq}/{seq:02}") ==
        "the reference pattern '{seq}/{seq:02}' has more than one {seq}");
  CHECK(ErrorOf("{code}/{month}/{seq}") ==
        "the reference pattern '{code}/{month}/{seq}' has an unknown placeholder '{month}': use "
        "{code}, {year}, {yy}, {seq} or {seq:0N}");
  CHECK(ErrorOf("{seq:2}") ==
        "the reference pattern '{seq:2}' has an unknown placeholder '{seq:2}': use {code}, "
        "{year}, {yy}, {seq} or {seq:0N}");
  CHECK(ErrorOf("{code/{seq}") ==
        "the reference pattern '{code/{seq}' has an unknown placeholder '{code/{seq}': use "
        "{code}, {year}, {yy}, {seq} or {seq:0N}");
  CHECK(ErrorOf("{seq}/{year") ==
        "the reference pattern '{seq}/{year' has a '{' that is not closed");
  CHECK(ErrorOf("{seq}}") == "the reference pattern '{seq}}' has a '}' without a '{' before it");
  CHECK(ErrorOf("") ==
        "the reference pattern '' has no {seq}: every report of a year would get "
        "the same reference");
}

TEST_CASE("File names come from the reference, one per draft and per final",
          "[registry][reference]") {
  CHECK(FileStem("CSSC/2011/07") == "CSSC-2011-07");
  CHECK(FileStem("Cabinet 12 of 2009") == "Cabinet-12-of-2009");
  CHECK(FileStem("../x") == "-.-x");
  CHECK(FileStem("") == "report");
  CHECK(DraftFileName("CSSC/2011/07", 2) == "CSSC-2011-07-draft-v2.pdf");
  CHECK(FinalFileName("CSSC/2011/07", 2, 0) == "CSSC-2011-07.pdf");
  CHECK(FinalFileName("CSSC/2011/07", 3, 1) == "CSSC-2011-07-v3.pdf");
}
