#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

/// Times on the local wall clock, as a schedule names them ("the 1st at 06:00"): a day and the
/// seconds since its midnight. Schedules are kept in wall-clock terms so that a monthly job stays
/// at 06:00 across a change to summer time; only the daemon turns them into instants to sleep.
namespace clerk::schedule {

/// A moment on the local wall clock, to the second.
struct WallTime {
  Date day;         ///< a whole date (day != 0)
  int seconds = 0;  ///< since midnight, 0..86399

  /// "2026-11-01T06:00:00": sortable as text, which is how the registry stores periods.
  std::string ToIso() const;
  /// "2026-11-01 06:00" (seconds shown only when not zero): for messages.
  std::string ToWords() const;
};

bool operator<(const WallTime& a, const WallTime& b);
bool operator==(const WallTime& a, const WallTime& b);
inline bool operator!=(const WallTime& a, const WallTime& b) { return !(a == b); }
inline bool operator<=(const WallTime& a, const WallTime& b) { return !(b < a); }
inline bool operator>(const WallTime& a, const WallTime& b) { return b < a; }
inline bool operator>=(const WallTime& a, const WallTime& b) { return !(a < b); }

/// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a space may stand for the
/// T). nullopt when it is none of these or names a day or time that does not exist.
std::optional<WallTime> ParseWallTime(std::string_view text);
/// Parses "HH:MM" or "HH:MM:SS" into seconds since midnight.
std::optional<int> ParseTimeOfDay(std::string_view text);

/// The day `days` days after `day` (negative: before).
Date AddDays(const Date& day, long days);
/// 0 = Monday ... 6 = Sunday.
int Weekday(const Date& day);
/// "Monday" ... "Sunday".
const char* WeekdayName(int weekday);

/// The local wall-clock time of an instant, and back (a time skipped by a change to summer
/// time is taken as the instant after the gap).
WallTime WallTimeOf(std::time_t instant);
std::time_t InstantOf(const WallTime& time);

}  // namespace clerk::schedule
