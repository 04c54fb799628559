#pragma once

#include <optional>
#include <string>

#include "core/date.h"

namespace clerk {

/// What a timescale's words mean.
enum class PeriodKind {
  kDated,        ///< a start and an end: "September 2010", "Spring 2011", "2011-12"
  kOpenEnded,    ///< a start and no end: "From September 2010"
  kRecurring,    ///< repeats with no end: "Termly", "Quarterly", "Annually"
  kUnscheduled,  ///< explicitly not yet dated: "To be confirmed", "To be completed"
};

enum class Recurrence { kNone, kWeekly, kMonthly, kHalfTermly, kTermly, kQuarterly, kAnnually };

/// A timescale understood as a period. Dates are whole days (day != 0): start is the first day
/// of the period, end the last.
struct Period {
  PeriodKind kind = PeriodKind::kDated;
  std::optional<Date> start;  ///< set for kDated and kOpenEnded; may be set for kRecurring
  std::optional<Date> end;    ///< set for kDated only
  Recurrence recurrence = Recurrence::kNone;
};

const char* PeriodKindName(PeriodKind kind);
const char* RecurrenceName(Recurrence recurrence);

}  // namespace clerk
