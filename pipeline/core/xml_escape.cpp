#include "core/xml_escape.h"

namespace clerk {

namespace {

// The entity for a character that must be escaped, or nullptr.
const char* EntityFor(char c, bool quotes) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return quotes ? "&quot;" : nullptr;
    case '\'':
      return quotes ? "&#39;" : nullptr;
    default:
      return nullptr;
  }
}

// Byte by byte: every character escaped is ASCII, so UTF-8 sequences pass through whole. Runs
// that need no escaping are copied with one append (half the cost of appending each byte).
void Append(std::string& out, std::string_view text, bool quotes) {
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char* entity = EntityFor(text[i], quotes);
    if (!entity) continue;
    out.append(text.data() + run, i - run);
    out += entity;
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace

void AppendXmlText(std::string& out, std::string_view text) { Append(out, text, false); }

void AppendXmlAttribute(std::string& out, std::string_view text) { Append(out, text, true); }

std::string XmlAttribute(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendXmlAttribute(out, text);
  return out;
}

}  // namespace clerk
