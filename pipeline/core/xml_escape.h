#pragma once

#include <string>
#include <string_view>

/// Escaping for the XML and HTML that clerk writes (the HTML twin, chart SVG).
namespace clerk {

/// Appends `text` to `out` with & < > escaped: safe as element content.
void AppendXmlText(std::string& out, std::string_view text);

/// Appends `text` to `out` with & < > " ' escaped: safe in a quoted attribute value as well as
/// in element content.
void AppendXmlAttribute(std::string& out, std::string_view text);

/// `text` escaped as AppendXmlAttribute escapes it.
std::string XmlAttribute(std::string_view text);

}  // namespace clerk
