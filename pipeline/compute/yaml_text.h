#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// A small YAML writer for compute's dump (internal to the stage): compute does not know yaml-cpp,
/// and the dump's layout is fixed, so a scalar quoter and a flow-map joiner are all it needs.
namespace clerk::compute {

/// A string as a YAML scalar: plain when YAML would read it back as the same string in any
/// context (block or flow), else double-quoted with escapes. "L4+" -> L4+, "1.1" -> "1.1".
std::string YamlString(std::string_view text);

/// One key and an already formatted value (a number, a date, or a YamlString result).
using YamlField = std::pair<std::string, std::string>;

/// "{key: value, key: value}"; keys are written with YamlString.
std::string YamlFlowMap(const std::vector<YamlField>& fields);

}  // namespace clerk::compute
