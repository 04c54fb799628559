#include "load/committees.h"

#include <catch2/catch.hpp>

using clerk::Diagnostics;
using clerk::LocatedText;
using clerk::MemoryFileSystem;
using clerk::load::Committee;
using clerk::load::Committees;
using clerk::load::FindReportCommittee;
using clerk::load::LoadCommittees;

namespace {

Committees TwoCommittees() {
  MemoryFileSystem files;
  files.Add("council/committees.yaml",
            "committees:\n"
            "  - name: Cabinet\n"
            "    code: CAB\n"
            "    reference: \"{code}/{year}/{seq:02}\"\n"
            "  - name: Children's Services Scrutiny Committee\n"
            "    code: CSSC\n"
            "    reference: \"{code}/{year}/{seq:02}\"\n");
  Diagnostics diagnostics;
  auto committees = LoadCommittees(files, "council/committees.yaml", diagnostics);
  REQUIRE(committees);
  CHECK(diagnostics.Empty());
  return *committees;
}

LocatedText Field(const std::string& value) {
  return LocatedText{value, {"review/reports/r.yaml", 6, 12}};
}

}  // namespace

TEST_CASE("A report's committee is found by its exact name, with nothing to report") {
  Committees committees = TwoCommittees();
  Diagnostics diagnostics;
  const Committee* found =
      FindReportCommittee(committees, Field("Children's Services Scrutiny Committee"), diagnostics);
  REQUIRE(found != nullptr);
  CHECK(found->code.value == "CSSC");
  CHECK(diagnostics.Empty());
}

TEST_CASE("A committee that is not in the file is an error at the report's field") {
  Committees committees = TwoCommittees();
  Diagnostics diagnostics;
  CHECK(FindReportCommittee(committees, Field("Childrens Services Scrutiny Committee"),
                            diagnostics) == nullptr);
  CHECK(FindReportCommittee(committees, Field("Audit Committee"), diagnostics) == nullptr);
  REQUIRE(diagnostics.Items().size() == 2);
  const clerk::Diagnostic& misspelt = diagnostics.Items()[0];
  CHECK(misspelt.severity == clerk::Severity::kError);
  CHECK(misspelt.where.file == "review/reports/r.yaml");
  CHECK(misspelt.where.line == 6);
  CHECK(misspelt.where.column == 12);
  CHECK(misspelt.message ==
        "committee 'Childrens Services Scrutiny Committee' is not in council/committees.yaml, so "
        "its papers cannot be numbered");
  CHECK(misspelt.hint == "did you mean 'Children's Services Scrutiny Committee'?");
  const clerk::Diagnostic& unknown = diagnostics.Items()[1];
  CHECK(unknown.message ==
        "committee 'Audit Committee' is not in council/committees.yaml, so its papers cannot be "
        "numbered");
  CHECK(unknown.hint == "add it, with its code and reference pattern, to council/committees.yaml");
}
