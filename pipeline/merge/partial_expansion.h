#pragma once

#include <map>
#include <string>

/// Template sets with their partials written out in place, for kainjow (merge.cpp only).
/// kainjow 4.1 parses a partial's text again at every inclusion and has no way to be handed a
/// parsed one: in a long action plan that is most of the merge. So partials are spliced into the
/// templates that include them once, before rendering.
///
/// Splicing is exact for kainjow, not a reading of the Mustache spec: kainjow renders a partial
/// by parsing its text alone (with the default delimiters) and walking the parts straight into the
/// includer's output, on the same line and in the same context, with no indentation and no
/// special case for a partial tag alone on its line. Splicing the text yields the same parts in
/// the same order, except where the joins would read differently; such a partial stays a
/// partial tag (see ExpandPartials).
namespace clerk::merge {

/// `texts` (template text by partial name) with every partial tag `{{> name}}` replaced by the
/// text of `name`, itself expanded, except where that would not render the same:
///  - a name with no text in `texts` (kainjow renders nothing, or the caller's context decides);
///  - a partial already being expanded on the way here (recursion, which data ends; its tag
///    stays, and kainjow is given that partial's own expansion);
///  - a partial whose text is empty, starts with "\n", or ends with "\r" or "{" (spliced, it
///    would join with the text either side into a "\r\n" or a "{{" that was not there);
///  - a partial with a set-delimiter tag (kainjow parses each partial with the default
///    delimiters, however its includer's were set).
/// A template that sets delimiters itself is returned as it is (its tags are not read).
/// Every text must be one that kainjow parses without error (LoadTemplates checks that).
std::map<std::string, std::string> ExpandPartials(const std::map<std::string, std::string>& texts);

}  // namespace clerk::merge
