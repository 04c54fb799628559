#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/source_location.h"
#include "merge/merge.h"
#include "merge/template_schema.h"

/// Checking a template set against the data it will be given. Internal to merge.
namespace clerk::merge {

/// One Mustache tag of a template, as kainjow reads it.
struct Tag {
  enum class Type {
    kVariable,
    kUnescaped,
    kSection,
    kInverted,
    kEnd,
    kPartial,
    kComment,
    kDelimiter
  };
  Type type = Type::kVariable;
  std::string name;   ///< trimmed, without its sigil
  size_t offset = 0;  ///< byte offset of the opening "{{"
};

/// The tags of a template that kainjow has already accepted, in order. Stops after a
/// set-delimiter tag (clerk templates keep {{ }}), which it returns as the last tag.
std::vector<Tag> ScanTags(const std::string& text);

/// The 1-based line and column (in characters) of byte `offset` of `text`, in `path`.
SourceLocation LocationAt(const std::string& path, const std::string& text, size_t offset);

/// Checks every tag reachable from the set's main template, in the scope it is used in: names
/// that the data does not have there, a list or object printed as text, a section on text, a
/// partial the set does not have, a changed delimiter. Each problem once, at its line:column.
void CheckTemplateNames(const TemplateSet& templates, const Shape& root, Diagnostics& diagnostics);

}  // namespace clerk::merge
