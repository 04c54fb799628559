#include "markup/parser.h"

#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/Locator.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/XML/XMLException.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace clerk::markup {

namespace {

// Deeper nesting than this is no template's doing; refusing it keeps the recursive conversion
// below far from the end of the stack whatever the input.
constexpr int kMaxDepth = 100;

/// A 1-based line and column of the markup. Nodes keep only these: the file is the same for all,
/// and a SourceLocation's copy of its name would cost an allocation per node.
struct Position {
  int line = 0;
  int column = 0;
};

/// The XML as read: elements and text, each with where it starts.
struct XmlNode {
  bool is_text = false;
  std::string name;  // element name; empty for text
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;
  Position where;
  std::vector<XmlNode> children;
};

struct TooDeep : std::runtime_error {
  explicit TooDeep(SourceLocation where_in)
      : std::runtime_error("too deep"), where(std::move(where_in)) {}
  SourceLocation where;
};

bool IsBlankChar(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsBlankSoFar(std::string_view text) {
  for (char c : text) {
    if (!IsBlankChar(c)) return false;
  }
  return true;
}

class TreeBuilder : public Poco::XML::DefaultHandler {
 public:
  explicit TreeBuilder(std::string file) : file_(std::move(file)) {}

  XmlNode& Root() { return root_; }

  void setDocumentLocator(const Poco::XML::Locator* locator) override { locator_ = locator; }

  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local_name,
                    const Poco::XML::XMLString& qname,
                    const Poco::XML::Attributes& attributes) override {
    DropIgnorableBlank();
    XmlNode node;
    node.name = qname.empty() ? local_name : qname;
    node.where = Here();
    node.attributes.reserve(static_cast<size_t>(attributes.getLength()));
    for (int i = 0; i < attributes.getLength(); ++i) {
      node.attributes.emplace_back(attributes.getQName(i), attributes.getValue(i));
    }
    if (static_cast<int>(stack_.size()) >= kMaxDepth) {
      throw TooDeep(SourceLocation{file_, node.where.line, node.where.column});
    }
    XmlNode& parent = stack_.empty() ? root_ : *stack_.back();
    parent.children.push_back(std::move(node));
    stack_.push_back(&parent.children.back());
  }

  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                  const Poco::XML::XMLString&) override {
    DropIgnorableBlank();
    if (!stack_.empty()) stack_.pop_back();
  }

  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (stack_.empty()) return;
    XmlNode& parent = *stack_.back();
    if (parent.children.empty() || !parent.children.back().is_text) {
      XmlNode text;
      text.is_text = true;
      text.where = Here();
      parent.children.push_back(std::move(text));
      blank_end_ = Position{};
    }
    XmlNode& text = parent.children.back();
    // Text that starts with whitespace is located at its first other character, where a reader
    // would look; text that is all whitespace keeps where it starts.
    if (IsBlankSoFar(text.text)) {
      Position at = blank_end_.line ? blank_end_ : text.where;
      for (int i = 0; i < length; ++i) {
        char c = ch[start + i];
        if (!IsBlankChar(c)) {
          text.where = at;
          break;
        }
        if (c == '\n') {
          ++at.line;
          at.column = 1;
        } else {
          ++at.column;
        }
      }
      blank_end_ =
          IsBlankSoFar(std::string_view(ch + start, static_cast<size_t>(length))) ? at : Position{};
    }
    text.text.append(ch + start, static_cast<size_t>(length));
  }

 private:
  // Whitespace between the children of an element that holds only elements (or, page-level,
  // only blocks) means nothing to the Converter: it skips it (ExpectOnlyElements) or gathers it
  // into a paragraph that comes out empty. Elements of these names anywhere else are errors
  // whose children are never read. So a blank text node there is dropped as soon as it ends:
  // a long table is mostly such nodes, each a node to store, move and free.
  static bool HoldsOnlyElements(const std::string& name) {
    static const std::set<std::string> kNames{"document", "appendix", "keep", "table",
                                              "thead",    "tbody",    "tr",   "ul",
                                              "ol",       "fields",   "chart"};
    return kNames.count(name) != 0;
  }

  void DropIgnorableBlank() {
    if (stack_.empty()) return;
    XmlNode& parent = *stack_.back();
    if (parent.children.empty()) return;
    const XmlNode& last = parent.children.back();
    if (last.is_text && IsBlankSoFar(last.text) && HoldsOnlyElements(parent.name)) {
      parent.children.pop_back();
    }
  }

  Position Here() const {
    Position where;
    if (locator_) {
      where.line = locator_->getLineNumber();
      where.column = locator_->getColumnNumber() + 1;  // expat counts columns from 0
    }
    return where;
  }

  std::string file_;
  const Poco::XML::Locator* locator_ = nullptr;
  XmlNode root_;
  std::vector<XmlNode*> stack_;
  Position blank_end_;  // where the whitespace read so far of the open text node ends
};

// Most characters are above ' ', and one comparison says so.
bool IsSpace(char c) {
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

bool IsBlank(const std::string& text) { return std::all_of(text.begin(), text.end(), IsSpace); }

const std::set<std::string>& InlineNames() {
  static const std::set<std::string> names{"b", "i", "link", "br"};
  return names;
}

const std::set<std::string>& BlockNames() {
  static const std::set<std::string> names{"h1",       "h2",        "h3",    "p",     "np",
                                           "ul",       "ol",        "box",   "table", "fields",
                                           "appendix", "pagebreak", "space", "keep",  "chart"};
  return names;
}

/// Where a block may stand: page-level containers take every block; nested ones (list items,
/// cells, boxes, numbered paragraphs, field values) take only what can sit beside other columns.
enum class Container { kDocument, kAppendix, kKeep, kNested };

class Converter {
 public:
  Converter(std::string file, Diagnostics& diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}

  /// Converts the tree read from the markup; the tree's texts are moved into the document.
  std::optional<Document> Convert(XmlNode& root) {
    XmlNode* element = nullptr;
    for (XmlNode& child : root.children) {
      if (!child.is_text) element = &child;
    }
    if (!element) {
      Error({file_, 1, 1}, "the markup has no <document> element");
      return std::nullopt;
    }
    if (element->name != "document") {
      Error(element->where, "the markup must start with <document>, not <" + element->name + ">");
      return std::nullopt;
    }
    Document document;
    document.where = At(element->where);
    CheckAttributes(*element,
                    {"lang", "title", "author", "subject", "keywords", "date", "footer", "draft"});
    document.lang = Attribute(*element, "lang", "en-GB");
    document.title = Attribute(*element, "title");
    document.author = Attribute(*element, "author");
    document.subject = Attribute(*element, "subject");
    document.keywords = Attribute(*element, "keywords");
    document.date = Attribute(*element, "date");
    document.footer = Attribute(*element, "footer");
    document.draft = Attribute(*element, "draft");
    if (!document.date.empty() && !IsIsoDate(document.date)) {
      Error(element->where, "date=\"" + document.date + "\" is not a date written as YYYY-MM-DD");
    }
    document.body = ConvertFlow(*element, Container::kDocument);
    for (const auto& [target, where] : link_targets_) {
      if (!ids_.count(target)) {
        Error(where, "<link to=\"" + target + "\"> points at an id that no element has",
              "give a heading or appendix id=\"" + target + "\", or correct the link");
      }
    }
    return document;
  }

 private:
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

  void CheckAttributes(XmlNode& node, std::initializer_list<const char*> allowed) {
    for (const auto& [name, value] : node.attributes) {
      bool known =
          std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; });
      if (known) continue;
      std::string list;
      for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
      Error(node.where, "<" + node.name + "> has no attribute \"" + name + "\"",
            list.empty() ? "<" + node.name + "> takes no attributes"
                         : "<" + node.name + "> takes: " + list);
    }
  }

  static const std::string* FindAttribute(XmlNode& node, const std::string& name) {
    for (const auto& [key, value] : node.attributes) {
      if (key == name) return &value;
    }
    return nullptr;
  }

  static std::string Attribute(XmlNode& node, const std::string& name,
                               const std::string& fallback = "") {
    const std::string* value = FindAttribute(node, name);
    return value ? *value : fallback;
  }

  std::string RequiredAttribute(XmlNode& node, const std::string& name) {
    const std::string* value = FindAttribute(node, name);
    if (!value) {
      Error(node.where, "<" + node.name + "> needs a " + name + "=\"...\" attribute");
      return "";
    }
    return *value;
  }

  /// A length in points: a plain non-negative number, up to a page's height.
  std::optional<double> Points(XmlNode& node, const std::string& name, const std::string& text) {
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

  std::optional<Align> AlignAttribute(XmlNode& node) {
    const std::string* value = FindAttribute(node, "align");
    if (!value || *value == "left") return Align::kLeft;
    if (*value == "right") return Align::kRight;
    if (*value == "center") return Align::kCenter;
    Error(node.where, "align=\"" + *value + "\" is not an alignment",
          "write align=\"left\", align=\"center\" or align=\"right\"");
    return Align::kLeft;
  }

  void RegisterId(XmlNode& node, const std::string& id) {
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

  Blocks ConvertFlow(XmlNode& parent, Container container) {
    Blocks blocks;
    std::vector<XmlNode*> loose;
    auto flush = [&] {
      if (loose.empty()) return;
      // Where the paragraph starts is found before CollectInline takes the texts.
      Position where = loose.front()->where;
      for (XmlNode* node : loose) {
        if (!node->is_text || !IsBlank(node->text)) {
          where = node->where;
          break;
        }
      }
      Paragraph paragraph;
      paragraph.implicit = true;
      paragraph.text.spans.reserve(loose.size());  // one span per text, the usual case
      for (XmlNode* node : loose) CollectInline(*node, false, false, -1, paragraph.text);
      Normalize(paragraph.text);
      if (!paragraph.text.Empty()) blocks.push_back(Block{std::move(paragraph), At(where)});
      loose.clear();
    };
    for (XmlNode& child : parent.children) {
      if (child.is_text || InlineNames().count(child.name)) {
        if (container != Container::kNested && !(child.is_text && IsBlank(child.text))) {
          // Page-level text outside a <p> is almost always a template slip; say so.
          if (child.is_text) {
            Error(child.where, "text directly inside <" + parent.name + "> must be in a <p>");
          } else {
            Error(child.where,
                  "<" + child.name + "> directly inside <" + parent.name + "> must be in a <p>");
          }
          continue;
        }
        loose.push_back(&child);
        continue;
      }
      flush();
      if (auto block = ConvertBlock(child, parent, container)) blocks.push_back(std::move(*block));
    }
    flush();
    return blocks;
  }

  std::optional<Block> ConvertBlock(XmlNode& node, XmlNode& parent, Container container) {
    const std::string& name = node.name;
    if (!BlockNames().count(name)) {
      Error(node.where, "unknown element <" + name + ">",
            "docs/markup.md lists the elements the markup has");
      return std::nullopt;
    }
    bool nested = container == Container::kNested;
    bool page_level_only = name == "table" || name == "fields" || name == "appendix" ||
                           name == "pagebreak" || name == "keep" || name == "box" || name == "h1" ||
                           name == "h2" || name == "h3" || name == "chart";
    if (nested && page_level_only) {
      Error(node.where, "<" + name + "> cannot be inside <" + parent.name + ">");
      return std::nullopt;
    }
    if (name == "appendix" && container != Container::kDocument) {
      Error(node.where, "<appendix> can only be directly inside <document>");
      return std::nullopt;
    }
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
      if (const std::string* space = FindAttribute(node, "space-before")) {
        paragraph.space_before = Points(node, "space-before", *space).value_or(-1);
      }
      paragraph.text = ConvertInlineContent(node);
      block.node = std::move(paragraph);
    } else if (name == "np") {
      CheckAttributes(node, {"label"});
      NumberedParagraph numbered;
      numbered.label = RequiredAttribute(node, "label");
      numbered.body = ConvertFlow(node, Container::kNested);
      block.node = std::move(numbered);
    } else if (name == "ul" || name == "ol") {
      block.node = ConvertList(node);
    } else if (name == "box") {
      CheckAttributes(node, {});
      block.node = BoxBlock{ConvertFlow(node, Container::kNested)};
    } else if (name == "table") {
      auto table = ConvertTable(node);
      if (!table) return std::nullopt;
      block.node = std::move(*table);
    } else if (name == "fields") {
      block.node = ConvertFields(node);
    } else if (name == "appendix") {
      CheckAttributes(node, {"id", "label", "title"});
      Appendix appendix;
      appendix.id = Attribute(node, "id");
      RegisterId(node, appendix.id);
      appendix.label = RequiredAttribute(node, "label");
      appendix.title = Attribute(node, "title");
      appendix.body = ConvertFlow(node, Container::kAppendix);
      block.node = std::move(appendix);
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
    } else if (name == "keep") {
      CheckAttributes(node, {});
      block.node = Keep{ConvertFlow(node, Container::kKeep)};
    } else if (name == "chart") {
      block.node = ConvertChart(node);
    }
    return block;
  }

  /// A signed decimal number as a chart takes it: "36", "-8.5", "+12.4"; nullopt (reported)
  /// when it is anything else or beyond +/-10000.
  std::optional<double> ChartNumber(XmlNode& node, const std::string& name) {
    const std::string* text = FindAttribute(node, name);
    if (!text) {
      Error(node.where, "<" + node.name + "> needs a " + name + "=\"...\" attribute");
      return std::nullopt;
    }
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

  Chart ConvertChart(XmlNode& node) {
    Chart chart;
    chart.bars.reserve(node.children.size());  // its <bar/>s
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
    for (XmlNode& child : node.children) {
      if (child.is_text) {
        ExpectOnlyElements(child, node, "a <bar/>");
        continue;
      }
      if (child.name != "bar") {
        Error(child.where, "<chart> holds only <bar/> rows, not <" + child.name + ">");
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

  void ExpectEmpty(XmlNode& node) {
    for (XmlNode& child : node.children) {
      if (child.is_text && IsBlank(child.text)) continue;
      Error(child.where, "<" + node.name + "/> holds nothing; write it as <" + node.name + "/>");
      return;
    }
  }

  /// Reports text other than whitespace among elements that hold only elements (<ul>, <tr>...).
  void ExpectOnlyElements(XmlNode& child, XmlNode& parent, const char* what) {
    if (child.is_text && !IsBlank(child.text)) {
      Error(child.where, std::string("text inside <") + parent.name + "> must be in " + what);
    }
  }

  List ConvertList(XmlNode& node) {
    List list;
    list.items.reserve(node.children.size());  // its <li>s (TreeBuilder keeps no whitespace)
    list.ordered = node.name == "ol";
    if (list.ordered) {
      CheckAttributes(node, {});
    } else {
      CheckAttributes(node, {"marker"});
      list.marker = Attribute(node, "marker", list.marker);
    }
    for (XmlNode& child : node.children) {
      if (child.is_text) {
        ExpectOnlyElements(child, node, "an <li>");
        continue;
      }
      if (child.name != "li") {
        Error(child.where, "<" + node.name + "> holds only <li> items, not <" + child.name + ">");
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
      item.body = ConvertFlow(child, Container::kNested);
      list.items.push_back(std::move(item));
    }
    return list;
  }

  std::optional<std::vector<ColumnWidth>> ParseWidths(XmlNode& node, const std::string& text) {
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

  std::optional<Table> ConvertTable(XmlNode& node) {
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
    for (XmlNode& child : node.children) {
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
        if (rows.empty()) rows.reserve(child.children.size());  // its <tr>s
        for (XmlNode& row : child.children) {
          if (row.is_text) {
            ExpectOnlyElements(row, child, "a <tr>");
            continue;
          }
          if (row.name != "tr") {
            Error(row.where, "<" + child.name + "> holds only <tr> rows, not <" + row.name + ">");
            continue;
          }
          rows.push_back(ConvertRow(row));
        }
      } else if (child.name == "tr") {
        table.body.push_back(ConvertRow(child));
      } else {
        Error(child.where, "<table> holds <thead>, <tbody> and <tr>, not <" + child.name + ">");
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

  Row ConvertRow(XmlNode& node) {
    CheckAttributes(node, {});
    Row row;
    row.where = At(node.where);
    // A row's children are its cells: the whitespace between them is not kept (TreeBuilder).
    row.cells.reserve(node.children.size());
    for (XmlNode& child : node.children) {
      if (child.is_text) {
        ExpectOnlyElements(child, node, "a <td> or <th>");
        continue;
      }
      if (child.name != "td" && child.name != "th") {
        Error(child.where, "<tr> holds only <td> and <th> cells, not <" + child.name + ">");
        continue;
      }
      CheckAttributes(child, {"colspan", "align"});
      Cell cell;
      cell.where = At(child.where);
      cell.header = child.name == "th";
      cell.align = *AlignAttribute(child);
      if (const std::string* span = FindAttribute(child, "colspan")) {
        bool digits = !span->empty() && span->size() < 4 &&
                      span->find_first_not_of("0123456789") == std::string::npos;
        int value = digits ? std::atoi(span->c_str()) : 0;
        if (value < 1) {
          Error(child.where, "colspan=\"" + *span + "\" is not a number of columns");
        } else {
          cell.colspan = value;
        }
      }
      cell.body = ConvertFlow(child, Container::kNested);
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

  Fields ConvertFields(XmlNode& node) {
    CheckAttributes(node, {});
    Fields fields;
    fields.fields.reserve(node.children.size());  // its <field>s
    for (XmlNode& child : node.children) {
      if (child.is_text) {
        ExpectOnlyElements(child, node, "a <field>");
        continue;
      }
      if (child.name != "field") {
        Error(child.where, "<fields> holds only <field> elements, not <" + child.name + ">");
        continue;
      }
      CheckAttributes(child, {"label"});
      Field field;
      field.where = At(child.where);
      field.label = RequiredAttribute(child, "label");
      field.value = ConvertFlow(child, Container::kNested);
      fields.fields.push_back(std::move(field));
    }
    return fields;
  }

  // -- inline content ---------------------------------------------------------------------

  InlineText ConvertInlineContent(XmlNode& node) {
    InlineText text;
    for (XmlNode& child : node.children) CollectInline(child, false, false, -1, text);
    Normalize(text);
    return text;
  }

  void CollectInline(XmlNode& node, bool bold, bool italic, int link, InlineText& out) {
    if (node.is_text) {
      Inline span;
      // Each text node is collected once, and the tree is dropped after conversion.
      span.text = std::move(node.text);
      span.bold = bold;
      span.italic = italic;
      span.link = link;
      span.where = At(node.where);
      out.spans.push_back(std::move(span));
      return;
    }
    if (node.name == "b" || node.name == "i") {
      CheckAttributes(node, {});
      for (XmlNode& child : node.children) {
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
      for (XmlNode& child : node.children) CollectInline(child, bold, italic, index, out);
    } else if (BlockNames().count(node.name)) {
      Error(node.where, "<" + node.name + "> is a block and cannot be inside text",
            "close the paragraph before it");
    } else {
      Error(node.where, "unknown element <" + node.name + ">",
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
        std::copy(chars.begin() + static_cast<std::ptrdiff_t>(read),
                  chars.begin() + static_cast<std::ptrdiff_t>(end),
                  chars.begin() + static_cast<std::ptrdiff_t>(kept));
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

  std::string file_;
  Diagnostics& diagnostics_;
  std::map<std::string, Position> ids_;
  std::vector<std::pair<std::string, Position>> link_targets_;
};

}  // namespace

namespace {

// Parses with `run`, which hands the parser its text (from memory or a stream).
template <typename Run>
std::optional<Document> Parse(Run run, const std::string& file, Diagnostics& diagnostics) {
  TreeBuilder builder(file);
  Poco::XML::SAXParser parser;
  parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
  parser.setContentHandler(&builder);
  try {
    run(parser);
  } catch (const Poco::XML::SAXParseException& e) {
    // Poco's message repeats the position ("Tag mismatch in line 2 column 15"); keep the words.
    std::string message = e.message();
    size_t cut = message.find(" in line ");
    if (cut != std::string::npos) message.resize(cut);
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    diagnostics.Error({file, e.getLineNumber(), e.getColumnNumber() + 1},
                      "the markup is not well-formed XML: " + message,
                      "check the template that produced this line; data is escaped, so the "
                      "template itself is at fault");
    return std::nullopt;
  } catch (const TooDeep& e) {
    diagnostics.Error(e.where,
                      "elements are nested more than " + std::to_string(kMaxDepth) + " deep");
    return std::nullopt;
  } catch (const Poco::Exception& e) {
    diagnostics.Error({file, 0, 0}, "the markup could not be read: " + e.displayText());
    return std::nullopt;
  }
  Converter converter(file, diagnostics);
  return converter.Convert(builder.Root());
}

}  // namespace

std::optional<Document> ParseMarkup(std::string_view text, const std::string& file,
                                    Diagnostics& diagnostics) {
  return Parse(
      [text](Poco::XML::SAXParser& parser) { parser.parseMemoryNP(text.data(), text.size()); },
      file, diagnostics);
}

std::optional<Document> ParseMarkup(std::istream& text, const std::string& file,
                                    Diagnostics& diagnostics) {
  return Parse(
      [&text](Poco::XML::SAXParser& parser) {
        Poco::XML::InputSource source(text);
        parser.parse(&source);
      },
      file, diagnostics);
}

}  // namespace clerk::markup
