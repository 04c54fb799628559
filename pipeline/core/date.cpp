#include "core/date.h"

#include <cstdio>
#include <tuple>

namespace clerk {

namespace {

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Reads exactly `count` ASCII digits at `pos`.
bool ReadDigits(std::string_view text, size_t pos, size_t count, int* value) {
  if (pos + count > text.size()) return false;
  int result = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    result = result * 10 + (text[i] - '0');
  }
  *value = result;
  return true;
}

}  // namespace

const char* MonthName(int month) { return month >= 1 && month <= 12 ? kMonthNames[month - 1] : "?"; }

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return month >= 1 && month <= 12 ? kDays[month - 1] : 0;
}

Date EndOfMonth(int year, int month) { return Date{year, month, DaysInMonth(year, month)}; }

int CompareDates(const Date& a, const Date& b) {
  auto key = [](const Date& d) { return std::make_tuple(d.year, d.month, d.DayOrFirst()); };
  if (key(a) < key(b)) return -1;
  if (key(b) < key(a)) return 1;
  return 0;
}

std::string Date::ToIso() const {
  char buffer[32];
  if (day == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  }
  return buffer;
}

std::string Date::ToWords() const {
  std::string words = std::string(MonthName(month)) + " " + std::to_string(year);
  return day == 0 ? words : std::to_string(day) + " " + words;
}

long Date::DaysSinceEpoch() const {
  // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
  int y = year - (month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + DayOrFirst() - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  Date date;
  if (!ReadDigits(text, 0, 4, &date.year) || text.size() < 7 || text[4] != '-' ||
      !ReadDigits(text, 5, 2, &date.month)) {
    return std::nullopt;
  }
  if (date.month < 1 || date.month > 12) return std::nullopt;
  if (text.size() == 7) return date;
  if (text.size() != 10 || text[7] != '-' || !ReadDigits(text, 8, 2, &date.day)) return std::nullopt;
  if (date.day < 1 || date.day > DaysInMonth(date.year, date.month)) return std::nullopt;
  return date;
}

std::optional<Date> ParseIsoDay(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return ParseIsoDate(text);
}

}  // namespace clerk
