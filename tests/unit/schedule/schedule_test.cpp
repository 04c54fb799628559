// The schedule: reading schedule.yaml with located diagnostics, the `when:` forms and the
// arithmetic of their occurrences, which periods are due, and report templates.
#include "schedule/schedule.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/file_system.h"
#include "schedule/due.h"
#include "schedule/recurrence.h"
#include "schedule/report_template.h"
#include "schedule/wall_time.h"

using namespace clerk;
using namespace clerk::schedule;

namespace {

WallTime At(const std::string& text) {
  std::optional<WallTime> time = ParseWallTime(text);
  REQUIRE(time);
  return *time;
}

Recurrence When(const std::string& text) {
  RecurrenceError error;
  std::optional<Recurrence> recurrence = ParseRecurrence(text, error);
  INFO(error.message);
  REQUIRE(recurrence);
  return *recurrence;
}

std::string WhenError(const std::string& text) {
  RecurrenceError error;
  REQUIRE_FALSE(ParseRecurrence(text, error));
  return std::to_string(error.offset) + ": " + error.message;
}

std::string Next(const std::string& when, const std::string& after) {
  std::optional<WallTime> next = NextOccurrence(When(when), At(after));
  return next ? next->ToIso() : "never";
}

std::string Latest(const std::string& when, const std::string& at) {
  std::optional<WallTime> latest = LatestOccurrence(When(when), At(at));
  return latest ? latest->ToIso() : "never";
}

// "file:line:column: severity: message" for each diagnostic, in order.
std::vector<std::string> Lines(const Diagnostics& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    lines.push_back(d.where.file + ":" + std::to_string(d.where.line) + ":" +
                    std::to_string(d.where.column) + ": " + SeverityName(d.severity) + ": " +
                    d.message);
  }
  return lines;
}

MemoryFileSystem FilesWith(const std::string& schedule) {
  MemoryFileSystem files;
  files.Add("council/schedule.yaml", schedule);
  files.Add("council/inputs/ks2/review.yaml", "title: x\n");
  return files;
}

Job MonthlyJob(CatchUp catch_up, std::optional<Date> start = std::nullopt) {
  Job job;
  job.name.value = "monthly";
  job.recurrence = When("monthly on day 1 at 06:00");
  job.catch_up = catch_up;
  job.start = start;
  return job;
}

std::vector<std::string> Isos(const std::vector<WallTime>& times) {
  std::vector<std::string> out;
  for (const WallTime& time : times) out.push_back(time.ToIso());
  return out;
}

}  // namespace

TEST_CASE("wall times parse and compare") {
  CHECK(At("2026-11-15").ToIso() == "2026-11-15T00:00:00");
  CHECK(At("2026-11-15T10:30").ToIso() == "2026-11-15T10:30:00");
  CHECK(At("2026-11-15 10:30:05").ToWords() == "2026-11-15 10:30:05");
  CHECK_FALSE(ParseWallTime("2026-02-30"));
  CHECK_FALSE(ParseWallTime("2026-11-15T24:00"));
  CHECK_FALSE(ParseWallTime("15/11/2026"));
  CHECK(At("2026-11-15T10:00") < At("2026-11-15T10:01"));
  CHECK(Weekday(Date{2026, 11, 26}) == 3);  // a Thursday
  CHECK(AddDays(Date{2026, 12, 31}, 1).ToIso() == "2027-01-01");
  CHECK(AddDays(Date{2024, 3, 1}, -1).ToIso() == "2024-02-29");
}

TEST_CASE("monthly on a day, at a time, and a short month runs on its last day") {
  CHECK(Next("monthly on day 1 at 06:00", "2026-11-15T10:00") == "2026-12-01T06:00:00");
  CHECK(Next("monthly on day 1 at 06:00", "2026-11-01T05:59:59") == "2026-11-01T06:00:00");
  CHECK(Next("monthly on day 1 at 06:00", "2026-11-01T06:00") == "2026-12-01T06:00:00");
  CHECK(Next("monthly on day 31", "2026-11-01") == "2026-11-30T00:00:00");
  CHECK(Next("monthly on day 30", "2027-02-01") == "2027-02-28T00:00:00");
  CHECK(Latest("Monthly On Day 15 at 09:30", "2026-11-15T09:29") == "2026-10-15T09:30:00");
}

TEST_CASE("the last working day, a weekday of the month, weekly and daily") {
  // 31 October 2026 is a Saturday; 28 February 2027 a Sunday.
  CHECK(Next("monthly on the last working day at 18:00", "2026-10-01") == "2026-10-30T18:00:00");
  CHECK(Next("monthly on the last working day", "2027-02-01") == "2027-02-26T00:00:00");
  CHECK(Next("monthly on the first Monday", "2026-11-15") == "2026-12-07T00:00:00");
  CHECK(Next("monthly on the last friday at 17:00", "2026-11-01") == "2026-11-27T17:00:00");
  CHECK(Next("monthly on the second tue", "2026-11-01") == "2026-11-10T00:00:00");
  CHECK(Next("weekly on Monday at 07:00", "2026-11-26") == "2026-11-30T07:00:00");
  CHECK(Next("daily at 00:00:05", "2026-11-26T00:00:05") == "2026-11-27T00:00:05");
}

TEST_CASE("cron expressions") {
  CHECK(Next("cron 0 6 1 * *", "2026-11-15") == "2026-12-01T06:00:00");
  CHECK(Next("cron */15 9-10 * * mon-fri", "2026-11-27T10:50") == "2026-11-30T09:00:00");
  CHECK(Next("cron 30 8 * jan,jul *", "2026-11-27") == "2027-01-01T08:30:00");
  // Both day fields restricted: either matching is enough, as cron does it.
  CHECK(Next("cron 0 0 13 * 5", "2026-11-01") == "2026-11-06T00:00:00");
  CHECK(Next("cron 0 0 * * 0", "2026-11-26") == "2026-11-29T00:00:00");  // Sunday
  CHECK(Next("cron 0 0 * * 7", "2026-11-26") == "2026-11-29T00:00:00");
  CHECK(Next("cron 0 0 30 feb *", "2026-11-26") == "never");
}

TEST_CASE("a when: that is not understood says where and why") {
  CHECK(WhenError("fortnightly") ==
        "0: should begin with daily, weekly, monthly or cron, not "
        "'fortnightly'");
  CHECK(WhenError("monthly on day 32") ==
        "15: expected a day of the month from 1 to 31 after "
        "'day'");
  CHECK(WhenError("monthly on the fifth Monday") ==
        "15: expected first, second, third, fourth or last, not 'fifth'");
  CHECK(WhenError("weekly on Funday") ==
        "10: 'funday' is not a day of the week (Monday ... "
        "Sunday)");
  CHECK(WhenError("daily at 6am") == "9: '6am' is not a time of day (HH:MM or HH:MM:SS)");
  CHECK(WhenError("daily at 06:00 sharp") == "15: unexpected 'sharp' after the time");
  CHECK(WhenError("monthly") ==
        "7: expected 'on day N', 'on the last working day' or 'on the "
        "first Monday' after 'monthly'");
  CHECK(WhenError("cron 0 6 1 *") ==
        "12: a cron expression has five fields (minute hour "
        "day-of-month month day-of-week), not 4");
  CHECK(WhenError("cron 0 25 * * *") == "7: '25' is not a hour (0-23)");
  CHECK(WhenError("cron 0 6 * * 1/0") ==
        "15: the step in the day of the week field should be "
        "a number of 1 or more");
}

TEST_CASE("a good schedule is read with its paths relative to its own folder") {
  MemoryFileSystem files = FilesWith(
      "jobs:\n"
      "  - name: monthly\n"
      "    review: inputs/ks2\n"
      "    reports: [cssc-2011-06]\n"
      "    report_template:\n"
      "      from: cssc-2011-06\n"
      "      id: progress-{yyyy}-{mm}\n"
      "      title: 'Progress, {month} {yyyy}: see {{appendix:action-plan}}'\n"
      "    when: monthly on day 1 at 06:00\n"
      "    catch_up: latest\n"
      "    start: 2026-09-01\n"
      "    output: drafts\n");
  Diagnostics diagnostics;
  std::optional<Schedule> schedule = LoadSchedule(files, "council/schedule.yaml", diagnostics);
  INFO(FormatDiagnostics(diagnostics, files));
  REQUIRE(schedule);
  CHECK(diagnostics.Empty());
  CHECK(schedule->output_dir == "council/outputs");
  REQUIRE(schedule->jobs.size() == 1);
  const Job& job = schedule->jobs[0];
  CHECK(job.review_folder == "council/inputs/ks2");
  CHECK(job.output_dir == "council/drafts");
  CHECK(job.catch_up == CatchUp::kLatest);
  CHECK(job.start->ToIso() == "2026-09-01");
  REQUIRE(job.report_template);
  CHECK(job.report_template->fields.size() == 2);
  CHECK(InstanceId(*job.report_template, At("2026-11-01T06:00")) == "progress-2026-11");
}

TEST_CASE("a bad schedule gets every problem at its line and column") {
  MemoryFileSystem files = FilesWith(
      "jobs:\n"
      "  - name: monthly\n"
      "    review: inputs/ks3\n"
      "    reports: [cssc-2011-06]\n"
      "    when: monthly on day 0 at 06:00\n"
      "    catch_up: some\n"
      "    colour: blue\n"
      "  - name: monthly\n"
      "    review: inputs/ks2\n"
      "    report_template:\n"
      "      from: cssc-2011-06\n"
      "      id: progress-{year}\n"
      "    when: \"weekly on Funday\"\n"
      "  - name: idle\n"
      "    review: inputs/ks2\n"
      "    when: daily\n"
      "    start: 2026-13-01\n");
  Diagnostics diagnostics;
  CHECK_FALSE(LoadSchedule(files, "council/schedule.yaml", diagnostics));
  CHECK(Lines(diagnostics) ==
        std::vector<std::string>{
            "council/schedule.yaml:3:13: error: there is no review folder 'council/inputs/ks3'",
            "council/schedule.yaml:5:26: error: 'when' expected a day of the month from 1 to 31 "
            "after 'day'",
            "council/schedule.yaml:6:15: error: catch_up should be all or latest, not 'some'",
            "council/schedule.yaml:7:5: error: unknown field 'colour' in job 'monthly'",
            "council/schedule.yaml:12:20: error: '{year}' is not a placeholder a report "
            "template knows",
            "council/schedule.yaml:13:22: error: 'when' 'funday' is not a day of the week "
            "(Monday ... Sunday)",
            "council/schedule.yaml:14:5: error: job 'idle' builds nothing",
            "council/schedule.yaml:17:12: error: start day '2026-13-01' is not a date (expected "
            "YYYY-MM-DD)",
        });
}

TEST_CASE("a missing schedule and one without jobs") {
  MemoryFileSystem files = FilesWith("output: outputs\n");
  Diagnostics missing;
  CHECK_FALSE(LoadSchedule(files, "council/nowhere.yaml", missing));
  CHECK(Lines(missing) == std::vector<std::string>{
                              "council/nowhere.yaml:0:0: error: there is no schedule file here"});
  Diagnostics no_jobs;
  CHECK_FALSE(LoadSchedule(files, "council/schedule.yaml", no_jobs));
  CHECK(Lines(no_jobs) ==
        std::vector<std::string>{"council/schedule.yaml:1:1: error: the schedule has no 'jobs'"});
}

TEST_CASE("a job seen for the first time runs its latest period only") {
  DuePlan plan = PlanDue(MonthlyJob(CatchUp::kAll), std::nullopt, At("2026-11-15T10:00"));
  CHECK(Isos(plan.run) == std::vector<std::string>{"2026-11-01T06:00:00"});
  CHECK(plan.skip.empty());
}

TEST_CASE("a settled period is not due again until the next one") {
  Job job = MonthlyJob(CatchUp::kAll);
  WallTime november = At("2026-11-01T06:00");
  CHECK(PlanDue(job, november, At("2026-11-30T23:59:59")).run.empty());
  CHECK(NextDue(job, november, At("2026-11-15"))->ToIso() == "2026-12-01T06:00:00");
  CHECK(Isos(PlanDue(job, november, At("2026-12-01T06:00")).run) ==
        std::vector<std::string>{"2026-12-01T06:00:00"});
}

TEST_CASE("missed periods are caught up oldest first, or only the latest") {
  WallTime august = At("2026-08-01T06:00");
  DuePlan all = PlanDue(MonthlyJob(CatchUp::kAll), august, At("2026-11-15"));
  CHECK(Isos(all.run) == std::vector<std::string>{"2026-09-01T06:00:00", "2026-10-01T06:00:00",
                                                  "2026-11-01T06:00:00"});
  CHECK(all.skip.empty());
  DuePlan latest = PlanDue(MonthlyJob(CatchUp::kLatest), august, At("2026-11-15"));
  CHECK(Isos(latest.run) == std::vector<std::string>{"2026-11-01T06:00:00"});
  CHECK(Isos(latest.skip) ==
        std::vector<std::string>{"2026-09-01T06:00:00", "2026-10-01T06:00:00"});
}

TEST_CASE("a start day makes every period since it due, and none before it") {
  Job job = MonthlyJob(CatchUp::kAll, Date{2026, 10, 1});
  CHECK(Isos(PlanDue(job, std::nullopt, At("2026-11-15")).run) ==
        std::vector<std::string>{"2026-10-01T06:00:00", "2026-11-01T06:00:00"});
  Job later = MonthlyJob(CatchUp::kAll, Date{2027, 1, 1});
  CHECK(PlanDue(later, std::nullopt, At("2026-11-15")).run.empty());
  CHECK(NextDue(later, std::nullopt, At("2026-11-15"))->ToIso() == "2027-01-01T06:00:00");
}

TEST_CASE("a long stop catches up at most kMaxCatchUp periods, the newest") {
  Job job = MonthlyJob(CatchUp::kAll);
  job.recurrence = When("daily");
  DuePlan plan = PlanDue(job, At("2026-01-01"), At("2026-12-31"));
  REQUIRE(plan.run.size() == kMaxCatchUp);
  CHECK(plan.run.back().ToIso() == "2026-12-31T00:00:00");
}

TEST_CASE("a report template copies the report with its fields set for the period") {
  MemoryFileSystem files;
  files.Add("r/reports/base.yaml", "x");
  files.Add("r/reports/progress-2026-10.yaml", "x");
  Job job = MonthlyJob(CatchUp::kAll);
  job.name.value = "progress";
  job.review_folder = "r";
  ReportTemplate report_template;
  report_template.from.value = "base";
  report_template.id.value = "progress-{yyyy}-{mm}";
  report_template.fields = {{{"id", {}}, {"progress-{yyyy}-{mm}", {}}},
                            {{"as_of", {}}, {"{day_before}", {}}},
                            {{"previous", {}}, {"{previous}", {}}},
                            {{"title", {}}, {"Progress, {month} \"{yyyy}\" {{figure:x}}", {}}}};
  job.report_template = report_template;
  std::string source =
      "# the base report\n"
      "id: base\n"
      "as_of: 2011-05-31\n"
      "title: >-\n"
      "  A folded\n"
      "  title\n"
      "# about the author\n"
      "author: Director\n";
  Diagnostics diagnostics;
  std::optional<std::string> text = InstantiateReport("r/reports/base.yaml", source, job,
                                                      At("2026-11-01T06:00"), files, diagnostics);
  REQUIRE(text);
  CHECK(*text ==
        "# Made by clerk run-due for job 'progress', period 2026-11-01 06:00, from report base\n"
        "# with the fields at the end set by the schedule. Edit it freely: run-due never makes "
        "it again.\n"
        "# the base report\n"
        "author: Director\n"
        "# Set by the schedule for 2026-11-01 06:00:\n"
        "id: \"progress-2026-11\"\n"
        "as_of: \"2026-10-31\"\n"
        "previous: \"progress-2026-10\"\n"
        "title: \"Progress, November \\\"2026\\\" {{figure:x}}\"\n");
  // December's previous report is November's only once November's file exists.
  CHECK(PreviousInstanceId(files, job, At("2026-12-01T06:00")) == "base");
  CHECK(PreviousInstanceId(files, job, At("2026-11-01T06:00")) == "progress-2026-10");
}

TEST_CASE("the example schedule.yaml at the top of the repository is a good schedule") {
  DiskFileSystem files;
  Diagnostics diagnostics;
  std::optional<Schedule> schedule =
      LoadSchedule(files, std::string(CLERK_SOURCE_DIR) + "/schedule.yaml", diagnostics);
  INFO(FormatDiagnostics(diagnostics, files));
  REQUIRE(schedule);
  CHECK(diagnostics.Empty());
  REQUIRE(schedule->jobs.size() == 2);
  CHECK(schedule->jobs[0].review_folder ==
        std::string(CLERK_SOURCE_DIR) + "/inputs/ks2-maths-scrutiny");
  CHECK(NextDue(schedule->jobs[1], At("2026-10-30T18:00"), At("2026-11-01"))->ToIso() ==
        "2026-11-30T18:00:00");
}
