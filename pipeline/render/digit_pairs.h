#pragma once

#include <array>

/// Internal to render: the numbers clerk writes into a PDF itself (coordinates, object numbers,
/// cross-reference offsets) go two digits at a time, from one table.
namespace clerk::render {

/// "00" to "99": pair n is at [2n, 2n + 1].
inline constexpr std::array<char, 200> kDecimalDigitPairs = [] {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[2 * i] = static_cast<char>('0' + i / 10);
    pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

}  // namespace clerk::render
