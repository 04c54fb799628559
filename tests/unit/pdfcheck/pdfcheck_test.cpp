// clerk's own PDFs (both example reports, and a small hand-made one) check clean; PDFs made
// wrong on purpose (untagged by libharu, or tagged and then edited with qpdf) give exactly the
// findings they should.
#include "pdfcheck/pdfcheck.h"

#include <hpdf.h>

// qpdf 11: std::shared_ptr only (see pipeline/pdfcheck/qpdf.h).
#define POINTERHOLDER_TRANSITION 4
#include <catch2/catch.hpp>
#include <functional>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <string>
#include <vector>

#include "../render/sample_document.h"
#include "cli/paper_maker.h"
#include "core/file_system.h"
#include "render/tagging.h"

using clerk::Diagnostics;
using clerk::layout::LaidOutDocument;
using clerk::layout::Role;
using clerk::pdfcheck::CheckPdf;
using clerk::pdfcheck::PdfCheckResult;

namespace {

PdfCheckResult Check(const std::string& bytes) {
  std::string error;
  auto result = CheckPdf(bytes, "test.pdf", &error);
  INFO(error);
  REQUIRE(result);
  return *result;
}

/// "page N: message" (or the message alone for the document), one a line.
std::string Findings(const PdfCheckResult& result) {
  std::string out;
  for (const auto& finding : result.findings) {
    if (finding.page > 0) out += "page " + std::to_string(finding.page) + ": ";
    out += finding.message + "\n";
  }
  return out;
}

std::string Render(const LaidOutDocument& document) {
  Diagnostics diagnostics;
  std::string bytes = clerk::render::RenderPdf(document, clerk::test::SansFonts(), diagnostics);
  REQUIRE_FALSE(bytes.empty());
  return bytes;
}

/// Opens `bytes` with qpdf, lets `edit` change it, and writes it again.
std::string EditPdf(const std::string& bytes, const std::function<void(QPDF&)>& edit) {
  QPDF pdf;
  pdf.processMemoryFile("edited.pdf", bytes.data(), bytes.size());
  edit(pdf);
  QPDFWriter writer(pdf);
  writer.setOutputMemory();
  writer.write();
  std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

/// Page `index`'s content stream (libharu writes one per page), decoded.
std::string PageContent(QPDF& pdf, size_t index) {
  QPDFObjectHandle contents =
      QPDFPageDocumentHelper(pdf).getAllPages()[index].getObjectHandle().getKey("/Contents");
  std::shared_ptr<Buffer> data = contents.getStreamData(qpdf_dl_generalized);
  return std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
}

void SetPageContent(QPDF& pdf, size_t index, const std::string& text) {
  QPDFPageDocumentHelper(pdf)
      .getAllPages()[index]
      .getObjectHandle()
      .getKey("/Contents")
      .replaceStreamData(text, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
}

/// Every structure element whose /S is `type`.
std::vector<QPDFObjectHandle> ElementsOfType(QPDF& pdf, const std::string& type) {
  std::vector<QPDFObjectHandle> found;
  for (QPDFObjectHandle object : pdf.getAllObjects()) {
    if (object.isDictionary() && object.getKey("/S").isName() &&
        object.getKey("/S").getName() == type) {
      found.push_back(object);
    }
  }
  return found;
}

int CountOf(const std::string& text, const std::string& needle) {
  int count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

std::string ExamplePdf(const std::string& report_id) {
  clerk::DiskFileSystem files;
  Diagnostics diagnostics;
  auto prepared = clerk::cli::PrepareReview(files, "inputs/ks2-maths-scrutiny", diagnostics);
  REQUIRE(prepared);
  auto maker =
      clerk::cli::PaperMaker::Create(files, clerk::cli::DefaultPaperSettings(files), diagnostics);
  REQUIRE(maker);
  clerk::merge::MergeOptions options{"DRAFT v1", "CSSC/2011/01"};
  auto paper = maker->Make(*prepared, report_id, options, clerk::cli::Emit::kPdf, diagnostics);
  INFO(clerk::FormatDiagnostics(diagnostics, files));
  REQUIRE(paper);
  return paper->pdf;
}

}  // namespace

TEST_CASE("Both example reports are tagged and clean") {
  for (const char* report : {"cabinet-2010-12", "cssc-2011-06"}) {
    INFO(report);
    PdfCheckResult result = Check(ExamplePdf(report));
    CHECK(Findings(result) == "");
    CHECK(result.Tagged());
    CHECK(result.language == "en-GB");
    CHECK(result.pages > 5);
    CHECK(result.painted_items > 500);
    CHECK(result.tagged_items + result.artifact_items == result.painted_items);
    CHECK(result.artifact_items > 0);
    CHECK(result.structure_elements > 100);
  }
}

TEST_CASE("The hand-made sample is clean, and an H3 set under an H1 is tagged H2") {
  LaidOutDocument document = clerk::test::SampleDocument();
  document.structure[clerk::test::kAppendixHeading].role = Role::kH3;
  std::vector<std::string> names = clerk::render::StructureTypeNames(document.structure);
  CHECK(names[clerk::test::kHeading] == "H1");
  CHECK(names[clerk::test::kAppendixHeading] == "H2");
  CHECK(names[clerk::test::kTable] == "Table");
  PdfCheckResult result = Check(Render(document));
  CHECK(Findings(result) == "");
  CHECK(result.Tagged());
  CHECK(result.title == "KS2 Maths – scrutiny review");
  CHECK(result.pages == 2);
}

TEST_CASE("An untagged PDF is reported as such, with every painted item") {
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  REQUIRE(pdf);
  HPDF_Page page = HPDF_AddPage(pdf);
  HPDF_Font font = HPDF_GetFont(pdf, "Helvetica", nullptr);
  HPDF_Page_BeginText(page);
  HPDF_Page_SetFontAndSize(page, font, 12);
  HPDF_Page_TextOut(page, 50, 700, "Not tagged");
  HPDF_Page_EndText(page);
  HPDF_Page_MoveTo(page, 50, 690);
  HPDF_Page_LineTo(page, 200, 690);
  HPDF_Page_Stroke(page);
  HPDF_Page_Rectangle(page, 50, 600, 100, 50);
  HPDF_Page_Fill(page);
  REQUIRE(HPDF_SaveToStream(pdf) == HPDF_OK);
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
  std::string bytes(size, '\0');
  REQUIRE(HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size) == HPDF_OK);
  HPDF_Free(pdf);

  PdfCheckResult result = Check(bytes);
  CHECK_FALSE(result.Tagged());
  CHECK(result.painted_items == 3);
  CHECK(Findings(result) ==
        "not marked: the catalog has no /MarkInfo with /Marked true\n"
        "no structure tree: the catalog has no /StructTreeRoot\n"
        "no language: the catalog has no /Lang\n"
        "no title: the document information has no /Title\n"
        "page 1: text (Tj, painted item 1 of the page) is outside any marked content and not an "
        "artifact\n"
        "page 1: a path (S, painted item 2 of the page) is outside any marked content and not an "
        "artifact\n"
        "page 1: a path (f, painted item 3 of the page) is outside any marked content and not an "
        "artifact\n");
}

TEST_CASE("Text whose marked-content wrapper is dropped is outside the structure") {
  std::string edited = EditPdf(Render(clerk::test::SampleDocument()), [](QPDF& pdf) {
    std::string content = PageContent(pdf, 0);
    // The first tagged item: its BDC line and the EMC that closes it (the tagger never nests).
    size_t bdc = content.find(" BDC\n");
    REQUIRE(bdc != std::string::npos);
    size_t line = content.rfind('\n', bdc) + 1;
    size_t emc = content.find("EMC\n", bdc);
    REQUIRE(emc != std::string::npos);
    std::string inside = content.substr(bdc, emc - bdc);
    REQUIRE(CountOf(inside, " Tj\n") == 1);
    content.erase(emc, 4);
    content.erase(line, bdc + 5 - line);
    SetPageContent(pdf, 0, content);
  });
  PdfCheckResult result = Check(edited);
  CHECK(Findings(result) ==
        "page 1: text (Tj, painted item 3 of the page) is outside any marked content and not an "
        "artifact\n");
}

TEST_CASE("Marked content no structure element reaches is reported") {
  std::string edited = EditPdf(Render(clerk::test::SampleDocument()), [](QPDF& pdf) {
    std::string content = PageContent(pdf, 1);
    size_t mcid = content.find("<</MCID 0>> BDC");
    REQUIRE(mcid != std::string::npos);
    content.replace(mcid, 11, "<</MCID 900>>");
    SetPageContent(pdf, 1, content);
  });
  std::string findings = Findings(Check(edited));
  CHECK(findings.rfind("page 2: text (Tj, painted item ", 0) == 0);
  CHECK(CountOf(findings, "\n") == 1);
  CHECK(CountOf(findings, " is in marked content MCID 900 that no structure element reaches\n") ==
        1);
}

TEST_CASE("A header cell without its scope, cells without headers, a figure without alt") {
  using clerk::test::kActionHeader;
  using clerk::test::kFirstParagraph;
  using clerk::test::kStatusHeader;
  SECTION("a TH without /Scope") {
    LaidOutDocument document = clerk::test::SampleDocument();
    document.structure[kActionHeader].scope = "";
    CHECK(Findings(Check(Render(document))) == "page 2: TH without /Scope (table 1, row 1)\n");
  }
  SECTION("a table with no header cells") {
    LaidOutDocument document = clerk::test::SampleDocument();
    document.structure[kActionHeader].role = Role::kTD;
    document.structure[kActionHeader].scope = "";
    document.structure[kStatusHeader].role = Role::kTD;
    document.structure[kStatusHeader].scope = "";
    CHECK(Findings(Check(Render(document))) ==
          "page 2: TD without a header (table 1, row 1, cell 1)\n"
          "page 2: TD without a header (table 1, row 1, cell 2)\n"
          "page 2: TD without a header (table 1, row 2, cell 1)\n"
          "page 2: TD without a header (table 1, row 2, cell 2)\n");
  }
  SECTION("a Figure without /Alt") {
    LaidOutDocument document = clerk::test::SampleDocument();
    document.structure[kFirstParagraph].role = Role::kFigure;
    CHECK(Findings(Check(Render(document))) == "page 1: Figure without alternative text (/Alt)\n");
    document.structure[kFirstParagraph].alt = "A chart of attainment";
    CHECK(Findings(Check(Render(document))) == "");
  }
}

TEST_CASE("A skipped heading level is reported") {
  SECTION("the first heading below H1") {
    std::string edited = EditPdf(Render(clerk::test::SampleDocument()), [](QPDF& pdf) {
      std::vector<QPDFObjectHandle> headings = ElementsOfType(pdf, "/H1");
      REQUIRE(headings.size() == 2);
      for (QPDFObjectHandle heading : headings) {
        heading.replaceKey("/S", QPDFObjectHandle::newName("/H2"));
      }
    });
    CHECK(Findings(Check(edited)) == "page 1: the first heading is H2, not H1\n");
  }
  SECTION("H3 after H1") {
    std::string edited = EditPdf(Render(clerk::test::SampleDocument()), [](QPDF& pdf) {
      for (QPDFObjectHandle heading : ElementsOfType(pdf, "/H1")) {
        QPDFObjectHandle section = heading.getKey("/P");
        if (section.getKey("/S").getName() == "/Sect") {
          heading.replaceKey("/S", QPDFObjectHandle::newName("/H3"));
        }
      }
    });
    CHECK(Findings(Check(edited)) == "page 2: heading level skipped: H3 follows H1\n");
  }
}

TEST_CASE("Bytes that are not a PDF cannot be read") {
  std::string error;
  CHECK_FALSE(CheckPdf("this is not a PDF", "notes.txt", &error));
  CHECK_THAT(error, Catch::Contains("notes.txt"));
}

TEST_CASE("Text in marked content without an MCID is outside the structure") {
  std::string edited = EditPdf(Render(clerk::test::SampleDocument()), [](QPDF& pdf) {
    std::string content = PageContent(pdf, 0);
    size_t bdc = content.find(" BDC\n");
    REQUIRE(bdc != std::string::npos);
    size_t line = content.rfind('\n', bdc) + 1;
    content.replace(line, bdc + 4 - line, "/Span BMC");
    SetPageContent(pdf, 0, content);
  });
  CHECK(Findings(Check(edited)) ==
        "page 1: text (Tj, painted item 3 of the page) is in marked content without an MCID and "
        "not an artifact\n");
}
