#include "compute/text_format.h"

#include <cstdlib>

namespace clerk::compute {

std::string FormatScaled(std::int64_t value, int places) {
  if (places <= 0) return std::to_string(value);
  std::int64_t scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  std::int64_t magnitude = std::llabs(value);
  std::string text = (value < 0 ? "-" : "") + std::to_string(magnitude / scale);
  std::string fraction = std::to_string(magnitude % scale);
  fraction.insert(0, static_cast<size_t>(places) - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) text += "." + fraction;
  return text;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string text;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? " and " : ", ";
    text += words[i];
  }
  return text;
}

}  // namespace clerk::compute
