#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

/// The first half of the parse stage: markup text -> a compact tree of its elements, attributes
/// and texts, each with where it starts. Checks only that the text is well-formed XML (and not
/// absurdly deep); what the elements mean is parser.cpp's job. Only this half knows Poco.
namespace clerk::markup {

/// A 1-based line and column of the markup. Nodes keep only these: the file is the same for all,
/// and a SourceLocation's copy of its name would cost an allocation per node.
struct Position {
  int line = 0;
  int column = 0;
};

/// Elements nested deeper than this are refused: no template nests so deep, and the conversion
/// that walks the tree recurses once a level.
constexpr int kMaxXmlDepth = 100;

/// What an element's name says about where it may stand (docs/markup.md); 0 for a name the
/// markup does not have.
enum ElementTrait : uint8_t {
  kInlineElement = 1,      ///< <b>, <i>, <link>, <br>
  kBlockElement = 2,       ///< <p>, <table>, <h1>...
  kHoldsOnlyElements = 4,  ///< <table>, <tr>, <ul>...: whitespace among its children is dropped
};

constexpr uint32_t kNoNode = UINT32_MAX;

/// An element or a run of text. Names, attributes and texts are views of the XmlTree's storage.
struct XmlNode {
  bool is_text = false;
  uint8_t traits = 0;     ///< ElementTrait bits of the element's name
  std::string_view name;  ///< element name; empty for text
  std::string_view text;  ///< the characters of a text node, as read (entities replaced)
  Position where;         ///< the start tag, or the text's first character other than whitespace
  uint32_t first_child = kNoNode;
  uint32_t next_sibling = kNoNode;
  uint32_t last_child = kNoNode;
  uint32_t child_count = 0;
  uint32_t first_attribute = 0;  ///< index into XmlTree::attributes
  uint32_t attribute_count = 0;
};

struct XmlAttribute {
  std::string_view name;
  std::string_view value;
};

/// The markup as read. nodes[0] is the root: its one child is the top element. Whitespace-only
/// text among the children of an element that has the kHoldsOnlyElements trait is not kept.
class XmlTree {
 public:
  XmlTree();
  XmlTree(XmlTree&&) noexcept;
  XmlTree& operator=(XmlTree&&) noexcept;
  ~XmlTree();

  const XmlNode& Root() const { return nodes_[0]; }

  /// The children of `node`, in order, for a range-for.
  class Children {
   public:
    class Iterator {
     public:
      Iterator(const std::vector<XmlNode>* nodes, uint32_t index) : nodes_(nodes), index_(index) {}
      const XmlNode& operator*() const { return (*nodes_)[index_]; }
      Iterator& operator++() {
        index_ = (*nodes_)[index_].next_sibling;
        return *this;
      }
      bool operator!=(const Iterator& other) const { return index_ != other.index_; }

     private:
      const std::vector<XmlNode>* nodes_;
      uint32_t index_;
    };
    Children(const std::vector<XmlNode>* nodes, uint32_t first) : nodes_(nodes), first_(first) {}
    Iterator begin() const { return {nodes_, first_}; }
    Iterator end() const { return {nodes_, kNoNode}; }

   private:
    const std::vector<XmlNode>* nodes_;
    uint32_t first_;
  };
  Children ChildrenOf(const XmlNode& node) const { return {&nodes_, node.first_child}; }

  /// The sibling after `node`; nullptr for the last.
  const XmlNode* NextSibling(const XmlNode& node) const {
    return node.next_sibling == kNoNode ? nullptr : &nodes_[node.next_sibling];
  }

  /// The attributes of `node`, in the order written.
  const XmlAttribute* AttributesBegin(const XmlNode& node) const {
    return attributes_.data() + node.first_attribute;
  }
  const XmlAttribute* AttributesEnd(const XmlNode& node) const {
    return AttributesBegin(node) + node.attribute_count;
  }

 private:
  friend class XmlTreeBuilder;

  std::vector<XmlNode> nodes_;
  std::vector<XmlAttribute> attributes_;
  // The characters the views point into: blocks that never move, so a view stays valid while
  // the tree grows.
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = 0;
  size_t block_size_ = 0;
};

/// Told about the tree while it is read, so that complete parts of it can be used before the rest
/// has arrived (and then forgotten). The nodes passed are valid only during the call.
class XmlTreeListener {
 public:
  virtual ~XmlTreeListener() = default;

  /// `element` has started: its name, attributes and ancestors are known, its children not yet.
  /// `depth` is 1 for the top element, whose parent is the root.
  virtual void Opened(const XmlTree& tree, const XmlNode& element, const XmlNode& parent,
                      int depth) = 0;

  /// `node`, an element or a text, is complete; its parent is `parent`, at `parent_depth`.
  /// Returning true says the listener is done with `node`: the tree then forgets it and its
  /// descendants, provided it forgot every earlier sibling too (so `parent` is left with no
  /// children to visit).
  virtual bool Closed(const XmlTree& tree, const XmlNode& node, const XmlNode& parent,
                      int parent_depth) = 0;
};

/// Reads `text` (all of it in memory), naming it `file` in diagnostics, telling `listener` (when
/// there is one) as it goes. Returns nullopt, with one error, when the text is not well-formed
/// XML or is nested more than kMaxXmlDepth deep.
std::optional<XmlTree> ReadXmlTree(std::string_view text, const std::string& file,
                                   Diagnostics& diagnostics, XmlTreeListener* listener = nullptr);

/// The same, reading the text from `text` as it arrives.
std::optional<XmlTree> ReadXmlTree(std::istream& text, const std::string& file,
                                   Diagnostics& diagnostics, XmlTreeListener* listener = nullptr);

}  // namespace clerk::markup
