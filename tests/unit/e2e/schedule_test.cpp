// End to end: `clerk run-due` and `clerk runs` with the real program, a real registry and copies
// of the example review, each test in a council folder of its own.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/Process.h>
#include <signal.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "run_program.h"

using clerk::testing::ProgramResult;
using clerk::testing::ReadWholeFile;
using clerk::testing::RunClerk;
using clerk::testing::TemporaryDirectory;
using clerk::testing::WriteWholeFile;

namespace fs = std::filesystem;

namespace {

const char* const kExample = "inputs/ks2-maths-scrutiny";

// A council's working folder with copies of the example review under inputs/, a schedule.yaml
// written by the test, and outputs/ once something runs.
class Council {
 public:
  explicit Council(const std::vector<std::string>& reviews = {"ks2"}) {
    for (const std::string& review : reviews) {
      fs::create_directories(Path("inputs"));
      fs::copy(kExample, Path("inputs/" + review), fs::copy_options::recursive);
    }
  }

  std::string Path(const std::string& relative) const { return dir_.Path() + "/" + relative; }
  void Schedule(const std::string& text) const { WriteWholeFile(Path("schedule.yaml"), text); }
  ProgramResult Clerk(std::vector<std::string> arguments) const {
    return RunClerk(arguments, dir_.Path());
  }
  ProgramResult RunDue(const std::string& now) const {
    return Clerk({"run-due", "--now", now, "-q"});
  }

  std::vector<std::string> Files(const std::string& folder, const std::string& ending) const {
    std::vector<std::string> names;
    if (!fs::is_directory(Path(folder))) return names;
    for (const auto& entry : fs::directory_iterator(Path(folder))) {
      std::string name = entry.path().filename().string();
      if (name.size() >= ending.size() &&
          name.compare(name.size() - ending.size(), ending.size(), ending) == 0) {
        names.push_back(name);
      }
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  Poco::JSON::Object::Ptr Manifest(int run) const {
    std::string id = std::to_string(run);
    std::string text =
        ReadWholeFile(Path("outputs/runs/run-" + std::string(6 - id.size(), '0') + id + ".json"));
    REQUIRE_FALSE(text.empty());
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
  }

 private:
  TemporaryDirectory dir_;
};

// "job period state" for each period of a manifest, in order.
std::vector<std::string> Periods(const Poco::JSON::Object::Ptr& manifest) {
  std::vector<std::string> out;
  Poco::JSON::Array::Ptr jobs = manifest->getArray("jobs");
  for (size_t i = 0; i < jobs->size(); ++i) {
    Poco::JSON::Object::Ptr job = jobs->getObject(static_cast<unsigned>(i));
    out.push_back(job->getValue<std::string>("job") + " " + job->getValue<std::string>("period") +
                  " " + job->getValue<std::string>("state"));
  }
  return out;
}

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

const char* const kMonthly =
    "jobs:\n"
    "  - name: monthly\n"
    "    review: inputs/ks2\n"
    "    reports: [cssc-2011-06]\n"
    "    when: monthly on day 1 at 06:00\n";

}  // namespace

TEST_CASE("run-due: a monthly job runs once for November however often it is called") {
  Council council;
  council.Schedule(kMonthly);
  ProgramResult first = council.RunDue("2026-11-01T06:00");
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out ==
        "run 1 as of 2026-11-01 06:00: 1 period run, 1 report built (1 new draft, 0 unchanged); "
        "manifest outputs/runs/run-000001.json\n");
  std::vector<std::string> pdfs = council.Files("outputs", ".pdf");
  CHECK(pdfs == std::vector<std::string>{"CSSC-2011-01-draft-v1.pdf"});
  // The run lock's file is rewritten by every call (the pid of its holder); nothing else is.
  auto snapshot = [&] {
    std::vector<std::string> files = clerk::testing::SnapshotTree(council.Path("outputs"));
    files.erase(std::remove_if(
                    files.begin(), files.end(),
                    [](const std::string& f) { return f.rfind("registry.db-run.lock", 0) == 0; }),
                files.end());
    return files;
  };
  auto before = snapshot();
  // 99 more calls through November, hours apart: none runs anything or writes anything.
  for (int i = 1; i < 100; ++i) {
    std::string day = std::to_string(1 + i * 29 / 99);
    std::string hour = std::to_string(10 + i % 10);
    ProgramResult again = council.RunDue("2026-11-" + std::string(day.size() == 1 ? "0" : "") +
                                         day + "T" + hour + ":00");
    REQUIRE(again.exit_code == 0);
    REQUIRE(again.out.rfind("run-due: nothing due at 2026-11-", 0) == 0);
    REQUIRE(again.out.find("next: monthly at 2026-12-01 06:00") != std::string::npos);
  }
  CHECK(snapshot() == before);
  ProgramResult runs = council.Clerk({"runs"});
  CHECK(runs.exit_code == 0);
  CHECK(Count(runs.out, "\nrun ") + (runs.out.rfind("run ", 0) == 0 ? 1 : 0) == 1);
  CHECK(runs.out.find("  monthly 2026-11-01 06:00: done, 1 report: 1 new draft, 0 unchanged\n") !=
        std::string::npos);
  // December is due on the 1st at 06:00, not a second before.
  CHECK(council.RunDue("2026-12-01T05:59:59").out.rfind("run-due: nothing due", 0) == 0);
  ProgramResult december = council.RunDue("2026-12-01T06:00");
  CHECK(december.out.rfind("run 2 as of 2026-12-01 06:00: 1 period run, 1 report built (0 new "
                           "drafts, 1 unchanged)",
                           0) == 0);
}

TEST_CASE("run-due: after three months off, each job catches up as its catch_up says") {
  Council council;
  council.Schedule(
      "jobs:\n"
      "  - name: every-month\n"
      "    review: inputs/ks2\n"
      "    reports: [cssc-2011-06]\n"
      "    when: monthly on day 1 at 06:00\n"
      "    catch_up: all\n"
      "  - name: latest-only\n"
      "    review: inputs/ks2\n"
      "    reports: [cabinet-2010-12]\n"
      "    when: monthly on the last working day at 18:00\n"
      "    catch_up: latest\n");
  REQUIRE(council.RunDue("2026-08-15").exit_code == 0);
  CHECK(Periods(council.Manifest(1)) ==
        std::vector<std::string>{"latest-only 2026-07-31T18:00:00 done",
                                 "every-month 2026-08-01T06:00:00 done"});
  // Off from mid-August to mid-November.
  ProgramResult back = council.RunDue("2026-11-15");
  INFO(back.err);
  CHECK(back.exit_code == 0);
  CHECK(back.out.rfind("run 2 as of 2026-11-15 00:00: 4 periods run, 2 passed over, 4 reports "
                       "built (0 new drafts, 4 unchanged)",
                       0) == 0);
  // Missed: every-month on 1 September, October and November, oldest first; latest-only on
  // 31 August, 30 September and 30 October (the last working days), of which only the latest
  // runs.
  CHECK(Periods(council.Manifest(2)) ==
        std::vector<std::string>{
            "latest-only 2026-08-31T18:00:00 skipped", "latest-only 2026-09-30T18:00:00 skipped",
            "every-month 2026-09-01T06:00:00 done", "every-month 2026-10-01T06:00:00 done",
            "latest-only 2026-10-30T18:00:00 done", "every-month 2026-11-01T06:00:00 done"});
  CHECK(council.RunDue("2026-11-15").out.rfind("run-due: nothing due", 0) == 0);
}

TEST_CASE("run-due: a report template makes a new, numbered report each month") {
  Council council;
  council.Schedule(
      "jobs:\n"
      "  - name: progress\n"
      "    review: inputs/ks2\n"
      "    report_template:\n"
      "      from: cssc-2011-06\n"
      "      id: progress-{yyyy}-{mm}\n"
      "      date: '{date}'\n"
      "      as_of: '{day_before}'\n"
      "      previous: '{previous}'\n"
      "      title: Progress report, {month} {yyyy}\n"
      "    when: monthly on day 1 at 06:00\n"
      "    start: 2026-10-01\n");
  ProgramResult run = council.RunDue("2026-11-02");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(council.Files("inputs/ks2/reports", ".yaml") ==
        std::vector<std::string>{"cabinet-2010-12.yaml", "cssc-2011-06.yaml",
                                 "progress-2026-10.yaml", "progress-2026-11.yaml"});
  std::string november = ReadWholeFile(council.Path("inputs/ks2/reports/progress-2026-11.yaml"));
  CHECK(november.find("\nprevious: \"progress-2026-10\"\n") != std::string::npos);
  CHECK(november.find("\nas_of: \"2026-10-31\"\n") != std::string::npos);
  CHECK(council.Files("outputs", ".pdf") ==
        std::vector<std::string>{"CSSC-2026-01-draft-v1.pdf", "CSSC-2026-02-draft-v1.pdf"});
  Poco::JSON::Array::Ptr jobs = council.Manifest(1)->getArray("jobs");
  Poco::JSON::Object::Ptr report = jobs->getObject(1)->getArray("reports")->getObject(0);
  CHECK(report->getValue<std::string>("id") == "progress-2026-11");
  CHECK(report->getValue<std::string>("made_from") == "cssc-2011-06");
  CHECK(report->getValue<std::string>("reference") == "CSSC/2026/02");
  CHECK(report->getValue<int>("draft_version") == 1);
  CHECK(report->getValue<std::string>("pdf") == "outputs/CSSC-2026-02-draft-v1.pdf");
  CHECK(report->getValue<std::string>("pdf_sha256").size() == 64);
}

TEST_CASE(
    "run-due: a report made from the template whose period fails on it is removed again, so a "
    "fixed schedule runs, and a clerk's report file is never removed") {
  Council council;
  const std::string schedule =
      "jobs:\n"
      "  - name: tpl\n"
      "    review: inputs/ks2\n"
      "    report_template:\n"
      "      from: cssc-2011-06\n"
      "      id: tpl-{yyyy}-{mm}\n"
      "      date: \"{dd}/{mm}/{yyyy}\"\n"
      "    when: monthly on day 1 at 06:00\n"
      "    start: 2026-12-01\n";
  council.Schedule(schedule);
  ProgramResult bad = council.RunDue("2026-12-02");
  CHECK(bad.exit_code == 2);
  CHECK(
      bad.out ==
      "run 1 as of 2026-12-02 00:00: 1 period run, 0 reports built (0 new drafts, 0 "
      "unchanged); FAILED 1 of 1: tpl 2026-12-01 06:00: 1 error in the review or the "
      "schedule; nothing built; the report file reports/tpl-2026-12.yaml made from the "
      "template was removed, so the review is as it was; manifest outputs/runs/run-000001.json\n");
  // The diagnostic still shows the line of the file it was removed from.
  CHECK(bad.err.find("inputs/ks2/reports/tpl-2026-12.yaml:") != std::string::npos);
  CHECK(bad.err.find(": error: meeting date '01/12/2026' is not a date (expected YYYY-MM-DD)\n"
                     "  date: \"01/12/2026\"\n") != std::string::npos);
  CHECK(council.Files("inputs/ks2/reports", ".yaml") ==
        std::vector<std::string>{"cabinet-2010-12.yaml", "cssc-2011-06.yaml"});
  CHECK(council.Clerk({"check", "inputs/ks2"}).exit_code == 0);

  std::string fixed = schedule;
  fixed.replace(fixed.find("{dd}/{mm}/{yyyy}"), 16, "{date}");
  council.Schedule(fixed);
  ProgramResult good = council.RunDue("2026-12-02");
  INFO(good.err);
  CHECK(good.exit_code == 0);
  CHECK(good.out ==
        "run 2 as of 2026-12-02 00:00: 1 period run, 1 report built (1 new draft, 0 unchanged); "
        "manifest outputs/runs/run-000002.json\n");
  std::string made = ReadWholeFile(council.Path("inputs/ks2/reports/tpl-2026-12.yaml"));
  CHECK(made.find("\ndate: \"2026-12-01\"\n") != std::string::npos);

  // January's file is the clerk's, there before the run (a bad date typed in): it stays.
  std::string clerks = made;
  clerks.replace(clerks.find("\ndate: \"2026-12-01\"\n"), 20, "\ndate: \"01/01/2027\"\n");
  clerks.replace(clerks.find("\nid: \"tpl-2026-12\"\n"), 19, "\nid: \"tpl-2027-01\"\n");
  WriteWholeFile(council.Path("inputs/ks2/reports/tpl-2027-01.yaml"), clerks);
  ProgramResult kept = council.RunDue("2027-01-02");
  CHECK(kept.exit_code == 2);
  CHECK(kept.out ==
        "run 3 as of 2027-01-02 00:00: 1 period run, 0 reports built (0 new drafts, 0 "
        "unchanged); FAILED 1 of 1: tpl 2027-01-01 06:00: 1 error in the review or the "
        "schedule; nothing built; manifest outputs/runs/run-000003.json\n");
  CHECK(ReadWholeFile(council.Path("inputs/ks2/reports/tpl-2027-01.yaml")) == clerks);
}

TEST_CASE("run-due: a report made from the template whose build fails on the inputs is removed") {
  Council council;
  // The template's source names a template set that does not exist: the review itself checks
  // clean, and the made report's build is what fails (exit status 2).
  std::string source = ReadWholeFile(council.Path("inputs/ks2/reports/cssc-2011-06.yaml"));
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"\nid: cssc-2011-06\n", "\nid: base\n"},
        {"\ntemplate: council-report\n", "\ntemplate: council-reprot\n"}}) {
    source.replace(source.find(from), from.size(), to);
  }
  WriteWholeFile(council.Path("inputs/ks2/reports/base.yaml"), source);
  council.Schedule(
      "jobs:\n"
      "  - name: tpl\n"
      "    review: inputs/ks2\n"
      "    report_template:\n"
      "      from: base\n"
      "      id: tpl-{yyyy}-{mm}\n"
      "      date: '{date}'\n"
      "    when: monthly on day 1 at 06:00\n"
      "    start: 2026-12-01\n");
  ProgramResult run = council.RunDue("2026-12-02");
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.out ==
        "run 1 as of 2026-12-02 00:00: 1 period run, 0 reports built (0 new drafts, 0 "
        "unchanged); FAILED 1 of 1: tpl 2026-12-01 06:00: 1 report of 1 could not be built; the "
        "report file reports/tpl-2026-12.yaml made from the template was removed, so the review "
        "is as it was; manifest outputs/runs/run-000001.json\n");
  CHECK(council.Files("inputs/ks2/reports", ".yaml") ==
        std::vector<std::string>{"base.yaml", "cabinet-2010-12.yaml", "cssc-2011-06.yaml"});
}

TEST_CASE("run-due: two started together run each job once") {
  Council council;
  council.Schedule(kMonthly);
  ProgramResult results[2];
  std::thread other([&] { results[1] = council.RunDue("2026-11-15"); });
  results[0] = council.RunDue("2026-11-15");
  other.join();
  int ran = 0;
  for (const ProgramResult& result : results) {
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    if (result.out.rfind("run 1 as of", 0) == 0) {
      ++ran;
    } else {
      bool locked = result.out.find("holds the run lock") != std::string::npos;
      bool nothing = result.out.rfind("run-due: nothing due", 0) == 0;
      CHECK((locked || nothing));
    }
  }
  CHECK(ran == 1);
  CHECK(council.Files("outputs/runs", ".json") == std::vector<std::string>{"run-000001.json"});
  CHECK(council.Files("outputs", ".pdf") == std::vector<std::string>{"CSSC-2011-01-draft-v1.pdf"});
}

TEST_CASE(
    "run-due: a job with broken inputs fails with its diagnostics while the others are built") {
  Council council({"ks2", "broken"});
  std::string responses = ReadWholeFile(council.Path("inputs/broken/responses.yaml"));
  size_t at = responses.find("recommendation:");
  REQUIRE(at != std::string::npos);
  WriteWholeFile(council.Path("inputs/broken/responses.yaml"),
                 responses.replace(at, 15, "recomendation:"));
  council.Schedule(
      "jobs:\n"
      "  - name: broken\n"
      "    review: inputs/broken\n"
      "    reports: [cssc-2011-06]\n"
      "    when: monthly on day 1\n"
      "  - name: good\n"
      "    review: inputs/ks2\n"
      "    reports: [cssc-2011-06, cabinet-2010-12]\n"
      "    when: monthly on day 1\n");
  ProgramResult run = council.RunDue("2026-11-15");
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("; FAILED 1 of 2: broken 2026-11-01 00:00: ") != std::string::npos);
  CHECK(run.out.find("2 reports built (2 new drafts, 0 unchanged)") != std::string::npos);
  CHECK(council.Files("outputs", ".pdf") ==
        std::vector<std::string>{"CAB-2010-01-draft-v1.pdf", "CSSC-2011-01-draft-v1.pdf"});
  Poco::JSON::Object::Ptr manifest = council.Manifest(1);
  CHECK(manifest->getValue<int>("failed") == 1);
  Poco::JSON::Object::Ptr broken = manifest->getArray("jobs")->getObject(0);
  CHECK(broken->getValue<std::string>("state") == "failed");
  CHECK(broken->getArray("reports")->size() == 0);
  Poco::JSON::Array::Ptr errors = broken->getArray("errors");
  REQUIRE(errors->size() >= 1);
  std::vector<std::string> located;
  for (size_t i = 0; i < errors->size(); ++i) {
    Poco::JSON::Object::Ptr error = errors->getObject(static_cast<unsigned>(i));
    located.push_back(error->getValue<std::string>("file") + ":" +
                      std::to_string(error->getValue<int>("line")) + ":" +
                      std::to_string(error->getValue<int>("column")) + ": " +
                      error->getValue<std::string>("message"));
  }
  CHECK(located == std::vector<std::string>{
                       "inputs/broken/responses.yaml:16:5: response 1.1 has no 'recommendation'",
                       "inputs/broken/responses.yaml:17:5: unknown field 'recomendation' in "
                       "response 1.1"});
  CHECK(manifest->getArray("jobs")->getObject(1)->getValue<std::string>("state") == "done");
  // The failed period is due again; the good one is not.
  ProgramResult again = council.RunDue("2026-11-16");
  CHECK(again.exit_code == 2);
  CHECK(Periods(council.Manifest(2)) ==
        std::vector<std::string>{"broken 2026-11-01T00:00:00 failed"});
}

TEST_CASE("run-due: a run killed mid-way leaves the lock free and no partial PDF") {
  Council council;
  council.Schedule(
      "jobs:\n"
      "  - name: progress\n"
      "    review: inputs/ks2\n"
      "    report_template:\n"
      "      from: cssc-2011-06\n"
      "      id: progress-{yyyy}-{mm}\n"
      "      date: '{date}'\n"
      "    when: monthly on day 1\n"
      "    start: 2026-01-01\n");
  Poco::Pipe out, err;
  Poco::Process::Args args{"run-due", "--now", "2026-11-15", "--jobs", "2"};
  // A killed run cannot remove its temporary folder: keep that folder in the council's, which
  // this test removes, rather than in /tmp.
  std::filesystem::create_directory(council.Path("tmp"));
  Poco::Process::Env env{{"TMPDIR", council.Path("tmp")}};
  Poco::ProcessHandle handle =
      Poco::Process::launch(CLERK_BINARY, args, council.Path(""), nullptr, &out, &err, env);
  // Killed once the first drafts are written, while the later months are still to come.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (council.Files("outputs", ".pdf").size() < 2 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(handle.id(), SIGKILL);
  handle.wait();
  out.close();
  err.close();
  size_t written = council.Files("outputs", ".pdf").size();
  CHECK(written >= 2);
  CHECK(written < 11);
  for (const std::string& pdf : council.Files("outputs", ".pdf")) {
    std::string bytes = ReadWholeFile(council.Path("outputs/" + pdf));
    INFO(pdf);
    CHECK(bytes.rfind("%PDF-", 0) == 0);
    CHECK(bytes.find("%%EOF", bytes.size() - 8) != std::string::npos);
  }
  // The next call takes the lock at once and finishes the months left.
  ProgramResult next = council.RunDue("2026-11-15");
  INFO(next.err);
  CHECK(next.exit_code == 0);
  CHECK(next.out.rfind("run 2 as of 2026-11-15 00:00: ", 0) == 0);
  CHECK(council.Files("outputs", ".pdf").size() == 11);  // January to November 2026
  for (const std::string& name : council.Files("outputs", "")) {
    CHECK(name.find(".tmp-") == std::string::npos);  // no temporary file is left behind
  }
  ProgramResult runs = council.Clerk({"runs"});
  CHECK(runs.out.find("interrupted: the run was stopped (killed or crashed)") != std::string::npos);
}

TEST_CASE("run-due: a bad schedule is reported at its line and column, and nothing runs") {
  Council council;
  council.Schedule(
      "jobs:\n"
      "  - name: monthly\n"
      "    review: inputs/ks2\n"
      "    reports: [cssc-2011-06]\n"
      "    when: monthly on day 1 at 6am\n");
  ProgramResult run = council.RunDue("2026-11-15");
  CHECK(run.exit_code == 2);
  CHECK(run.out == "run-due: the schedule schedule.yaml has 1 error; nothing ran\n");
  CHECK(run.err.rfind("schedule.yaml:5:31: error: 'when' '6am' is not a time of day (HH:MM or "
                      "HH:MM:SS)\n"
                      "      when: monthly on day 1 at 6am\n"
                      "                                ^\n",
                      0) == 0);
  CHECK_FALSE(fs::exists(council.Path("outputs")));
  CHECK(council.Clerk({"run-due", "--now", "November"}).exit_code == 64);
}
