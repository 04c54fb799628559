#pragma once

#include <bitset>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "schedule/wall_time.h"

/// When a job runs: the forms an operator writes in a schedule's `when:` (docs/schedule.md),
/// and the arithmetic of their occurrences on the local wall clock.
namespace clerk::schedule {

enum class RecurrenceKind {
  kDaily,                  ///< "daily at 06:00"
  kWeekly,                 ///< "weekly on Monday at 06:00"
  kMonthlyDay,             ///< "monthly on day 1 at 06:00" (a shorter month: its last day)
  kMonthlyWeekday,         ///< "monthly on the first Monday", "... the last Friday"
  kMonthlyLastWorkingDay,  ///< "monthly on the last working day": the last Monday to Friday
  kCron,                   ///< "cron 0 6 1 * *": minute hour day-of-month month day-of-week
};

/// The five fields of a cron expression, as sets of the values they allow.
struct CronFields {
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days;              ///< 1-31
  std::bitset<13> months;            ///< 1-12
  std::bitset<7> weekdays;           ///< 0 = Monday ... 6 = Sunday
  bool days_restricted = false;      ///< day-of-month was not "*"
  bool weekdays_restricted = false;  ///< day-of-week was not "*"
};

struct Recurrence {
  RecurrenceKind kind = RecurrenceKind::kMonthlyDay;
  int day = 1;      ///< kMonthlyDay: 1-31
  int weekday = 0;  ///< kWeekly, kMonthlyWeekday: 0 = Monday ... 6 = Sunday
  int nth = 1;      ///< kMonthlyWeekday: 1-4, or -1 for the last
  int time = 0;     ///< seconds since midnight (not kCron)
  CronFields cron;  ///< kCron
};

/// What is wrong with a `when:` text, and the byte offset in it where the problem is.
struct RecurrenceError {
  std::string message;
  size_t offset = 0;
};

/// Parses a `when:` text. Words are case-insensitive. nullopt with `error` set when it is not
/// one of the forms of docs/schedule.md.
std::optional<Recurrence> ParseRecurrence(std::string_view text, RecurrenceError& error);

/// The times of day (seconds since midnight, ascending) at which the recurrence falls on `day`.
std::vector<int> OccurrencesOn(const Recurrence& recurrence, const Date& day);

/// The first occurrence strictly after `after`; nullopt when there is none within ten years
/// (a cron expression for the 31st of February).
std::optional<WallTime> NextOccurrence(const Recurrence& recurrence, const WallTime& after);

/// The latest occurrence at or before `at`; nullopt when there is none in the ten years before.
std::optional<WallTime> LatestOccurrence(const Recurrence& recurrence, const WallTime& at);

/// Every occurrence in (after, until], oldest first, at most `limit` of them (the newest kept).
std::vector<WallTime> OccurrencesBetween(const Recurrence& recurrence, const WallTime& after,
                                         const WallTime& until, size_t limit);

}  // namespace clerk::schedule
