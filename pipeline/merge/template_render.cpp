#include "merge/template_render.h"

#include <string_view>
#include <utility>

#include "merge/template_check.h"

namespace clerk::merge {

namespace {

using Kind = TemplateNode::Kind;

TemplateNode Node(Kind kind, std::string text, std::vector<std::string> path = {}) {
  TemplateNode node;
  node.kind = kind;
  node.text = std::move(text);
  node.path = std::move(path);
  return node;
}

// Appends the text between two tags, with each line break a node of its own (as kainjow keeps
// them: "\r\n", "\n" or "\r"), since a line break is where a line may be dropped.
void AddText(std::string_view text, std::vector<TemplateNode>* nodes) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) {
      nodes->push_back(Node(Kind::kText, std::string(text.substr(start, end - start))));
    }
    if (end == text.size()) break;
    size_t length = text.compare(end, 2, "\r\n") == 0 ? 2 : 1;
    nodes->push_back(Node(Kind::kNewline, std::string(text.substr(end, length))));
    start = end + length;
  }
}

// Renders parsed templates, keeping kainjow's line state: the output since the last line break
// of the template, and whether a section was shown on that line.
class Renderer {
 public:
  Renderer(const std::map<std::string, std::vector<TemplateNode>>& templates, std::string* out,
           std::set<std::string>* missing)
      : templates_(templates), out_(out), missing_(missing) {}

  void Render(const std::vector<TemplateNode>& nodes, const Value& data) {
    scope_.push_back(&data);
    RenderNodes(nodes);
    scope_.pop_back();
    EndLine("");
  }

 private:
  void RenderNodes(const std::vector<TemplateNode>& nodes);
  void Section(const TemplateNode& node, const Value* value);
  void Partial(const std::string& name);
  const Value* Lookup(const TemplateNode& node) const;
  void EndLine(std::string_view line_break);

  const std::map<std::string, std::vector<TemplateNode>>& templates_;
  std::string* out_;
  std::set<std::string>* missing_;
  std::vector<const Value*> scope_;  // the objects opened, outermost first
  size_t line_start_ = 0;            // where the current line begins in *out_
  bool line_has_section_ = false;
};

void Renderer::RenderNodes(const std::vector<TemplateNode>& nodes) {
  for (const TemplateNode& node : nodes) {
    switch (node.kind) {
      case Kind::kText:
        out_->append(node.text);
        break;
      case Kind::kNewline:
        EndLine(node.text);
        break;
      case Kind::kVariable: {
        const Value* value = Lookup(node);
        if (value != nullptr && value->kind() == Value::Kind::kText) out_->append(value->text());
        break;
      }
      case Kind::kSection: {
        const Value* value = Lookup(node);
        if (value != nullptr && !value->IsFalsy()) Section(node, value);
        break;
      }
      case Kind::kInverted: {
        const Value* value = Lookup(node);
        if (value == nullptr || value->IsFalsy()) Section(node, value);
        break;
      }
      case Kind::kPartial:
        Partial(node.text);
        break;
    }
  }
}

// A section's contents, once per item of a list, else once with `value` (which may be nullptr
// for an inverted section on a missing name) opened.
void Renderer::Section(const TemplateNode& node, const Value* value) {
  auto render_with = [&](const Value* opened) {
    line_has_section_ = true;  // the opening tag
    if (opened != nullptr) scope_.push_back(opened);
    RenderNodes(node.children);
    if (opened != nullptr) scope_.pop_back();
    line_has_section_ = true;  // the closing tag
  };
  if (value != nullptr && value->kind() == Value::Kind::kList && !value->items().empty()) {
    for (const Value& item : value->items()) render_with(&item);
  } else {
    render_with(value);
  }
}

void Renderer::Partial(const std::string& name) {
  auto found = templates_.find(name);
  if (found == templates_.end()) {
    missing_->insert("> " + name);
    return;
  }
  RenderNodes(found->second);
}

// Mustache looks a name up from the innermost object out; a dotted name must resolve whole
// from one of them.
const Value* Renderer::Lookup(const TemplateNode& node) const {
  for (auto frame = scope_.rbegin(); frame != scope_.rend(); ++frame) {
    const Value* value = *frame;
    for (const std::string& part : node.path) {
      value = value->Find(part);
      if (value == nullptr) break;
    }
    if (value != nullptr) return value;
  }
  missing_->insert(node.text);
  return nullptr;
}

void Renderer::EndLine(std::string_view line_break) {
  if (line_has_section_ && out_->find_first_not_of(" \t", line_start_) == std::string::npos) {
    out_->resize(line_start_);
  } else {
    out_->append(line_break);
  }
  line_start_ = out_->size();
  line_has_section_ = false;
}

}  // namespace

std::optional<std::vector<TemplateNode>> ParseTemplate(const std::string& text) {
  std::vector<TemplateNode> root;
  // The node lists being filled, the innermost open section's last; with the open sections.
  std::vector<std::vector<TemplateNode>*> lists{&root};
  std::vector<const TemplateNode*> open;
  size_t pos = 0;
  for (const Tag& tag : ScanTags(text)) {
    AddText(std::string_view(text).substr(pos, tag.offset - pos), lists.back());
    pos = tag.end;
    switch (tag.type) {
      case Tag::Type::kComment:
        break;
      case Tag::Type::kDelimiter:
        return std::nullopt;
      case Tag::Type::kVariable:
      case Tag::Type::kUnescaped:
        lists.back()->push_back(Node(Kind::kVariable, tag.name, SplitDots(tag.name)));
        break;
      case Tag::Type::kPartial:
        lists.back()->push_back(Node(Kind::kPartial, tag.name));
        break;
      case Tag::Type::kSection:
      case Tag::Type::kInverted: {
        Kind kind = tag.type == Tag::Type::kSection ? Kind::kSection : Kind::kInverted;
        lists.back()->push_back(Node(kind, tag.name, SplitDots(tag.name)));
        open.push_back(&lists.back()->back());
        lists.push_back(&lists.back()->back().children);
        break;
      }
      case Tag::Type::kEnd:
        if (open.empty() || open.back()->text != tag.name) return std::nullopt;
        open.pop_back();
        lists.pop_back();
        break;
    }
  }
  if (!open.empty()) return std::nullopt;
  AddText(std::string_view(text).substr(pos), lists.back());
  return root;
}

std::string RenderTemplates(const TemplateSet& templates, const Value& data,
                            std::set<std::string>* missing) {
  std::map<std::string, std::vector<TemplateNode>> parsed;
  for (const auto& [name, file] : templates.files) {
    std::optional<std::vector<TemplateNode>> nodes = ParseTemplate(file.text);
    if (nodes) {
      parsed.emplace(name, std::move(*nodes));
    }
  }
  std::string out;
  auto main = parsed.find(kMainTemplate);
  if (main == parsed.end()) {
    missing->insert(std::string("> ") + kMainTemplate);
    return out;
  }
  Renderer(parsed, &out, missing).Render(main->second, data);
  return out;
}

}  // namespace clerk::merge
