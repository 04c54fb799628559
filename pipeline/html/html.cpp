#include "html/html.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <typeinfo>
#include <variant>
#include <vector>

#include "chart/chart.h"
#include "core/xml_escape.h"
#include "html/html_style.h"

namespace clerk::html {

namespace {

// The room the writer writes into when it hands its text to a sink: twice a piece, since a piece
// is handed over only once a block ends, and a chart's drawing reserves its room at once.
constexpr size_t kWriterRoom = 2 * kHtmlPieceSize;

/// Text content, XML-escaped (the output is well-formed XML as well as HTML5).
void AppendText(std::string& out, const std::string& text) { AppendXmlText(out, text); }

/// An attribute value, XML-escaped, for a double-quoted attribute.
void AppendAttribute(std::string& out, const std::string& text) { AppendXmlAttribute(out, text); }

/// " class=\"right\"" for right- or centre-aligned blocks; "" for left.
const char* AlignClass(markup::Align align) {
  switch (align) {
    case markup::Align::kRight:
      return " class=\"right\"";
    case markup::Align::kCenter:
      return " class=\"center\"";
    case markup::Align::kLeft:
      break;
  }
  return "";
}

/// The inline text as plain words (line breaks as spaces), for captions.
std::string PlainText(const markup::InlineText& text) {
  std::string plain;
  for (const markup::Inline& span : text.spans) {
    plain += span.kind == markup::Inline::Kind::kBreak ? " " : span.text;
  }
  return plain;
}

/// "Chart" for clerk::markup::Chart: the block kind a template put in the document.
template <typename T>
std::string BlockKindName() {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(typeid(T).name(), nullptr, nullptr, &status), std::free);
  std::string name = status == 0 && demangled ? demangled.get() : typeid(T).name();
  size_t colon = name.rfind("::");
  return colon == std::string::npos ? name : name.substr(colon + 2);
}

class Writer;

/// Dispatches a block to the writer by its kind. A kind without an overload here reaches the
/// template, which throws: a new kind of block must be given its HTML, never dropped.
struct BlockVisitor {
  Writer& writer;
  void operator()(const markup::Heading& heading) const;
  void operator()(const markup::Paragraph& paragraph) const;
  void operator()(const markup::NumberedParagraph& numbered) const;
  void operator()(const markup::List& list) const;
  void operator()(const markup::BoxBlock& box) const;
  void operator()(const markup::Table& table) const;
  void operator()(const markup::Fields& fields) const;
  void operator()(const markup::Appendix& appendix) const;
  void operator()(const markup::PageBreak&) const {}  // pages are the PDF's, not the twin's
  void operator()(const markup::Space&) const {}      // the style sheet spaces blocks
  void operator()(const markup::Keep& keep) const;
  void operator()(const markup::Chart& chart) const;
  template <typename T>
  void operator()(const T&) const {
    throw std::logic_error("the HTML twin cannot show a " + BlockKindName<T>() +
                           " block: RenderHtml has no case for it");
  }
};

class Writer {
 public:
  /// Writes into `out`; with a `sink`, hands `out` over to it (and empties it) each time it has
  /// grown to kHtmlPieceSize at the end of a block, list item, row or field.
  Writer(std::string& out, const HtmlSettings& settings, HtmlSink* sink)
      : out_(out), settings_(settings), sink_(sink) {}

  /// The whole twin: head, body and footer.
  void Document(const markup::Document& document) {
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    AppendAttribute(out_, document.lang.empty() ? "en-GB" : document.lang);
    out_ += "\">\n<head>\n<meta charset=\"utf-8\"/>\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>";
    AppendText(out_, document.title.empty() ? "Report" : document.title);
    if (!document.draft.empty()) {
      out_ += " (";
      AppendText(out_, document.draft);
      out_ += ")";
    }
    out_ += "</title>\n";
    Meta("author", document.author);
    Meta("description", document.subject);
    Meta("keywords", document.keywords);
    Meta("generator", settings_.generator);
    out_ += "<style>";
    out_ += kStyleSheet;
    out_ += "</style>\n</head>\n<body>\n";
    if (!document.draft.empty()) {
      out_ += "<header>\n<p class=\"draft-mark\">";
      AppendText(out_, document.draft);
      out_ += "</p>\n</header>\n";
    }
    out_ += "<main>\n";
    Blocks(document.body);
    out_ += "</main>\n";
    if (!document.footer.empty()) {
      out_ += "<footer>\n<p>";
      AppendText(out_, document.footer);
      out_ += "</p>\n</footer>\n";
    }
    out_ += "</body>\n</html>\n";
  }

  void Blocks(const markup::Blocks& blocks) {
    for (const markup::Block& block : blocks) {
      std::visit(BlockVisitor{*this}, block.node);
      HandOver();
    }
  }

  /// Blocks inside a list item, cell or field value: one loose paragraph is set as bare inline
  /// text, so that a cell reads "Spring 2011" rather than a paragraph inside a cell.
  void ContainedBlocks(const markup::Blocks& blocks) {
    if (blocks.size() == 1) {
      const auto* paragraph = std::get_if<markup::Paragraph>(&blocks.front().node);
      if (paragraph && paragraph->implicit) {
        Inline(paragraph->text);
        return;
      }
    }
    Blocks(blocks);
  }

  void Inline(const markup::InlineText& text) {
    int open_link = -1;
    for (const markup::Inline& span : text.spans) {
      if (span.link != open_link) {
        if (open_link >= 0) out_ += "</a>";
        open_link = span.link;
        if (open_link >= 0 && static_cast<size_t>(open_link) < text.links.size()) {
          out_ += "<a href=\"#";
          AppendAttribute(out_, text.links[static_cast<size_t>(open_link)].to);
          out_ += "\">";
        } else {
          open_link = -1;
        }
      }
      if (span.kind == markup::Inline::Kind::kBreak) {
        out_ += "<br/>";
        continue;
      }
      if (span.bold) out_ += "<strong>";
      if (span.italic) out_ += "<em>";
      AppendText(out_, span.text);
      if (span.italic) out_ += "</em>";
      if (span.bold) out_ += "</strong>";
    }
    if (open_link >= 0) out_ += "</a>";
  }

  void Heading(const markup::Heading& heading) {
    const char digit = static_cast<char>('0' + Level(heading.level));  // 1 to 6
    out_ += "<h";
    out_ += digit;
    if (!heading.id.empty()) {
      out_ += " id=\"";
      AppendAttribute(out_, heading.id);
      out_ += "\"";
    }
    out_ += ">";
    if (!heading.label.empty()) {
      out_ += "<span class=\"label\">";
      AppendText(out_, heading.label);
      out_ += "</span> ";
    }
    Inline(heading.text);
    out_ += "</h";
    out_ += digit;
    out_ += ">\n";
    context_ = PlainText(heading.text);
  }

  void Paragraph(const markup::Paragraph& paragraph) {
    if (paragraph.text.Empty()) return;
    out_ += "<p";
    out_ += AlignClass(paragraph.align);
    out_ += ">";
    Inline(paragraph.text);
    out_ += "</p>\n";
  }

  void Numbered(const markup::NumberedParagraph& numbered) {
    const markup::Paragraph* only = nullptr;
    if (numbered.body.size() == 1) {
      only = std::get_if<markup::Paragraph>(&numbered.body.front().node);
    }
    if (only) {
      out_ += "<p class=\"np\"><span class=\"np-label\">";
      AppendText(out_, numbered.label);
      out_ += "</span> ";
      Inline(only->text);
      out_ += "</p>\n";
      return;
    }
    out_ += "<div class=\"np\"><span class=\"np-label\">";
    AppendText(out_, numbered.label);
    out_ += "</span>\n<div class=\"np-body\">\n";
    Blocks(numbered.body);
    out_ += "</div></div>\n";
  }

  void List(const markup::List& list) {
    out_ += list.ordered ? "<ol>\n" : "<ul>\n";
    for (const markup::ListItem& item : list.items) {
      out_ += "<li>";
      if (list.ordered || !item.label.empty()) {
        // An ordered item's label ("a)", "1.") is its number: it is read out.
        out_ += "<span class=\"li-label\">";
        AppendText(out_, item.label);
        out_ += "</span> ";
      } else {
        // The bullet is decoration: the list itself tells a screen reader it is a list.
        out_ += "<span class=\"marker\" aria-hidden=\"true\">";
        AppendText(out_, list.marker);
        out_ += "</span>";
      }
      ContainedBlocks(item.body);
      out_ += "</li>\n";
      HandOver();
    }
    out_ += list.ordered ? "</ol>\n" : "</ul>\n";
  }

  void Box(const markup::BoxBlock& box) {
    out_ += "<div class=\"box\">\n";
    Blocks(box.body);
    out_ += "</div>\n";
  }

  void Table(const markup::Table& table) {
    std::string caption = "Table " + std::to_string(++table_count_);
    if (!context_.empty()) caption += ": " + context_;
    // A wide table scrolls inside its own region (focusable, so a keyboard can scroll it)
    // rather than making the whole page scroll sideways on a phone.
    out_ += "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"";
    AppendAttribute(out_, caption);
    out_ += "\">\n<table>\n<caption>";
    AppendText(out_, caption);
    out_ += "</caption>\n";
    if (!table.head.empty()) {
      out_ += "<thead>\n";
      for (const markup::Row& row : table.head) Row(row, "col");
      out_ += "</thead>\n";
    }
    out_ += "<tbody>\n";
    for (const markup::Row& row : table.body) Row(row, "row");
    out_ += "</tbody>\n</table>\n</div>\n";
  }

  /// A chart as a figure: its title as the caption, its alternative text (what the chart
  /// shows, from its data), and its data as a table a screen reader can walk.
  void Chart(const markup::Chart& chart) {
    chart::Spec spec = chart::SpecFromMarkup(chart);
    out_ += "<figure class=\"chart\"";
    if (!chart.id.empty()) {
      out_ += " id=\"";
      AppendAttribute(out_, chart.id);
      out_ += "\"";
    }
    out_ += ">\n<figcaption>";
    AppendText(out_, chart.title);
    out_ += "</figcaption>\n";
    if (settings_.style && settings_.fonts) {
      // The drawing carries the alternative text itself (role="img", aria-label).
      chart::AppendChartSvg(out_, chart, *settings_.style, *settings_.fonts);
    } else {
      out_ += "<p>";
      AppendText(out_, chart::AltText(spec));
      out_ += "</p>\n";
    }
    std::string caption = "Figures of the chart: " + chart.title;
    out_ += "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"";
    AppendAttribute(out_, caption);
    out_ += "\">\n<table class=\"chart-data\">\n<caption>";
    AppendText(out_, caption);
    out_ += "</caption>\n<thead>\n<tr><th scope=\"col\">Name</th>";
    bool change = chart.kind == markup::ChartKind::kChange;
    std::string unit = chart.unit.empty() ? "" : " (" + chart.unit + ")";
    for (const std::string& column :
         change ? std::vector<std::string>{"Change" + unit}
                : std::vector<std::string>{chart.earlier_label + unit, chart.later_label + unit}) {
      out_ += "<th scope=\"col\" class=\"right\">";
      AppendText(out_, column);
      out_ += "</th>";
    }
    out_ += "</tr>\n</thead>\n<tbody>\n";
    auto value_cell = [&](double value) {
      out_ += "<td class=\"right\">";
      AppendText(out_, chart::FormatValue(value, change));
      out_ += "</td>";
    };
    for (const markup::ChartBar& bar : chart.bars) {
      out_ += "<tr><th scope=\"row\">";
      AppendText(out_, bar.label);
      out_ += "</th>";
      if (change) {
        value_cell(bar.value);
      } else {
        value_cell(bar.earlier);
        value_cell(bar.later);
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n</div>\n</figure>\n";
  }

  void Fields(const markup::Fields& fields) {
    out_ += "<dl class=\"fields\">\n";
    for (const markup::Field& field : fields.fields) {
      out_ += "<div class=\"field\"><dt>";
      AppendText(out_, field.label);
      out_ += "</dt><dd>";
      ContainedBlocks(field.value);
      out_ += "</dd></div>\n";
      HandOver();
    }
    out_ += "</dl>\n";
  }

  void Appendix(const markup::Appendix& appendix) {
    out_ += "<section class=\"appendix\"";
    if (!appendix.id.empty()) {
      out_ += " id=\"";
      AppendAttribute(out_, appendix.id);
      out_ += "\"";
    }
    Level(1);  // an appendix starts again at the top of the outline
    out_ += ">\n<h1><span class=\"appendix-label\">";
    AppendText(out_, appendix.label);
    out_ += "</span>";
    if (!appendix.title.empty()) {
      out_ += " <span class=\"appendix-title\">";
      AppendText(out_, appendix.title);
      out_ += "</span>";
    }
    out_ += "</h1>\n";
    context_ = appendix.label;
    Blocks(appendix.body);
    out_ += "</section>\n";
  }

 private:
  /// The level a heading is given: its own, but never more than one below the one before, so
  /// that the outline a screen reader lists has no gaps.
  int Level(int wanted) {
    int level = std::clamp(wanted, 1, std::min(6, last_level_ + 1));
    last_level_ = level;
    return level;
  }

  void Row(const markup::Row& row, const char* header_scope) {
    out_ += "<tr>";
    for (const markup::Cell& cell : row.cells) {
      out_ += cell.header ? "<th" : "<td";
      if (cell.header) {
        out_ += " scope=\"";
        out_ += header_scope;
        out_ += '"';
      }
      if (cell.colspan > 1) {
        out_ += " colspan=\"";
        out_ += std::to_string(cell.colspan);
        out_ += '"';
      }
      out_ += AlignClass(cell.align);
      out_ += '>';
      ContainedBlocks(cell.body);
      out_ += cell.header ? "</th>" : "</td>";
    }
    out_ += "</tr>\n";
    HandOver();
  }

  /// Gives what has been written to the sink once there is a piece's worth: the text before
  /// is never looked at again.
  void HandOver() {
    if (sink_ == nullptr || out_.size() < kHtmlPieceSize) return;
    sink_->Write(out_);
    out_.clear();  // keeps its room: the next piece is written into it
    // A chart's drawing is written whole (chart::AppendChartSvg), a few MB at a thousand pages:
    // the room it took is given back rather than held to the end.
    if (out_.capacity() > kWriterRoom) {
      std::string room;
      room.reserve(kWriterRoom);
      out_.swap(room);
    }
  }

  void Meta(const char* name, const std::string& content) {
    if (content.empty()) return;
    out_ += "<meta name=\"";
    out_ += name;
    out_ += "\" content=\"";
    AppendAttribute(out_, content);
    out_ += "\"/>\n";
  }

  std::string& out_;
  const HtmlSettings& settings_;
  HtmlSink* sink_;  ///< null: the whole twin stays in out_
  int last_level_ = 0;
  int table_count_ = 0;
  std::string context_;  ///< the latest heading's text: what the next table's caption names
};

void BlockVisitor::operator()(const markup::Heading& heading) const { writer.Heading(heading); }
void BlockVisitor::operator()(const markup::Paragraph& paragraph) const {
  writer.Paragraph(paragraph);
}
void BlockVisitor::operator()(const markup::NumberedParagraph& numbered) const {
  writer.Numbered(numbered);
}
void BlockVisitor::operator()(const markup::List& list) const { writer.List(list); }
void BlockVisitor::operator()(const markup::BoxBlock& box) const { writer.Box(box); }
void BlockVisitor::operator()(const markup::Table& table) const { writer.Table(table); }
void BlockVisitor::operator()(const markup::Fields& fields) const { writer.Fields(fields); }
void BlockVisitor::operator()(const markup::Appendix& appendix) const { writer.Appendix(appendix); }
void BlockVisitor::operator()(const markup::Keep& keep) const { writer.Blocks(keep.body); }
void BlockVisitor::operator()(const markup::Chart& chart) const { writer.Chart(chart); }

}  // namespace

std::string RenderHtml(const markup::Document& document, const HtmlSettings& settings) {
  std::string out;
  out.reserve(64 * 1024);
  Writer(out, settings, nullptr).Document(document);
  return out;
}

void RenderHtml(const markup::Document& document, const HtmlSettings& settings, HtmlSink& sink) {
  std::string out;
  out.reserve(kWriterRoom);
  Writer(out, settings, &sink).Document(document);
  sink.Write(out);
}

}  // namespace clerk::html
