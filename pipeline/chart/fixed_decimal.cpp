#include "chart/fixed_decimal.h"

#include <charconv>
#include <system_error>

namespace clerk::chart {

std::string_view FormatFixed(double value, int decimals, char (&buffer)[kFixedBufferSize]) {
  // std::to_chars rounds the double's exact value as printf does, without printf's format
  // parsing and locale look-ups (a tenth of the cost).
  auto [end, error] =
      std::to_chars(buffer, buffer + kFixedBufferSize, value, std::chars_format::fixed, decimals);
  if (error != std::errc()) return {};
  return std::string_view(buffer, static_cast<size_t>(end - buffer));
}

std::string FixedText(double value, int decimals) {
  char buffer[kFixedBufferSize];
  return std::string(FormatFixed(value, decimals, buffer));
}

}  // namespace clerk::chart
