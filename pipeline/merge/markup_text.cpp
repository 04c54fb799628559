#include "merge/markup_text.h"

#include <array>
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

// The ASCII characters that XML carries as they are: not one of the five escaped, not a control
// character other than tab, line feed and carriage return. A table, since every byte of the data
// is looked up in it.
constexpr std::array<bool, 256> kPlainAscii = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = true;
  for (unsigned char c : {'&', '<', '>', '"', '\''}) plain[c] = false;
  plain['\t'] = plain['\n'] = plain['\r'] = true;
  return plain;
}();

bool IsPlainAscii(char c) { return kPlainAscii[static_cast<unsigned char>(c)]; }

// The end of the run of plain ASCII that starts at `pos`. Most text is one long run: it is
// looked at eight bytes at a time, one test for the eight, while they are all plain.
size_t PlainRunEnd(std::string_view text, size_t pos) {
  const char* bytes = text.data();
  for (; pos + 8 <= text.size(); pos += 8) {
    bool all_plain = IsPlainAscii(bytes[pos]) & IsPlainAscii(bytes[pos + 1]) &
                     IsPlainAscii(bytes[pos + 2]) & IsPlainAscii(bytes[pos + 3]) &
                     IsPlainAscii(bytes[pos + 4]) & IsPlainAscii(bytes[pos + 5]) &
                     IsPlainAscii(bytes[pos + 6]) & IsPlainAscii(bytes[pos + 7]);
    if (!all_plain) break;
  }
  while (pos < text.size() && IsPlainAscii(bytes[pos])) ++pos;
  return pos;
}

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscapedXml(text, &out);
  return out;
}

void AppendEscapedXml(std::string_view text, std::string* out) {
  size_t pos = 0;
  while (pos < text.size()) {
    // Most text is plain ASCII: copy each run of it whole rather than character by character.
    size_t plain_end = PlainRunEnd(text, pos);
    out->append(text, pos, plain_end - pos);
    pos = plain_end;
    if (pos == text.size()) break;

    std::uint32_t code = 0;
    size_t length = DecodeUtf8(text, pos, &code);
    if (length == 0) {
      out->append(kReplacement);
      ++pos;
      continue;
    }
    switch (code) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      case '\'':
        out->append("&#39;");
        break;
      default:
        if (IsXmlChar(code)) {
          out->append(text, pos, length);
        } else {
          out->append(kReplacement);
        }
    }
    pos += length;
  }
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
    markup.text_ += " " + key + "=\"";
    AppendEscapedXml(value, &markup.text_);
    markup.text_ += "\"";
  }
  markup.text_ += ">" + inner.text_ + "</" + name + ">";
  return markup;
}

Markup& Markup::AppendText(std::string_view plain) {
  AppendEscapedXml(plain, &text_);
  return *this;
}

Markup& Markup::Append(const Markup& other) {
  text_ += other.text_;
  return *this;
}

}  // namespace clerk::merge
