// End to end: what `clerk <verb> --help` says, and the command-line mistakes a first-time clerk
// makes, as the real program prints them.
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "run_program.h"

using clerk::testing::ProgramResult;
using clerk::testing::RunClerk;
using clerk::testing::SnapshotTree;
using clerk::testing::TemporaryDirectory;

namespace fs = std::filesystem;

namespace {

const char* const kExample = "inputs/ks2-maths-scrutiny";

// Every verb, as `clerk --help` lists them.
std::vector<std::string> Verbs() {
  ProgramResult help = RunClerk({"--help"});
  REQUIRE(help.exit_code == 0);
  std::vector<std::string> verbs;
  std::istringstream lines(help.out.substr(help.out.find("verbs:\n")));
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
    verbs.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return verbs;
}

// The lines of a verb's help from "Options:" on.
std::string OptionsOf(const std::string& help) {
  size_t at = help.find("\nOptions:\n");
  return at == std::string::npos ? "" : help.substr(at + 1);
}

}  // namespace

TEST_CASE("clerk build --help lists its options with each value apart from the option's name") {
  ProgramResult help = RunClerk({"build", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.err.empty());
  CHECK(OptionsOf(help.out) ==
        "Options:\n"
        "  -h, --help                          Show this help and exit.\n"
        "  -q, --quiet                         Print only warnings and errors, not the reference "
        "given to\n"
        "                                      each report and the draft written or found "
        "unchanged.\n"
        "  -v, --verbose                       Also say when a report is planned again because "
        "another build\n"
        "                                      recorded a draft of it first.\n"
        "  -r <id>, --report=<id>              The report to build (its id, e.g. "
        "cssc-2011-06).\n"
        "  -a, --all                           Build every report of the review.\n"
        "  -e <stage>, --emit=<stage>          Print one stage instead of writing a PDF: markup, "
        "tree, layout\n"
        "                                      or html.\n"
        "  -o <folder>, --output-dir=<folder>  Where PDFs go (default: outputs); also where the "
        "registry is,\n"
        "                                      unless --registry says.\n"
        "  -t <folder>, --templates=<folder>   The templates folder (default: templates/ here, "
        "else clerk's\n"
        "                                      own).\n"
        "  --registry=<path>                   The registry file (default "
        "<output-dir>/registry.db, that is\n"
        "                                      outputs/registry.db).\n"
        "  --committees=<file>                 The committees file: codes and reference patterns "
        "(default:\n"
        "                                      committees.yaml here, else clerk's own).\n");
}

TEST_CASE("clerk runs --help is the usage, the summary, the description and the options") {
  ProgramResult help = RunClerk({"runs", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out ==
        "usage: clerk runs [options]\n"
        "\n"
        "List the latest scheduled runs: what ran, what failed, the manifests.\n"
        "\n"
        "Lists the latest runs of 'clerk run-due' and 'clerk daemon' recorded in the registry, "
        "newest first:\n"
        "the run, the time it ran as, when it started and ended, its summary, and each job period "
        "it ran\n"
        "(done, failed, passed over or interrupted) with what it made, then its manifest. Nothing "
        "is written.\n"
        "Exit status: 0; 2 when the registry cannot be read; 64 when the command line is wrong.\n"
        "\n"
        "Options:\n"
        "  -h, --help                   Show this help and exit.\n"
        "  -n <count>, --limit=<count>  How many runs to list (default 10).\n"
        "  --registry=<path>            The registry file (default outputs/registry.db).\n");
}

TEST_CASE(
    "every verb's help fits 100 columns, ends no line with a space, and runs no short "
    "option into its value") {
  std::vector<std::string> verbs = Verbs();
  CHECK(verbs.size() >= 15);
  // A short option is followed by its value after a space, a comma, or nothing: never "-rid".
  std::regex short_option(R"(^  -[A-Za-z](?: <[a-z-]+>)?(?:, --|  |$))");
  for (const std::string& verb : verbs) {
    INFO(verb);
    ProgramResult help = RunClerk({verb, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.rfind("usage: clerk " + verb + " [options]", 0) == 0);
    std::string options = OptionsOf(help.out);
    CHECK_THAT(options, Catch::StartsWith("Options:\n  -h, --help"));
    std::istringstream lines(help.out);
    std::string line;
    while (std::getline(lines, line)) {
      INFO(line);
      CHECK(line.size() <= 100);
      CHECK((line.empty() || line.back() != ' '));
    }
    std::istringstream option_lines(options);
    while (std::getline(option_lines, line)) {
      INFO(line);
      if (line.rfind("  -", 0) == 0 && line.rfind("  --", 0) != 0) {
        CHECK(std::regex_search(line, short_option));
      }
    }
  }
}

TEST_CASE("a short option takes its value after a space, as the help writes it") {
  ProgramResult spaced = RunClerk({"build", kExample, "-r", "cssc-2011-06", "-e", "markup"});
  ProgramResult long_form = RunClerk({"build", kExample, "--report=cssc-2011-06", "--emit=markup"});
  CHECK(spaced.exit_code == 0);
  CHECK(long_form.exit_code == 0);
  CHECK_THAT(spaced.out, Catch::StartsWith("<document "));
  CHECK(spaced.out == long_form.out);
}

TEST_CASE("the examples in the help are the example review's own references and files") {
  std::regex reference(R"(CSSC[-/]\d{4}[-/]\d\d|CAB[-/]\d{4}[-/]\d\d)");
  for (const std::string& verb : Verbs()) {
    INFO(verb);
    std::string help = RunClerk({verb, "--help"}).out;
    for (std::sregex_iterator it(help.begin(), help.end(), reference), end; it != end; ++it) {
      std::string found = it->str();
      INFO(found);
      CHECK((found == "CSSC-2011-01" || found == "CSSC/2011/01"));
    }
  }
  std::string build = RunClerk({"build", "--help"}).out;
  CHECK_THAT(build, Catch::Contains("the first, for report cssc-2011-06 of\n"
                                    "inputs/ks2-maths-scrutiny, is "
                                    "outputs/CSSC-2011-01-draft-v1.pdf"));
  std::string sign_off = RunClerk({"sign-off", "--help"}).out;
  CHECK_THAT(sign_off, Catch::Contains("(outputs/CSSC-2011-01.pdf)"));

  // And they are what the example review makes, built and signed off as the README says.
  TemporaryDirectory council;
  fs::create_directories(council.Path() + "/inputs");
  fs::copy(kExample, council.Path() + "/" + kExample, fs::copy_options::recursive);
  ProgramResult built = RunClerk({"build", kExample, "--report", "cssc-2011-06"}, council.Path());
  REQUIRE(built.exit_code == 0);
  CHECK(fs::exists(council.Path() + "/outputs/CSSC-2011-01-draft-v1.pdf"));
  ProgramResult signed_off = RunClerk({"sign-off", "CSSC/2011/01", "--by", "Jane Smith", "--role",
                                       "Director of Children's Services"},
                                      council.Path());
  CHECK(signed_off.exit_code == 0);
  CHECK(fs::exists(council.Path() + "/outputs/CSSC-2011-01.pdf"));
}

TEST_CASE(
    "a sign-off or rejection without --by is a command-line mistake, said before the "
    "registry is opened") {
  TemporaryDirectory empty;
  auto misused = [&](const std::vector<std::string>& arguments, const std::string& message) {
    INFO(arguments[0]);
    ProgramResult result = RunClerk(arguments, empty.Path());
    CHECK(result.exit_code == 64);
    CHECK(result.out.empty());
    CHECK(result.err == message);
    CHECK(SnapshotTree(empty.Path()).empty());  // no registry made, nothing written
  };
  misused({"sign-off", "CSSC/2011/01"},
          "clerk sign-off: a sign-off needs the name of who makes it (--by <name>) and the role "
          "of who signs off (--role <role>)\n"
          "Run 'clerk sign-off --help' for its options.\n");
  misused({"sign-off", "CSSC/2011/01", "--role", "Director of Children's Services"},
          "clerk sign-off: a sign-off needs the name of who makes it (--by <name>)\n"
          "Run 'clerk sign-off --help' for its options.\n");
  misused({"sign-off", "CSSC/2011/01", "--by", "Jane Smith", "--role", "  "},
          "clerk sign-off: a sign-off needs the role of who signs off (--role <role>)\n"
          "Run 'clerk sign-off --help' for its options.\n");
  misused({"reject", "CSSC/2011/01", "--comment", "Paragraph 2.4 needs the latest figures"},
          "clerk reject: a rejection needs the name of who makes it (--by <name>)\n"
          "Run 'clerk reject --help' for its options.\n");
  misused({"reject", "CSSC/2011/01"},
          "clerk reject: a rejection needs the name of who makes it (--by <name>) and a comment "
          "saying what must change (--comment <text>)\n"
          "Run 'clerk reject --help' for its options.\n");
}

TEST_CASE(
    "clerk build -v adds no line of Poco's own, and a verb it would add nothing to has no -v") {
  std::vector<std::string> arguments{"build",        kExample, "--report",
                                     "cssc-2011-06", "--emit", "tree"};
  ProgramResult plain = RunClerk(arguments);
  arguments.push_back("-v");
  ProgramResult verbose = RunClerk(arguments);
  CHECK(verbose.exit_code == 0);
  CHECK(verbose.err.find("Uninitializing") == std::string::npos);
  CHECK(verbose.err == plain.err);
  CHECK(verbose.out == plain.out);

  ProgramResult status = RunClerk({"status", "-v"});
  CHECK(status.exit_code == 64);
  CHECK(status.err ==
        "clerk status: Unknown option specified: v\nRun 'clerk status --help' for its options.\n");
  CHECK(OptionsOf(RunClerk({"run-due", "--help"}).out).find("--verbose") == std::string::npos);
}
