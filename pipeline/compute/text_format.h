#pragma once

#include <cstdint>
#include <string>
#include <vector>

/// Small text helpers shared by compute's dumps and messages (internal to the stage).
namespace clerk::compute {

/// An exact decimal from an integer scaled by 10^places, without trailing zeros:
/// FormatScaled(11700, 3) == "11.7", FormatScaled(-72, 2) == "-0.72", FormatScaled(500, 2) == "5".
std::string FormatScaled(std::int64_t value, int places);

/// "a", "a and b", "a, b and c".
std::string JoinWords(const std::vector<std::string>& words);

}  // namespace clerk::compute
