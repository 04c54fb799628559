#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clerk {

/// An exact decimal with two places, held as hundredths (61.5 -> 6150). Percentages are kept
/// this way so that the paper's arithmetic (sums, halves rounded away from zero) is exact.
struct Decimal {
  std::int64_t hundredths = 0;

  static Decimal FromWhole(std::int64_t whole) { return Decimal{whole * 100}; }
  /// "61", "61.5", "-2", "12.45"; nullopt for anything else (more than 2 places, words, "").
  static std::optional<Decimal> Parse(std::string_view text);
  /// Shortest form: 61, 61.5, -0.25.
  std::string ToString() const;
};

inline bool operator==(Decimal a, Decimal b) { return a.hundredths == b.hundredths; }
inline bool operator!=(Decimal a, Decimal b) { return a.hundredths != b.hundredths; }
inline bool operator<(Decimal a, Decimal b) { return a.hundredths < b.hundredths; }
inline Decimal operator-(Decimal a, Decimal b) { return Decimal{a.hundredths - b.hundredths}; }
inline Decimal operator+(Decimal a, Decimal b) { return Decimal{a.hundredths + b.hundredths}; }

/// numerator / denominator rounded to the nearest integer, halves away from zero, exactly.
/// denominator must be positive.
std::int64_t DivideRoundHalfAway(std::int64_t numerator, std::int64_t denominator);

}  // namespace clerk
