#pragma once

#include <string>
#include <utility>

namespace clerk {

/// Where a value came from: a file path as the user named it, a 1-based line and a 1-based
/// column. line == 0 means "the whole file" (for example a file that is missing).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// A value together with where it was read.
template <typename T>
struct Located {
  T value{};
  SourceLocation where;
};

using LocatedText = Located<std::string>;

}  // namespace clerk
