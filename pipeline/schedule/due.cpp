#include "schedule/due.h"

namespace clerk::schedule {

namespace {

// The moment just before the job's start day: occurrences after it may run.
std::optional<WallTime> BeforeStart(const Job& job) {
  if (!job.start) return std::nullopt;
  return WallTime{AddDays(*job.start, -1), 86399};
}

}  // namespace

DuePlan PlanDue(const Job& job, const std::optional<WallTime>& last_settled, const WallTime& now) {
  DuePlan plan;
  std::optional<WallTime> after = last_settled;
  std::optional<WallTime> before_start = BeforeStart(job);
  if (before_start && (!after || *after < *before_start)) after = before_start;
  std::vector<WallTime> missed;
  if (after) {
    missed = OccurrencesBetween(job.recurrence, *after, now, kMaxCatchUp);
  } else if (auto latest = LatestOccurrence(job.recurrence, now)) {
    missed.push_back(*latest);
  }
  if (missed.empty()) return plan;
  if (job.catch_up == CatchUp::kLatest) {
    plan.skip.assign(missed.begin(), missed.end() - 1);
    plan.run.push_back(missed.back());
  } else {
    plan.run = std::move(missed);
  }
  return plan;
}

std::optional<WallTime> NextDue(const Job& job, const std::optional<WallTime>& last_settled,
                                const WallTime& now) {
  if (!PlanDue(job, last_settled, now).run.empty()) return now;
  WallTime after = now;
  if (last_settled && after < *last_settled) after = *last_settled;
  std::optional<WallTime> before_start = BeforeStart(job);
  if (before_start && after < *before_start) after = *before_start;
  return NextOccurrence(job.recurrence, after);
}

}  // namespace clerk::schedule
