#pragma once

#include <map>
#include <string>

#include "compute/facts.h"
#include "core/diagnostic.h"
#include "core/source_location.h"
#include "merge/markup_text.h"

/// Narrative text (report paragraphs, recommendation, purpose, appendix titles and intros) is
/// data: it is escaped like any other value, and its placeholders {{appendix:KEY}} and
/// {{figure:PATH}} (docs/inputs.md) are replaced here, not by Mustache.
namespace clerk::merge {

/// An appendix as narrative refers to it.
struct AppendixReference {
  std::string label;   ///< "Appendix 1"
  std::string anchor;  ///< "appendix-1", or "appendix-3-1" inside a reproduced report
};

/// What the placeholders of one report's narrative can name.
struct NarrativeScope {
  std::map<std::string, AppendixReference> appendices;  ///< by key
  std::vector<std::string> appendix_keys;               ///< in the order attached, for messages
  const compute::ReportFacts* facts = nullptr;          ///< for figures; nullptr: none available
};

/// Narrative text made ready for the templates.
struct NarrativeText {
  Markup markup;      ///< escaped text; an appendix as <link to=".."><b>Appendix N</b></link>
  std::string plain;  ///< the same words without markup (for attributes such as a bookmark title)
};

/// Escapes `text` and replaces its placeholders. Every placeholder that names nothing (an
/// unknown appendix key or figure path, an unknown kind, an unclosed "{{") is an error at the
/// text's location, and is printed as written.
NarrativeText ExpandNarrative(const LocatedText& text, const NarrativeScope& scope,
                              Diagnostics& diagnostics);

}  // namespace clerk::merge
