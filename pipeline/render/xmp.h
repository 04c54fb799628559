#pragma once

#include <string>

#include "layout/pages.h"

namespace clerk::render {

/// The XMP metadata packet for `info`: dc:title, dc:creator, dc:description, dc:language,
/// pdf:Keywords, xmp:CreatorTool and the dates, agreeing with the info dictionary. Values are
/// XML-escaped; empty ones are left out.
std::string XmpPacket(const layout::DocumentInfo& info);

}  // namespace clerk::render
