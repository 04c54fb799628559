#include <algorithm>
#include <map>
#include <optional>

#include "layout_checks.h"

using namespace clerk::layout;
using namespace clerk::layout::testing;

namespace {

/// A small council paper with every kind of block: the cover, the recommendation box, numbered
/// paragraphs, a link, an appendix with an action-plan table and one with an attainment table.
std::string Paper() {
  std::string action_rows;
  for (int i = 1; i <= 12; ++i) {
    action_rows +=
        "<tr><td>" + std::to_string(i) +
        "</td><td>Building upon the good practice employed by "
        "some schools, the Standards and Learning Effectiveness Service to develop ideas.</td>"
        "<td><ul><li><p>Publish suggestions on Virtual School Bag (VSB) for promoting effective "
        "interaction between home and school.</p><p><i>May 2011 \xE2\x80\x93 Homework Booklets "
        "from Reception to Year 6 have replaced this priority.</i></p></li>"
        "<li>Resources relaunched.</li></ul></td>"
        "<td>Quarterly</td></tr>";
  }
  std::string attainment_rows;
  for (const char* school : {"All Saints Jnr", "Castledown", "Christ Church", "Denton"}) {
    attainment_rows += std::string("<tr><td>") + school +
                       "</td><td align=\"right\">61%</td><td align=\"right\">19%</td></tr>";
  }
  return "<document title=\"Attainment in Mathematics\" author=\"Director of Children's "
         "Services\" subject=\"Scrutiny update\" date=\"2011-06-14\" footer=\"CSSC/2011/07\" "
         "draft=\"DRAFT v1\">"
         "<fields><field label=\"Report to:\">Children's Services Scrutiny Committee</field>"
         "<field label=\"Date:\"><b>14 June 2011</b></field>"
         "<field label=\"Title of report:\">The report of the Scrutiny Review of Attainment in "
         "Mathematics at Key Stage 2</field></fields>"
         "<box><p><b>RECOMMENDATION:</b></p><p>The Committee is recommended to consider the "
         "updated actions.</p></box>"
         "<h1 id=\"financial\" label=\"1.\">Financial Appraisal</h1>"
         "<np label=\"1.1\">All activity outlined in the action plan attached to this report as "
         "<link to=\"appendix-1\"><b>Appendix 1</b></link> was resourced within existing "
         "budgets.</np>"
         "<np label=\"1.2\">Existing consultancy activities have been re-engineered.</np>"
         "<h1 label=\"2.\" outline=\"no\">Not in the outline</h1>"
         "<p align=\"right\">MATT DUNKLEY</p>"
         "<appendix id=\"appendix-1\" label=\"Appendix 1\" title=\"Action plan\">"
         "<h2>Response to the Recommendations</h2>"
         "<table widths=\"6 34 45 15\"><thead><tr><th></th><th>Recommendation</th>"
         "<th>Response</th><th>Time scale</th></tr></thead>" +
         action_rows +
         "</table>"
         "</appendix>"
         "<appendix id=\"appendix-2\" label=\"Appendix 2\">"
         "<table widths=\"50 25 25\" rule=\"rows\"><thead><tr><th>School</th><th>L4+</th>"
         "<th>L5</th></tr></thead>" +
         attainment_rows +
         "</table></appendix>"
         "</document>";
}

const LaidOutDocument& PaperLayout() {
  static const LaidOutDocument laid = LayOut(Paper());
  return laid;
}

Role RoleOf(const LaidOutDocument& laid, int element) {
  return laid.structure[static_cast<size_t>(element)].role;
}

Role ParentRole(const LaidOutDocument& laid, int element) {
  return RoleOf(laid, laid.structure[static_cast<size_t>(element)].parent);
}

std::optional<ShownRun> FindRun(const LaidOutDocument& laid, const std::string& text,
                                int* page = nullptr) {
  for (size_t p = 0; p < laid.pages.size(); ++p) {
    for (const ShownRun& run : Runs(laid.pages[p])) {
      if (run.text == text) {
        if (page) *page = static_cast<int>(p);
        return run;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("The paper lays out without overlaps, inside its margins, losing no word") {
  const LaidOutDocument& laid = PaperLayout();
  CHECK(laid.pages.size() >= 4);
  CHECK(FindOverlap(laid) == "");
  CHECK(FindOutside(laid) == "");
  for (const char* word : {"Children's", "RECOMMENDATION:", "re-engineered.", "DUNKLEY",
                           "Quarterly", "Castledown", "61%", "priority."}) {
    auto words = Words(laid);
    CHECK(std::find(words.begin(), words.end(), word) != words.end());
  }
}

TEST_CASE("Every placed item keeps its role") {
  const LaidOutDocument& laid = PaperLayout();
  REQUIRE(!laid.structure.empty());
  CHECK(laid.structure[0].role == Role::kDocument);
  CHECK(laid.structure[0].parent == -1);
  // Parents come before their children: the elements are in logical order.
  for (size_t e = 1; e < laid.structure.size(); ++e) {
    CHECK(laid.structure[e].parent >= 0);
    CHECK(laid.structure[e].parent < static_cast<int>(e));
  }
  // Every run is in the style's one family, named once for the document.
  CHECK(laid.families == std::vector<std::string>{"sans"});
  std::optional<ShownRun> heading = FindRun(laid, "Financial Appraisal");
  REQUIRE(heading);
  CHECK(RoleOf(laid, heading->element) == Role::kH1);
  std::optional<ShownRun> number = FindRun(laid, "1.");
  REQUIRE(number);
  CHECK(number->element == heading->element);  // the label belongs to its heading
  std::optional<ShownRun> link = FindRun(laid, "Appendix 1");
  REQUIRE(link);
  CHECK(RoleOf(laid, link->element) == Role::kLink);
  CHECK(laid.structure[static_cast<size_t>(link->element)].link_target == "appendix-1");
  CHECK(ParentRole(laid, link->element) == Role::kP);
  std::optional<ShownRun> head = FindRun(laid, "Recommendation");
  REQUIRE(head);
  CHECK(ParentRole(laid, head->element) == Role::kTH);
  CHECK(
      laid.structure[static_cast<size_t>(laid.structure[static_cast<size_t>(head->element)].parent)]
          .scope == "Column");
  std::optional<ShownRun> bullet = FindRun(laid, "\xE2\x80\xA2");
  REQUIRE(bullet);
  CHECK(RoleOf(laid, bullet->element) == Role::kLbl);
  CHECK(ParentRole(laid, bullet->element) == Role::kLI);
  std::optional<ShownRun> update = FindRun(laid, "Resources relaunched.");
  REQUIRE(update);
  CHECK(ParentRole(laid, update->element) == Role::kLBody);
  std::optional<ShownRun> data = FindRun(laid, "Quarterly");
  REQUIRE(data);
  CHECK(ParentRole(laid, data->element) == Role::kTD);
  std::optional<ShownRun> appendix = FindRun(laid, "Appendix 2");
  REQUIRE(appendix);
  CHECK(RoleOf(laid, appendix->element) == Role::kH1);
  CHECK(ParentRole(laid, appendix->element) == Role::kSect);
  // Rules, fills, footers and marks are artifacts.
  for (const Page& page : laid.pages) {
    for (const PlacedItem& item : page.items) {
      if (const auto* rule = std::get_if<Rule>(&item)) CHECK(rule->element == -1);
      if (const auto* box = std::get_if<Box>(&item)) CHECK(box->element == -1);
      if (const auto* area = std::get_if<LinkArea>(&item)) {
        CHECK(RoleOf(laid, area->element) == Role::kLink);
      }
    }
  }
}

TEST_CASE("Numbered paragraphs hang their number in the label column") {
  const LaidOutDocument& laid = PaperLayout();
  std::optional<ShownRun> label = FindRun(laid, "1.1");
  REQUIRE(label);
  CHECK(label->x == Approx(TestStyle().margin_left));
  // The number is a Lbl inside the paragraph it numbers.
  CHECK(RoleOf(laid, label->element) == Role::kLbl);
  std::optional<ShownRun> text;
  for (const ShownRun& run : Runs(laid.pages[0])) {
    if (run.text.rfind("All activity", 0) == 0) text = run;
  }
  REQUIRE(text);
  CHECK(text->x == Approx(TestStyle().margin_left + TestStyle().label_width));
  CHECK(text->baseline == label->baseline);
  CHECK(RoleOf(laid, text->element) == Role::kP);
  CHECK(laid.structure[static_cast<size_t>(label->element)].parent == text->element);
}

TEST_CASE("Right-aligned paragraphs and cells end at their right edge") {
  const LaidOutDocument& laid = PaperLayout();
  std::optional<ShownRun> signature = FindRun(laid, "MATT DUNKLEY");
  REQUIRE(signature);
  CHECK(signature->x + signature->width ==
        Approx(TestStyle().page_width - TestStyle().margin_right));
  std::optional<ShownRun> figure = FindRun(laid, "61%");
  REQUIRE(figure);
  double right = TestStyle().margin_left + TestStyle().TextWidth() * 0.75;
  CHECK(figure->x + figure->width == Approx(right - TestStyle().cell_padding));
}

TEST_CASE("Appendices start new pages, with their label at the top right") {
  const LaidOutDocument& laid = PaperLayout();
  int page_1 = -1, page_2 = -1;
  std::optional<ShownRun> label_1 = FindRun(laid, "Appendix 1", &page_1);
  std::optional<ShownRun> label_2 = FindRun(laid, "Appendix 2", &page_2);
  REQUIRE(label_2);
  REQUIRE(label_1);
  // "Appendix 1" is also the link on page 1; the appendix's own label is later.
  int label_page = -1;
  for (size_t p = 1; p < laid.pages.size(); ++p) {
    for (const ShownRun& run : Runs(laid.pages[p])) {
      if (run.text == "Appendix 1" && RoleOf(laid, run.element) == Role::kH1) {
        label_page = static_cast<int>(p);
        CHECK(run.x + run.width == Approx(TestStyle().page_width - TestStyle().margin_right));
        CHECK(run.style == FontStyle::kBold);
      }
    }
  }
  CHECK(label_page == 1);
  CHECK(page_2 > label_page);
  // Nothing of Appendix 1 is on Appendix 2's page.
  CHECK(FindRun(laid, "Castledown").has_value());
}

TEST_CASE("Anchors, bookmarks, page labels and document information are filled in") {
  const LaidOutDocument& laid = PaperLayout();
  std::map<std::string, Anchor> anchors;
  for (const Anchor& anchor : laid.anchors) anchors[anchor.id] = anchor;
  REQUIRE(anchors.count("financial"));
  REQUIRE(anchors.count("appendix-1"));
  REQUIRE(anchors.count("appendix-2"));
  CHECK(anchors["financial"].page == 0);
  CHECK(anchors["appendix-1"].page == 1);
  CHECK(anchors["appendix-1"].y == Approx(TestStyle().page_height - TestStyle().margin_top));
  // Every outline entry and every link lands on an anchor.
  for (const OutlineEntry& entry : laid.outline) CHECK(anchors.count(entry.anchor));
  for (const StructureElement& element : laid.structure) {
    if (element.role == Role::kLink) CHECK(anchors.count(element.link_target));
  }
  REQUIRE(laid.outline.size() == 4);
  CHECK(laid.outline[0].title == "1. Financial Appraisal");
  CHECK(laid.outline[0].level == 1);
  CHECK(laid.outline[1].title == "Appendix 1: Action plan");
  CHECK(laid.outline[2].title == "Response to the Recommendations");
  CHECK(laid.outline[2].level == 3);  // an h2 inside an appendix
  CHECK(laid.outline[3].title == "Appendix 2");
  REQUIRE(laid.page_labels.size() == 1);
  CHECK(laid.page_labels[0].first_page == 0);
  CHECK(laid.page_labels[0].start == 1);
  CHECK(laid.info.title == "Attainment in Mathematics");
  CHECK(laid.info.author == "Director of Children's Services");
  CHECK(laid.info.subject == "Scrutiny update");
  CHECK(laid.info.date == "2011-06-14");
  CHECK(laid.info.language == "en-GB");
}

TEST_CASE("The recommendation box is ruled all round its text") {
  const LaidOutDocument& laid = PaperLayout();
  std::optional<ShownRun> title = FindRun(laid, "RECOMMENDATION:");
  REQUIRE(title);
  double top = -1, bottom = 1e9;
  for (const PlacedItem& item : laid.pages[0].items) {
    const auto* rule = std::get_if<Rule>(&item);
    if (rule && rule->thickness == TestStyle().box_rule && rule->y1 == rule->y2) {
      top = std::max(top, rule->y1);
      bottom = std::min(bottom, rule->y1);
    }
  }
  CHECK(top > title->baseline + 8);
  std::optional<ShownRun> body = FindRun(laid,
                                         "The Committee is recommended to consider the updated "
                                         "actions.");
  REQUIRE(body);
  CHECK(bottom < body->baseline - 3);
  CHECK(title->x == Approx(TestStyle().margin_left + TestStyle().box_padding));
}

TEST_CASE("Characters the fonts lack are warnings that point at the markup") {
  clerk::Diagnostics diagnostics;
  LaidOutDocument laid =
      LayOut(Doc("<p>Status:\n \xE2\x9C\x93 done \xE4\xB8\xAD</p>"), diagnostics);
  auto items = diagnostics.Sorted();
  REQUIRE(items.size() == 2);
  CHECK(items[0].severity == clerk::Severity::kWarning);
  CHECK(items[0].where.file == "test.xml");
  CHECK(items[0].where.line == 1);
  CHECK(items[0].message ==
        "the font Liberation Sans (regular) has no glyph for \"\xE2\x9C\x93\" (U+2713); it will "
        "print as an empty box");
  CHECK(items[0].character == 0x2713);
  CHECK(items[1].message.find("U+4E2D") != std::string::npos);
  CHECK(items[1].character == 0x4E2D);
  CHECK(FindRun(laid, "Status: \xE2\x9C\x93 done \xE4\xB8\xAD").has_value());  // still printed
}

TEST_CASE("A <keep> moves as one when it fits on a page") {
  for (int filler = 28; filler <= 32; ++filler) {
    std::string body;
    for (int i = 0; i < filler; ++i) body += "<p>Filler.</p>";
    body += "<keep><p>First of three.</p><p>Second of three.</p><p>Third of three.</p></keep>";
    LaidOutDocument laid = LayOut(Doc(body));
    int first = -1, third = -1;
    FindRun(laid, "First of three.", &first);
    FindRun(laid, "Third of three.", &third);
    CHECK(first == third);
  }
}

TEST_CASE("A page break starts a new page, a space adds room") {
  LaidOutDocument laid =
      LayOut(Doc("<p>One</p><space height=\"100\"/><p>Two</p><pagebreak/>"
                 "<p>Three</p>"));
  REQUIRE(laid.pages.size() == 2);
  std::optional<ShownRun> one = FindRun(laid, "One");
  std::optional<ShownRun> two = FindRun(laid, "Two");
  REQUIRE(one);
  REQUIRE(two);
  // The space comes on top of the usual gap between paragraphs.
  CHECK(one->baseline - two->baseline ==
        Approx(100 + TestStyle().paragraph_space + TestStyle().body.leading));
  int page = -1;
  FindRun(laid, "Three", &page);
  CHECK(page == 1);
}
