#include <cstdio>
#include <sstream>

#include "layout/layout.h"

namespace clerk::layout {

namespace {

std::string Fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  if (text == "-0.00") text = "0.00";
  return text;
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

const char* StyleName(FontStyle style) {
  switch (style) {
    case FontStyle::kRegular:
      return "regular";
    case FontStyle::kBold:
      return "bold";
    case FontStyle::kItalic:
      return "italic";
    case FontStyle::kBoldItalic:
      return "bold-italic";
  }
  return "regular";
}

std::string Owner(const LaidOutDocument& document, int element) {
  if (element < 0) return "artifact";
  return std::string(RoleName(document.structure[static_cast<size_t>(element)].role)) + "#" +
         std::to_string(element);
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kDocument:
      return "Document";
    case Role::kPart:
      return "Part";
    case Role::kSect:
      return "Sect";
    case Role::kH1:
      return "H1";
    case Role::kH2:
      return "H2";
    case Role::kH3:
      return "H3";
    case Role::kP:
      return "P";
    case Role::kL:
      return "L";
    case Role::kLI:
      return "LI";
    case Role::kLbl:
      return "Lbl";
    case Role::kLBody:
      return "LBody";
    case Role::kTable:
      return "Table";
    case Role::kTHead:
      return "THead";
    case Role::kTBody:
      return "TBody";
    case Role::kTR:
      return "TR";
    case Role::kTH:
      return "TH";
    case Role::kTD:
      return "TD";
    case Role::kLink:
      return "Link";
    case Role::kFigure:
      return "Figure";
    case Role::kNote:
      return "Note";
  }
  return "?";
}

std::string DumpLayout(const LaidOutDocument& document) {
  std::ostringstream out;
  const DocumentInfo& info = document.info;
  out << "info title=" << Quote(info.title) << " author=" << Quote(info.author)
      << " lang=" << Quote(info.language) << " date=" << Quote(info.date) << "\n";
  for (size_t p = 0; p < document.pages.size(); ++p) {
    const Page& page = document.pages[p];
    out << "page " << p + 1 << " " << Fixed(page.width) << "x" << Fixed(page.height) << "\n";
    for (const PlacedItem& item : page.items) {
      if (const auto* run = std::get_if<TextRun>(&item)) {
        out << "  text " << Fixed(run->x) << "," << Fixed(run->baseline)
            << " w=" << Fixed(run->width) << " " << document.FamilyName(run->family) << " "
            << StyleName(run->style) << " " << Fixed(run->size);
        const TextPaint paint = page.Paint(*run);
        if (paint.gray != 0) out << " gray=" << Fixed(paint.gray);
        if (paint.angle != 0) out << " angle=" << Fixed(paint.angle);
        out << " " << Owner(document, run->element) << " " << Quote(page.Text(*run)) << "\n";
      } else if (const auto* rule = std::get_if<Rule>(&item)) {
        out << "  rule " << Fixed(rule->x1) << "," << Fixed(rule->y1) << " " << Fixed(rule->x2)
            << "," << Fixed(rule->y2) << " t=" << Fixed(rule->thickness) << " "
            << Owner(document, rule->element) << "\n";
      } else if (const auto* box = std::get_if<Box>(&item)) {
        out << "  box " << Fixed(box->x) << "," << Fixed(box->y) << " " << Fixed(box->width) << "x"
            << Fixed(box->height) << " stroke=" << Fixed(box->stroke);
        if (box->filled) out << " fill=" << Fixed(box->fill);
        out << " " << Owner(document, box->element) << "\n";
      } else if (const auto* link = std::get_if<LinkArea>(&item)) {
        out << "  link " << Fixed(link->x) << "," << Fixed(link->y) << " " << Fixed(link->width)
            << "x" << Fixed(link->height) << " -> " << page.Target(*link) << " "
            << Owner(document, link->element) << "\n";
      }
    }
  }
  out << "structure\n";
  for (size_t e = 0; e < document.structure.size(); ++e) {
    const StructureElement& element = document.structure[e];
    out << "  " << e << " " << RoleName(element.role) << " parent=" << element.parent;
    if (!element.scope.empty()) out << " scope=" << element.scope;
    if (!element.link_target.empty()) out << " to=" << element.link_target;
    if (!element.alt.empty()) out << " alt=" << Quote(element.alt);
    out << "\n";
  }
  out << "anchors\n";
  for (const Anchor& anchor : document.anchors) {
    out << "  " << anchor.id << " page " << anchor.page + 1 << " y=" << Fixed(anchor.y) << "\n";
  }
  out << "outline\n";
  for (const OutlineEntry& entry : document.outline) {
    out << "  " << std::string(static_cast<size_t>(entry.level) * 2, ' ') << Quote(entry.title)
        << " -> " << entry.anchor << "\n";
  }
  return out.str();
}

}  // namespace clerk::layout
