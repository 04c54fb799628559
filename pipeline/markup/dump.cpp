#include "markup/dump.h"

#include <cstdio>
#include <sstream>

namespace clerk::markup {

namespace {

std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string Where(const SourceLocation& where) {
  return std::to_string(where.line) + ":" + std::to_string(where.column);
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

const char* AlignName(Align align) {
  switch (align) {
    case Align::kLeft:
      return "left";
    case Align::kCenter:
      return "center";
    case Align::kRight:
      return "right";
  }
  return "left";
}

class Dumper {
 public:
  std::string Result() const { return out_.str(); }

  void DumpDocument(const markup::Document& document) {
    out_ << "document " << Where(document.where) << " lang=" << Quote(document.lang);
    for (const auto& [name, value] :
         {std::pair<const char*, const std::string*>{"title", &document.title},
          {"author", &document.author},
          {"subject", &document.subject},
          {"keywords", &document.keywords},
          {"date", &document.date},
          {"footer", &document.footer},
          {"draft", &document.draft}}) {
      if (!value->empty()) out_ << " " << name << "=" << Quote(*value);
    }
    out_ << "\n";
    DumpBlocks(document.body, 1);
  }

 private:
  void Line(int depth) { out_ << std::string(static_cast<size_t>(depth) * 2, ' '); }

  void DumpBlocks(const markup::Blocks& blocks, int depth) {
    for (const markup::Block& block : blocks) DumpBlock(block, depth);
  }

  void DumpText(const InlineText& text, int depth) {
    for (const Inline& span : text.spans) {
      Line(depth);
      if (span.kind == Inline::Kind::kBreak) {
        out_ << "br " << Where(span.where) << "\n";
        continue;
      }
      out_ << "text";
      std::string flags;
      if (span.bold) flags += "b";
      if (span.italic) flags += std::string(flags.empty() ? "" : ",") + "i";
      if (span.link >= 0) {
        flags += std::string(flags.empty() ? "" : ",") +
                 "link=" + text.links[static_cast<size_t>(span.link)].to;
      }
      if (!flags.empty()) out_ << "[" << flags << "]";
      out_ << " " << Where(span.where) << " " << Quote(span.text) << "\n";
    }
  }

  void DumpBlock(const markup::Block& block, int depth) {
    Line(depth);
    const std::string at = Where(block.where);
    if (const auto* heading = std::get_if<Heading>(&block.node)) {
      out_ << "h" << heading->level << " " << at;
      if (!heading->id.empty()) out_ << " id=" << Quote(heading->id);
      if (!heading->label.empty()) out_ << " label=" << Quote(heading->label);
      if (!heading->outline) out_ << " outline=no";
      out_ << "\n";
      DumpText(heading->text, depth + 1);
    } else if (const auto* paragraph = std::get_if<Paragraph>(&block.node)) {
      out_ << "p " << at;
      if (paragraph->implicit) out_ << " implicit";
      if (paragraph->align != Align::kLeft) out_ << " align=" << AlignName(paragraph->align);
      if (paragraph->space_before >= 0) {
        out_ << " space-before=" << Number(paragraph->space_before);
      }
      out_ << "\n";
      DumpText(paragraph->text, depth + 1);
    } else if (const auto* numbered = std::get_if<NumberedParagraph>(&block.node)) {
      out_ << "np " << at << " label=" << Quote(numbered->label) << "\n";
      DumpBlocks(numbered->body, depth + 1);
    } else if (const auto* list = std::get_if<List>(&block.node)) {
      out_ << (list->ordered ? "ol " : "ul ") << at;
      if (!list->ordered) out_ << " marker=" << Quote(list->marker);
      out_ << "\n";
      for (const ListItem& item : list->items) {
        Line(depth + 1);
        out_ << "li " << Where(item.where);
        if (!item.label.empty()) out_ << " label=" << Quote(item.label);
        out_ << "\n";
        DumpBlocks(item.body, depth + 2);
      }
    } else if (const auto* box = std::get_if<BoxBlock>(&block.node)) {
      out_ << "box " << at << "\n";
      DumpBlocks(box->body, depth + 1);
    } else if (const auto* table = std::get_if<Table>(&block.node)) {
      out_ << "table " << at << " widths=\"";
      for (size_t i = 0; i < table->widths.size(); ++i) {
        out_ << (i ? " " : "") << Number(table->widths[i].value)
             << (table->widths[i].fixed ? "pt" : "");
      }
      out_ << "\" rule="
           << (table->rule == TableRule::kGrid   ? "grid"
               : table->rule == TableRule::kRows ? "rows"
                                                 : "none")
           << "\n";
      DumpRows("thead", table->head, depth + 1);
      DumpRows("tbody", table->body, depth + 1);
    } else if (const auto* fields = std::get_if<Fields>(&block.node)) {
      out_ << "fields " << at << "\n";
      for (const Field& field : fields->fields) {
        Line(depth + 1);
        out_ << "field " << Where(field.where) << " label=" << Quote(field.label) << "\n";
        DumpBlocks(field.value, depth + 2);
      }
    } else if (const auto* appendix = std::get_if<Appendix>(&block.node)) {
      out_ << "appendix " << at;
      if (!appendix->id.empty()) out_ << " id=" << Quote(appendix->id);
      out_ << " label=" << Quote(appendix->label);
      if (!appendix->title.empty()) out_ << " title=" << Quote(appendix->title);
      out_ << "\n";
      DumpBlocks(appendix->body, depth + 1);
    } else if (std::holds_alternative<PageBreak>(block.node)) {
      out_ << "pagebreak " << at << "\n";
    } else if (const auto* space = std::get_if<Space>(&block.node)) {
      out_ << "space " << at << " height=" << Number(space->height) << "\n";
    } else if (const auto* keep = std::get_if<Keep>(&block.node)) {
      out_ << "keep " << at << "\n";
      DumpBlocks(keep->body, depth + 1);
    } else if (const auto* chart = std::get_if<Chart>(&block.node)) {
      bool change = chart->kind == ChartKind::kChange;
      out_ << "chart " << at << " kind=" << (change ? "change" : "compare");
      if (!chart->id.empty()) out_ << " id=" << Quote(chart->id);
      out_ << " title=" << Quote(chart->title) << " unit=" << Quote(chart->unit);
      if (chart->headline) {
        out_ << " headline=" << Number(*chart->headline)
             << " headline-label=" << Quote(chart->headline_label);
      }
      if (!change) {
        out_ << " earlier-label=" << Quote(chart->earlier_label)
             << " later-label=" << Quote(chart->later_label);
      }
      out_ << "\n";
      for (const ChartBar& bar : chart->bars) {
        Line(depth + 1);
        out_ << "bar " << Where(bar.where) << " label=" << Quote(bar.label);
        if (change) {
          out_ << " value=" << Number(bar.value);
        } else {
          out_ << " earlier=" << Number(bar.earlier) << " later=" << Number(bar.later);
        }
        out_ << "\n";
      }
    }
  }

  void DumpRows(const char* group, const std::vector<Row>& rows, int depth) {
    if (rows.empty()) return;
    Line(depth);
    out_ << group << "\n";
    for (const Row& row : rows) {
      Line(depth + 1);
      out_ << "tr " << Where(row.where) << "\n";
      for (const Cell& cell : row.cells) {
        Line(depth + 2);
        out_ << (cell.header ? "th " : "td ") << Where(cell.where);
        if (cell.colspan != 1) out_ << " colspan=" << cell.colspan;
        if (cell.align != Align::kLeft) out_ << " align=" << AlignName(cell.align);
        out_ << "\n";
        DumpBlocks(cell.body, depth + 3);
      }
    }
  }

  std::ostringstream out_;
};

}  // namespace

std::string DumpDocument(const Document& document) {
  Dumper dumper;
  dumper.DumpDocument(document);
  return dumper.Result();
}

}  // namespace clerk::markup
