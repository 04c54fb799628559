#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace clerk {

/// A calendar date, or a whole month when day == 0 ("2011-05").
struct Date {
  int year = 0;
  int month = 0;  ///< 1-12
  int day = 0;    ///< 1-31, or 0 for the whole month

  bool IsWholeMonth() const { return day == 0; }
  /// The day used when comparing: a whole month counts as its first day.
  int DayOrFirst() const { return day == 0 ? 1 : day; }
  /// "2011-05" or "2011-05-31".
  std::string ToIso() const;
  /// "May 2011" or "31 May 2011".
  std::string ToWords() const;
  /// Days since 1970-01-01 of DayOrFirst(); for differences between dates.
  long DaysSinceEpoch() const;
};

/// Compares by year, month, then DayOrFirst(); so 2011-05 == 2011-05-01.
int CompareDates(const Date& a, const Date& b);
inline bool operator<(const Date& a, const Date& b) { return CompareDates(a, b) < 0; }
inline bool operator<=(const Date& a, const Date& b) { return CompareDates(a, b) <= 0; }
inline bool operator>(const Date& a, const Date& b) { return CompareDates(a, b) > 0; }
inline bool operator>=(const Date& a, const Date& b) { return CompareDates(a, b) >= 0; }
inline bool operator==(const Date& a, const Date& b) { return CompareDates(a, b) == 0; }
inline bool operator!=(const Date& a, const Date& b) { return CompareDates(a, b) != 0; }

/// Parses "YYYY-MM" (a whole month) or "YYYY-MM-DD", checking that the month and the day exist.
std::optional<Date> ParseIsoDate(std::string_view text);
/// Parses "YYYY-MM-DD" only.
std::optional<Date> ParseIsoDay(std::string_view text);

int DaysInMonth(int year, int month);
/// The last day of the date's month, as a full date.
Date EndOfMonth(int year, int month);
/// English month name, 1-based ("January").
const char* MonthName(int month);

}  // namespace clerk
