#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "pdf_tools.h"
#include "render/render.h"
#include "sample_document.h"

using clerk::Diagnostics;
using clerk::layout::FontStyle;
using clerk::layout::LaidOutDocument;
using clerk::layout::Role;
using clerk::render::RenderPdf;
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

// One page's marked content, read from its decompressed content stream.
struct PageMarks {
  std::vector<int> mcids;  // in order of appearance
  int artifacts = 0;
  std::vector<std::string> unmarked;  // painting operators outside any marked content
  std::vector<std::string> problems;  // nesting errors
};

// The content streams of each page, from `qpdf --qdf`, which writes them uncompressed and
// preceded by "%% Contents for page N".
std::vector<PageMarks> ReadMarks(const std::string& pdf, const ScratchDirectory& scratch) {
  std::string qdf = scratch.File("tagged.qdf");
  REQUIRE(RunTool("qpdf --qdf --object-streams=disable '" + pdf + "' '" + qdf + "'", scratch)
              .exit_status == 0);
  std::string text = clerk::test::ReadWholeFile(qdf);
  std::vector<PageMarks> pages;
  const std::string kMarker = "%% Contents for page ";
  for (size_t at = text.find(kMarker); at != std::string::npos; at = text.find(kMarker, at + 1)) {
    size_t begin = text.find("stream\n", at) + 7;
    size_t end = text.find("endstream", begin);
    std::istringstream lines(text.substr(begin, end - begin));
    PageMarks marks;
    int depth = 0;
    for (std::string line; std::getline(lines, line);) {
      auto ends_with = [&](const std::string& tail) {
        return line.size() >= tail.size() &&
               line.compare(line.size() - tail.size(), tail.size(), tail) == 0;
      };
      if (ends_with(" BDC")) {
        if (depth++ != 0) marks.problems.push_back("nested: " + line);
        size_t mcid = line.find("/MCID ");
        if (mcid == std::string::npos)
          marks.problems.push_back("no MCID: " + line);
        else
          marks.mcids.push_back(std::stoi(line.substr(mcid + 6)));
      } else if (line == "/Artifact BMC") {
        if (depth++ != 0) marks.problems.push_back("nested: " + line);
        ++marks.artifacts;
      } else if (line == "EMC") {
        if (--depth < 0) marks.problems.push_back("EMC without BDC");
      } else if (ends_with(" Tj") || line == "S" || line == "f" || line == "B" || line == "b" ||
                 line == "f*" || line == "B*") {
        if (depth == 0) marks.unmarked.push_back(line);
      }
    }
    if (depth != 0) marks.problems.push_back("marked content left open");
    pages.push_back(marks);
  }
  return pages;
}

// Whether a structure element's /K holds marked content `mcid` on page `page`.
bool KidsHoldMcid(const Object::Ptr& element, int mcid, const std::string& page) {
  Array::Ptr kids = element->getArray("/K");
  if (!kids) return false;
  bool on_element_page = element->has("/Pg") && element->getValue<std::string>("/Pg") == page;
  for (size_t i = 0; i < kids->size(); ++i) {
    if (kids->isObject(i)) {
      Object::Ptr reference = kids->getObject(i);
      if (reference->has("/MCID") && reference->getValue<int>("/MCID") == mcid &&
          reference->getValue<std::string>("/Type") == "/MCR" &&
          reference->getValue<std::string>("/Pg") == page) {
        return true;
      }
    } else if (on_element_page && kids->get(i).isInteger() && kids->getElement<int>(i) == mcid) {
      return true;
    }
  }
  return false;
}

// Checks the invariants of a tagged PDF: every painted item is inside exactly one marked-content
// sequence; each page's MCIDs count up from 0; the ParentTree maps every MCID to the element
// whose /K holds it (with the right /Pg) and every link to its Link element's OBJR.
void CheckTaggingInvariants(const std::string& pdf, const ScratchDirectory& scratch) {
  std::vector<PageMarks> marks = ReadMarks(pdf, scratch);
  Object::Ptr json = QpdfJson(pdf, "qpdf pages", scratch);
  REQUIRE(json);
  Object::Ptr objects = json->getArray("qpdf")->getObject(1);
  auto value = [&](const std::string& reference) {
    return objects->getObject("obj:" + reference)->getObject("value");
  };
  Array::Ptr pages = json->getArray("pages");
  REQUIRE(marks.size() == pages->size());

  Object::Ptr trailer = objects->getObject("trailer")->getObject("value");
  Object::Ptr catalog = value(trailer->getValue<std::string>("/Root"));
  CHECK(catalog->getObject("/MarkInfo")->getValue<bool>("/Marked"));
  CHECK(catalog->getObject("/ViewerPreferences")->getValue<bool>("/DisplayDocTitle"));
  CHECK(catalog->getValue<std::string>("/Lang") == "u:en-GB");
  CHECK(objects->getObject("obj:" + catalog->getValue<std::string>("/Metadata"))
            ->getObject("stream")
            ->getObject("dict")
            ->getValue<std::string>("/Subtype") == "/XML");
  Object::Ptr root = value(catalog->getValue<std::string>("/StructTreeRoot"));
  CHECK(root->getValue<std::string>("/Type") == "/StructTreeRoot");
  Array::Ptr nums = value(root->getValue<std::string>("/ParentTree"))->getArray("/Nums");
  REQUIRE(nums);
  std::map<int, size_t> entry_of_key;
  for (size_t i = 0; i + 1 < nums->size(); i += 2) {
    int key = nums->getElement<int>(i);
    if (!entry_of_key.empty()) CHECK(key > entry_of_key.rbegin()->first);  // keys ascend
    entry_of_key[key] = i + 1;
  }

  for (size_t p = 0; p < marks.size(); ++p) {
    INFO("page " << p + 1);
    const PageMarks& page_marks = marks[p];
    CHECK(page_marks.problems.empty());
    CHECK(page_marks.unmarked.empty());
    for (size_t n = 0; n < page_marks.mcids.size(); ++n) CHECK(page_marks.mcids[n] == int(n));
    std::string page_ref = pages->getObject(p)->getValue<std::string>("object");
    Object::Ptr page = value(page_ref);
    CHECK(page->getValue<std::string>("/Tabs") == "/S");
    int key = page->getValue<int>("/StructParents");
    REQUIRE(entry_of_key.count(key) == 1);
    Array::Ptr owners = nums->getArray(entry_of_key[key]);
    REQUIRE(owners->size() == page_marks.mcids.size());
    for (size_t n = 0; n < owners->size(); ++n) {
      INFO("MCID " << n);
      CHECK(KidsHoldMcid(value(owners->getElement<std::string>(n)), int(n), page_ref));
    }
    // Links: /StructParent -> the Link element, whose /K holds the annotation.
    Array::Ptr annotations = page->getArray("/Annots");
    for (size_t a = 0; annotations && a < annotations->size(); ++a) {
      std::string annotation_ref = annotations->getElement<std::string>(a);
      Object::Ptr annotation = value(annotation_ref);
      REQUIRE(annotation->has("/StructParent"));
      int link_key = annotation->getValue<int>("/StructParent");
      REQUIRE(entry_of_key.count(link_key) == 1);
      Object::Ptr element = value(nums->getElement<std::string>(entry_of_key[link_key]));
      CHECK(element->getValue<std::string>("/S") == "/Link");
      bool has_objr = false;
      Array::Ptr kids = element->getArray("/K");
      for (size_t k = 0; k < kids->size(); ++k) {
        if (!kids->isObject(k)) continue;
        Object::Ptr kid = kids->getObject(k);
        has_objr = has_objr || (kid->getValue<std::string>("/Type") == "/OBJR" &&
                                kid->getValue<std::string>("/Obj") == annotation_ref &&
                                kid->getValue<std::string>("/Pg") == page_ref);
      }
      CHECK(has_objr);
      CHECK(annotation->has("/Contents"));
    }
  }
  CHECK(root->getValue<int>("/ParentTreeNextKey") == int(entry_of_key.size()));
}

}  // namespace

TEST_CASE("The structure tree holds each element's text in reading order") {
  ScratchDirectory scratch;
  ToolRun tree =
      RunTool("pdfinfo -struct-text '" + RenderTo(scratch, SampleDocument()) + "'", scratch);
  CHECK(tree.exit_status == 0);
  CHECK(tree.err.empty());
  CHECK(tree.out ==
        "Document\n"
        "  H1 (block)\n"
        "    \"Report of the Scrutiny Review\"\n"
        "  P (block)\n"
        "    \"The council’s “action plan” is set out below • it cost £2,500 (café).\"\n"
        "  P (block)\n"
        "    \"Updated since the previous report: ‘Spring 2011’ – see résumé.\"\n"
        "  P (block)\n"
        "    \"Recommendation 1\"\n"
        "  P (block)\n"
        "    \"See \"\n"
        "    Link (inline)\n"
        "      \"Appendix A\"\n"
        "      Object 43 0\n"
        "    \" for the action plan.\"\n"
        "  Sect\n"
        "    H1 (block)\n"
        "      \"Appendix A: Action plan\"\n"
        "    Table (block)\n"
        "      TR\n"
        "        TH:\n"
        "           /Scope /Column\n"
        "          \"Action\"\n"
        "        TH:\n"
        "           /Scope /Column\n"
        "          \"Status\"\n"
        "      TR\n"
        "        TD\n"
        "          \"Extra tuition – Year 6\"\n"
        "        TD\n"
        "          \"Done\"\n");
}

TEST_CASE("Marked content, MCIDs, the ParentTree, /K and /Pg agree") {
  ScratchDirectory scratch;
  CheckTaggingInvariants(RenderTo(scratch, SampleDocument()), scratch);
}

TEST_CASE("An element that runs onto the next page, and one with no content, tag correctly") {
  LaidOutDocument document = SampleDocument();
  // The first paragraph goes on at the top of page 2, and an empty list is never drawn.
  clerk::test::PlaceAt(document.pages[1], 0,
                       clerk::test::Run(56.7, 810, "…continued on page 2.", FontStyle::kRegular, 11,
                                        clerk::test::kFirstParagraph));
  document.structure.push_back({Role::kL, clerk::test::kDocumentElement, "", "", ""});
  ScratchDirectory scratch;
  std::string pdf = RenderTo(scratch, document);
  CheckTaggingInvariants(pdf, scratch);
  ToolRun tree = RunTool("pdfinfo -struct-text '" + pdf + "'", scratch);
  CHECK(tree.err.empty());
  CHECK(tree.out.find("  P (block)\n"
                      "    \"The council’s “action plan” is set out below • it cost £2,500 "
                      "(café).\"\n"
                      "    \"…continued on page 2.\"\n") != std::string::npos);
  CHECK(tree.out.find("\n  L\n") == std::string::npos);
  CHECK(tree.out.find("\n  L (") == std::string::npos);
}

TEST_CASE("Figures carry their alternative text") {
  LaidOutDocument document = SampleDocument();
  document.structure.push_back({Role::kFigure, clerk::test::kDocumentElement,
                                "Bar chart: attainment rose from 61% to 72%", "", ""});
  int figure = static_cast<int>(document.structure.size()) - 1;
  document.pages[0].items.push_back(clerk::test::MakeBox(56.7, 500, 200, 100, 1, 0.5, figure));
  ScratchDirectory scratch;
  std::string pdf = RenderTo(scratch, document);
  CheckTaggingInvariants(pdf, scratch);
  ToolRun tree = RunTool("pdfinfo -struct-text '" + pdf + "'", scratch);
  CHECK(tree.out.find("Figure") != std::string::npos);
  Object::Ptr json = QpdfJson(pdf, "qpdf", scratch);
  REQUIRE(json);
  Object::Ptr objects = json->getArray("qpdf")->getObject(1);
  std::vector<std::string> names;
  objects->getNames(names);
  int figures = 0;
  for (const std::string& name : names) {
    Object::Ptr value = objects->getObject(name)->getObject("value");
    if (!value || !value->has("/S") || value->getValue<std::string>("/S") != "/Figure") continue;
    ++figures;
    CHECK(value->getValue<std::string>("/Alt") == "u:Bar chart: attainment rose from 61% to 72%");
  }
  CHECK(figures == 1);
}

TEST_CASE("Alternative text beyond ASCII is kept") {
  LaidOutDocument document = SampleDocument();
  const std::string alt = "Pie chart: £2,500 spent – 72% on tuition (café)";
  document.structure.push_back({Role::kFigure, clerk::test::kDocumentElement, alt, "", ""});
  int figure = static_cast<int>(document.structure.size()) - 1;
  document.pages[1].items.push_back(clerk::test::MakeBox(56.7, 500, 200, 100, 1, 0.5, figure));
  ScratchDirectory scratch;
  std::string pdf = RenderTo(scratch, document);
  CheckTaggingInvariants(pdf, scratch);
  Object::Ptr json = QpdfJson(pdf, "qpdf", scratch);
  REQUIRE(json);
  Object::Ptr objects = json->getArray("qpdf")->getObject(1);
  std::vector<std::string> names;
  objects->getNames(names);
  std::vector<std::string> alts;
  for (const std::string& name : names) {
    Object::Ptr value = objects->getObject(name)->getObject("value");
    if (value && value->has("/Alt")) alts.push_back(value->getValue<std::string>("/Alt"));
  }
  CHECK(alts == std::vector<std::string>{"u:" + alt});
}

TEST_CASE("A long document's tree maps every page's content") {
  // 400 pages of 25 paragraphs each: the ParentTree's text runs far past the size at which
  // the tagger writes what it has so far.
  constexpr int kPages = 400;
  constexpr int kParagraphs = 25;
  LaidOutDocument document = SampleDocument();
  for (int p = 0; p < kPages; ++p) {
    clerk::layout::Page page;
    for (int n = 0; n < kParagraphs; ++n) {
      document.structure.push_back({Role::kP, clerk::test::kDocumentElement, "", "", ""});
      clerk::test::Place(
          page, clerk::test::Run(
                    56.7, 780 - 28.0 * n,
                    "Page " + std::to_string(p + 3) + ", paragraph " + std::to_string(n + 1) + ".",
                    FontStyle::kRegular, 11, static_cast<int>(document.structure.size()) - 1));
    }
    document.pages.push_back(page);
  }
  ScratchDirectory scratch;
  std::string pdf = RenderTo(scratch, document);
  CHECK(RunTool("qpdf --check '" + pdf + "'", scratch).exit_status == 0);
  Object::Ptr json = QpdfJson(pdf, "qpdf", scratch);
  REQUIRE(json);
  Object::Ptr objects = json->getArray("qpdf")->getObject(1);
  auto value = [&](const std::string& reference) {
    return objects->getObject("obj:" + reference)->getObject("value");
  };
  Object::Ptr trailer = objects->getObject("trailer")->getObject("value");
  Object::Ptr catalog = value(trailer->getValue<std::string>("/Root"));
  Object::Ptr root = value(catalog->getValue<std::string>("/StructTreeRoot"));
  Array::Ptr nums = value(root->getValue<std::string>("/ParentTree"))->getArray("/Nums");
  REQUIRE(nums);
  // Two pages of the sample and its one link, then the long pages: key, owners for each page.
  REQUIRE(nums->size() == 2 * (2 + kPages + 1));
  for (int p = 2; p < 2 + kPages; ++p) {
    INFO("page " << p + 1);
    REQUIRE(nums->getElement<int>(2 * p) == p);
    Array::Ptr owners = nums->getArray(2 * p + 1);
    REQUIRE(owners->size() == kParagraphs);
    // The last paragraph's element: /P with this page's MCID kParagraphs - 1.
    Object::Ptr last = value(owners->getElement<std::string>(kParagraphs - 1));
    CHECK(last->getValue<std::string>("/S") == "/P");
    Array::Ptr kids = last->getArray("/K");
    REQUIRE(kids->size() == 1);
    CHECK(kids->getElement<int>(0) == kParagraphs - 1);
  }
  CHECK(root->getValue<int>("/ParentTreeNextKey") == 2 + kPages + 1);
}
