#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "registry_fixture.h"

using namespace clerk;
using namespace clerk::registry;
using test::Messages;
using test::Reference;
using test::Scratch;

namespace {

ReferenceResult Give(Registry& registry, const ReferenceRequest& request) {
  Diagnostics diagnostics;
  auto result = registry.ReferenceFor(request, diagnostics);
  INFO(Messages(diagnostics));
  REQUIRE(result);
  return *result;
}

std::string Refused(Registry& registry, const ReferenceRequest& request) {
  Diagnostics diagnostics;
  CHECK_FALSE(registry.ReferenceFor(request, diagnostics));
  return Messages(diagnostics);
}

}  // namespace

TEST_CASE("A report keeps its reference on every later build", "[registry][reference]") {
  Scratch scratch;
  std::string path = scratch.File("registry.db");
  {
    auto registry = test::OpenOrFail(path);
    ReferenceResult first = Give(*registry, Reference("2011-06"));
    CHECK(first.reference == "CSSC/2011/01");
    CHECK(first.sequence == 1);
    CHECK(first.newly_given);
    CHECK(Give(*registry, Reference("2011-07")).reference == "CSSC/2011/02");
  }
  auto reopened = test::OpenOrFail(path);
  ReferenceResult again = Give(*reopened, Reference("2011-06"));
  CHECK(again.reference == "CSSC/2011/01");
  CHECK_FALSE(again.newly_given);
  // A later build in another year, or with another pattern, keeps the number given.
  ReferenceRequest moved = Reference("2011-06", 2012);
  moved.pattern = "{code}-{seq}";
  CHECK(Give(*reopened, moved).reference == "CSSC/2011/01");
}

TEST_CASE("Sequences count per committee and per year", "[registry][reference]") {
  Scratch scratch;
  auto registry = test::OpenOrFail(scratch.File("registry.db"));
  CHECK(Give(*registry, Reference("a", 2011)).reference == "CSSC/2011/01");
  CHECK(Give(*registry, Reference("b", 2011)).reference == "CSSC/2011/02");
  CHECK(Give(*registry, Reference("c", 2012)).reference == "CSSC/2012/01");
  CHECK(Give(*registry, Reference("d", 2011, "CAB")).reference == "CAB/2011/01");
  CHECK(Give(*registry, Reference("e", 2011)).reference == "CSSC/2011/03");
  // The same report id in another review is another report.
  CHECK(Give(*registry, Reference("a", 2011, "CSSC", "other-review")).reference == "CSSC/2011/04");
  Diagnostics diagnostics;
  auto history = registry->History("CSSC/2011/03", diagnostics);
  REQUIRE(history);
  REQUIRE(history->size() == 1);
  CHECK((*history)[0].kind == "reference");
  CHECK((*history)[0].detail ==
        "reference CSSC/2011/03 given to report e of ks2-maths-scrutiny (committee CSSC, 2011, "
        "number 3)");
}

TEST_CASE("A pattern that would repeat another report's reference is refused",
          "[registry][reference]") {
  Scratch scratch;
  std::string path = scratch.File("registry.db");
  auto registry = test::OpenOrFail(path);
  ReferenceRequest cabinet = Reference("a", 2011, "CAB");
  cabinet.pattern = "{year}/{seq}";
  CHECK(Give(*registry, cabinet).reference == "2011/1");
  ReferenceRequest scrutiny = Reference("b", 2011, "CSSC");
  scrutiny.pattern = "{year}/{seq}";
  CHECK(Refused(*registry, scrutiny) ==
        "error: the pattern '{year}/{seq}' makes the reference 2011/1 for report b of "
        "ks2-maths-scrutiny, but report a of ks2-maths-scrutiny already has it | put {code} and "
        "{year} in the committee's pattern so that references differ\n");
  Diagnostics diagnostics;
  CHECK(registry->Status("", diagnostics).size() == 1);
}

TEST_CASE("Bad reference requests are refused with a reason", "[registry][reference]") {
  Scratch scratch;
  auto registry = test::OpenOrFail(scratch.File("registry.db"));
  ReferenceRequest no_seq = Reference("a");
  no_seq.pattern = "{code}/{year}";
  CHECK(Refused(*registry, no_seq) ==
        "error: the reference pattern '{code}/{year}' has no {seq}: every report of a year "
        "would get the same reference (committee CSSC)\n");
  CHECK(Refused(*registry, Reference("a", 0)) ==
        "error: the year 0 is not a year a reference can count in\n");
  CHECK(Refused(*registry, Reference("", 2011)) ==
        "error: a reference needs a review, a report id, a committee code and a time\n");
}

TEST_CASE("Processes allocating at once never share a reference", "[registry][reference]") {
  Scratch scratch;
  // A new file: the processes also race to create it and apply the migrations.
  std::string path = scratch.File("outputs/registry.db");
  constexpr int kProcesses = 8;
  constexpr int kReportsEach = 6;
  int gate[2];
  REQUIRE(::pipe(gate) == 0);
  std::vector<pid_t> children;
  for (int child = 0; child < kProcesses; ++child) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(gate[1]);
      char ignored;
      if (::read(gate[0], &ignored, 1) < 0) ::_exit(3);  // returns 0 when the parent closes it
      std::string lines;
      try {
        Diagnostics diagnostics;
        auto registry = Registry::Open(path, diagnostics);
        if (!registry) ::_exit(4);
        for (int i = 0; i < kReportsEach; ++i) {
          // Every process also asks for the one shared report, at a different point.
          std::string report = i == child % kReportsEach
                                   ? "shared"
                                   : "p" + std::to_string(child) + "-" + std::to_string(i);
          auto result = registry->ReferenceFor(Reference(report), diagnostics);
          if (!result) ::_exit(5);
          lines += report + "=" + result->reference + "\n";
        }
      } catch (...) {
        ::_exit(6);
      }
      test::WriteWholeFile(scratch.File("child-" + std::to_string(child)), lines);
      ::_exit(0);
    }
    children.push_back(pid);
  }
  ::close(gate[0]);
  ::close(gate[1]);
  for (pid_t pid : children) {
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  std::map<std::string, std::set<std::string>> references_of;  // report -> references given
  std::map<std::string, std::set<std::string>> reports_of;     // reference -> reports
  for (int child = 0; child < kProcesses; ++child) {
    std::istringstream lines(test::ReadWholeFile(scratch.File("child-" + std::to_string(child))));
    for (std::string line; std::getline(lines, line);) {
      size_t equals = line.find('=');
      references_of[line.substr(0, equals)].insert(line.substr(equals + 1));
      reports_of[line.substr(equals + 1)].insert(line.substr(0, equals));
    }
  }
  int distinct_reports = kProcesses * (kReportsEach - 1) + 1;
  CHECK(references_of.size() == static_cast<size_t>(distinct_reports));
  CHECK(reports_of.size() == static_cast<size_t>(distinct_reports));
  for (const auto& [report, references] : references_of) CHECK(references.size() == 1);
  for (const auto& [reference, reports] : reports_of) CHECK(reports.size() == 1);
  // No number skipped or repeated: 1 to the count, in the registry as the processes saw it.
  auto registry = test::OpenOrFail(path);
  Diagnostics diagnostics;
  std::set<std::string> recorded;
  for (const ReportStatus& status : registry->Status("", diagnostics)) {
    recorded.insert(status.reference);
    CHECK(references_of[status.report_id] == std::set<std::string>{status.reference});
  }
  std::set<std::string> expected;
  for (int sequence = 1; sequence <= distinct_reports; ++sequence) {
    char reference[32];
    std::snprintf(reference, sizeof reference, "CSSC/2011/%02d", sequence);
    expected.insert(reference);
  }
  CHECK(recorded == expected);
  CHECK(registry->IntegrityCheck() == "ok");
}
