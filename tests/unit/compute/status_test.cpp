#include <catch2/catch.hpp>

#include "compute/facts.h"
#include "review_builder.h"

using clerk::Action;
using clerk::Date;
using clerk::Recurrence;
using clerk::TimescaleRecord;
using clerk::compute::ActionFacts;
using clerk::compute::ActionStatus;
using clerk::compute::ActionStatusName;
using clerk::compute::ActionStatusPathName;
using clerk::compute::AllActionStatuses;
using clerk::compute::ComputeActionFacts;
using namespace clerk::compute::testing;

namespace {

const Date kAsOf = Day(2011, 5, 31);

ActionStatus StatusOf(const Action& action, const TimescaleRecord* record, Date as_of = kAsOf) {
  return ComputeActionFacts(action, record, as_of, std::nullopt).status;
}

TimescaleRecord DatedRecord(Date start, Date end) {
  return MakeTimescale("1.1", Words("some months", Dated(start, end)));
}

}  // namespace

TEST_CASE("Status names, and their figure-path forms") {
  CHECK(std::string(ActionStatusName(ActionStatus::kOnTrack)) == "on track");
  CHECK(std::string(ActionStatusName(ActionStatus::kRescheduled)) == "rescheduled");
  CHECK(ActionStatusPathName(ActionStatus::kOnTrack) == "on-track");
  CHECK(ActionStatusPathName(ActionStatus::kOverdue) == "overdue");
  CHECK(AllActionStatuses().size() == 8);
}

TEST_CASE("Rule 1: withdrawn once the withdrawal is dated on or before the as-of date") {
  Action action = MakeAction("1.1", "1");
  TimescaleRecord record =
      MakeTimescale("1.1", Words("Quarterly", Recurring(Recurrence::kQuarterly)));
  action.withdrawn = clerk::Withdrawal{{Day(2011, 5, 31), {}}, Text("Replaced")};
  CHECK(StatusOf(action, &record) == ActionStatus::kWithdrawn);
  action.withdrawn->date.value = Month(2011, 5);  // a whole month counts as its first day
  CHECK(StatusOf(action, &record) == ActionStatus::kWithdrawn);
  ActionFacts facts = ComputeActionFacts(action, &record, kAsOf, std::nullopt);
  CHECK(facts.withdrawn == Month(2011, 5));
  CHECK(facts.withdrawn_reason == "Replaced");
  action.withdrawn->date.value = Day(2011, 6, 1);
  CHECK(StatusOf(action, &record) == ActionStatus::kOngoing);
  CHECK_FALSE(ComputeActionFacts(action, &record, kAsOf, std::nullopt).withdrawn);
  // Withdrawal comes before completion.
  action.withdrawn->date.value = Month(2011, 1);
  action.completed = clerk::Located<Date>{Month(2010, 12), {}};
  CHECK(StatusOf(action, &record) == ActionStatus::kWithdrawn);
}

TEST_CASE("Rule 2: complete once completed on or before the as-of date") {
  Action action = MakeAction("1.1", "1");
  TimescaleRecord record = DatedRecord(Day(2010, 9, 1), Day(2010, 9, 30));
  action.completed = clerk::Located<Date>{Day(2011, 5, 31), {}};
  CHECK(StatusOf(action, &record) == ActionStatus::kComplete);
  CHECK(ComputeActionFacts(action, &record, kAsOf, std::nullopt).completed == Day(2011, 5, 31));
  action.completed->value = Month(2011, 6);
  CHECK(StatusOf(action, &record) == ActionStatus::kOverdue);
  CHECK_FALSE(ComputeActionFacts(action, &record, kAsOf, std::nullopt).completed);
}

TEST_CASE("Rules 3 and 4: a revised or actual timescale in force makes the action rescheduled") {
  Action action = MakeAction("1.4", "1");
  TimescaleRecord record = MakeTimescale(
      "1.4", Words("September 2011 – July 2012", Dated(Day(2011, 9, 1), Day(2012, 7, 31))));
  record.revised =
      Change(Month(2010, 11),
             Words("From November 2010-July 2011", Dated(Day(2010, 11, 1), Day(2011, 7, 31))),
             std::string("budget"));
  record.actual = Change(Month(2011, 5), Words("November 2010 to December 2011",
                                               Dated(Day(2010, 11, 1), Day(2011, 12, 31))));

  // Before the revision: the plan is in force.
  ActionFacts october = ComputeActionFacts(action, &record, Day(2010, 10, 31), std::nullopt);
  CHECK(october.status == ActionStatus::kOnTrack);
  CHECK(october.timescale == "September 2011 – July 2012");
  CHECK(october.revised.empty());
  CHECK(october.actual.empty());
  CHECK(october.due == Day(2012, 7, 31));

  // From the revision's month (its first day) the revision is in force.
  ActionFacts november = ComputeActionFacts(action, &record, Day(2010, 11, 1), std::nullopt);
  CHECK(november.status == ActionStatus::kRescheduled);
  CHECK(november.timescale == "From November 2010-July 2011");
  CHECK(november.planned == "September 2011 – July 2012");
  CHECK(november.revised == "From November 2010-July 2011");
  CHECK(november.revised_reason == "budget");
  CHECK(november.actual.empty());
  CHECK(november.due == Day(2011, 7, 31));

  // Once the actual timescale is recorded it replaces the revision.
  ActionFacts may = ComputeActionFacts(action, &record, kAsOf, std::nullopt);
  CHECK(may.status == ActionStatus::kRescheduled);
  CHECK(may.timescale == "November 2010 to December 2011");
  CHECK(may.actual == "November 2010 to December 2011");
  CHECK(may.revised.empty());
  CHECK(may.revised_reason.empty());
  CHECK(may.due == Day(2011, 12, 31));

  // Rescheduled even when the revision is not understood or unscheduled ("To be completed").
  TimescaleRecord unscheduled =
      MakeTimescale("1.5", Words("September 2010", Dated(Day(2010, 9, 1), Day(2010, 9, 30))));
  unscheduled.revised = Change(Month(2011, 5), Words("To be completed", Unscheduled()));
  CHECK(StatusOf(action, &unscheduled) == ActionStatus::kRescheduled);
  CHECK(StatusOf(action, &unscheduled, Day(2011, 4, 30)) == ActionStatus::kOverdue);
  CHECK_FALSE(ComputeActionFacts(action, &unscheduled, kAsOf, std::nullopt).due);
}

TEST_CASE("Rule 5: recurring and open-ended timescales are ongoing") {
  Action action = MakeAction("1.1", "1");
  TimescaleRecord termly = MakeTimescale("1.1", Words("Termly", Recurring(Recurrence::kTermly)));
  CHECK(StatusOf(action, &termly) == ActionStatus::kOngoing);
  TimescaleRecord from =
      MakeTimescale("1.1", Words("From September 2010", OpenEnded(Day(2010, 9, 1))));
  CHECK(StatusOf(action, &from) == ActionStatus::kOngoing);
  CHECK_FALSE(ComputeActionFacts(action, &from, kAsOf, std::nullopt).due);
}

TEST_CASE("Rule 6: timescales not understood, unscheduled, or missing are unknown") {
  Action action = MakeAction("1.1", "1");
  TimescaleRecord words = MakeTimescale("1.1", Words("When funds allow", std::nullopt));
  CHECK(StatusOf(action, &words) == ActionStatus::kUnknown);
  CHECK(ComputeActionFacts(action, &words, kAsOf, std::nullopt).timescale == "When funds allow");
  TimescaleRecord later = MakeTimescale("1.1", Words("To be confirmed", Unscheduled()));
  CHECK(StatusOf(action, &later) == ActionStatus::kUnknown);
  CHECK(StatusOf(action, nullptr) == ActionStatus::kUnknown);
  ActionFacts none = ComputeActionFacts(action, nullptr, kAsOf, std::nullopt);
  CHECK(none.timescale.empty());
  CHECK(none.planned.empty());
}

TEST_CASE("Rule 7: dated timescales are overdue, due or on track, at the day") {
  Action action = MakeAction("1.1", "1");
  auto status = [&](Date start, Date end) {
    TimescaleRecord record = DatedRecord(start, end);
    return StatusOf(action, &record);
  };
  CHECK(status(Day(2011, 5, 1), Day(2011, 5, 30)) == ActionStatus::kOverdue);
  CHECK(status(Day(2011, 5, 1), Day(2011, 5, 31)) == ActionStatus::kDue);      // ends today
  CHECK(status(Day(2011, 5, 31), Day(2011, 7, 1)) == ActionStatus::kDue);      // 31 days left
  CHECK(status(Day(2011, 1, 1), Day(2011, 7, 2)) == ActionStatus::kOnTrack);   // 32 days left
  CHECK(status(Day(2011, 6, 1), Day(2011, 6, 30)) == ActionStatus::kOnTrack);  // not started
  CHECK(status(Day(2010, 9, 1), Day(2011, 8, 31)) == ActionStatus::kOnTrack);
  TimescaleRecord record = DatedRecord(Day(2010, 9, 1), Day(2010, 9, 30));
  ActionFacts facts = ComputeActionFacts(action, &record, kAsOf, std::nullopt);
  CHECK(facts.status == ActionStatus::kOverdue);
  CHECK(facts.due == Day(2010, 9, 30));
  CHECK(facts.timescale == "some months");
}

TEST_CASE("The wording in force is the latest revision dated on or before the as-of date") {
  Action action = MakeAction("1.2", "1", "Resources relaunched.");
  action.revisions.push_back({{Month(2011, 5), {}}, Text("LP resources relaunched.")});
  action.revisions.push_back(
      {{Month(2010, 12), {}}, Text("Learning Platform resources relaunched.")});
  action.revisions.push_back({{Month(2011, 6), {}}, Text("Too late.")});
  CHECK(ComputeActionFacts(action, nullptr, Day(2010, 11, 30), std::nullopt).text ==
        "Resources relaunched.");
  CHECK(ComputeActionFacts(action, nullptr, Day(2010, 12, 1), std::nullopt).text ==
        "Learning Platform resources relaunched.");
  CHECK(ComputeActionFacts(action, nullptr, kAsOf, std::nullopt).text ==
        "LP resources relaunched.");
}

TEST_CASE("A report shows updates dated up to its as-of date, those after the previous are new") {
  Action action = MakeAction("1.2", "1");
  action.updates = {Update(Month(2010, 11), "reviewed"), Update(Day(2010, 11, 30), "advertised"),
                    Update(Month(2011, 5), "relaunched"), Update(Day(2011, 6, 1), "later")};
  action.part = Text("a");
  ActionFacts facts = ComputeActionFacts(action, nullptr, kAsOf, Day(2010, 11, 30));
  CHECK(facts.part == "a");
  CHECK(facts.recommendation == "1");
  REQUIRE(facts.updates.size() == 3);
  CHECK(facts.updates[0].text == "reviewed");
  CHECK_FALSE(facts.updates[0].is_new);
  CHECK_FALSE(facts.updates[1].is_new);  // dated the previous as-of day: not new
  CHECK(facts.updates[2].is_new);
  CHECK(facts.updates[2].date == Month(2011, 5));

  // With no previous report every update shown is new.
  ActionFacts first = ComputeActionFacts(action, nullptr, Day(2010, 11, 30), std::nullopt);
  REQUIRE(first.updates.size() == 2);
  CHECK(first.updates[0].is_new);
  CHECK(first.updates[1].is_new);
}

TEST_CASE("Updates are shown oldest first even when recorded out of order") {
  Action action = MakeAction("1.2", "1");
  action.updates = {Update(Month(2011, 5), "second"), Update(Month(2010, 11), "first"),
                    Update(Month(2011, 5), "third")};
  ActionFacts facts = ComputeActionFacts(action, nullptr, kAsOf, std::nullopt);
  REQUIRE(facts.updates.size() == 3);
  CHECK(facts.updates[0].text == "first");
  CHECK(facts.updates[1].text == "second");
  CHECK(facts.updates[2].text == "third");
}
