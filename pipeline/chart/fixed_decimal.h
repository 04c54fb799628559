#pragma once

#include <cstddef>
#include <string>
#include <string_view>

/// Decimal text of numbers, for the chart's labels and the SVG's coordinates: the bytes printf
/// writes, at a fraction of its cost (a chart of a thousand rows prints some 80,000 numbers).
namespace clerk::chart {

/// Room for any double printed with up to three decimals (309 digits, sign, point, decimals).
constexpr size_t kFixedBufferSize = 320;

/// `value` exactly as std::snprintf(buffer, size, "%.*f", decimals, value) writes it in the C
/// locale (correctly rounded, ties to even, "-0.00" for negative values that round to zero,
/// "nan"/"inf"), written somewhere in `buffer`, which the view points into. `decimals` 0 to 3.
std::string_view FormatFixed(double value, int decimals, char (&buffer)[kFixedBufferSize]);

/// The same, as a string.
std::string FixedText(double value, int decimals);

}  // namespace clerk::chart
