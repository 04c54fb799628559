#include "merge/markup_text.h"

#include <cstdint>

namespace clerk::merge {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// XML 1.0's Char production.
bool IsXmlChar(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Decodes one UTF-8 sequence at `pos`; returns its length, or 0 when the bytes there are not
// well-formed UTF-8 (overlong forms and surrogates included).
size_t DecodeUtf8(std::string_view text, size_t pos, std::uint32_t* code) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char first = byte(pos);
  if (first < 0x80) {
    *code = first;
    return 1;
  }
  // The sequence's length, the smallest code point it may carry, and the lead byte's bits.
  size_t length = 0;
  std::uint32_t minimum = 0;
  if ((first & 0xE0) == 0xC0) {
    length = 2;
    minimum = 0x80;
    *code = first & 0x1F;
  } else if ((first & 0xF0) == 0xE0) {
    length = 3;
    minimum = 0x800;
    *code = first & 0x0F;
  } else if ((first & 0xF8) == 0xF0) {
    length = 4;
    minimum = 0x10000;
    *code = first & 0x07;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    *code = (*code << 6) | (byte(pos + i) & 0x3F);
  }
  if (*code < minimum || *code > 0x10FFFF || (*code >= 0xD800 && *code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t pos = 0; pos < text.size();) {
    std::uint32_t code = 0;
    size_t length = DecodeUtf8(text, pos, &code);
    if (length == 0) {
      out += kReplacement;
      ++pos;
      continue;
    }
    switch (code) {
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
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (IsXmlChar(code)) {
          out.append(text.substr(pos, length));
        } else {
          out += kReplacement;
        }
    }
    pos += length;
  }
  return out;
}

Markup Markup::Text(std::string_view plain) {
  Markup markup;
  markup.text_ = EscapeXml(plain);
  return markup;
}

Markup Markup::Element(const std::string& name, const std::vector<Attribute>& attributes,
                       const Markup& inner) {
  Markup markup;
  markup.text_ = "<" + name;
  for (const auto& [key, value] : attributes) {
    markup.text_ += " " + key + "=\"" + EscapeXml(value) + "\"";
  }
  markup.text_ += ">" + inner.text_ + "</" + name + ">";
  return markup;
}

Markup& Markup::AppendText(std::string_view plain) {
  text_ += EscapeXml(plain);
  return *this;
}

Markup& Markup::Append(const Markup& other) {
  text_ += other.text_;
  return *this;
}

}  // namespace clerk::merge
