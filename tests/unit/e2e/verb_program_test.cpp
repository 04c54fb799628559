// End to end: `clerk check-pdf` and `clerk serve` are programs of their own beside clerk
// (pipeline/cli/verb_program.h), which clerk runs in its own place: same arguments, output and
// exit status as if clerk had run the verb itself.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "run_program.h"

using clerk::testing::RunClerk;
using clerk::testing::RunProgram;
using clerk::testing::TemporaryDirectory;

TEST_CASE("clerk hands check-pdf to its own program, arguments and exit status included") {
  // A file that is no PDF: the verb program itself reads it and says so.
  TemporaryDirectory folder;
  std::string not_pdf = folder.Path() + "/not.pdf";
  clerk::testing::WriteWholeFile(not_pdf, "plain text\n");
  clerk::testing::ProgramResult through_clerk = RunClerk({"check-pdf", not_pdf});
  std::string own = std::filesystem::path(CLERK_BINARY).parent_path().string() + "/clerk-check-pdf";
  clerk::testing::ProgramResult direct = RunProgram(own, {"check-pdf", not_pdf});
  CHECK(through_clerk.exit_code == 2);
  CHECK(through_clerk.exit_code == direct.exit_code);
  CHECK(through_clerk.out == direct.out);
  CHECK(through_clerk.err == direct.err);
  CHECK(through_clerk.out.find("not.pdf: cannot be read as a PDF") != std::string::npos);
}

TEST_CASE("A clerk copied without its verb programs says which file it misses") {
  TemporaryDirectory folder;
  std::string copy = folder.Path() + "/clerk";
  std::filesystem::copy_file(CLERK_BINARY, copy);
  std::filesystem::permissions(copy, std::filesystem::perms::owner_all);
  clerk::testing::ProgramResult result = RunProgram(copy, {"serve", "--port", "1"});
  CHECK(result.exit_code == 70);
  CHECK(result.err == "clerk serve: cannot run " + folder.Path() +
                          "/clerk-serve: No such file or directory (this verb is a program of "
                          "its own, built beside clerk)\n");
  // The verbs of clerk itself still work in the copy.
  CHECK(RunProgram(copy, {"--version"}).exit_code == 0);
}
