#include "markup/parser.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <string_view>
#include <utility>

#include "markup/xml_tree.h"

namespace clerk::markup {

namespace {

// Most characters are above ' ', and one comparison says so.
bool IsSpace(char c) {
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

bool IsBlank(std::string_view text) { return std::all_of(text.begin(), text.end(), IsSpace); }

/// Where a block may stand: page-level containers take every block; nested ones (list items,
/// cells, boxes, numbered paragraphs, field values) take only what can sit beside other columns.
enum class Container { kDocument, kAppendix, kKeep, kNested };

/// Turns the XmlTree into the Document. Page-level flows (<document>, <appendix>, <keep>) are
/// converted child by child as each child ends, while the rest of the markup is still being read
/// (the merge writes it on the other core); a converted child is then forgotten by the tree.
/// Everything else is converted when the page-level child it is in ends. What is reported is
/// kept apart until the whole markup has proved well-formed, as only then does it count.
class Converter : public XmlTreeListener {
 public:
  explicit Converter(std::string file) : file_(std::move(file)) {}

  void Opened(const XmlTree& tree, const XmlNode& element, const XmlNode&, int depth) override {
    tree_ = &tree;
    if (depth == 1) {
      if (element.name == "document") {
        StartDocument(element);
        flows_.push_back(Flow{depth, Container::kDocument, {}, {}, element.where});
      }
      return;
    }
    if (flows_.empty() || flows_.back().depth != depth - 1) return;
    // `element` is a child of a page-level flow. There ConvertBlock's checks pass for a <keep>,
    // and for an <appendix> when the flow is <document>; any other child is left to ConvertBlock
    // when it ends.
    if (element.name == "appendix" && flows_.back().container == Container::kDocument) {
      flows_.push_back(
          Flow{depth, Container::kAppendix, {}, StartAppendix(element), element.where});
    } else if (element.name == "keep") {
      CheckAttributes(element, {});
      flows_.push_back(Flow{depth, Container::kKeep, {}, {}, element.where});
    }
  }

  bool Closed(const XmlTree& tree, const XmlNode& node, const XmlNode& parent,
              int parent_depth) override {
    tree_ = &tree;
    if (flows_.empty()) return false;
    if (flows_.back().depth == parent_depth + 1) {  // `node` is the element of this flow
      if (parent_depth == 0) return false;          // <document>: Finish completes it
      Flow flow = std::move(flows_.back());
      flows_.pop_back();
      Block block;
      block.where = At(flow.where);
      if (flow.container == Container::kAppendix) {
        flow.appendix.body = std::move(flow.blocks);
        block.node = std::move(flow.appendix);
      } else {
        block.node = Keep{std::move(flow.blocks)};
      }
      flows_.back().blocks.push_back(std::move(block));
      return true;
    }
    if (flows_.back().depth != parent_depth) return false;  // inside a block: converted with it
    ConvertPageLevel(node, parent, flows_.back().container, flows_.back().blocks);
    return true;
  }

  /// Completes the document once `tree` has been read whole.
  std::optional<Document> Finish(const XmlTree& tree) {
    tree_ = &tree;
    const XmlNode* element = nullptr;
    for (const XmlNode& child : Children(tree.Root())) {
      if (!child.is_text) element = &child;
    }
    if (!element) {
      Error({file_, 1, 1}, "the markup has no <document> element");
      return std::nullopt;
    }
    if (element->name != "document") {
      Error(element->where,
            "the markup must start with <document>, not <" + std::string(element->name) + ">");
      return std::nullopt;
    }
    Document document = std::move(document_);
    document.body = std::move(flows_.front().blocks);
    for (const auto& [target, where] : link_targets_) {
      if (!ids_.count(target)) {
        Error(where, "<link to=\"" + target + "\"> points at an id that no element has",
              "give a heading or appendix id=\"" + target + "\", or correct the link");
      }
    }
    return document;
  }

  /// What the conversion found wrong, in the order found.
  const Diagnostics& Problems() const { return diagnostics_; }

 private:
  /// A page-level flow being read.
  struct Flow {
    int depth = 0;        ///< of its element (1 for <document>)
    Container container;  ///< what its children stand in
    Blocks blocks;        ///< its children converted so far
    Appendix appendix;    ///< an <appendix>'s attributes
    Position where;       ///< its start tag
  };

  void StartDocument(const XmlNode& element) {
    document_.where = At(element.where);
    CheckAttributes(element,
                    {"lang", "title", "author", "subject", "keywords", "date", "footer", "draft"});
    document_.lang = Attribute(element, "lang", "en-GB");
    document_.title = Attribute(element, "title");
    document_.author = Attribute(element, "author");
    document_.subject = Attribute(element, "subject");
    document_.keywords = Attribute(element, "keywords");
    document_.date = Attribute(element, "date");
    document_.footer = Attribute(element, "footer");
    document_.draft = Attribute(element, "draft");
    if (!document_.date.empty() && !IsIsoDate(document_.date)) {
      Error(element.where, "date=\"" + document_.date + "\" is not a date written as YYYY-MM-DD");
    }
  }

  Appendix StartAppendix(const XmlNode& element) {
    CheckAttributes(element, {"id", "label", "title"});
    Appendix appendix;
    appendix.id = Attribute(element, "id");
    RegisterId(element, appendix.id);
    appendix.label = RequiredAttribute(element, "label");
    appendix.title = Attribute(element, "title");
    return appendix;
  }

  /// Converts a child of a page-level flow into `blocks`. Text there belongs in a <p>.
  void ConvertPageLevel(const XmlNode& child, const XmlNode& parent, Container container,
                        Blocks& blocks) {
    if (child.is_text || (child.traits & kInlineElement)) {
      if (child.is_text && IsBlank(child.text)) return;  // an empty paragraph: no paragraph
      // Page-level text outside a <p> is almost always a template slip; say so.
      if (child.is_text) {
        Error(child.where,
              "text directly inside <" + std::string(parent.name) + "> must be in a <p>");
      } else {
        Error(child.where, "<" + std::string(child.name) + "> directly inside <" +
                               std::string(parent.name) + "> must be in a <p>");
      }
      return;
    }
    if (auto block = ConvertBlock(child, parent, container)) blocks.push_back(std::move(*block));
  }

  void Error(const SourceLocation& where, std::string message, std::string hint = "") {
    diagnostics_.Error(where, std::move(message), std::move(hint));
  }
  void Error(Position where, std::string message, std::string hint = "") {
    Error(At(where), std::move(message), std::move(hint));
  }

  SourceLocation At(Position where) const { return {file_, where.line, where.column}; }

  static bool IsIsoDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
  }

  void CheckAttributes(const XmlNode& node, std::initializer_list<const char*> allowed) {
    for (const XmlAttribute* attribute = tree_->AttributesBegin(node);
         attribute != tree_->AttributesEnd(node); ++attribute) {
      std::string_view name = attribute->name;
      bool known =
          std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; });
      if (known) continue;
      std::string list;
      for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
      Error(node.where,
            "<" + std::string(node.name) + "> has no attribute \"" + std::string(name) + "\"",
            list.empty() ? "<" + std::string(node.name) + "> takes no attributes"
                         : "<" + std::string(node.name) + "> takes: " + list);
    }
  }

  const std::string_view* FindAttribute(const XmlNode& node, std::string_view name) const {
    for (const XmlAttribute* attribute = tree_->AttributesBegin(node);
         attribute != tree_->AttributesEnd(node); ++attribute) {
      if (attribute->name == name) return &attribute->value;
    }
    return nullptr;
  }

  std::string Attribute(const XmlNode& node, std::string_view name,
                        std::string_view fallback = {}) const {
    const std::string_view* value = FindAttribute(node, name);
    return std::string(value ? *value : fallback);
  }

  std::string RequiredAttribute(const XmlNode& node, const std::string& name) {
    const std::string_view* value = FindAttribute(node, name);
    if (!value) {
      Error(node.where, "<" + std::string(node.name) + "> needs a " + name + "=\"...\" attribute");
      return "";
    }
    return std::string(*value);
  }

  /// A length in points: a plain non-negative number, up to a page's height.
  std::optional<double> Points(const XmlNode& node, const std::string& name,
                               const std::string& text) {
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    bool plain = !text.empty() && end && *end == '\0' &&
                 text.find_first_not_of("0123456789.") == std::string::npos;
    if (!plain || value < 0 || value > 1000) {
      Error(node.where, name + "=\"" + text + "\" is not a length in points",
            "write a number of points between 0 and 1000, such as " + name + "=\"12\"");
      return std::nullopt;
    }
    return value;
  }

  std::optional<Align> AlignAttribute(const XmlNode& node) {
    const std::string_view* value = FindAttribute(node, "align");
    if (!value || *value == "left") return Align::kLeft;
    if (*value == "right") return Align::kRight;
    if (*value == "center") return Align::kCenter;
    Error(node.where, "align=\"" + std::string(*value) + "\" is not an alignment",
          "write align=\"left\", align=\"center\" or align=\"right\"");
    return Align::kLeft;
  }

  void RegisterId(const XmlNode& node, const std::string& id) {
    if (id.empty()) return;
    bool valid = std::isalpha(static_cast<unsigned char>(id[0])) &&
                 std::all_of(id.begin(), id.end(), [](char c) {
                   return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                          c == '.' || c == ':';
                 });
    if (!valid) {
      Error(node.where, "id=\"" + id + "\" is not a usable id",
            "start with a letter; use letters, digits, '-', '_', '.' and ':'");
      return;
    }
    auto [it, inserted] = ids_.emplace(id, node.where);
    if (!inserted) {
      Error(node.where,
            "id=\"" + id + "\" is used twice; the first is at line " +
                std::to_string(it->second.line),
            "every id names one place in the document");
    }
  }

  // -- flow: blocks, with loose inline content gathered into implicit paragraphs ------------

  /// The blocks of a nested flow (a list item, cell, box, numbered paragraph or field value),
  /// with loose inline content gathered into implicit paragraphs.
  Blocks ConvertFlow(const XmlNode& parent) {
    Blocks blocks;
    blocks.reserve(parent.child_count);  // a child makes at most one block
    // The run of text and inline elements not yet made into a paragraph: consecutive siblings.
    const XmlNode* loose = nullptr;
    size_t loose_count = 0;
    for (const XmlNode& child : Children(parent)) {
      if (child.is_text || (child.traits & kInlineElement)) {
        if (!loose) loose = &child;
        ++loose_count;
        continue;
      }
      AddImplicitParagraph(loose, loose_count, blocks);
      loose = nullptr;
      loose_count = 0;
      if (auto block = ConvertBlock(child, parent, Container::kNested)) {
        blocks.push_back(std::move(*block));
      }
    }
    AddImplicitParagraph(loose, loose_count, blocks);
    return blocks;
  }

  /// Makes the `count` siblings from `first` (text and inline elements) into a paragraph, unless
  /// they hold nothing but whitespace.
  void AddImplicitParagraph(const XmlNode* first, size_t count, Blocks& blocks) {
    if (count == 0) return;
    Position where = first->where;
    const XmlNode* node = first;
    for (size_t i = 0; i < count; ++i, node = tree_->NextSibling(*node)) {
      if (!node->is_text || !IsBlank(node->text)) {
        where = node->where;
        break;
      }
    }
    Paragraph paragraph;
    paragraph.implicit = true;
    paragraph.text.spans.reserve(count);  // one span per text, the usual case
    node = first;
    for (size_t i = 0; i < count; ++i, node = tree_->NextSibling(*node)) {
      CollectInline(*node, false, false, -1, paragraph.text);
    }
    Normalize(paragraph.text);
    if (!paragraph.text.Empty()) blocks.push_back(Block{std::move(paragraph), At(where)});
  }

  std::optional<Block> ConvertBlock(const XmlNode& node, const XmlNode& parent,
                                    Container container) {
    std::string_view name = node.name;
    if (!(node.traits & kBlockElement)) {
      Error(node.where, "unknown element <" + std::string(name) + ">",
            "docs/markup.md lists the elements the markup has");
      return std::nullopt;
    }
    bool nested = container == Container::kNested;
    bool page_level_only = name == "table" || name == "fields" || name == "appendix" ||
                           name == "pagebreak" || name == "keep" || name == "box" || name == "h1" ||
                           name == "h2" || name == "h3" || name == "chart";
    if (nested && page_level_only) {
      Error(node.where,
            "<" + std::string(name) + "> cannot be inside <" + std::string(parent.name) + ">");
      return std::nullopt;
    }
    if (name == "appendix" && container != Container::kDocument) {
      Error(node.where, "<appendix> can only be directly inside <document>");
      return std::nullopt;
    }
    // An <appendix> or <keep> that passed the checks above is converted as it is read (Opened,
    // Closed), never here.
    if (name == "appendix" || name == "keep") return std::nullopt;
    Block block;
    block.where = At(node.where);
    if (name == "h1" || name == "h2" || name == "h3") {
      CheckAttributes(node, {"id", "label", "outline"});
      Heading heading;
      heading.level = name[1] - '0';
      heading.id = Attribute(node, "id");
      RegisterId(node, heading.id);
      heading.label = Attribute(node, "label");
      std::string outline = Attribute(node, "outline", "yes");
      if (outline != "yes" && outline != "no") {
        Error(node.where, "outline=\"" + outline + "\" must be \"yes\" or \"no\"");
      }
      heading.outline = outline != "no";
      heading.text = ConvertInlineContent(node);
      block.node = std::move(heading);
    } else if (name == "p") {
      CheckAttributes(node, {"align", "space-before"});
      Paragraph paragraph;
      paragraph.align = *AlignAttribute(node);
      if (const std::string_view* space = FindAttribute(node, "space-before")) {
        paragraph.space_before = Points(node, "space-before", std::string(*space)).value_or(-1);
      }
      paragraph.text = ConvertInlineContent(node);
      block.node = std::move(paragraph);
    } else if (name == "np") {
      CheckAttributes(node, {"label"});
      NumberedParagraph numbered;
      numbered.label = RequiredAttribute(node, "label");
      numbered.body = ConvertFlow(node);
      block.node = std::move(numbered);
    } else if (name == "ul" || name == "ol") {
      block.node = ConvertList(node);
    } else if (name == "box") {
      CheckAttributes(node, {});
      block.node = BoxBlock{ConvertFlow(node)};
    } else if (name == "table") {
      auto table = ConvertTable(node);
      if (!table) return std::nullopt;
      block.node = std::move(*table);
    } else if (name == "fields") {
      block.node = ConvertFields(node);
    } else if (name == "pagebreak") {
      CheckAttributes(node, {});
      ExpectEmpty(node);
      block.node = PageBreak{};
    } else if (name == "space") {
      CheckAttributes(node, {"height"});
      ExpectEmpty(node);
      Space space;
      std::string height = RequiredAttribute(node, "height");
      if (!height.empty()) space.height = Points(node, "height", height).value_or(0);
      block.node = space;
    } else if (name == "chart") {
      block.node = ConvertChart(node);
    }
    return block;
  }

  /// A signed decimal number as a chart takes it: "36", "-8.5", "+12.4"; nullopt (reported)
  /// when it is anything else or beyond +/-10000.
  std::optional<double> ChartNumber(const XmlNode& node, const std::string& name) {
    const std::string_view* found = FindAttribute(node, name);
    if (!found) {
      Error(node.where, "<" + std::string(node.name) + "> needs a " + name + "=\"...\" attribute");
      return std::nullopt;
    }
    const std::string value_text(*found);  // strtod reads up to a NUL
    const std::string* text = &value_text;
    size_t start = !text->empty() && ((*text)[0] == '-' || (*text)[0] == '+') ? 1 : 0;
    std::string digits = text->substr(start);
    bool plain = !digits.empty() && digits.find_first_not_of("0123456789.") == std::string::npos &&
                 std::count(digits.begin(), digits.end(), '.') <= 1 && digits != "." &&
                 digits.front() != '.' && digits.back() != '.';
    double value = plain ? std::strtod(text->c_str(), nullptr) : 0;
    if (!plain || value < -10000 || value > 10000) {
      Error(node.where, name + "=\"" + *text + "\" is not a number",
            "write a decimal number such as " + name + "=\"-8.5\"");
      return std::nullopt;
    }
    return value;
  }

  Chart ConvertChart(const XmlNode& node) {
    Chart chart;
    chart.bars.reserve(node.child_count);  // its <bar/>s
    std::string kind = Attribute(node, "kind");
    if (kind == "compare") {
      chart.kind = ChartKind::kCompare;
      CheckAttributes(node, {"kind", "id", "title", "unit", "earlier-label", "later-label"});
    } else {
      chart.kind = ChartKind::kChange;
      CheckAttributes(node, {"kind", "id", "title", "unit", "headline", "headline-label"});
      if (kind != "change") {
        Error(node.where,
              kind.empty() ? "<chart> needs a kind=\"...\" attribute"
                           : "kind=\"" + kind + "\" is not a kind of chart",
              "write kind=\"change\" (one bar per row) or kind=\"compare\" (earlier and later "
              "side by side)");
      }
    }
    chart.id = Attribute(node, "id");
    RegisterId(node, chart.id);
    chart.title = RequiredAttribute(node, "title");
    chart.unit = Attribute(node, "unit", chart.kind == ChartKind::kChange ? "points" : "%");
    if (chart.kind == ChartKind::kChange) {
      if (FindAttribute(node, "headline")) chart.headline = ChartNumber(node, "headline");
      chart.headline_label = Attribute(node, "headline-label", "headline");
    } else {
      chart.earlier_label = RequiredAttribute(node, "earlier-label");
      chart.later_label = RequiredAttribute(node, "later-label");
    }
    for (const XmlNode& child : Children(node)) {
      if (child.is_text) {
        ExpectOnlyElements(child, node, "a <bar/>");
        continue;
      }
      if (child.name != "bar") {
        Error(child.where, "<chart> holds only <bar/> rows, not <" + std::string(child.name) + ">");
        continue;
      }
      ChartBar bar;
      bar.where = At(child.where);
      if (chart.kind == ChartKind::kChange) {
        CheckAttributes(child, {"label", "value"});
      } else {
        CheckAttributes(child, {"label", "earlier", "later"});
      }
      ExpectEmpty(child);
      bar.label = RequiredAttribute(child, "label");
      bool ok = true;
      if (chart.kind == ChartKind::kChange) {
        auto value = ChartNumber(child, "value");
        ok = value.has_value();
        bar.value = value.value_or(0);
      } else {
        auto earlier = ChartNumber(child, "earlier");
        auto later = ChartNumber(child, "later");
        ok = earlier && later;
        bar.earlier = earlier.value_or(0);
        bar.later = later.value_or(0);
      }
      if (ok) chart.bars.push_back(std::move(bar));
    }
    if (chart.bars.empty()) {
      Error(node.where, "<chart> has no <bar/> rows",
            "a chart needs at least one <bar label=\"...\" .../>; leave the chart out when "
            "there is no data");
    }
    return chart;
  }

  void ExpectEmpty(const XmlNode& node) {
    for (const XmlNode& child : Children(node)) {
      if (child.is_text && IsBlank(child.text)) continue;
      Error(child.where, "<" + std::string(node.name) + "/> holds nothing; write it as <" +
                             std::string(node.name) + "/>");
      return;
    }
  }

  /// Reports text other than whitespace among elements that hold only elements (<ul>, <tr>...).
  void ExpectOnlyElements(const XmlNode& child, const XmlNode& parent, const char* what) {
    if (child.is_text && !IsBlank(child.text)) {
      Error(child.where,
            std::string("text inside <") + std::string(parent.name) + "> must be in " + what);
    }
  }

  List ConvertList(const XmlNode& node) {
    List list;
    list.items.reserve(node.child_count);  // its <li>s (the XmlTree keeps no whitespace here)
    list.ordered = node.name == "ol";
    if (list.ordered) {
      CheckAttributes(node, {});
    } else {
      CheckAttributes(node, {"marker"});
      list.marker = Attribute(node, "marker", list.marker);
    }
    for (const XmlNode& child : Children(node)) {
      if (child.is_text) {
        ExpectOnlyElements(child, node, "an <li>");
        continue;
      }
      if (child.name != "li") {
        Error(child.where, "<" + std::string(node.name) + "> holds only <li> items, not <" +
                               std::string(child.name) + ">");
        continue;
      }
      CheckAttributes(child, {"label"});
      ListItem item;
      item.where = At(child.where);
      item.label = Attribute(child, "label");
      if (list.ordered && item.label.empty()) {
        Error(child.where, "an <li> of an <ol> needs its number as label=\"1.\"",
              "merge numbers ordered lists; the label is printed as it is written");
      }
      item.body = ConvertFlow(child);
      list.items.push_back(std::move(item));
    }
    return list;
  }

  std::optional<std::vector<ColumnWidth>> ParseWidths(const XmlNode& node,
                                                      const std::string& text) {
    std::vector<ColumnWidth> widths;
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && IsSpace(text[i])) ++i;
      if (i == text.size()) break;
      size_t end = i;
      while (end < text.size() && !IsSpace(text[end])) ++end;
      std::string token = text.substr(i, end - i);
      i = end;
      ColumnWidth width;
      std::string number = token;
      if (number.size() > 2 && number.compare(number.size() - 2, 2, "pt") == 0) {
        width.fixed = true;
        number.resize(number.size() - 2);
      }
      char* stop = nullptr;
      width.value = std::strtod(number.c_str(), &stop);
      bool plain = number.find_first_not_of("0123456789.") == std::string::npos;
      if (number.empty() || !plain || *stop != '\0' || width.value <= 0 || width.value > 10000) {
        Error(node.where, "widths=\"" + text + "\": \"" + token + "\" is not a column width",
              "write proportions such as widths=\"6 47 47\", or points such as \"120pt\"");
        return std::nullopt;
      }
      widths.push_back(width);
    }
    if (widths.empty()) {
      Error(node.where, "widths=\"\" names no columns");
      return std::nullopt;
    }
    return widths;
  }

  std::optional<Table> ConvertTable(const XmlNode& node) {
    CheckAttributes(node, {"widths", "rule"});
    Table table;
    std::string rule = Attribute(node, "rule", "grid");
    if (rule == "grid") {
      table.rule = TableRule::kGrid;
    } else if (rule == "rows") {
      table.rule = TableRule::kRows;
    } else if (rule == "none") {
      table.rule = TableRule::kNone;
    } else {
      Error(node.where, "rule=\"" + rule + "\" is not a table rule",
            "write rule=\"grid\", rule=\"rows\" or rule=\"none\"");
    }
    bool widths_given = FindAttribute(node, "widths") != nullptr;
    if (widths_given) {
      auto widths = ParseWidths(node, Attribute(node, "widths"));
      if (!widths)
        widths_given = false;
      else
        table.widths = std::move(*widths);
    }
    for (const XmlNode& child : Children(node)) {
      if (child.is_text) {
        ExpectOnlyElements(child, node, "a <td> or <th>");
        continue;
      }
      if (child.name == "thead" || child.name == "tbody") {
        CheckAttributes(child, {});
        if (child.name == "thead" && !table.body.empty()) {
          Error(child.where, "<thead> must come before the table's other rows");
        }
        std::vector<Row>& rows = child.name == "thead" ? table.head : table.body;
        if (rows.empty()) rows.reserve(child.child_count);  // its <tr>s
        for (const XmlNode& row : Children(child)) {
          if (row.is_text) {
            ExpectOnlyElements(row, child, "a <tr>");
            continue;
          }
          if (row.name != "tr") {
            Error(row.where, "<" + std::string(child.name) + "> holds only <tr> rows, not <" +
                                 std::string(row.name) + ">");
            continue;
          }
          rows.push_back(ConvertRow(row));
        }
      } else if (child.name == "tr") {
        table.body.push_back(ConvertRow(child));
      } else {
        Error(child.where,
              "<table> holds <thead>, <tbody> and <tr>, not <" + std::string(child.name) + ">");
      }
    }
    size_t columns = table.widths.size();
    if (!widths_given) {
      for (const auto* rows : {&table.head, &table.body}) {
        for (const Row& row : *rows) columns = std::max(columns, ColumnsOf(row));
      }
      table.widths.assign(std::max<size_t>(columns, 1), ColumnWidth{});
      columns = table.widths.size();
    }
    for (auto* rows : {&table.head, &table.body}) {
      for (auto it = rows->begin(); it != rows->end();) {
        size_t spanned = ColumnsOf(*it);
        if (spanned == 0) {
          it = rows->erase(it);  // its wrong contents were reported already
        } else if (spanned != columns) {
          Error(it->where,
                "this row fills " + std::to_string(spanned) + " column" +
                    (spanned == 1 ? "" : "s") + " but the table has " + std::to_string(columns),
                "give every row as many cells (counting colspan) as the table has widths");
          it = rows->erase(it);
        } else {
          ++it;
        }
      }
    }
    return table;
  }

  static size_t ColumnsOf(const Row& row) {
    size_t columns = 0;
    for (const Cell& cell : row.cells) columns += static_cast<size_t>(cell.colspan);
    return columns;
  }

  Row ConvertRow(const XmlNode& node) {
    CheckAttributes(node, {});
    Row row;
    row.where = At(node.where);
    // A row's children are its cells: the whitespace between them is not kept (XmlTree).
    row.cells.reserve(node.child_count);
    for (const XmlNode& child : Children(node)) {
      if (child.is_text) {
        ExpectOnlyElements(child, node, "a <td> or <th>");
        continue;
      }
      if (child.name != "td" && child.name != "th") {
        Error(child.where,
              "<tr> holds only <td> and <th> cells, not <" + std::string(child.name) + ">");
        continue;
      }
      CheckAttributes(child, {"colspan", "align"});
      Cell cell;
      cell.where = At(child.where);
      cell.header = child.name == "th";
      cell.align = *AlignAttribute(child);
      if (const std::string_view* found = FindAttribute(child, "colspan")) {
        const std::string span_text(*found);  // atoi reads up to a NUL
        const std::string* span = &span_text;
        bool digits = !span->empty() && span->size() < 4 &&
                      span->find_first_not_of("0123456789") == std::string::npos;
        int value = digits ? std::atoi(span->c_str()) : 0;
        if (value < 1) {
          Error(child.where, "colspan=\"" + *span + "\" is not a number of columns");
        } else {
          cell.colspan = value;
        }
      }
      cell.body = ConvertFlow(child);
      if (cell.align != Align::kLeft) {
        for (Block& block : cell.body) {
          if (auto* paragraph = std::get_if<Paragraph>(&block.node)) {
            if (paragraph->implicit) paragraph->align = cell.align;
          }
        }
      }
      row.cells.push_back(std::move(cell));
    }
    return row;
  }

  Fields ConvertFields(const XmlNode& node) {
    CheckAttributes(node, {});
    Fields fields;
    fields.fields.reserve(node.child_count);  // its <field>s
    for (const XmlNode& child : Children(node)) {
      if (child.is_text) {
        ExpectOnlyElements(child, node, "a <field>");
        continue;
      }
      if (child.name != "field") {
        Error(child.where,
              "<fields> holds only <field> elements, not <" + std::string(child.name) + ">");
        continue;
      }
      CheckAttributes(child, {"label"});
      Field field;
      field.where = At(child.where);
      field.label = RequiredAttribute(child, "label");
      field.value = ConvertFlow(child);
      fields.fields.push_back(std::move(field));
    }
    return fields;
  }

  // -- inline content ---------------------------------------------------------------------

  InlineText ConvertInlineContent(const XmlNode& node) {
    InlineText text;
    for (const XmlNode& child : Children(node)) CollectInline(child, false, false, -1, text);
    Normalize(text);
    return text;
  }

  void CollectInline(const XmlNode& node, bool bold, bool italic, int link, InlineText& out) {
    if (node.is_text) {
      Inline span;
      span.text = std::string(node.text);
      span.bold = bold;
      span.italic = italic;
      span.link = link;
      span.where = At(node.where);
      out.spans.push_back(std::move(span));
      return;
    }
    if (node.name == "b" || node.name == "i") {
      CheckAttributes(node, {});
      for (const XmlNode& child : Children(node)) {
        CollectInline(child, bold || node.name == "b", italic || node.name == "i", link, out);
      }
    } else if (node.name == "br") {
      CheckAttributes(node, {});
      ExpectEmpty(node);
      Inline span;
      span.kind = Inline::Kind::kBreak;
      span.where = At(node.where);
      span.link = link;
      out.spans.push_back(std::move(span));
    } else if (node.name == "link") {
      CheckAttributes(node, {"to"});
      if (link >= 0) {
        Error(node.where, "a <link> cannot be inside another <link>");
      }
      std::string to = RequiredAttribute(node, "to");
      int index = link;
      if (link < 0 && !to.empty()) {
        index = static_cast<int>(out.links.size());
        out.links.push_back(Link{to, At(node.where)});
        link_targets_.emplace_back(to, node.where);
      }
      for (const XmlNode& child : Children(node)) CollectInline(child, bold, italic, index, out);
    } else if ((node.traits & kBlockElement)) {
      Error(node.where, "<" + std::string(node.name) + "> is a block and cannot be inside text",
            "close the paragraph before it");
    } else {
      Error(node.where, "unknown element <" + std::string(node.name) + ">",
            "docs/markup.md lists the elements the markup has");
    }
  }

  /// Collapses runs of whitespace to one space across spans (as HTML does), drops it at the
  /// start and end and around <br/>, and removes spans left empty.
  static void Normalize(InlineText& text) {
    bool pending = false;     // whitespace seen since the last printed character
    size_t pending_span = 0;  // the span where that whitespace began
    bool line_start = true;   // nothing printed since the start or a <br/>
    for (size_t s = 0; s < text.spans.size(); ++s) {
      Inline& span = text.spans[s];
      if (span.kind == Inline::Kind::kBreak) {
        pending = false;
        line_start = true;
        continue;
      }
      // Collapsed in place: a run of whitespace read here writes at most one space, so what is
      // written, chars[0, kept), never overtakes what is read.
      std::string& chars = span.text;
      size_t kept = 0;
      for (size_t read = 0; read < chars.size(); ++read) {
        char c = chars[read];
        if (IsSpace(c)) {
          if (!pending) pending_span = s;
          pending = true;
          continue;
        }
        if (pending && !line_start) {
          if (pending_span == s) {
            chars[kept++] = ' ';
          } else {
            text.spans[pending_span].text.push_back(' ');
          }
        }
        pending = false;
        line_start = false;
        // The rest of this word goes as it is, in one move.
        size_t end = read + 1;
        while (end < chars.size() && !IsSpace(chars[end])) ++end;
        if (kept != read) {  // until some whitespace has been dropped, each word is in place
          std::copy(chars.begin() + static_cast<std::ptrdiff_t>(read),
                    chars.begin() + static_cast<std::ptrdiff_t>(end),
                    chars.begin() + static_cast<std::ptrdiff_t>(kept));
        }
        kept += end - read;
        read = end - 1;
      }
      chars.resize(kept);
      // A later span may add the space that belongs after this span's last character.
    }
    text.spans.erase(std::remove_if(text.spans.begin(), text.spans.end(),
                                    [](const Inline& span) {
                                      return span.kind == Inline::Kind::kText && span.text.empty();
                                    }),
                     text.spans.end());
    // A trailing <br/> breaks nothing.
    while (!text.spans.empty() && text.spans.back().kind == Inline::Kind::kBreak) {
      text.spans.pop_back();
    }
  }

  XmlTree::Children Children(const XmlNode& node) const { return tree_->ChildrenOf(node); }

  const XmlTree* tree_ = nullptr;  // the tree being read, or read
  std::string file_;
  Diagnostics diagnostics_;
  Document document_;        // <document>'s attributes, read as it starts
  std::vector<Flow> flows_;  // the page-level flows open, outermost first
  std::map<std::string, Position> ids_;
  std::vector<std::pair<std::string, Position>> link_targets_;
};

}  // namespace

namespace {

template <typename Text>
std::optional<Document> Parse(Text& text, const std::string& file, Diagnostics& diagnostics) {
  Converter converter(file);
  std::optional<XmlTree> tree = ReadXmlTree(text, file, diagnostics, &converter);
  if (!tree) return std::nullopt;
  std::optional<Document> document = converter.Finish(*tree);
  diagnostics.AddAll(converter.Problems());
  return document;
}

}  // namespace

std::optional<Document> ParseMarkup(std::string_view text, const std::string& file,
                                    Diagnostics& diagnostics) {
  return Parse(text, file, diagnostics);
}

std::optional<Document> ParseMarkup(std::istream& text, const std::string& file,
                                    Diagnostics& diagnostics) {
  return Parse(text, file, diagnostics);
}

}  // namespace clerk::markup
