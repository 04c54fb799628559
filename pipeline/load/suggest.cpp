#include "load/suggest.h"

#include <algorithm>
#include <cctype>

namespace clerk::load {

namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring letters each count one.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string ClosestName(std::string_view name, const std::vector<std::string>& candidates) {
  if (name.size() > 64) return "";
  std::string lower = Lower(name);
  std::string best;
  size_t best_distance = 3;
  for (const std::string& candidate : candidates) {
    if (candidate.size() > 64) continue;
    size_t distance = EditDistance(lower, Lower(candidate));
    size_t longest = std::max(lower.size(), candidate.size());
    bool close = distance == 0 || (distance <= 2 && distance * 3 <= longest + 1);
    if (close && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string JoinNames(const std::vector<std::string>& names, bool quote) {
  std::string joined;
  for (const std::string& name : names) {
    if (!joined.empty()) joined += ", ";
    joined += quote ? "'" + name + "'" : name;
  }
  return joined;
}

std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates,
                       bool list_all) {
  std::string closest = ClosestName(name, candidates);
  if (!closest.empty()) return "did you mean '" + closest + "'?";
  if (list_all && !candidates.empty() && candidates.size() <= 20) {
    return "expected one of: " + JoinNames(candidates);
  }
  return "";
}

std::string Suggestions::Hint(std::string_view name, bool list_all) {
  if (budget_ <= 0) return "";
  --budget_;
  return DidYouMean(name, names_, list_all);
}

}  // namespace clerk::load
