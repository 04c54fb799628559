// End to end: references, drafts, sign-off and rejection with the real clerk program and a real
// registry file, each test in a council folder of its own (a copy of the example review).
#include <Poco/Pipe.h>
#include <Poco/Process.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/approval.h"
#include "registry/hashing.h"
#include "registry/registry.h"
#include "run_program.h"

using clerk::testing::ProgramResult;
using clerk::testing::ReadWholeFile;
using clerk::testing::RunClerk;
using clerk::testing::RunProgram;
using clerk::testing::TemporaryDirectory;

namespace fs = std::filesystem;

namespace {

const char* const kExample = "inputs/ks2-maths-scrutiny";
const char* const kReportFile = "inputs/ks2-maths-scrutiny/reports/cssc-2011-06.yaml";
const char* const kDirector = "Director of Children's Services";

void WriteWholeFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A council's working folder: inputs/ks2-maths-scrutiny copied from the example, and outputs/
// with the registry once something is built. clerk runs inside it, as a clerk would.
class Council {
 public:
  Council() {
    fs::create_directories(Path("inputs"));
    fs::copy(kExample, Path(kExample), fs::copy_options::recursive);
  }

  std::string Path(const std::string& relative) const { return dir_.Path() + "/" + relative; }
  std::string Registry() const { return Path("outputs/registry.db"); }

  ProgramResult Clerk(std::vector<std::string> arguments) const {
    return RunClerk(arguments, dir_.Path());
  }
  ProgramResult Build() const { return Clerk({"build", kExample, "--all"}); }
  ProgramResult SignOff(const std::string& reference, std::vector<std::string> more = {}) const {
    std::vector<std::string> arguments{"sign-off",   reference, "--by",
                                       "Jane Smith", "--role",  kDirector};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return Clerk(arguments);
  }

  // Replaces `from` by `to` in the June 2011 report's narrative.
  void EditReport(const std::string& from, const std::string& to) const {
    std::string text = ReadWholeFile(Path(kReportFile));
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    WriteWholeFile(Path(kReportFile), text.replace(at, from.size(), to));
  }

 private:
  TemporaryDirectory dir_;
};

std::string PdfText(const std::string& path) {
  ProgramResult result = RunProgram("/usr/bin/pdftotext", {"-layout", path, "-"});
  REQUIRE(result.exit_code == 0);
  return result.out;
}

// The text of a paper without blank lines and without the lines that are only `mark`: what a
// draft and its final share.
std::string TextWithout(const std::string& text, const std::regex& mark) {
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    // pdftotext starts each page with a form feed, on whichever line comes first.
    if (!line.empty() && line[0] == '\f') line.erase(0, 1);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (std::regex_match(line, mark)) continue;
    out += line + "\n";
  }
  return out;
}

// Opens the registry as a build would (finishing what a killed process left), and checks it.
std::unique_ptr<clerk::registry::Registry> OpenChecked(const std::string& path) {
  clerk::Diagnostics diagnostics;
  auto registry = clerk::registry::Registry::Open(path, diagnostics);
  for (const auto& diagnostic : diagnostics.Items()) INFO(diagnostic.message);
  REQUIRE(registry);
  CHECK(registry->IntegrityCheck() == "ok");
  return registry;
}

std::vector<std::string> FileNames(const std::string& folder) {
  std::vector<std::string> names;
  if (!fs::is_directory(folder)) return names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Every PDF in `folder` is one the registry recorded at that name with that hash, placed; no
// temporary file is left.
void CheckEveryPdfRecorded(clerk::registry::Registry& registry, const std::string& folder) {
  for (const std::string& name : FileNames(folder)) {
    INFO(name);
    CHECK(name.find("clerk-pending") == std::string::npos);
    CHECK(name.find(".tmp") == std::string::npos);
    if (name.size() < 4 || name.substr(name.size() - 4) != ".pdf") continue;
    clerk::Diagnostics diagnostics;
    std::string error;
    auto sha = clerk::registry::Sha256OfFile(folder + "/" + name, &error);
    REQUIRE(sha);
    bool recorded = false;
    for (const auto& record : registry.FindPdfsByName(name, diagnostics)) {
      recorded = recorded || (record.sha256 == *sha && record.file_placed);
    }
    CHECK(recorded);
  }
}

}  // namespace

TEST_CASE("a report keeps its reference, and an unchanged build writes nothing") {
  Council council;
  ProgramResult first = council.Build();
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.err, Catch::Contains("CAB/2010/01: reference given to cabinet-2010-12\n"));
  CHECK_THAT(first.err, Catch::Contains("CSSC/2011/01: reference given to cssc-2011-06\n"));
  CHECK_THAT(first.err,
             Catch::Contains("CSSC/2011/01: draft v1 (outputs/CSSC-2011-01-draft-v1.pdf, "));
  // Each draft has its HTML twin beside it.
  CHECK(FileNames(council.Path("outputs")) ==
        std::vector<std::string>{"CAB-2010-01-draft-v1.html", "CAB-2010-01-draft-v1.pdf",
                                 "CSSC-2011-01-draft-v1.html", "CSSC-2011-01-draft-v1.pdf",
                                 "registry.db"});
  std::string twin = ReadWholeFile(council.Path("outputs/CSSC-2011-01-draft-v1.html"));
  CHECK_THAT(twin, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(twin, Catch::Contains("CSSC/2011/01"));
  CHECK_THAT(twin, Catch::Contains("DRAFT v1"));
  std::string draft = council.Path("outputs/CSSC-2011-01-draft-v1.pdf");
  auto written = fs::last_write_time(draft);
  std::string text = PdfText(draft);
  CHECK_THAT(text, Catch::Contains("Reference:"));
  CHECK_THAT(text, Catch::Contains("CSSC/2011/01"));
  CHECK_THAT(text, !Catch::Contains("Approved by"));
  // DRAFT and the version on every page.
  ProgramResult info = RunProgram("/usr/bin/pdfinfo", {draft});
  std::smatch pages;
  REQUIRE(std::regex_search(info.out, pages, std::regex("Pages:\\s+(\\d+)")));
  std::regex mark("DRAFT v1");
  CHECK(std::distance(std::sregex_iterator(text.begin(), text.end(), mark),
                      std::sregex_iterator()) == std::stoi(pages[1]));

  ProgramResult again = council.Build();
  REQUIRE(again.exit_code == 0);
  CHECK_THAT(again.err, Catch::Contains("CSSC/2011/01: unchanged, still draft v1 "
                                        "(outputs/CSSC-2011-01-draft-v1.pdf)\n"));
  CHECK_THAT(again.err, Catch::Contains("CAB/2010/01: unchanged, still draft v1"));
  CHECK_THAT(again.err, !Catch::Contains("reference given"));
  CHECK(fs::last_write_time(draft) == written);
  CHECK(FileNames(council.Path("outputs")).size() == 5);

  // A twin lost (say, a build stopped between the draft and its twin) is made again, the same,
  // and the draft is left alone.
  fs::remove(council.Path("outputs/CSSC-2011-01-draft-v1.html"));
  ProgramResult restored = council.Build();
  REQUIRE(restored.exit_code == 0);
  CHECK_THAT(restored.err, Catch::Contains("CSSC/2011/01: unchanged, still draft v1"));
  CHECK(ReadWholeFile(council.Path("outputs/CSSC-2011-01-draft-v1.html")) == twin);
  CHECK(fs::last_write_time(draft) == written);

  // One report alone keeps its number too.
  ProgramResult one = council.Clerk({"build", kExample, "--report", "cssc-2011-06"});
  REQUIRE(one.exit_code == 0);
  CHECK_THAT(one.err, Catch::Contains("CSSC/2011/01: unchanged, still draft v1"));
  CHECK_THAT(one.err, !Catch::Contains("CAB/"));
}

TEST_CASE("edits make new drafts, sign-off publishes the final, a later edit leaves it alone") {
  Council council;
  REQUIRE(council.Build().exit_code == 0);
  council.EditReport("very positive outcomes", "most encouraging outcomes");
  ProgramResult second = council.Build();
  REQUIRE(second.exit_code == 0);
  CHECK_THAT(second.err,
             Catch::Contains("CSSC/2011/01: draft v2 (outputs/CSSC-2011-01-draft-v2.pdf"));
  std::string draft = council.Path("outputs/CSSC-2011-01-draft-v2.pdf");
  CHECK_THAT(PdfText(draft), Catch::Contains("most encouraging outcomes"));
  CHECK(fs::exists(council.Path("outputs/CSSC-2011-01-draft-v1.pdf")));

  // The director read draft v1: it is not what would be published.
  std::string registry_before = ReadWholeFile(council.Registry());
  ProgramResult stale = council.SignOff("CSSC/2011/01", {"--draft", "1"});
  CHECK(stale.exit_code == 2);
  CHECK_THAT(stale.err,
             Catch::Contains("outputs/registry.db: error: draft v1 of CSSC/2011/01 is not the "
                             "latest: the report has changed since, in draft v2"));
  CHECK(ReadWholeFile(council.Registry()) == registry_before);

  ProgramResult signed_off = council.SignOff("CSSC/2011/01", {"--draft", "2", "--comment", "Fine"});
  REQUIRE(signed_off.exit_code == 0);
  CHECK_THAT(signed_off.out,
             Catch::StartsWith("CSSC/2011/01: draft v2 approved by Jane Smith, Director of "
                               "Children's Services; the final is outputs/CSSC-2011-01.pdf ("));
  CHECK(signed_off.err.empty());
  std::string final_path = council.Path("outputs/CSSC-2011-01.pdf");
  struct stat info {};
  REQUIRE(::stat(final_path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0444);
  // The final's twin: read-only too, approved, no DRAFT mark.
  std::string final_twin_path = council.Path("outputs/CSSC-2011-01.html");
  REQUIRE(::stat(final_twin_path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0444);
  std::string final_twin = ReadWholeFile(final_twin_path);
  CHECK_THAT(final_twin, Catch::Contains("Approved by Jane Smith"));
  CHECK_THAT(final_twin, !Catch::Contains("DRAFT"));

  // The final is the draft without its marks, with the approval dated as the registry has it.
  std::string approved_at;
  {
    auto registry = OpenChecked(council.Registry());
    clerk::Diagnostics diagnostics;
    auto records = registry->FindPdfsByName("CSSC-2011-01.pdf", diagnostics);
    REQUIRE(records.size() == 1);
    REQUIRE(records[0].approval);
    approved_at = records[0].approval->at;
  }
  std::string approval = "Approved by Jane Smith, Director of Children's Services, " +
                         clerk::cli::DayInWords(approved_at);
  std::string final_text = PdfText(final_path);
  CHECK_THAT(final_text, Catch::Contains(approval));
  CHECK_THAT(final_text, !Catch::Contains("DRAFT"));
  CHECK(TextWithout(final_text, std::regex(" *" + approval + " *")) ==
        TextWithout(PdfText(draft), std::regex(" *DRAFT v2 *")));

  ProgramResult verified = council.Clerk({"verify", "outputs/CSSC-2011-01.pdf"});
  CHECK(verified.exit_code == 0);
  CHECK_THAT(verified.out, Catch::Contains("the published final of CSSC/2011/01"));
  ProgramResult of_draft = council.Clerk({"verify", "outputs/CSSC-2011-01-draft-v2.pdf"});
  CHECK(of_draft.exit_code == 1);
  CHECK_THAT(of_draft.out, Catch::Contains("draft"));
  std::string bytes = ReadWholeFile(final_path);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
  fs::create_directories(council.Path("copy"));
  WriteWholeFile(council.Path("copy/CSSC-2011-01.pdf"), bytes);
  ProgramResult changed =
      council.Clerk({"verify", "copy/CSSC-2011-01.pdf", "--registry", "outputs/registry.db"});
  CHECK(changed.exit_code == 1);

  // Signed off twice: refused, nothing changed.
  registry_before = ReadWholeFile(council.Registry());
  ProgramResult twice = council.SignOff("CSSC/2011/01");
  CHECK(twice.exit_code == 2);
  CHECK_THAT(twice.err,
             Catch::Contains("outputs/registry.db: error: draft v2 of CSSC/2011/01 is already "
                             "approved, by Jane Smith (Director of Children's Services) on "));
  CHECK(ReadWholeFile(council.Registry()) == registry_before);

  // A change after approval: a new draft, said loudly; the final stays as it was.
  std::string final_bytes = ReadWholeFile(final_path);
  council.EditReport("most encouraging outcomes", "remarkable outcomes");
  ProgramResult third = council.Build();
  REQUIRE(third.exit_code == 0);
  CHECK_THAT(third.err,
             Catch::Contains("CSSC/2011/01: draft v3 (outputs/CSSC-2011-01-draft-v3.pdf"));
  CHECK_THAT(third.err,
             Catch::Contains("WARNING: CSSC/2011/01 was approved by Jane Smith on " +
                             clerk::cli::DayInWords(approved_at) +
                             "; these inputs have changed since, so the approval does not cover "
                             "draft v3\n"));
  CHECK(ReadWholeFile(final_path) == final_bytes);
  CHECK(council.Clerk({"verify", "outputs/CSSC-2011-01.pdf"}).exit_code == 0);
  ProgramResult status = council.Clerk({"status"});
  CHECK_THAT(status.out, Catch::Contains("changed since approval"));
}

TEST_CASE("a report changed since its draft cannot be signed off") {
  Council council;
  REQUIRE(council.Build().exit_code == 0);
  council.EditReport("very positive outcomes", "positive outcomes");
  std::string before = ReadWholeFile(council.Registry());
  ProgramResult refused = council.SignOff("CSSC/2011/01");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err,
             Catch::Contains("outputs/registry.db: error: CSSC/2011/01 has changed since draft v1 "
                             "was built: its inputs or templates are not the ones that draft "
                             "was made from, so the final would not be what the director saw"));
  CHECK(ReadWholeFile(council.Registry()) == before);
  CHECK_FALSE(fs::exists(council.Path("outputs/CSSC-2011-01.pdf")));
}

TEST_CASE("sign-off and reject refuse bad requests and change nothing") {
  Council council;
  REQUIRE(council.Build().exit_code == 0);
  std::string before = ReadWholeFile(council.Registry());
  auto refused = [&](std::vector<std::string> arguments, const std::string& message) {
    INFO(arguments[0] << " " << arguments[1]);
    ProgramResult result = council.Clerk(arguments);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains(message));
    CHECK(ReadWholeFile(council.Registry()) == before);
    CHECK(FileNames(council.Path("outputs")).size() == 5);  // two drafts, their twins, registry
  };
  refused({"sign-off", "CSSC/2099/01", "--by", "Jane Smith", "--role", kDirector},
          "outputs/registry.db: error: no report has the reference CSSC/2099/01\n");
  // A missing or blank --by, --role or --comment is a mistake of the command line (exit 64).
  auto misused = [&](std::vector<std::string> arguments, const std::string& message) {
    INFO(arguments[0] << " " << arguments[1]);
    ProgramResult result = council.Clerk(arguments);
    CHECK(result.exit_code == 64);
    CHECK(result.err == "clerk " + arguments[0] + ": " + message + "\nRun 'clerk " + arguments[0] +
                            " --help' for its options.\n");
    CHECK(ReadWholeFile(council.Registry()) == before);
  };
  misused({"sign-off", "CSSC/2011/01", "--by", " ", "--role", kDirector},
          "a sign-off needs the name of who makes it (--by <name>)");
  misused({"sign-off", "CSSC/2011/01", "--by", "Jane Smith"},
          "a sign-off needs the role of who signs off (--role <role>)");
  misused({"reject", "CSSC/2011/01", "--by", "Jane Smith"},
          "a rejection needs a comment saying what must change (--comment <text>)");
  refused({"reject", "CSSC/2099/01", "--by", "Jane Smith", "--comment", "No"},
          "outputs/registry.db: error: no report has the reference CSSC/2099/01\n");

  ProgramResult rejected =
      council.Clerk({"reject", "CAB/2010/01", "--by", "Jane Smith", "--comment", "Too long"});
  CHECK(rejected.exit_code == 0);
  CHECK(rejected.out == "CAB/2010/01: draft v1 rejected by Jane Smith\n");
  CHECK_THAT(council.Clerk({"status"}).out, Catch::Contains("rejected"));
}

TEST_CASE("a registry that is not a database, or is read-only, is refused as it is") {
  Council council;
  REQUIRE(council.Build().exit_code == 0);
  std::string registry = council.Registry();
  SECTION("not a database") { WriteWholeFile(registry, "clerk registry? no: a text file\n"); }
  SECTION("read-only") {
    fs::permissions(registry,
                    fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  }
  std::string before = ReadWholeFile(registry);
  bool not_database = before.rfind("clerk registry?", 0) == 0;
  std::string message = not_database
                            ? "outputs/registry.db: error: is not a clerk registry: it is not an "
                              "SQLite database\n"
                            : "outputs/registry.db: error: is read-only, so clerk cannot record "
                              "builds and sign-offs in it\n";
  for (std::vector<std::string> arguments :
       {std::vector<std::string>{"build", kExample, "--all"},
        {"sign-off", "CSSC/2011/01", "--by", "Jane Smith", "--role", kDirector},
        {"reject", "CSSC/2011/01", "--by", "Jane Smith", "--comment", "No"}}) {
    INFO(arguments[0]);
    ProgramResult result = council.Clerk(arguments);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains(message));
    CHECK(ReadWholeFile(registry) == before);
  }
  CHECK(FileNames(council.Path("outputs")).size() == 5);  // two drafts, their twins, registry
}

TEST_CASE("a report whose committee is not in the committees file is an error at its field") {
  Council council;
  std::string report = council.Path("inputs/ks2-maths-scrutiny/reports/cabinet-2010-12.yaml");
  std::string text = ReadWholeFile(report);
  text.replace(text.find("committee: Cabinet\n"), 19, "committee: Cabinett\n");
  WriteWholeFile(report, text);
  WriteWholeFile(council.Path("committees.yaml"),
                 "committees:\n"
                 "  - {name: Cabinet, code: CAB, reference: \"{code}/{year}/{seq:02}\"}\n"
                 "  - name: Children's Services Scrutiny Committee\n"
                 "    code: CSSC\n"
                 "    reference: \"{code}-{yy}-{seq}\"\n");
  ProgramResult result = council.Build();
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err,
             Catch::Contains("inputs/ks2-maths-scrutiny/reports/cabinet-2010-12.yaml:6:12: error: "
                             "committee 'Cabinett' is not in committees.yaml, so its papers cannot "
                             "be numbered\n"));
  CHECK_THAT(result.err, Catch::Contains("did you mean 'Cabinet'?"));
  CHECK_FALSE(fs::exists(council.Path("outputs")));

  // Put right, the council's own pattern numbers the paper.
  text.replace(text.find("Cabinett"), 8, "Cabinet");
  WriteWholeFile(report, text);
  ProgramResult fixed = council.Build();
  REQUIRE(fixed.exit_code == 0);
  CHECK_THAT(fixed.err, Catch::Contains("CSSC-11-1: draft v1 (outputs/CSSC-11-1-draft-v1.pdf"));
}

TEST_CASE("a committees file with mistakes is reported at file:line:column") {
  Council council;
  WriteWholeFile(council.Path("committees.yaml"),
                 "committees:\n"
                 "  - {name: Cabinet, code: CAB, reference: \"{code}/{year}\"}\n"
                 "  - {name: Scrutiny, code: C-S, reference: \"{code}/{seq}\", chair: Ann}\n"
                 "  - {name: Audit, code: AUD, reference: \"{seq}\"}\n"
                 "  - {name: Audit, code: AUD, reference: \"{seq}\"}\n");
  ProgramResult result = council.Build();
  CHECK(result.exit_code == 2);
  CHECK_THAT(
      result.err,
      Catch::Contains("committees.yaml:2:43: error: the reference pattern '{code}/{year}' "
                      "has no {seq}: every report of a year would get the same reference\n"));
  CHECK_THAT(result.err,
             Catch::Contains("committees.yaml:3:28: error: committee code 'C-S' should be letters "
                             "and digits only\n"));
  CHECK_THAT(result.err,
             Catch::Contains("committees.yaml:3:60: error: unknown field 'chair' in committee "
                             "'Scrutiny'\n"));
  CHECK_THAT(result.err,
             Catch::Contains("committees.yaml:5:12: error: committee 'Audit' is listed twice "
                             "(first at line 4)\n"));
  CHECK_THAT(result.err,
             Catch::Contains("committees.yaml:5:25: error: code 'AUD' is already the code of "
                             "'Audit'\n"));
  CHECK_FALSE(fs::exists(council.Path("outputs")));
}

TEST_CASE("build --emit prints a stage without touching the registry") {
  Council council;
  ProgramResult result =
      council.Clerk({"build", kExample, "--report", "cssc-2011-06", "--emit", "markup"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::StartsWith("<document"));
  CHECK_FALSE(fs::exists(council.Path("outputs")));
}

TEST_CASE("builds at once get distinct references and leave a sound registry") {
  TemporaryDirectory outputs;
  // Four copies of the review (four review keys) and four builds of one copy, all at once.
  std::vector<std::vector<std::string>> runs;
  for (const char* name : {"review-a", "review-b", "review-c", "review-d"}) {
    std::string folder = outputs.Path() + "/" + name;
    fs::copy(kExample, folder, fs::copy_options::recursive);
    runs.push_back({"build", folder, "--all", "--output-dir", outputs.Path() + "/out", "-q"});
    runs.push_back({"build", outputs.Path() + "/review-a", "--all", "--output-dir",
                    outputs.Path() + "/out", "-q"});
  }
  std::vector<ProgramResult> results(runs.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < runs.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = RunClerk(runs[i]); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const ProgramResult& result : results) {
    INFO(result.err);
    CHECK(result.exit_code == 0);
  }
  auto registry = OpenChecked(outputs.Path() + "/out/registry.db");
  clerk::Diagnostics diagnostics;
  auto reports = registry->Status("", diagnostics);
  REQUIRE(reports.size() == 8);
  std::set<std::string> references;
  for (const auto& report : reports) {
    references.insert(report.reference);
    CHECK(report.latest_version == 1);  // the same inputs built four times: one draft
  }
  CHECK(references.size() == 8);
  CHECK(references.count("CSSC/2011/04") == 1);
  CheckEveryPdfRecorded(*registry, outputs.Path() + "/out");
  CHECK(FileNames(outputs.Path() + "/out").size() >= 9);
}

TEST_CASE("a build killed at any moment leaves no partial PDF and a sound registry") {
  Council council;
  // Kills spread over a whole build, from start-up to the last rename.
  auto start = std::chrono::steady_clock::now();
  REQUIRE(council.Build().exit_code == 0);
  auto whole = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - start)
                   .count();
  std::mt19937 random(20111214);
  std::uniform_int_distribution<int> delay_ms(0, static_cast<int>(whole) + 20);
  std::string review_file = council.Path("inputs/ks2-maths-scrutiny/review.yaml");
  std::string review_text = ReadWholeFile(review_file);
  for (int round = 0; round < 20; ++round) {
    INFO("round " << round);
    // New inputs every round, so that every build has drafts to write.
    WriteWholeFile(review_file, review_text + "# round " + std::to_string(round) + "\n");
    Poco::Pipe out, err;
    Poco::Process::Args args{"build", kExample, "--all"};
    Poco::ProcessHandle handle =
        Poco::Process::launch(CLERK_BINARY, args, council.Path(""), nullptr, &out, &err);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    ::kill(handle.id(), SIGKILL);
    handle.wait();
    out.close();
    err.close();
    auto registry = OpenChecked(council.Registry());
    CheckEveryPdfRecorded(*registry, council.Path("outputs"));
    clerk::Diagnostics diagnostics;
    for (const auto& report : registry->Status("", diagnostics)) {
      if (report.draft_path.empty() || report.draft_file_missing) continue;
      CHECK(fs::exists(report.draft_path));
    }
  }
  // Whatever the kills left, a build now completes the drafts and all is in order.
  ProgramResult last = council.Build();
  REQUIRE(last.exit_code == 0);
  auto registry = OpenChecked(council.Registry());
  CheckEveryPdfRecorded(*registry, council.Path("outputs"));
}
