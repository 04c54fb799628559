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

// The catalogue of broken inputs (tests/catalogue/README.md): runs the real `clerk check` on each
// case, in a copy of the case in a temporary folder, and asserts its exact standard error, its
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
