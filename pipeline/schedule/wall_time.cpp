#include "schedule/wall_time.h"

#include <cstdio>

namespace clerk::schedule {

namespace {

// Days since 1970-01-01 to a civil date (the inverse of Date::DaysSinceEpoch), by Howard
// Hinnant's published algorithm for the proleptic Gregorian calendar.
Date CivilFromDays(long days) {
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long doe = days - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

bool TwoDigits(std::string_view text, size_t at, int& out) {
  if (at + 2 > text.size()) return false;
  char a = text[at], b = text[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  out = (a - '0') * 10 + (b - '0');
  return true;
}

}  // namespace

std::string WallTime::ToIso() const {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d", day.ToIso().c_str(), seconds / 3600,
                seconds / 60 % 60, seconds % 60);
  return buffer;
}

std::string WallTime::ToWords() const {
  char buffer[32];
  if (seconds % 60 == 0) {
    std::snprintf(buffer, sizeof buffer, "%s %02d:%02d", day.ToIso().c_str(), seconds / 3600,
                  seconds / 60 % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%s %02d:%02d:%02d", day.ToIso().c_str(), seconds / 3600,
                  seconds / 60 % 60, seconds % 60);
  }
  return buffer;
}

bool operator<(const WallTime& a, const WallTime& b) {
  int by_day = CompareDates(a.day, b.day);
  return by_day != 0 ? by_day < 0 : a.seconds < b.seconds;
}

bool operator==(const WallTime& a, const WallTime& b) {
  return CompareDates(a.day, b.day) == 0 && a.seconds == b.seconds;
}

std::optional<int> ParseTimeOfDay(std::string_view text) {
  int hours = 0, minutes = 0, seconds = 0;
  if (text.size() != 5 && text.size() != 8) return std::nullopt;
  if (!TwoDigits(text, 0, hours) || text[2] != ':' || !TwoDigits(text, 3, minutes)) {
    return std::nullopt;
  }
  if (text.size() == 8 && (text[5] != ':' || !TwoDigits(text, 6, seconds))) return std::nullopt;
  if (hours > 23 || minutes > 59 || seconds > 59) return std::nullopt;
  return hours * 3600 + minutes * 60 + seconds;
}

std::optional<WallTime> ParseWallTime(std::string_view text) {
  std::optional<Date> day = ParseIsoDay(text.substr(0, 10));
  if (!day) return std::nullopt;
  if (text.size() == 10) return WallTime{*day, 0};
  if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
  std::optional<int> seconds = ParseTimeOfDay(text.substr(11));
  if (!seconds) return std::nullopt;
  return WallTime{*day, *seconds};
}

Date AddDays(const Date& day, long days) { return CivilFromDays(day.DaysSinceEpoch() + days); }

int Weekday(const Date& day) {
  long days = day.DaysSinceEpoch();
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((days + 3) % 7 + 7) % 7);
}

const char* WeekdayName(int weekday) {
  static const char* const kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
  return weekday >= 0 && weekday < 7 ? kNames[weekday] : "?";
}

WallTime WallTimeOf(std::time_t instant) {
  std::tm local{};
  localtime_r(&instant, &local);
  return WallTime{Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday},
                  local.tm_hour * 3600 + local.tm_min * 60 + local.tm_sec};
}

std::time_t InstantOf(const WallTime& time) {
  std::tm local{};
  local.tm_year = time.day.year - 1900;
  local.tm_mon = time.day.month - 1;
  local.tm_mday = time.day.day;
  local.tm_hour = time.seconds / 3600;
  local.tm_min = time.seconds / 60 % 60;
  local.tm_sec = time.seconds % 60;
  local.tm_isdst = -1;
  return std::mktime(&local);
}

}  // namespace clerk::schedule
