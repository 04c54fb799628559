#include "core/xml_escape.h"

namespace clerk {

namespace {

// Byte by byte: every character escaped is ASCII, so UTF-8 sequences pass through whole.
void Append(std::string& out, std::string_view text, bool quotes) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += quotes ? "&quot;" : "\"";
        break;
      case '\'':
        out += quotes ? "&#39;" : "'";
        break;
      default:
        out += c;
    }
  }
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
