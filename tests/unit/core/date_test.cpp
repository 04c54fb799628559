#include <catch2/catch.hpp>

#include "core/date.h"
#include "core/decimal.h"

using clerk::Date;
using clerk::Decimal;

TEST_CASE("ParseIsoDate reads whole months and days, and refuses dates that do not exist") {
  auto month = clerk::ParseIsoDate("2011-05");
  REQUIRE(month);
  CHECK(month->IsWholeMonth());
  CHECK(month->ToWords() == "May 2011");
  auto day = clerk::ParseIsoDate("2010-12-14");
  REQUIRE(day);
  CHECK(day->ToIso() == "2010-12-14");
  CHECK(day->ToWords() == "14 December 2010");
  CHECK_FALSE(clerk::ParseIsoDate("2011-13"));
  CHECK_FALSE(clerk::ParseIsoDate("2011-02-29"));
  CHECK(clerk::ParseIsoDate("2012-02-29"));
  CHECK_FALSE(clerk::ParseIsoDate("May 2011"));
  CHECK_FALSE(clerk::ParseIsoDate("2011-5"));
  CHECK_FALSE(clerk::ParseIsoDate(""));
}

TEST_CASE("A whole month compares as its first day") {
  Date may{2011, 5, 0};
  CHECK(may == Date{2011, 5, 1});
  CHECK(may < Date{2011, 5, 31});
  CHECK(Date{2011, 4, 30} < may);
  CHECK(Date{2011, 3, 1}.DaysSinceEpoch() - Date{2011, 2, 1}.DaysSinceEpoch() == 28);
  CHECK(Date{1970, 1, 1}.DaysSinceEpoch() == 0);
}

TEST_CASE("Decimal parses up to two places exactly") {
  CHECK(Decimal::Parse("61")->hundredths == 6100);
  CHECK(Decimal::Parse("61.5")->hundredths == 6150);
  CHECK(Decimal::Parse("-0.25")->hundredths == -25);
  CHECK(Decimal::Parse("12.45")->ToString() == "12.45");
  CHECK(Decimal::Parse("12.40")->ToString() == "12.4");
  CHECK_FALSE(Decimal::Parse("1.234"));
  CHECK_FALSE(Decimal::Parse("1e3"));
  CHECK_FALSE(Decimal::Parse("."));
  CHECK_FALSE(Decimal::Parse("abc"));
}

TEST_CASE("DivideRoundHalfAway rounds halves away from zero") {
  CHECK(clerk::DivideRoundHalfAway(1170, 100) == 12);   // Castledown 26 x 45 / 100 = 11.7
  CHECK(clerk::DivideRoundHalfAway(-72, 100) == -1);    // Denton -2 x 36 / 100 = -0.72
  CHECK(clerk::DivideRoundHalfAway(50, 100) == 1);
  CHECK(clerk::DivideRoundHalfAway(-50, 100) == -1);
  CHECK(clerk::DivideRoundHalfAway(-49, 100) == 0);
  CHECK(clerk::DivideRoundHalfAway(12033, 100) == 120);
}
