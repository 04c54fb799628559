#pragma once

#include <optional>
#include <vector>

#include "schedule/schedule.h"
#include "schedule/wall_time.h"

/// Which periods of a job are due: the arithmetic behind `clerk run-due` and the daemon's wake-up.
namespace clerk::schedule {

/// At most this many missed periods are caught up in one go (the newest of them).
inline constexpr size_t kMaxCatchUp = 120;

/// The periods of a job to run now, and those to pass over.
struct DuePlan {
  std::vector<WallTime> run;   ///< oldest first
  std::vector<WallTime> skip;  ///< missed periods that catch_up: latest passes over
};

/// The job's periods due at `now`. `last_settled` is the latest period the registry records as
/// run or passed over (nullopt: none yet). A job seen for the first time runs only its latest
/// period at or before `now`, unless it has a `start` day: then every period from that day on
/// is missed, and caught up as the job says. A period that failed is not settled, so it is due
/// again.
DuePlan PlanDue(const Job& job, const std::optional<WallTime>& last_settled, const WallTime& now);

/// When the job is next due after `now` (now itself when it is due already); nullopt when its
/// recurrence never falls again.
std::optional<WallTime> NextDue(const Job& job, const std::optional<WallTime>& last_settled,
                                const WallTime& now);

}  // namespace clerk::schedule
