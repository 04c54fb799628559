#include "merge/template_check.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace clerk::merge {

namespace {

std::string Trim(const std::string& text) {
  size_t first = 0;
  while (first < text.size() && std::isspace(static_cast<unsigned char>(text[first]))) ++first;
  size_t last = text.size();
  while (last > first && std::isspace(static_cast<unsigned char>(text[last - 1]))) --last;
  return text.substr(first, last - first);
}

std::vector<std::string> SplitDots(const std::string& name) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', start)) {
    parts.push_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(name.substr(start));
  return parts;
}

// A scope frame: the object whose fields a name can resolve to (nullptr for a frame that adds
// none: the inside of a flag's or an inverted section), and whether the object is a field of the
// frame that was innermost when it was opened, so one level deeper into the data.
struct Frame {
  const Shape* shape = nullptr;
  bool deeper = false;
};
using Scope = std::vector<Frame>;  // outermost first

// A partial being checked, and the scope depth it was included at.
struct Inclusion {
  std::string name;
  size_t depth = 0;
};

class Checker {
 public:
  Checker(const TemplateSet& templates, Diagnostics& diagnostics)
      : templates_(templates), diagnostics_(diagnostics) {}

  void CheckFile(const std::string& name, Scope scope);

 private:
  // The field `name` resolves to, or nullptr; *innermost is set when it is a field of the
  // innermost frame that has fields.
  const FieldShape* Resolve(const std::string& name, const Scope& scope, bool* innermost) const;
  bool EndlessInclusion(const std::string& name, const Scope& scope) const;
  void Report(const TemplateFile& file, size_t offset, const std::string& message,
              const std::string& hint);
  std::string NamesHere(const Scope& scope) const;

  const TemplateSet& templates_;
  Diagnostics& diagnostics_;
  std::set<std::string> reported_;    // path, offset and message of every problem reported
  std::set<std::string> visited_;     // partial and scope signature of every check done
  std::vector<Inclusion> including_;  // the partials being checked, outermost first
};

// Mustache looks a name up from the innermost frame out; a dotted name must resolve whole from
// one frame (kainjow tries each frame in turn).
const FieldShape* Checker::Resolve(const std::string& name, const Scope& scope,
                                   bool* innermost) const {
  std::vector<std::string> parts = SplitDots(name);
  bool first = true;
  for (auto frame = scope.rbegin(); frame != scope.rend(); ++frame) {
    if (frame->shape == nullptr) continue;
    const Shape* shape = frame->shape;
    const FieldShape* field = nullptr;
    for (const std::string& part : parts) {
      if (shape == nullptr || shape->fields.count(part) == 0) {
        field = nullptr;
        break;
      }
      field = &shape->fields.at(part);
      shape = field->kind == Value::Kind::kObject ? field->item : nullptr;
    }
    if (field != nullptr) {
      *innermost = first;
      return field;
    }
    first = false;
  }
  return nullptr;
}

// Including `name` again while it is being checked renders for ever unless every object opened
// since went one level deeper into the data (a reproduced report's appendices): the data ends.
bool Checker::EndlessInclusion(const std::string& name, const Scope& scope) const {
  for (const Inclusion& inclusion : including_) {
    if (inclusion.name != name) continue;
    bool opened = false;
    for (size_t i = inclusion.depth; i < scope.size(); ++i) {
      if (scope[i].shape == nullptr) continue;
      if (!scope[i].deeper) return true;
      opened = true;
    }
    if (!opened) return true;
  }
  return false;
}

std::string Checker::NamesHere(const Scope& scope) const {
  for (auto frame = scope.rbegin(); frame != scope.rend(); ++frame) {
    if (frame->shape == nullptr) continue;
    std::string names;
    for (const auto& [name, field] : frame->shape->fields) {
      names += (names.empty() ? "" : ", ") + name;
    }
    return "inside the " + frame->shape->name + ": " + names +
           " (and the names of the enclosing sections); see templates/council-report/README.md";
  }
  return "";
}

void Checker::Report(const TemplateFile& file, size_t offset, const std::string& message,
                     const std::string& hint) {
  if (!reported_.insert(file.path + "\n" + std::to_string(offset) + "\n" + message).second) return;
  diagnostics_.Error(LocationAt(file.path, file.text, offset), message, hint);
}

void Checker::CheckFile(const std::string& name, Scope scope) {
  const TemplateFile& file = templates_.files.at(name);
  // Checking a partial again in a scope with the same shapes can find nothing new; this also
  // ends the walk of a partial that includes itself (a reproduced report's appendices).
  std::string signature = name;
  std::vector<const Shape*> seen;
  for (auto frame = scope.rbegin(); frame != scope.rend(); ++frame) {
    if (std::find(seen.begin(), seen.end(), frame->shape) != seen.end()) continue;
    seen.push_back(frame->shape);
    signature += "|" + (frame->shape == nullptr ? std::string("-") : frame->shape->name);
  }
  if (!visited_.insert(signature).second) return;
  including_.push_back(Inclusion{name, scope.size()});

  for (const Tag& tag : ScanTags(file.text)) {
    const std::string shown = "\"" + tag.name + "\"";
    bool innermost = false;
    switch (tag.type) {
      case Tag::Type::kComment:
        break;
      case Tag::Type::kDelimiter:
        Report(file, tag.offset, "clerk templates keep the {{ }} delimiters",
               "remove the {{=...=}} tag");
        including_.pop_back();
        return;  // the tags after it cannot be read the same way
      case Tag::Type::kVariable:
      case Tag::Type::kUnescaped: {
        if (tag.name == ".") {
          Report(file, tag.offset, "{{.}} is not used in clerk templates",
                 "name the field to print");
          break;
        }
        const FieldShape* field = Resolve(tag.name, scope, &innermost);
        if (field == nullptr) {
          Report(file, tag.offset, "there is no " + shown + " to print here", NamesHere(scope));
        } else if (field->kind == Value::Kind::kList || field->kind == Value::Kind::kObject) {
          Report(file, tag.offset,
                 shown + " is " + KindName(field->kind) + ", which cannot be printed as text",
                 "open it as a section: {{#" + tag.name + "}} ... {{/" + tag.name + "}}");
        } else if (field->kind == Value::Kind::kFlag) {
          Report(file, tag.offset, shown + " is a yes/no flag, which prints nothing",
                 "use it as a section: {{#" + tag.name + "}} ... {{/" + tag.name + "}}");
        }
        break;
      }
      case Tag::Type::kSection:
      case Tag::Type::kInverted: {
        const FieldShape* field = Resolve(tag.name, scope, &innermost);
        Frame frame;
        if (field == nullptr) {
          Report(file, tag.offset, "there is no " + shown + " to open a section on here",
                 NamesHere(scope));
        } else if (field->kind == Value::Kind::kText) {
          std::string sigil = tag.type == Tag::Type::kSection ? "#" : "^";
          Report(file, tag.offset,
                 "{{" + sigil + tag.name +
                     "}} opens a section on text, which Mustache counts as "
                     "present even when it is empty",
                 "test the matching has_ flag instead (for example {{#has_note}})");
        } else if (tag.type == Tag::Type::kSection &&
                   (field->kind == Value::Kind::kList || field->kind == Value::Kind::kObject)) {
          frame = Frame{field->item, innermost};
        }
        scope.push_back(frame);
        break;
      }
      case Tag::Type::kEnd:
        if (scope.size() > 1) scope.pop_back();
        break;
      case Tag::Type::kPartial:
        if (templates_.files.count(tag.name) == 0) {
          Report(file, tag.offset, "there is no partial " + shown + " in this template set",
                 "a partial is a file " + JoinPath(templates_.directory, tag.name) + ".mustache");
        } else if (EndlessInclusion(tag.name, scope)) {
          Report(file, tag.offset,
                 "the partial " + shown +
                     " is included inside itself without going deeper "
                     "into the data, so it would never end",
                 "include it only inside a section on a list or object of the data around it "
                 "(as appendices.mustache does in {{#report}})");
        } else {
          CheckFile(tag.name, scope);
        }
        break;
    }
  }
  including_.pop_back();
}

}  // namespace

std::vector<Tag> ScanTags(const std::string& text) {
  std::vector<Tag> tags;
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    size_t contents = pos + 2;
    bool triple = pos != text.size() - 2 && text[contents] == '{';
    if (triple) ++contents;
    size_t end = text.find(triple ? "}}}" : "}}", contents);
    if (end == std::string::npos) break;  // kainjow has reported it
    std::string body = Trim(text.substr(contents, end - contents));
    Tag tag;
    tag.offset = pos;
    if (triple) {
      tag.type = Tag::Type::kUnescaped;
      tag.name = body;
    } else if (!body.empty() && body[0] == '=') {
      tag.type = Tag::Type::kDelimiter;
      tags.push_back(tag);
      break;
    } else {
      char sigil = body.empty() ? '\0' : body[0];
      switch (sigil) {
        case '#':
          tag.type = Tag::Type::kSection;
          break;
        case '^':
          tag.type = Tag::Type::kInverted;
          break;
        case '/':
          tag.type = Tag::Type::kEnd;
          break;
        case '>':
          tag.type = Tag::Type::kPartial;
          break;
        case '&':
          tag.type = Tag::Type::kUnescaped;
          break;
        case '!':
          tag.type = Tag::Type::kComment;
          break;
        default:
          tag.type = Tag::Type::kVariable;
      }
      tag.name = tag.type == Tag::Type::kVariable ? body : Trim(body.substr(1));
    }
    tags.push_back(tag);
    pos = end + (triple ? 3 : 2);
  }
  return tags;
}

SourceLocation LocationAt(const std::string& path, const std::string& text, size_t offset) {
  SourceLocation where{path, 1, 1};
  offset = std::min(offset, text.size());
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++where.line;
      where.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++where.column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return where;
}

void CheckTemplateNames(const TemplateSet& templates, const Shape& root, Diagnostics& diagnostics) {
  if (templates.files.count(kMainTemplate) == 0) return;
  Checker checker(templates, diagnostics);
  checker.CheckFile(kMainTemplate, {Frame{&root, true}});
}

}  // namespace clerk::merge
