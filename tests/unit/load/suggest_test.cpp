#include "load/suggest.h"

#include <catch2/catch.hpp>

using clerk::load::ClosestName;
using clerk::load::DidYouMean;

TEST_CASE("ClosestName finds likely misspellings and nothing else") {
  std::vector<std::string> fields = {"id",     "recommendation", "part",
                                     "action", "updates",        "withdrawn"};
  CHECK(ClosestName("recomendation", fields) == "recommendation");
  CHECK(ClosestName("recommendatoin", fields) == "recommendation");  // two letters swapped
  CHECK(ClosestName("Action", fields) == "action");                  // case is ignored
  CHECK(ClosestName("update", fields) == "updates");
  CHECK(ClosestName("withdrawal", fields) == "withdrawn");
  CHECK(ClosestName("colour", fields) == "");
  CHECK(ClosestName("to", fields) == "");  // two letters from "id", but that is all of it
}

TEST_CASE("DidYouMean lists the choices when none is close") {
  CHECK(DidYouMean("numbred", {"paragraphs", "numbered"}) == "did you mean 'numbered'?");
  CHECK(DidYouMean("xyz", {"paragraphs", "numbered"}) == "expected one of: paragraphs, numbered");
  CHECK(DidYouMean("xyz", {"paragraphs", "numbered"}, false) == "");
}
