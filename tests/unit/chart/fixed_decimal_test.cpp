#include "chart/fixed_decimal.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>

using clerk::chart::FixedText;

namespace {

std::string Printf(double value, int decimals) {
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

double FromBits(uint64_t bits) {
  double value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

}  // namespace

TEST_CASE("FixedText prints what printf prints for chosen values", "[fixed]") {
  CHECK(FixedText(12.345, 2) == "12.35");  // 12.3450000000000006394884621840901672840118408203125
  CHECK(FixedText(0.125, 2) == "0.12");    // an exact tie: to even
  CHECK(FixedText(0.375, 2) == "0.38");
  CHECK(FixedText(2.5, 0) == "2");
  CHECK(FixedText(-0.001, 2) == "-0.00");
  CHECK(FixedText(-0.0, 1) == "-0.0");
  CHECK(FixedText(0, 3) == "0.000");
  CHECK(FixedText(1.005, 2) == "1.00");  // 1.00499999999999989341858963598497211933135986328125
  CHECK(FixedText(99.9951, 2) == "100.00");
  const double chosen[] = {0.0,
                           0.005,
                           0.015,
                           0.025,
                           1.005,
                           1.0 / 3,
                           -2.675,
                           1e-300,
                           std::numeric_limits<double>::denorm_min(),
                           -std::numeric_limits<double>::denorm_min(),
                           0x1p52 - 0.5,
                           0x1p52,
                           -0x1p60,
                           1e300,
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::quiet_NaN()};
  for (double value : chosen) {
    for (int decimals = 0; decimals <= 3; ++decimals) {
      INFO(Printf(value, 17) << " with " << decimals << " decimals");
      CHECK(FixedText(value, decimals) == Printf(value, decimals));
    }
  }
}

TEST_CASE("FixedText prints what printf prints for a million values", "[fixed]") {
  std::mt19937_64 random(20261126);
  std::uniform_real_distribution<double> points(-2000, 2000);
  std::uniform_int_distribution<int> hundredths(-200000, 200000);
  int mismatches = 0;
  for (int i = 0; i < 1000000 && mismatches < 5; ++i) {
    double value = 0;
    switch (i % 4) {
      case 0:  // page coordinates
        value = points(random);
        break;
      case 1:  // near a tie of the last decimal: n / 200 and its neighbours
        value = std::nextafter(hundredths(random) / 200.0, i % 8 < 4 ? 0.0 : 1e9);
        break;
      case 2:
        value = hundredths(random) / 200.0;
        break;
      case 3:  // any bit pattern at all
        value = FromBits(random());
        break;
    }
    for (int decimals = 0; decimals <= 3; ++decimals) {
      if (FixedText(value, decimals) != Printf(value, decimals)) {
        ++mismatches;
        FAIL_CHECK(Printf(value, 17)
                   << " with " << decimals << " decimals: " << FixedText(value, decimals)
                   << " but printf " << Printf(value, decimals));
      }
    }
  }
  CHECK(mismatches == 0);
}
