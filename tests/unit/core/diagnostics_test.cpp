#include <catch2/catch.hpp>

#include "core/diagnostic.h"

using clerk::Diagnostics;

TEST_CASE("AddAll appends another collection's diagnostics after these, in their order") {
  Diagnostics mine;
  mine.Warning({"a.yaml", 3, 1}, "first");
  Diagnostics other;
  other.Error({"b.yaml", 1, 1}, "second");
  other.Note({"a.yaml", 1, 1}, "third");
  mine.AddAll(other);
  REQUIRE(mine.Items().size() == 3);
  CHECK(mine.Items()[0].message == "first");
  CHECK(mine.Items()[1].message == "second");
  CHECK(mine.Items()[2].message == "third");
  CHECK(mine.ErrorCount() == 1);
  CHECK(mine.WarningCount() == 1);
  CHECK(other.Items().size() == 2);  // copied, not taken
}
