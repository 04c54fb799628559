#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "merge/merge.h"
#include "merge/template_value.h"

/// Rendering a checked template set with merge's data tree, with the meaning kainjow Mustache
/// 4.1 gives a template (kainjow itself still checks each file's syntax when the set is loaded).
/// Rendering here, rather than through kainjow, spares converting the whole data tree to
/// kainjow's (a hash table per object) and parsing a partial again at every inclusion (once per
/// action-plan row). Internal to merge.
namespace clerk::merge {

/// One piece of a parsed template.
struct TemplateNode {
  enum class Kind { kText, kNewline, kVariable, kSection, kInverted, kPartial };
  Kind kind = Kind::kText;
  /// kText: the text; kNewline: "\n", "\r\n" or "\r"; otherwise the tag's name ("a.b", "cover").
  std::string text;
  std::vector<std::string> path;       ///< kVariable, kSection, kInverted: the name split at dots
  std::vector<TemplateNode> children;  ///< kSection, kInverted: what is between the tags
};

/// The nodes of `text`, a template that kainjow accepts, its sections nested; comments are
/// left out. nullopt when it has a set-delimiter tag (which clerk templates may not have) or
/// its sections do not nest.
std::optional<std::vector<TemplateNode>> ParseTemplate(const std::string& text);

/// The set's main template rendered with `data` as kainjow renders it with an escape that
/// changes nothing (every text in `data` is markup already): a section opens on an object, a
/// non-empty list (once per item) or a true flag; a line that held a section tag and is left with
/// nothing but spaces and tabs is dropped. Names and partials that resolve to nothing render as
/// nothing and are added to *missing (a partial as "> name"); a partial that ParseTemplate
/// refuses counts as missing.
std::string RenderTemplates(const TemplateSet& templates, const Value& data,
                            std::set<std::string>* missing);

}  // namespace clerk::merge
