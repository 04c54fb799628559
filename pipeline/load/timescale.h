#pragma once

#include <optional>
#include <string_view>

#include "core/period.h"

namespace clerk::load {

/// Understands a timescale as clerks write it ("Spring 2011", "September 2010 – July 2011",
/// "Termly", "From October 2010", "Terms 2-3 (2010 – 11)", ...) and returns its period, or
/// nullopt when the words are not understood. docs/timescales.md lists the forms and the calendar.
std::optional<Period> ParseTimescale(std::string_view words);

}  // namespace clerk::load
