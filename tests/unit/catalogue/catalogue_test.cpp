#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "run_program.h"

// The catalogue of broken inputs (tests/catalogue/README.md): runs the real `clerk check` on each
// case, in a copy of the case in a temporary folder (with a committees file and templates beside
// the review, as a council keeps them), and asserts its exact standard error, its
// standard output, its exit status, and that it wrote nothing. With CLERK_UPDATE_CATALOGUE=1 in
// the environment the expected files are rewritten from what the program printed (review the
// diff before committing).

namespace fs = std::filesystem;

namespace {

const fs::path kCatalogue = fs::path(CLERK_TESTS_DIR) / "catalogue";

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteAll(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(kCatalogue)) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

// Every file and folder under `root`: relative path -> "folder" or size and content hash.
std::map<std::string, std::string> Snapshot(const fs::path& root) {
  std::map<std::string, std::string> tree;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string path = fs::relative(entry.path(), root).string();
    if (entry.is_directory()) {
      tree[path] = "folder";
    } else {
      std::string contents = ReadAll(entry.path());
      tree[path] = std::to_string(contents.size()) + " bytes, hash " +
                   std::to_string(std::hash<std::string>{}(contents));
    }
  }
  return tree;
}

// A `generate` file holds "<path> <megabytes>": a file of that size, made now rather than kept
// in the repository.
void Generate(const fs::path& case_copy) {
  fs::path spec = case_copy / "generate";
  if (!fs::exists(spec)) return;
  std::istringstream in(ReadAll(spec));
  std::string path;
  long megabytes = 0;
  in >> path >> megabytes;
  REQUIRE(megabytes > 0);
  fs::create_directories((case_copy / path).parent_path());
  std::ofstream out(case_copy / path, std::ios::binary);
  std::string line = "# a line of padding that makes this file far too large to be a review\n";
  std::string block;
  while (block.size() < (1 << 20)) block += line;
  block.resize(1 << 20);
  for (long i = 0; i < megabytes; ++i) out << block;
}

// What a council keeps beside its reviews, which `clerk check` reads from the folder it runs in
// (as `clerk build` does): the committees file, naming the committee the cases' reports are to,
// and the templates with the font catalogue their style names (clerk's own), so that every path
// it prints is relative. A case may bring its own of either.
void AddCouncilFiles(const fs::path& case_copy) {
  if (!fs::exists(case_copy / "committees.yaml")) {
    WriteAll(case_copy / "committees.yaml",
             "committees:\n"
             "  - name: Scrutiny Committee\n"
             "    code: SC\n"
             "    reference: \"{code}/{year}/{seq:02}\"\n");
  }
  if (!fs::exists(case_copy / "templates")) {
    fs::copy(fs::path(CLERK_SOURCE_DIR) / "templates", case_copy / "templates",
             fs::copy_options::recursive);
    fs::copy(fs::path(CLERK_SOURCE_DIR) / "fonts", case_copy / "fonts",
             fs::copy_options::recursive);
  }
}

struct Outcome {
  int exit = -1;
  std::string out;
  std::string err;
};

Outcome RunClerk(const fs::path& work, const std::string& args) {
  std::string command = "cd '" + (work / "case").string() + "' && timeout 60 '" +
                        std::string(CLERK_BINARY) + "' check review " + args + " >'" +
                        (work / "stdout").string() + "' 2>'" + (work / "stderr").string() + "'";
  int status = std::system(command.c_str());
  Outcome outcome;
  outcome.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = ReadAll(work / "stdout");
  outcome.err = ReadAll(work / "stderr");
  return outcome;
}

void RunCase(const fs::path& case_dir) {
  fs::path work = fs::temp_directory_path() / ("clerk-catalogue-" + std::to_string(getpid()) + "-" +
                                               case_dir.filename().string());
  fs::remove_all(work);
  fs::create_directories(work);
  fs::copy(case_dir, work / "case", fs::copy_options::recursive);
  Generate(work / "case");
  AddCouncilFiles(work / "case");
  std::string args = fs::exists(case_dir / "args") ? Trimmed(ReadAll(case_dir / "args")) : "";

  auto before = Snapshot(work / "case");
  Outcome outcome = RunClerk(work, args);
  auto after = Snapshot(work / "case");
  fs::remove_all(work);

  if (std::getenv("CLERK_UPDATE_CATALOGUE") != nullptr) {
    WriteAll(case_dir / "expected.txt", outcome.err);
    WriteAll(case_dir / "exit", std::to_string(outcome.exit) + "\n");
    if (outcome.out.empty()) {
      fs::remove(case_dir / "stdout.txt");
    } else {
      WriteAll(case_dir / "stdout.txt", outcome.out);
    }
  }
  INFO("case " << case_dir.filename().string() << ": " << Trimmed(ReadAll(case_dir / "about")));
  CHECK(outcome.exit != 124);  // timed out: a hang
  CHECK(outcome.err == ReadAll(case_dir / "expected.txt"));
  CHECK(std::to_string(outcome.exit) == Trimmed(ReadAll(case_dir / "exit")));
  std::string expected_out =
      fs::exists(case_dir / "stdout.txt") ? ReadAll(case_dir / "stdout.txt") : "";
  CHECK(outcome.out == expected_out);
  CHECK(after == before);  // the program wrote nothing
}

}  // namespace

TEST_CASE("The catalogue holds at least 30 cases, each saying what it breaks and expects") {
  std::vector<fs::path> cases = Cases();
  CHECK(cases.size() >= 30);
  for (const fs::path& case_dir : cases) {
    INFO(case_dir.filename().string());
    CHECK(fs::exists(case_dir / "about"));
    CHECK(fs::exists(case_dir / "expected.txt"));
    CHECK(fs::exists(case_dir / "exit"));
  }
}

TEST_CASE("clerk check reports each broken input exactly, and writes nothing") {
  for (const fs::path& case_dir : Cases()) {
    DYNAMIC_SECTION(case_dir.filename().string()) { RunCase(case_dir); }
  }
}

namespace {

// `text` with every run of spaces and line breaks made one space: the help is wrapped to the
// terminal's width, and its words are what is asserted.
std::string Words(const std::string& text) {
  std::string words;
  for (char c : text) {
    bool space = c == ' ' || c == '\n';
    if (space && (words.empty() || words.back() == ' ')) continue;
    words += space ? ' ' : c;
  }
  return Trimmed(words);
}

}  // namespace

TEST_CASE("clerk check --help says it checks what build checks, and where it reads them from") {
  clerk::testing::ProgramResult help = clerk::testing::RunClerk({"check", "--help"});
  CHECK(help.exit_code == 0);
  std::string words = Words(help.out);
  CHECK_THAT(words,
             Catch::Contains(
                 "Reads the review's YAML files, checks every field and how the records fit "
                 "together, computes each report's figures and compares them with any published "
                 "ones. Then it checks what 'clerk build' checks before it makes a paper: that "
                 "each report's committee is in the committees file and that its template set "
                 "exists and fits the report's data (nothing is merged, laid out or drawn), so "
                 "that build does not refuse a review that check passes. It warns, as build "
                 "does, of each character of the review's text that the style's fonts cannot "
                 "draw. Every problem is printed "
                 "to standard error as file:line:column, sorted by file and line; nothing is "
                 "written. Exit status: 0 when there are no errors (warnings alone included), 1 "
                 "when there are warnings and --strict is given, 2 when there are errors, 64 when "
                 "the command line is wrong."));
  CHECK_THAT(words, Catch::Contains("-t <folder>, --templates=<folder> The templates folder "
                                    "(default: templates/ here, else clerk's own)."));
  CHECK_THAT(words, Catch::Contains("--committees=<file> The committees file: codes and reference "
                                    "patterns (default: committees.yaml here, else clerk's own)."));
}

TEST_CASE("clerk check reads the committees file and templates it is given, as build does") {
  clerk::testing::TemporaryDirectory work;
  fs::path root = work.Path();
  fs::copy(kCatalogue / "00-valid-review" / "review", root / "review", fs::copy_options::recursive);
  WriteAll(root / "council.yaml",
           "committees:\n"
           "  - name: Cabinet\n"
           "    code: CAB\n"
           "    reference: \"{code}/{year}/{seq:02}\"\n");
  fs::create_directories(root / "empty");
  auto before = Snapshot(root);
  clerk::testing::ProgramResult result = clerk::testing::RunClerk(
      {"check", "review", "--committees", "council.yaml", "--templates", "empty"}, root.string());
  CHECK(result.exit_code == 2);
  CHECK(result.out == "");
  CHECK(result.err ==
        "review/reports/r-2011.yaml:2:11: error: there is no template set \"council-report\" (no "
        "folder empty/council-report)\n"
        "  template: council-report\n"
        "            ^\n"
        "review/reports/r-2011.yaml:3:12: error: committee 'Scrutiny Committee' is not in "
        "council.yaml, so its papers cannot be numbered\n"
        "  committee: Scrutiny Committee\n"
        "             ^\n"
        "  hint: add it, with its code and reference pattern, to council.yaml\n"
        "2 errors, 0 warnings\n");
  CHECK(Snapshot(root) == before);
}
