// End to end: `clerk daemon` sleeps until a job falls due, builds its draft, logs what it did and
// stops cleanly on SIGTERM.
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>

#include "run_program.h"

using clerk::testing::ReadWholeFile;
using clerk::testing::TemporaryDirectory;
using clerk::testing::WriteWholeFile;

namespace fs = std::filesystem;

namespace {

std::string Local(std::time_t instant, const char* format) {
  std::tm local{};
  localtime_r(&instant, &local);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, format, &local);
  return buffer;
}

}  // namespace

TEST_CASE("clerk daemon builds a job as it falls due and stops cleanly on SIGTERM") {
  TemporaryDirectory dir;
  fs::create_directories(dir.Path() + "/inputs");
  fs::copy("inputs/ks2-maths-scrutiny", dir.Path() + "/inputs/ks2", fs::copy_options::recursive);
  // Due four seconds from now, and never before today (so yesterday's time is not due at once).
  std::time_t due = std::time(nullptr) + 4;
  WriteWholeFile(dir.Path() + "/schedule.yaml",
                 "jobs:\n"
                 "  - name: soon\n"
                 "    review: inputs/ks2\n"
                 "    reports: [cssc-2011-06]\n"
                 "    when: daily at " +
                     Local(due, "%H:%M:%S") +
                     "\n"
                     "    start: " +
                     Local(due, "%Y-%m-%d") + "\n");
  Poco::Pipe out, err;
  Poco::Process::Args args{"daemon", "--log", "daemon.log"};
  Poco::ProcessHandle handle =
      Poco::Process::launch(CLERK_BINARY, args, dir.Path(), nullptr, &out, &err);
  std::string pdf = dir.Path() + "/outputs/CSSC-2011-01-draft-v1.pdf";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(pdf) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::time_t appeared = std::time(nullptr);
  bool built = fs::exists(pdf);
  // Once the run is recorded, the daemon is asleep again until tomorrow's time.
  std::string log;
  while (std::chrono::steady_clock::now() < deadline) {
    log = ReadWholeFile(dir.Path() + "/daemon.log");
    if (log.find("next: soon at ", log.find("[Notice] run 1 as of ")) != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(handle.id(), SIGTERM);
  int status = handle.wait();
  Poco::PipeInputStream errors(err);
  std::string standard_error((std::istreambuf_iterator<char>(errors)),
                             std::istreambuf_iterator<char>());
  out.close();
  log = ReadWholeFile(dir.Path() + "/daemon.log");
  INFO(log);
  REQUIRE(built);
  CHECK(appeared >= due);  // it waited for the time, and did not run the job early
  CHECK(status == 0);
  CHECK(log.find("[Information] clerk daemon started (pid ") != std::string::npos);
  CHECK(log.find("[Information] next: soon at " + Local(due, "%Y-%m-%d %H:%M:%S")) !=
        std::string::npos);
  CHECK(log.find("[Information] soon " + Local(due, "%Y-%m-%d %H:%M:%S") +
                 ": 1 report: 1 new draft, 0 unchanged") != std::string::npos);
  CHECK(log.find("[Notice] run 1 as of ") != std::string::npos);
  CHECK(log.find("[Information] clerk daemon stopping on Terminated") != std::string::npos);
  // Standard error has the same lines as the log file.
  CHECK(standard_error == log);
  CHECK(fs::exists(dir.Path() + "/outputs/runs/run-000001.json"));
}

TEST_CASE("clerk daemon stops on SIGTERM between periods, leaving the rest due") {
  TemporaryDirectory dir;
  fs::create_directories(dir.Path() + "/inputs");
  fs::copy("inputs/ks2-maths-scrutiny", dir.Path() + "/inputs/ks2", fs::copy_options::recursive);
  // Every month since January 2025 is due at once: more periods than run before the signal.
  WriteWholeFile(dir.Path() + "/schedule.yaml",
                 "jobs:\n"
                 "  - name: progress\n"
                 "    review: inputs/ks2\n"
                 "    report_template:\n"
                 "      from: cssc-2011-06\n"
                 "      id: progress-{yyyy}-{mm}\n"
                 "      date: '{date}'\n"
                 "    when: monthly on day 1\n"
                 "    start: 2025-01-01\n");
  Poco::Pipe out, err;
  Poco::Process::Args args{"daemon", "--log", "daemon.log", "--jobs", "1"};
  Poco::ProcessHandle handle =
      Poco::Process::launch(CLERK_BINARY, args, dir.Path(), nullptr, &out, &err);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(dir.Path() + "/outputs/CSSC-2025-01-draft-v1.pdf") &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(handle.id(), SIGTERM);
  int status = handle.wait();
  out.close();
  err.close();
  std::string log = ReadWholeFile(dir.Path() + "/daemon.log");
  INFO(log);
  CHECK(status == 0);
  CHECK(log.find("[Information] stopping: ") != std::string::npos);
  CHECK(log.find("stopped early, the rest stays due") != std::string::npos);
  CHECK(log.find("[Information] clerk daemon stopping on Terminated") != std::string::npos);
  // Every period it ran is whole: each has its draft; none is left running.
  size_t pdfs = 0;
  for (const auto& entry : fs::directory_iterator(dir.Path() + "/outputs")) {
    if (entry.path().extension() == ".pdf") ++pdfs;
  }
  CHECK(pdfs >= 1);
  size_t months = 0;
  for (const auto& entry : fs::directory_iterator(dir.Path() + "/inputs/ks2/reports")) {
    if (entry.path().filename().string().rfind("progress-", 0) == 0) ++months;
  }
  CHECK(months == pdfs);
  CHECK(months < 23);
}
