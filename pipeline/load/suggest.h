#pragma once

#include <string>
#include <string_view>
#include <vector>

/// "Did you mean ...?" for names that are likely misspelt (used by load, check and merge).
namespace clerk::load {

/// The candidate closest to `name`, ignoring case, when it is close enough to be a likely
/// misspelling (at most two letters added, dropped, changed or swapped, and about a third of
/// the name); "" when none is.
std::string ClosestName(std::string_view name, const std::vector<std::string>& candidates);

/// "did you mean 'X'?" when a candidate is close, else "" (or, when `list_all` is set, "expected
/// one of: a, b, c").
std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates,
                       bool list_all = true);

/// Hints for names that point nowhere, against one set of names that comes from the data (ids,
/// keys, schools). Only the first `budget` hints are worked out: a file of a hundred thousand
/// wrong names then costs no more than the few diagnostics that are shown (see
/// diagnostic_limit.h), rather than a hundred thousand times the size of the set.
class Suggestions {
 public:
  explicit Suggestions(std::vector<std::string> names, int budget = 50)
      : names_(std::move(names)), budget_(budget) {}

  const std::vector<std::string>& Names() const { return names_; }
  /// As DidYouMean(name, Names(), list_all), or "" once the budget is spent.
  std::string Hint(std::string_view name, bool list_all = true);

 private:
  std::vector<std::string> names_;
  int budget_;
};

/// "a, b, c", each quoted in single quotes when `quote` is set.
std::string JoinNames(const std::vector<std::string>& names, bool quote = false);

}  // namespace clerk::load
