#pragma once

#include <string>

#include "markup/document.h"

namespace clerk::markup {

/// A stable, indented text dump of the tree, one node per line with its line:column, e.g.
///   np 12:3 label="1.1"
///     p 12:19 implicit
///       text 12:19 "All activity in the "
///       text[b] 12:39 "action plan"
/// Used by `clerk typeset --emit tree` and by golden tests.
std::string DumpDocument(const Document& document);

}  // namespace clerk::markup
