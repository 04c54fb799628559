// End to end: the June 2011 paper's charts and progress summary, read back from the PDF as a
// reader's tools read it, against what `clerk facts` computes.
#include <catch2/catch.hpp>
#include <cctype>
#include <regex>
#include <sstream>
#include <memory>
#include <string>
#include <vector>

#include "example_review.h"
#include "run_program.h"

using clerk::testing::kExample;
using clerk::testing::RunClerk;
using clerk::testing::RunProgram;
using clerk::testing::Squeeze;
using clerk::testing::TemporaryDirectory;

namespace {

const char* const kJune = "cssc-2011-06";

struct Built {
  TemporaryDirectory outputs;
  std::string pdf;
  int exit_code = -1;
  std::string log;
};

const Built& June() {
  // Held until the program ends, when its folder is removed.
  static std::unique_ptr<Built> built = [] {
    auto result = std::make_unique<Built>();
    auto run =
        RunClerk({"build", kExample, "--report", kJune, "--output-dir", result->outputs.Path()});
    result->exit_code = run.exit_code;
    result->log = run.err;
    result->pdf = result->outputs.Path() + "/CSSC-2011-01-draft-v1.pdf";
    return result;
  }();
  return *built;
}

std::vector<std::string> Words(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

/// The lines of `text` as lists of words.
std::vector<std::vector<std::string>> Lines(const std::string& text) {
  std::vector<std::vector<std::string>> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(Words(line));
  return lines;
}

using FlowMap = std::vector<std::pair<std::string, std::string>>;

/// The progress block of `clerk facts`: a flow map per recommendation and the total's.
struct FactsProgress {
  std::vector<FlowMap> rows;  ///< the recommendations, then the total
  std::vector<std::string> overdue, rescheduled;
};

FlowMap ReadFlowMap(const std::string& map) {
  FlowMap fields;
  std::regex field(R"(([a-z ]+): ("[^"]*"|[^,}]+))");
  for (std::sregex_iterator it(map.begin(), map.end(), field), end; it != end; ++it) {
    std::string value = (*it)[2];
    if (!value.empty() && value.front() == '"') value = value.substr(1, value.size() - 2);
    fields.emplace_back((*it)[1], value);
  }
  return fields;
}

std::vector<std::string> IdList(const std::string& list) {
  std::vector<std::string> ids;
  std::regex id(R"("([^"]*)\")");
  for (std::sregex_iterator it(list.begin(), list.end(), id), end; it != end; ++it) {
    ids.push_back((*it)[1]);
  }
  return ids;
}

FactsProgress Facts() {
  auto run = RunClerk({"facts", kExample, "--report", kJune});
  REQUIRE(run.exit_code == 0);
  FactsProgress progress;
  size_t at = run.out.find("    progress:\n");
  REQUIRE(at != std::string::npos);
  std::istringstream in(run.out.substr(at));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line) && line.rfind("      ", 0) == 0) {
    if (line.rfind("        - {", 0) == 0 || line.rfind("      total: ", 0) == 0) {
      progress.rows.push_back(ReadFlowMap(line.substr(line.find('{'))));
    } else if (line.rfind("      overdue: ", 0) == 0) {
      progress.overdue = IdList(line);
    } else if (line.rfind("      rescheduled: ", 0) == 0) {
      progress.rescheduled = IdList(line);
    }
  }
  return progress;
}

/// The summary's printed lines as `clerk facts` says they must be, for the recommendations
/// `shown` (the action plan's): one per status and one for the total, its name, then its count
/// for each recommendation, then the sum of those.
std::vector<std::vector<std::string>> ExpectedLines(const FactsProgress& facts,
                                                    const std::vector<std::string>& shown) {
  std::vector<std::vector<std::string>> lines;
  for (const auto& column : facts.rows.back()) {
    const std::string& key = column.first;
    if (key == "recommendation") continue;
    std::vector<std::string> line = Words(key);
    line[0][0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0][0])));
    int sum = 0;
    for (const std::string& id : shown) {
      for (size_t r = 0; r + 1 < facts.rows.size(); ++r) {
        const FlowMap& row = facts.rows[r];
        if (row.front().second != id) continue;
        for (const auto& [row_key, count] : row) {
          if (row_key != key) continue;
          line.push_back(count);
          sum += std::stoi(count);
        }
      }
    }
    line.push_back(std::to_string(sum));
    lines.push_back(line);
  }
  return lines;
}

/// The PDF's /Alt strings, read from an uncompressed copy (qpdf --qdf): literal strings as they
/// are, UTF-16BE hex strings decoded to UTF-8 (the characters here are all in the BMP).
std::vector<std::string> AltTexts(const std::string& pdf, const std::string& folder) {
  std::string plain = folder + "/plain.pdf";
  auto qdf = RunProgram("/usr/bin/qpdf", {"--qdf", "--object-streams=disable", pdf, plain});
  REQUIRE(qdf.exit_code == 0);
  std::string bytes = clerk::testing::ReadWholeFile(plain);
  std::vector<std::string> alts;
  std::regex alt(R"(/Alt (<([0-9a-fA-F]+)>|\(([^)]*)\)))");
  for (std::sregex_iterator it(bytes.begin(), bytes.end(), alt), end; it != end; ++it) {
    if ((*it)[3].matched) {
      alts.push_back((*it)[3]);
      continue;
    }
    std::string hex = (*it)[2];
    std::string text;
    for (size_t i = 4; i + 4 <= hex.size(); i += 4) {  // after the FEFF byte-order mark
      unsigned code = static_cast<unsigned>(std::stoul(hex.substr(i, 4), nullptr, 16));
      if (code < 0x80) {
        text += static_cast<char>(code);
      } else if (code < 0x800) {
        text += static_cast<char>(0xC0 | (code >> 6));
        text += static_cast<char>(0x80 | (code & 0x3F));
      } else {
        text += static_cast<char>(0xE0 | (code >> 12));
        text += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (code & 0x3F));
      }
    }
    alts.push_back(text);
  }
  return alts;
}

std::string Joined(const std::vector<std::string>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + ids[i];
  return out;
}

}  // namespace

TEST_CASE("The June 2011 paper's progress summary prints the counts clerk facts computes") {
  REQUIRE(June().exit_code == 0);
  FactsProgress facts = Facts();
  REQUIRE(facts.rows.size() >= 2);
  auto text = RunProgram("/usr/bin/pdftotext", {"-layout", June().pdf, "-"});
  REQUIRE(text.exit_code == 0);
  size_t at = text.out.find("Progress summary at 31 May 2011");
  REQUIRE(at != std::string::npos);
  std::vector<std::vector<std::string>> lines = Lines(text.out.substr(at));
  // The head names the recommendations the action plan shows: "Actions Recommendation", then
  // their numbers and "All".
  std::vector<std::string> shown;
  for (const auto& line : lines) {
    if (!line.empty() && line.back() == "All") {
      shown.assign(line.begin(), line.end() - 1);
      break;
    }
  }
  // The June 2011 plan shows recommendations 1 to 3 of the review's seven.
  CHECK(shown == std::vector<std::string>{"1", "2", "3"});
  // The table's rows, in order, beneath the heading: a status and its counts on each line.
  std::vector<std::vector<std::string>> expected = ExpectedLines(facts, shown);
  REQUIRE(expected.size() >= 7);  // six statuses at least, and the total
  CHECK(expected.back().front() == "Total");
  size_t next = 0;
  for (const auto& line : lines) {
    if (next < expected.size() && line == expected[next]) ++next;
  }
  CHECK(next == expected.size());
  std::string squeezed = Squeeze(text.out.substr(at));
  // The overdue and rescheduled actions of the recommendations shown, by number.
  auto of_shown = [&](const std::vector<std::string>& ids) {
    std::vector<std::string> kept;
    for (const std::string& id : ids) {
      for (const std::string& recommendation : shown) {
        if (id.rfind(recommendation + ".", 0) == 0) kept.push_back(id);
      }
    }
    return kept;
  };
  std::vector<std::string> overdue = of_shown(facts.overdue);
  std::vector<std::string> rescheduled = of_shown(facts.rescheduled);
  CHECK(overdue.size() == 8);
  CHECK_THAT(squeezed, Catch::Contains("Overdue actions (" + std::to_string(overdue.size()) +
                                       "): " + Joined(overdue) + "."));
  CHECK_THAT(squeezed,
             Catch::Contains("Rescheduled actions (" + std::to_string(rescheduled.size()) +
                             "): " + Joined(rescheduled) + "."));
}

TEST_CASE("The June 2011 paper's charts are Figures with alternative text, and the PDF is sound") {
  REQUIRE(June().exit_code == 0);
  auto check = RunProgram("/usr/bin/qpdf", {"--check", June().pdf});
  CHECK(check.exit_code == 0);
  auto structure = RunProgram("/usr/bin/pdfinfo", {"-struct-text", June().pdf});
  REQUIRE(structure.exit_code == 0);
  std::regex figure("\\n\\s*Figure\\b");
  auto figures =
      std::distance(std::sregex_iterator(structure.out.begin(), structure.out.end(), figure),
                    std::sregex_iterator());
  // Two charts for each of the two measures (L4+ and L5).
  CHECK(figures == 4);
  // Each Figure's alternative text, in the PDF, made from the data.
  std::vector<std::string> alts = AltTexts(June().pdf, June().outputs.Path());
  REQUIRE(alts.size() == 4);
  CHECK_THAT(alts[0], Catch::StartsWith("Change in Level 4+ percentage by school, 2009 to 2010: "
                                        "largest rise Hankham +36 points, largest fall Punnetts "
                                        "Town \xE2\x88\x92"
                                        "8 points; cohort-weighted change +12.4 points"));
  CHECK_THAT(alts[1], Catch::StartsWith("Level 4+ percentage by school, 2009 and 2010: 2010 "
                                        "highest "));
  CHECK_THAT(alts[2], Catch::StartsWith("Change in Level 5 percentage by school"));
  CHECK_THAT(alts[3], Catch::StartsWith("Level 5 percentage by school"));
  // The alternative text, as layout wrote it for render.
  auto layout = RunClerk({"build", kExample, "--report", kJune, "--emit", "layout"});
  REQUIRE(layout.exit_code == 0);
  CHECK_THAT(layout.out,
             Catch::Contains("Figure parent=") &&
                 Catch::Contains("alt=\"Change in Level 4+ percentage by school, 2009 to 2010: "
                                 "largest rise ") &&
                 Catch::Contains("; cohort-weighted change +12.4 points\""));
  // The words a reader's tool extracts include the charts' titles and keys.
  auto text = RunProgram("/usr/bin/pdftotext", {"-raw", June().pdf, "-"});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(Squeeze(text.out),
             Catch::Contains("Change in Level 4+ percentage by school, 2009 to 2010") &&
                 Catch::Contains("Cohort-weighted change +12.4 points") &&
                 Catch::Contains("Level 5 percentage by school, 2009 and 2010"));
}
