#include <catch2/catch.hpp>

#include "compute/facts.h"
#include "load/load.h"
#include "markup/parser.h"
#include "merge/merge.h"
#include "merge_fixture.h"

using clerk::Diagnostics;
using clerk::merge::testing::Listed;

namespace {

// The example review (the reference paper's), loaded and computed by the real stages, merged
// with the real templates.
std::string MergeExample(const std::string& report, Diagnostics& diagnostics) {
  static const clerk::DiskFileSystem disk;
  const std::string root = CLERK_SOURCE_DIR;
  clerk::Review review =
      clerk::load::LoadReview(disk, root + "/inputs/ks2-maths-scrutiny", diagnostics);
  clerk::compute::ReviewFacts facts = clerk::compute::ComputeFacts(review, diagnostics);
  clerk::merge::TemplateSet templates =
      clerk::merge::LoadTemplates(disk, root + "/templates", "council-report", diagnostics);
  return clerk::merge::MergeReport(review, facts, report, templates,
                                   clerk::merge::MergeOptions{"DRAFT v1", "CSSC/2011/07"},
                                   diagnostics);
}

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("The June 2011 paper merges into markup the markup parser accepts") {
  Diagnostics diagnostics;
  std::string markup = MergeExample("cssc-2011-06", diagnostics);
  REQUIRE(Listed(diagnostics) == "");
  auto document = clerk::markup::ParseMarkup(markup, "cssc-2011-06.xml", diagnostics);
  CHECK(document.has_value());
  CHECK(Listed(diagnostics) == "");

  // Appendix 1, 2, 3 and the reproduced report's own Appendix 1.
  CHECK(Count(markup, "<appendix ") == 4);
  CHECK(markup.find("<appendix id=\"appendix-3-1\" label=\"Appendix 1\"") != std::string::npos);
  CHECK(markup.find("with 12.4% improvement at level 4") != std::string::npos);
  CHECK(markup.find("for the 22 schools involved") != std::string::npos);
  CHECK(markup.find("<p>increase 12.4%</p>") != std::string::npos);
  CHECK(markup.find("<b>974</b></td><td align=\"right\"><b>120</b>") != std::string::npos);
  // The June plan lists recommendations 1 to 3 and only the May 2011 comments.
  size_t june_plan = markup.find("<appendix id=\"appendix-1\"");
  size_t attainment = markup.find("<appendix id=\"appendix-2\"");
  std::string plan = markup.substr(june_plan, attainment - june_plan);
  CHECK(plan.find("<tr><td>3</td>") != std::string::npos);
  CHECK(plan.find("<tr><td>4</td>") == std::string::npos);
  CHECK(plan.find("<p><i>May 2011 – Mathematics Fortnight ran 14th-25th March.") !=
        std::string::npos);
  CHECK(plan.find("marker=\"o\"") == std::string::npos);
  // The December plan (inside Appendix 3) has its November 2010 sub-bullets and all seven.
  std::string december = markup.substr(markup.find("<appendix id=\"appendix-3-1\""));
  CHECK(december.find("<li><i>Scheduled for 14th-25th March 2011.</i></li>") != std::string::npos);
  CHECK(december.find("<tr><td>7</td>") != std::string::npos);
  CHECK(december.find("May 2011") == std::string::npos);
  CHECK(december.find("NS/LB/CR/GR/JW/PD Nov 2010") != std::string::npos);
}

TEST_CASE("The December 2010 paper merges on its own, with its Appendix 1 as appendix-1") {
  Diagnostics diagnostics;
  std::string markup = MergeExample("cabinet-2010-12", diagnostics);
  REQUIRE(Listed(diagnostics) == "");
  auto document = clerk::markup::ParseMarkup(markup, "cabinet-2010-12.xml", diagnostics);
  CHECK(document.has_value());
  CHECK(Listed(diagnostics) == "");
  CHECK(Count(markup, "<appendix ") == 1);
  CHECK(markup.find("as set out in the action plan attached as <link to=\"appendix-1\"><b>"
                    "Appendix 1</b></link> to this report</li>") != std::string::npos);
  CHECK(markup.find("<h1 id=\"section-3\" label=\"3.\">Conclusion and Reason for "
                    "Recommendations</h1>") != std::string::npos);
}
