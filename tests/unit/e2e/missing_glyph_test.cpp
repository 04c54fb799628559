// End to end: characters the fonts cannot draw, in a copy of the example review, reported by
// `clerk check` and `clerk build` where the clerk wrote them.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "run_program.h"

using clerk::testing::ReadWholeFile;
using clerk::testing::RunClerk;
using clerk::testing::TemporaryDirectory;
using clerk::testing::WriteWholeFile;

namespace fs = std::filesystem;

namespace {

// A tick, two Chinese characters and an emoji: none of them is in Liberation Sans.
const std::string kOdd = "\xE2\x9C\x93 \xE6\xBC\xA2\xE5\xAD\x97 \xF0\x9F\x98\x80";
const std::string kSnowman = "\xE2\x98\x83";  // U+2603, put in a template

void Replace(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = ReadWholeFile(path);
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  WriteWholeFile(path, text.replace(at, from.size(), to));
}

// In `root`: review/ (the example, with kOdd in an update dated 2010-11 and a tick in another),
// and a copy of clerk's templates/ and fonts/ with a snowman in the cover's template.
void MakeCouncilFolder(const std::string& root) {
  fs::copy("inputs/ks2-maths-scrutiny", root + "/review", fs::copy_options::recursive);
  fs::copy("templates", root + "/templates", fs::copy_options::recursive);
  fs::copy("fonts", root + "/fonts", fs::copy_options::recursive);
  Replace(root + "/review/responses.yaml", "text: Resources were reviewed",
          "text: " + kOdd + " Resources were reviewed");
  Replace(root + "/review/responses.yaml", "text: Website added to e-mail signature.",
          "text: Website added to e-mail signature \xE2\x9C\x93.");
  Replace(root + "/templates/council-report/cover.mustache", "label=\"Background Documents:\">",
          "label=\"Background Documents:\">" + kSnowman + " ");
}

const char* const kTick =
    "review/responses.yaml:50:15: warning: the font Liberation Sans (regular, bold, italic and "
    "bold italic) has no glyph for \"\xE2\x9C\x93\" (U+2713); it will print as an empty box (and "
    "it is in 1 more text field of this file)\n"
    "          text: \xE2\x9C\x93 \xE6\xBC\xA2\xE5\xAD\x97 \xF0\x9F\x98\x80 Resources were "
    "reviewed "
    "and refreshed over the summer.\n"
    "                ^\n"
    "  hint: write the text without it, or choose a font that has it in templates/style.yaml\n";
const char* const kEmoji =
    "review/responses.yaml:50:15: warning: the font Liberation Sans (regular, bold, italic and "
    "bold italic) has no glyph for \"\xF0\x9F\x98\x80\" (U+1F600); it will print as an empty box\n"
    "          text: \xE2\x9C\x93 \xE6\xBC\xA2\xE5\xAD\x97 \xF0\x9F\x98\x80 Resources were "
    "reviewed "
    "and refreshed over the summer.\n"
    "                ^\n"
    "  hint: characters beyond U+FFFF cannot be printed; write the text without them\n";

}  // namespace

TEST_CASE("clerk check warns of characters the fonts lack at their YAML field") {
  TemporaryDirectory root;
  MakeCouncilFolder(root.Path());
  auto result = RunClerk({"check", "review"}, root.Path());
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "review: 7 recommendations, 35 actions, 22 schools, 2 reports: 0 errors, 9 warnings\n");
  CHECK_THAT(result.err, Catch::Contains(kTick));
  CHECK_THAT(result.err, Catch::Contains(kEmoji));
  CHECK_THAT(result.err, Catch::Contains("(U+6F22); it will print as an empty box\n"));
  CHECK_THAT(result.err, Catch::Contains("(U+5B57); it will print as an empty box\n"));
}

TEST_CASE("clerk build warns of them at their YAML field once, not again from the paper") {
  TemporaryDirectory root;
  MakeCouncilFolder(root.Path());
  auto result = RunClerk({"build", "review", "--report", "cabinet-2010-12", "--output-dir", "out"},
                         root.Path());
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.err, Catch::Contains(kTick));
  CHECK_THAT(result.err, Catch::Contains(kEmoji));
  // Neither the markup's place nor the page's text is given for them as well.
  CHECK(result.err.find("(U+2713)") == result.err.rfind("(U+2713)"));
  CHECK(result.err.find("U+1F600 (") == std::string::npos);
  CHECK(result.err.find("Basic Multilingual Plane") == std::string::npos);
  // The template's snowman is only in the markup: its warning says how to see it.
  CHECK_THAT(result.err,
             Catch::Contains(
                 ": warning: the font Liberation Sans (regular) has no glyph for \"" + kSnowman +
                 "\" (U+2603); it will print as an empty box\n"
                 "  hint: write the text without it, or choose a font that has it in "
                 "templates/style.yaml; to see the text it is in, run 'clerk build review "
                 "--report cabinet-2010-12 --emit markup', which prints the markup this line "
                 "and column point into\n"));
  CHECK_THAT(result.err, Catch::Contains("\ncabinet-2010-12.markup.xml:"));
  CHECK_THAT(result.err, Catch::EndsWith("0 errors, 10 warnings\n"));
}
