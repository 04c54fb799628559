#include "markup/xml_tree.h"

#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/Locator.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/XML/NamespaceStrategy.h>
#include <Poco/XML/ParserEngine.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <utility>

namespace clerk::markup {

XmlTree::XmlTree() { nodes_.emplace_back(); }
XmlTree::XmlTree(XmlTree&&) noexcept = default;
XmlTree& XmlTree::operator=(XmlTree&&) noexcept = default;
XmlTree::~XmlTree() = default;

namespace {

struct TooDeep : std::runtime_error {
  explicit TooDeep(Position where_in) : std::runtime_error("too deep"), where(where_in) {}
  Position where;
};

bool IsBlankChar(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (!IsBlankChar(c)) return false;
  }
  return true;
}

uint8_t TraitsOf(std::string_view name) {
  if (name.empty()) return 0;
  struct Entry {
    std::string_view name;
    uint8_t traits;
  };
  static constexpr Entry kElements[] = {
      {"p", kBlockElement},
      {"td", 0},
      {"tr", kHoldsOnlyElements},
      {"b", kInlineElement},
      {"i", kInlineElement},
      {"br", kInlineElement},
      {"li", 0},
      {"th", 0},
      {"link", kInlineElement},
      {"np", kBlockElement},
      {"bar", 0},
      {"field", 0},
      {"h1", kBlockElement},
      {"h2", kBlockElement},
      {"h3", kBlockElement},
      {"ul", kBlockElement | kHoldsOnlyElements},
      {"ol", kBlockElement | kHoldsOnlyElements},
      {"box", kBlockElement},
      {"table", kBlockElement | kHoldsOnlyElements},
      {"thead", kHoldsOnlyElements},
      {"tbody", kHoldsOnlyElements},
      {"fields", kBlockElement | kHoldsOnlyElements},
      {"appendix", kBlockElement | kHoldsOnlyElements},
      {"pagebreak", kBlockElement},
      {"space", kBlockElement},
      {"keep", kBlockElement | kHoldsOnlyElements},
      {"chart", kBlockElement | kHoldsOnlyElements},
      {"document", kHoldsOnlyElements},
  };
  // The most frequent names come first; the first letter rules out most without a compare.
  for (const Entry& entry : kElements) {
    if (entry.name[0] == name[0] && entry.name == name) return entry.traits;
  }
  return 0;
}

}  // namespace

/// Builds an XmlTree from the parser's events. Elements and attributes arrive through Start
/// (called by DirectStrategy with expat's own strings, so none is copied into a std::string
/// first); text through characters().
class XmlTreeBuilder : public Poco::XML::DefaultHandler {
 public:
  XmlTreeBuilder(XmlTree& tree, XmlTreeListener* listener) : tree_(tree), listener_(listener) {}

  void setDocumentLocator(const Poco::XML::Locator* locator) override { locator_ = locator; }

  void Start(const char* name, const char** attributes) {
    EndText();
    uint32_t index = static_cast<uint32_t>(tree_.nodes_.size());
    XmlNode node;
    node.where = Here();
    if (open_.size() >= static_cast<size_t>(kMaxXmlDepth)) throw TooDeep(node.where);
    std::string_view name_view(name);
    node.traits = TraitsOf(name_view);
    node.name = Store(name_view);
    node.first_attribute = static_cast<uint32_t>(tree_.attributes_.size());
    for (const char** at = attributes; *at; at += 2) {
      tree_.attributes_.push_back(XmlAttribute{Store(at[0]), Store(at[1])});
    }
    node.attribute_count = static_cast<uint32_t>(tree_.attributes_.size()) - node.first_attribute;
    tree_.nodes_.push_back(node);
    AddChild(index);
    open_.push_back(index);
    if (listener_) {
      int depth = static_cast<int>(open_.size());
      listener_->Opened(tree_, tree_.nodes_[index], tree_.nodes_[ParentOfOpen()], depth);
    }
  }

  void End() {
    EndText();
    if (open_.empty()) return;
    uint32_t index = open_.back();
    open_.pop_back();
    Tell(index);
  }

  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (open_.empty()) return;
    std::string_view chunk(ch + start, static_cast<size_t>(length));
    if (!text_open_) {
      text_open_ = true;
      text_.clear();
      text_where_ = Here();
      blank_end_ = Position{};
      blank_so_far_ = true;
    }
    // Text that starts with whitespace is located at its first other character, where a reader
    // would look; text that is all whitespace keeps where it starts.
    if (blank_so_far_) {
      Position at = blank_end_.line ? blank_end_ : text_where_;
      for (char c : chunk) {
        if (!IsBlankChar(c)) {
          text_where_ = at;
          break;
        }
        if (c == '\n') {
          ++at.line;
          at.column = 1;
        } else {
          ++at.column;
        }
      }
      blank_so_far_ = IsBlank(chunk);
      blank_end_ = blank_so_far_ ? at : Position{};
    }
    text_.append(chunk);
  }

 private:
  // A text node is made when its text ends (at the next tag), so that one whose parent holds
  // only elements and which is only whitespace is never stored: a long table is mostly such
  // text, and the conversion would skip it anyway.
  void EndText() {
    if (!text_open_) return;
    text_open_ = false;
    uint32_t parent = open_.back();
    if (blank_so_far_ && (tree_.nodes_[parent].traits & kHoldsOnlyElements)) return;
    XmlNode node;
    node.is_text = true;
    node.where = text_where_;
    node.text = Store(text_);
    node.first_attribute = static_cast<uint32_t>(tree_.attributes_.size());
    uint32_t index = static_cast<uint32_t>(tree_.nodes_.size());
    tree_.nodes_.push_back(node);
    AddChild(index);
    Tell(index);
  }

  // The parent of the innermost open element (the root for the top element).
  uint32_t ParentOfOpen() const { return open_.size() >= 2 ? open_[open_.size() - 2] : 0; }

  // Tells the listener that the node at `index`, a child of the innermost open element, is
  // complete, and forgets it if the listener is done with it. Being the last node made, it and
  // its descendants are the end of nodes_ and of attributes_.
  void Tell(uint32_t index) {
    if (!listener_) return;
    uint32_t parent_index = open_.empty() ? 0 : open_.back();
    XmlNode& parent = tree_.nodes_[parent_index];
    bool done =
        listener_->Closed(tree_, tree_.nodes_[index], parent, static_cast<int>(open_.size()));
    if (!done || parent.first_child != index) return;
    parent.first_child = kNoNode;
    parent.last_child = kNoNode;
    tree_.attributes_.resize(tree_.nodes_[index].first_attribute);
    tree_.nodes_.resize(index);
  }

  void AddChild(uint32_t index) {
    XmlNode& parent = tree_.nodes_[open_.empty() ? 0 : open_.back()];
    if (parent.last_child == kNoNode) {
      parent.first_child = index;
    } else {
      tree_.nodes_[parent.last_child].next_sibling = index;
    }
    parent.last_child = index;
    ++parent.child_count;
  }

  std::string_view Store(std::string_view text) {
    constexpr size_t kBlockSize = 64 * 1024;
    if (text.empty()) return {};
    if (tree_.block_used_ + text.size() > tree_.block_size_) {
      size_t size = std::max(kBlockSize, text.size());
      tree_.blocks_.emplace_back(new char[size]);  // not make_unique: that would zero it first
      tree_.block_size_ = size;
      tree_.block_used_ = 0;
    }
    char* at = tree_.blocks_.back().get() + tree_.block_used_;
    std::memcpy(at, text.data(), text.size());
    tree_.block_used_ += text.size();
    return {at, text.size()};
  }

  Position Here() const {
    Position where;
    if (locator_) {
      where.line = locator_->getLineNumber();
      where.column = locator_->getColumnNumber() + 1;  // expat counts columns from 0
    }
    return where;
  }

  XmlTree& tree_;
  XmlTreeListener* listener_;
  const Poco::XML::Locator* locator_ = nullptr;
  std::vector<uint32_t> open_;  // the elements not yet closed, outermost first
  bool text_open_ = false;      // characters have arrived since the last tag
  std::string text_;            // those characters
  Position text_where_;
  bool blank_so_far_ = true;  // text_ is all whitespace
  Position blank_end_;        // where that whitespace ends, once a chunk of it has been read
};

namespace {

// Poco's SAX layer hands a ContentHandler each element name and attribute as a std::string in
// an Attributes object; a NamespaceStrategy is the step before that, and gets expat's strings.
// Like Poco's NoNamespacesStrategy (what SAXParser uses with namespaces off, as here), it takes
// names as written.
class DirectStrategy : public Poco::XML::NamespaceStrategy {
 public:
  explicit DirectStrategy(XmlTreeBuilder& builder) : builder_(builder) {}

  void startElement(const Poco::XML::XMLChar* name, const Poco::XML::XMLChar** attributes, int,
                    Poco::XML::ContentHandler*) override {
    builder_.Start(name, attributes);
  }

  void endElement(const Poco::XML::XMLChar*, Poco::XML::ContentHandler*) override {
    builder_.End();
  }

 private:
  XmlTreeBuilder& builder_;
};

// Reads with `run`, which hands the parser its text (from memory or a stream).
template <typename Run>
std::optional<XmlTree> Read(Run run, const std::string& file, Diagnostics& diagnostics,
                            XmlTreeListener* listener) {
  XmlTree tree;
  XmlTreeBuilder builder(tree, listener);
  Poco::XML::ParserEngine engine;
  engine.setNamespaceStrategy(new DirectStrategy(builder));  // the engine deletes it
  engine.setExternalGeneralEntities(false);
  engine.setExternalParameterEntities(false);
  engine.setContentHandler(&builder);
  try {
    run(engine);
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
    diagnostics.Error({file, e.where.line, e.where.column},
                      "elements are nested more than " + std::to_string(kMaxXmlDepth) + " deep");
    return std::nullopt;
  } catch (const Poco::Exception& e) {
    diagnostics.Error({file, 0, 0}, "the markup could not be read: " + e.displayText());
    return std::nullopt;
  }
  return tree;
}

}  // namespace

std::optional<XmlTree> ReadXmlTree(std::string_view text, const std::string& file,
                                   Diagnostics& diagnostics, XmlTreeListener* listener) {
  return Read([text](Poco::XML::ParserEngine& engine) { engine.parse(text.data(), text.size()); },
              file, diagnostics, listener);
}

std::optional<XmlTree> ReadXmlTree(std::istream& text, const std::string& file,
                                   Diagnostics& diagnostics, XmlTreeListener* listener) {
  return Read(
      [&text](Poco::XML::ParserEngine& engine) {
        Poco::XML::InputSource source(text);
        engine.parse(&source);
      },
      file, diagnostics, listener);
}

}  // namespace clerk::markup
