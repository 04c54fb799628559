#pragma once

#include "core/diagnostic.h"

/// A cap on how many diagnostics one file contributes (internal to load and check). A file of a
/// million broken records is one mistake, not a million: the first few point at it, and a note
/// says how many more there are. It also keeps printing them (which reads the source line of each)
/// fast on a very large file.
namespace clerk::load {

constexpr int kMaxDiagnosticsPerFile = 50;

/// Adds `from` to `to`: for each file, its first `per_file` diagnostics by line and column, and,
/// when there are more, a note at the first one left out saying how many errors and warnings
/// were not shown.
void AddLimited(const Diagnostics& from, Diagnostics& to, int per_file = kMaxDiagnosticsPerFile);

}  // namespace clerk::load
