#include "render/render.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "pdf_tools.h"
#include "sample_document.h"

using clerk::Diagnostics;
using clerk::layout::FontStyle;
using clerk::layout::LaidOutDocument;
using clerk::render::RenderPdf;
using clerk::test::Count;
using clerk::test::QpdfJson;
using clerk::test::RenderTo;
using clerk::test::RunTool;
using clerk::test::SampleDocument;
using clerk::test::SansFonts;
using clerk::test::ScratchDirectory;
using clerk::test::ToolRun;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::string Quoted(const std::string& path) { return "'" + path + "'"; }

// The value of "Name:   value" in pdfinfo's output.
std::string InfoField(const std::string& pdfinfo, const std::string& name) {
  std::istringstream lines(pdfinfo);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + ":", 0) != 0) continue;
    size_t value = line.find_first_not_of(' ', name.size() + 1);
    return value == std::string::npos ? "" : line.substr(value);
  }
  return "<no " + name + ">";
}

// The rows of pdffonts' table, without its two header lines.
std::vector<std::string> FontRows(const std::string& pdffonts) {
  std::vector<std::string> rows;
  std::istringstream lines(pdffonts);
  std::string line;
  for (int skip = 0; skip < 2 && std::getline(lines, line); ++skip) {
  }
  while (std::getline(lines, line)) {
    if (!line.empty()) rows.push_back(line);
  }
  return rows;
}

}  // namespace

TEST_CASE("The rendered PDF passes qpdf --check") {
  ScratchDirectory scratch;
  std::string pdf = RenderTo(scratch, SampleDocument());
  ToolRun check = RunTool("qpdf --check " + Quoted(pdf), scratch);
  CHECK(check.exit_status == 0);
  CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
  CHECK(check.err.empty());
}

TEST_CASE("Every face used is embedded once, as a subset, with a Unicode map") {
  ScratchDirectory scratch;
  ToolRun fonts = RunTool("pdffonts " + Quoted(RenderTo(scratch, SampleDocument())), scratch);
  CHECK(fonts.exit_status == 0);
  CHECK(fonts.err.empty());
  std::vector<std::string> rows = FontRows(fonts.out);
  REQUIRE(rows.size() == 4);
  for (const std::string& row : rows) {
    INFO(row);
    CHECK(row.find("CID TrueType") != std::string::npos);
    CHECK(row.find("Identity-H") != std::string::npos);
    CHECK(row.find(" yes yes yes ") != std::string::npos);  // emb, sub, uni
  }
  // pdffonts lists fonts in the order pages use them; each face is there once.
  for (const std::string face : {"+LiberationSans ", "+LiberationSans-Bold,",
                                 "+LiberationSans-Italic,", "+LiberationSans-BoldItalic,"}) {
    INFO(face);
    CHECK(std::count_if(rows.begin(), rows.end(), [&](const std::string& row) {
            return row.find(face) != std::string::npos;
          }) == 1);
  }
}

TEST_CASE("Only the faces text uses are embedded") {
  LaidOutDocument document = SampleDocument();
  for (auto& page : document.pages) {
    for (auto& item : page.items) {
      if (auto* run = std::get_if<clerk::layout::TextRun>(&item)) run->style = FontStyle::kBold;
    }
  }
  ScratchDirectory scratch;
  ToolRun fonts = RunTool("pdffonts " + Quoted(RenderTo(scratch, document)), scratch);
  std::vector<std::string> rows = FontRows(fonts.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].find("+LiberationSans-Bold,") != std::string::npos);
}

TEST_CASE("pdftotext gets the text back in reading order, special characters included") {
  ScratchDirectory scratch;
  std::string pdf = RenderTo(scratch, SampleDocument());
  ToolRun text = RunTool("pdftotext -layout " + Quoted(pdf) + " -", scratch);
  CHECK(text.exit_status == 0);
  CHECK(text.err.empty());  // poppler warns here about a broken ToUnicode map
  const std::vector<std::string> in_order = {
      "Cabinet – 14 June 2011",
      "Report of the Scrutiny Review",
      "The council’s “action plan” is set out below • it cost £2,500 (café).",
      "Updated since the previous report: ‘Spring 2011’ – see résumé.",
      "Recommendation 1",
      "See Appendix A for the action plan.",
      "Page 1 of 2",
      "\f",
      "Appendix A: Action plan",
      "Action",
      "Status",
      "Extra tuition – Year 6",
      "Done",
      "Page 2 of 2",
  };
  size_t from = 0;
  for (const std::string& expected : in_order) {
    INFO("looking for \"" << expected << "\" after byte " << from << " of:\n" << text.out);
    size_t found = text.out.find(expected, from);
    REQUIRE(found != std::string::npos);
    from = found + expected.size();
  }
}

TEST_CASE("pdfinfo shows the document's information, its date and its pages, without warnings") {
  ScratchDirectory scratch;
  ToolRun info =
      RunTool("pdfinfo -isodates " + Quoted(RenderTo(scratch, SampleDocument())), scratch);
  CHECK(info.exit_status == 0);
  CHECK(info.err.empty());
  CHECK(InfoField(info.out, "Title") == "KS2 Maths – scrutiny review");
  CHECK(InfoField(info.out, "Author") == "Scrutiny Officer");
  CHECK(InfoField(info.out, "Subject") == "Progress on the recommendations");
  CHECK(InfoField(info.out, "Keywords") == "scrutiny; maths");
  CHECK(InfoField(info.out, "Creator") == "clerk " CLERK_VERSION);
  CHECK(InfoField(info.out, "CreationDate") == "2011-06-14T12:00:00Z");
  CHECK(InfoField(info.out, "ModDate") == "2011-06-14T12:00:00Z");
  CHECK(InfoField(info.out, "Pages") == "2");
  CHECK(InfoField(info.out, "Page size") == "595.276 x 841.89 pts (A4)");
  CHECK(InfoField(info.out, "Tagged") == "yes");
  CHECK(InfoField(info.out, "Metadata Stream") == "yes");
}

TEST_CASE("The same document renders to the same bytes, whatever was rendered before") {
  Diagnostics diagnostics;
  std::string first = RenderPdf(SampleDocument(), SansFonts(), diagnostics);
  LaidOutDocument other = SampleDocument();
  other.info.title = "Another report";
  other.pages.pop_back();
  other.anchors.pop_back();
  other.outline.pop_back();
  other.page_labels.pop_back();
  clerk::test::SetLinkTarget(other.pages[0], 11, "report");
  std::string different = RenderPdf(other, SansFonts(), diagnostics);
  std::string second = RenderPdf(SampleDocument(), SansFonts(), diagnostics);
  REQUIRE_FALSE(first.empty());
  CHECK(first == second);
  CHECK(different != first);
}

TEST_CASE("Documents render in parallel threads, each to the same bytes") {
  Diagnostics diagnostics;
  const std::string expected = RenderPdf(SampleDocument(), SansFonts(), diagnostics);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::string& result : results) {
    threads.emplace_back([&result] {
      Diagnostics own;
      result = RenderPdf(SampleDocument(), SansFonts(), own);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) CHECK(result == expected);
}

TEST_CASE("Streams are compressed, so no drawing operator shows in the raw bytes") {
  Diagnostics diagnostics;
  std::string bytes = RenderPdf(SampleDocument(), SansFonts(), diagnostics);
  CHECK(Count(bytes, "/FlateDecode") >= 2 + 4 * 3);  // pages; each font's file, map and widths
  CHECK(bytes.find(" Tj") == std::string::npos);
  CHECK(bytes.find("BDC") == std::string::npos);
  CHECK(bytes.size() < 150 * 1024);
}

TEST_CASE("Bookmarks follow the outline, nested by level, each at its anchor") {
  LaidOutDocument document = SampleDocument();
  document.outline[2].title = "Appendix A – Action plan";
  ScratchDirectory scratch;
  Object::Ptr json = QpdfJson(RenderTo(scratch, document), "outlines", scratch);
  REQUIRE(json);
  Array::Ptr outlines = json->getArray("outlines");
  REQUIRE(outlines->size() == 2);

  Object::Ptr report = outlines->getObject(0);
  CHECK(report->getValue<std::string>("title") == "Report of the Scrutiny Review");
  CHECK(report->getValue<int>("destpageposfrom1") == 1);
  Array::Ptr destination = report->getArray("dest");
  REQUIRE(destination->size() == 5);
  CHECK(destination->getElement<std::string>(1) == "/XYZ");
  CHECK(destination->isNull(2));  // the reader's horizontal position stays
  CHECK(destination->getElement<double>(3) == Approx(775));
  CHECK(destination->isNull(4));  // and so does the zoom
  REQUIRE(report->getArray("kids")->size() == 1);
  Object::Ptr recommendation = report->getArray("kids")->getObject(0);
  CHECK(recommendation->getValue<std::string>("title") == "Recommendation 1");
  CHECK(recommendation->getArray("dest")->getElement<double>(3) == Approx(704));

  Object::Ptr appendix = outlines->getObject(1);
  CHECK(appendix->getValue<std::string>("title") == "Appendix A – Action plan");
  CHECK(appendix->getValue<int>("destpageposfrom1") == 2);
  CHECK(appendix->getArray("dest")->getElement<double>(3) == Approx(795));
  CHECK(appendix->getArray("kids")->size() == 0);
}

TEST_CASE("A link area becomes a borderless link to its anchor's page and height") {
  ScratchDirectory scratch;
  Object::Ptr json = QpdfJson(RenderTo(scratch, SampleDocument()), "pages qpdf", scratch);
  REQUIRE(json);
  Object::Ptr objects = json->getArray("qpdf")->getObject(1);
  std::string second_page = json->getArray("pages")->getObject(1)->getValue<std::string>("object");

  std::vector<Object::Ptr> links;
  std::vector<std::string> names;
  objects->getNames(names);
  for (const std::string& name : names) {
    Object::Ptr value = objects->getObject(name)->getObject("value");
    if (value && value->has("/Subtype") && value->getValue<std::string>("/Subtype") == "/Link") {
      links.push_back(value);
    }
  }
  REQUIRE(links.size() == 1);
  Object::Ptr link = links[0];
  Array::Ptr border = link->getArray("/Border");
  REQUIRE(border->size() == 3);
  CHECK(border->getElement<double>(2) == 0);
  Array::Ptr rect = link->getArray("/Rect");
  CHECK(rect->getElement<double>(0) == Approx(77.5));
  CHECK(rect->getElement<double>(1) == Approx(657));
  CHECK(rect->getElement<double>(2) == Approx(132.9));
  CHECK(rect->getElement<double>(3) == Approx(670));
  Array::Ptr destination =
      objects->getObject("obj:" + link->getValue<std::string>("/Dest"))->getArray("value");
  REQUIRE(destination);
  CHECK(destination->getElement<std::string>(0) == second_page);
  CHECK(destination->getElement<std::string>(1) == "/XYZ");
  CHECK(destination->getElement<double>(3) == Approx(795));
}

TEST_CASE("Page labels number pages with their prefix, a default range starts at the first page") {
  LaidOutDocument document = SampleDocument();
  document.page_labels = {{1, "Anhang é-", 3}};
  ScratchDirectory scratch;
  Object::Ptr json = QpdfJson(RenderTo(scratch, document), "pagelabels", scratch);
  REQUIRE(json);
  Array::Ptr labels = json->getArray("pagelabels");
  REQUIRE(labels->size() == 2);
  CHECK(labels->getObject(0)->getValue<int>("index") == 0);
  Object::Ptr first = labels->getObject(0)->getObject("label");
  CHECK(first->getValue<std::string>("/S") == "/D");
  CHECK_FALSE(first->has("/P"));
  CHECK(labels->getObject(1)->getValue<int>("index") == 1);
  Object::Ptr appendix = labels->getObject(1)->getObject("label");
  CHECK(appendix->getValue<std::string>("/S") == "/D");
  CHECK(appendix->getValue<std::string>("/P") == "u:Anhang é-");
  CHECK(appendix->getValue<int>("/St") == 3);
}

TEST_CASE("Without bookmarks or page labels the PDF has neither") {
  LaidOutDocument document = SampleDocument();
  document.outline.clear();
  document.page_labels.clear();
  ScratchDirectory scratch;
  std::string pdf = RenderTo(scratch, document);
  Object::Ptr json = QpdfJson(pdf, "outlines pagelabels", scratch);
  REQUIRE(json);
  CHECK(json->getArray("outlines")->size() == 0);
  CHECK(json->getArray("pagelabels")->size() == 0);
  CHECK(RunTool("qpdf --check " + Quoted(pdf), scratch).exit_status == 0);
}

TEST_CASE("Page sizes come from the layout") {
  LaidOutDocument document = SampleDocument();
  document.pages[1].width = 841.89;  // a landscape appendix
  document.pages[1].height = 595.276;
  ScratchDirectory scratch;
  ToolRun info = RunTool("pdfinfo -f 1 -l 2 " + Quoted(RenderTo(scratch, document)), scratch);
  CHECK(InfoField(info.out, "Page    1 size") == "595.276 x 841.89 pts (A4)");
  CHECK(InfoField(info.out, "Page    2 size") == "841.89 x 595.276 pts (A4)");
}

TEST_CASE("Gray, turned text (the DRAFT watermark) is drawn with its gray and a text matrix") {
  ScratchDirectory scratch;
  std::string pdf = RenderTo(scratch, SampleDocument());
  std::string qdf = scratch.File("report.qdf");
  REQUIRE(RunTool("qpdf --qdf --object-streams=disable " + Quoted(pdf) + " " + Quoted(qdf), scratch)
              .exit_status == 0);
  std::string text = clerk::test::ReadWholeFile(qdf);
  // The watermark comes first on page 1, as an artifact: gray, then rotated by 45 degrees.
  size_t watermark = text.find(
      "/Artifact BMC\n0.85 g\nBT\n/F1 110 Tf\n0.70711 0.70711 -0.70711 "
      "0.70711 150 250 Tm\n");
  CHECK(watermark != std::string::npos);
  // The text after it is black again.
  CHECK(text.find("0 g\n", watermark) != std::string::npos);
}

TEST_CASE("A font's widths cover the characters drawn with it, the highest one included") {
  LaidOutDocument document = SampleDocument();
  for (auto& page : document.pages) {
    for (auto& item : page.items) {
      if (auto* run = std::get_if<clerk::layout::TextRun>(&item)) {
        run->style = FontStyle::kRegular;
        run->text = page.text.Add("ZA");  // Z, the highest code drawn, is where libharu 2.3.0
                                          // would stop short
      }
    }
  }
  ScratchDirectory scratch;
  std::string pdf = RenderTo(scratch, document);
  Object::Ptr json = QpdfJson(pdf, "qpdf", scratch);
  REQUIRE(json);
  Object::Ptr objects = json->getArray("qpdf")->getObject(1);
  std::vector<std::string> names;
  objects->getNames(names);
  std::vector<Array::Ptr> widths;
  for (const std::string& name : names) {
    Object::Ptr value = objects->getObject(name)->getObject("value");
    if (value && value->has("/Subtype") &&
        value->getValue<std::string>("/Subtype") == "/CIDFontType2") {
      widths.push_back(value->getArray("/W"));
    }
  }
  REQUIRE(widths.size() == 1);
  // Liberation Sans: A (CID 65) 666 and Z (CID 90) 610 thousandths (truncated); nothing else.
  REQUIRE(widths[0]->size() == 4);
  CHECK(widths[0]->getElement<int>(0) == 65);
  CHECK(widths[0]->getArray(1)->size() == 1);
  CHECK(widths[0]->getArray(1)->getElement<int>(0) == 666);
  CHECK(widths[0]->getElement<int>(2) == 90);
  CHECK(widths[0]->getArray(3)->getElement<int>(0) == 610);
  ToolRun text = RunTool("pdftotext -f 1 -l 1 " + Quoted(pdf) + " -", scratch);
  CHECK(text.out.find("ZA") != std::string::npos);
  CHECK(text.err.empty());
}

TEST_CASE("Rendering a document given up gives the same bytes and frees its pages' items") {
  Diagnostics diagnostics;
  const std::string kept = RenderPdf(SampleDocument(), SansFonts(), diagnostics);
  LaidOutDocument document = SampleDocument();
  const LaidOutDocument& constant = document;
  CHECK(RenderPdf(constant, SansFonts(), diagnostics) == kept);
  CHECK_FALSE(document.pages[0].items.empty());
  CHECK(RenderPdf(std::move(document), SansFonts(), diagnostics) == kept);
  CHECK(diagnostics.Items().empty());
  REQUIRE(document.pages.size() == 2);  // NOLINT(bugprone-use-after-move): documented state
  CHECK(document.pages[0].items.empty());
  CHECK(document.pages[1].items.empty());
}
