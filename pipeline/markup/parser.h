#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "markup/document.h"

/// Stage "parse": document markup (docs/markup.md) -> document tree. Only this stage knows
/// Poco's XML parser.
namespace clerk::markup {

/// Parses `text`, naming it `file` in diagnostics (1-based line and column of the start tag).
/// Returns nullopt, with one error, when the text is not well-formed XML. Otherwise returns the
/// document, with an error for every unknown element or attribute, bad attribute value, element
/// in a place it cannot be (a <ul> inside a <p>) and repeated id; the offending node is left out
/// so that every problem is reported in one go. Never throws.
std::optional<Document> ParseMarkup(std::string_view text, const std::string& file,
                                    Diagnostics& diagnostics);

/// The same, reading the markup from `text` as it arrives (a TextPipe's reader: the parse runs
/// while the markup is still being merged, and so does most of the conversion into the document).
std::optional<Document> ParseMarkup(std::istream& text, const std::string& file,
                                    Diagnostics& diagnostics);

}  // namespace clerk::markup
