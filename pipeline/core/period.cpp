#include "core/period.h"

namespace clerk {

const char* PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kDated:
      return "dated";
    case PeriodKind::kOpenEnded:
      return "open-ended";
    case PeriodKind::kRecurring:
      return "recurring";
    case PeriodKind::kUnscheduled:
      return "unscheduled";
  }
  return "dated";
}

const char* RecurrenceName(Recurrence recurrence) {
  switch (recurrence) {
    case Recurrence::kNone:
      return "none";
    case Recurrence::kWeekly:
      return "weekly";
    case Recurrence::kMonthly:
      return "monthly";
    case Recurrence::kHalfTermly:
      return "half-termly";
    case Recurrence::kTermly:
      return "termly";
    case Recurrence::kQuarterly:
      return "quarterly";
    case Recurrence::kAnnually:
      return "annually";
  }
  return "none";
}

}  // namespace clerk
