#include "registry/text.h"

#include <catch2/catch.hpp>

#include "registry_fixture.h"

using namespace clerk;
using namespace clerk::registry;

TEST_CASE("FormatStatus lines the reports up in columns with a note", "[registry][text]") {
  ReportStatus none;
  none.reference = "CSSC/2011/01";
  none.review_key = "ks2";
  none.report_id = "2011-06";
  none.by = "clerk";
  none.at = "2011-06-01T09:00:00Z";
  ReportStatus approved = none;
  approved.reference = "CSSC/2011/02";
  approved.report_id = "2011-07";
  approved.latest_version = 2;
  approved.state = ReportState::kApproved;
  approved.by = "Jane Smith";
  approved.at = "2011-06-14T10:30:00Z";
  approved.approved_version = 2;
  approved.final_path = "outputs/ks2/CSSC-2011-02.pdf";
  ReportStatus changed = approved;
  changed.reference = "CSSC/2011/03";
  changed.report_id = "2011-12";
  changed.latest_version = 3;
  changed.state = ReportState::kChangedSinceApproval;
  changed.by = "clerk";
  changed.draft_file_missing = true;
  CHECK(FormatStatus({none, approved, changed}) ==
        "reference     review  report   draft  state                   by          at              "
        "      note\n"
        "CSSC/2011/01  ks2     2011-06  -      no draft                clerk       "
        "2011-06-01T09:00:00Z\n"
        "CSSC/2011/02  ks2     2011-07  v2     approved                Jane Smith  "
        "2011-06-14T10:30:00Z  final outputs/ks2/CSSC-2011-02.pdf\n"
        "CSSC/2011/03  ks2     2011-12  v3     changed since approval  clerk       "
        "2011-06-14T10:30:00Z  v2 approved, final outputs/ks2/CSSC-2011-02.pdf; draft file "
        "missing: the next build writes it again\n");
  CHECK(FormatStatus({}) == "");
}

TEST_CASE("FormatHistory prints a title and one line per event", "[registry][text]") {
  ReportStatus report;
  report.reference = "CSSC/2011/01";
  report.review_key = "ks2";
  report.report_id = "2011-06";
  report.state = ReportState::kRejected;
  std::vector<Event> events = {
      {1, "2011-06-01T09:00:00Z", "reference", "clerk", 0, "reference CSSC/2011/01 given"},
      {2, "2011-06-01T09:00:01Z", "draft", "clerk", 1, "draft v1 built"},
      {5, "2011-06-14T10:30:00Z", "rejected", "Jane Smith", 1,
       "draft v1 rejected by Jane Smith: no"}};
  CHECK(FormatHistory(report, events) ==
        "CSSC/2011/01: report 2011-06 of ks2, rejected\n"
        "2011-06-01T09:00:00Z  reference  clerk       reference CSSC/2011/01 given\n"
        "2011-06-01T09:00:01Z  draft      clerk       draft v1 built\n"
        "2011-06-14T10:30:00Z  rejected   Jane Smith  draft v1 rejected by Jane Smith: no\n");
}

TEST_CASE("Status and history come from the registry as recorded", "[registry][text]") {
  test::Scratch scratch;
  std::string outputs = scratch.File("outputs");
  auto registry = test::OpenOrFail(outputs + "/registry.db");
  Diagnostics diagnostics;
  std::string reference =
      registry->ReferenceFor(test::Reference("2011-06"), diagnostics)->reference;
  registry->ReferenceFor(test::Reference("2011-07", 2011, "CSSC", "other"), diagnostics);
  test::BuildDraft(*registry, test::Draft(reference, "inputs 1"), outputs);
  std::string sha = Sha256Hex(test::PdfBytes(test::Draft(reference, "inputs 1").content_sha256, 1));
  CHECK(FormatStatus(registry->Status("ks2-maths-scrutiny", diagnostics)) ==
        "reference     review              report   draft  state  by     at\n"
        "CSSC/2011/01  ks2-maths-scrutiny  2011-06  v1     draft  clerk  2011-06-01T10:00:00Z\n");
  CHECK(registry->Status("", diagnostics).size() == 2);
  CHECK(registry->Status("nothing", diagnostics).empty());
  CHECK(FormatHistory(*registry->StatusOf(reference, diagnostics),
                      *registry->History(reference, diagnostics)) ==
        "CSSC/2011/01: report 2011-06 of ks2-maths-scrutiny, draft\n"
        "2011-06-01T09:00:00Z  reference  clerk  reference CSSC/2011/01 given to report 2011-06 "
        "of ks2-maths-scrutiny (committee CSSC, 2011, number 1)\n"
        "2011-06-01T10:00:00Z  draft      clerk  draft v1 built: " +
            outputs + "/CSSC-2011-01-draft-v1.pdf (SHA-256 " + sha.substr(0, 12) + ")\n");
  CHECK_FALSE(registry->History("CSSC/2011/99", diagnostics));
  CHECK(diagnostics.Empty());
}
