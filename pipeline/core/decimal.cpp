#include "core/decimal.h"

#include <cstdlib>

namespace clerk {

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  size_t pos = 0;
  bool negative = false;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    pos = 1;
  }
  std::int64_t whole = 0;
  size_t digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    if (digits >= 12) return std::nullopt;  // far outside anything a percentage or cohort can be
    whole = whole * 10 + (text[pos] - '0');
    ++pos;
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  std::int64_t fraction = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t places = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (places == 2) return std::nullopt;
      fraction = fraction * 10 + (text[pos] - '0');
      ++pos;
      ++places;
    }
    if (places == 0) return std::nullopt;
    if (places == 1) fraction *= 10;
  }
  if (pos != text.size()) return std::nullopt;
  std::int64_t value = whole * 100 + fraction;
  return Decimal{negative ? -value : value};
}

std::string Decimal::ToString() const {
  std::int64_t magnitude = std::llabs(hundredths);
  std::string text = (hundredths < 0 ? "-" : "") + std::to_string(magnitude / 100);
  std::int64_t fraction = magnitude % 100;
  if (fraction != 0) {
    text += '.';
    text += static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0) text += static_cast<char>('0' + fraction % 10);
  }
  return text;
}

std::int64_t DivideRoundHalfAway(std::int64_t numerator, std::int64_t denominator) {
  std::int64_t magnitude = std::llabs(numerator);
  std::int64_t quotient = (2 * magnitude + denominator) / (2 * denominator);
  return numerator < 0 ? -quotient : quotient;
}

}  // namespace clerk
