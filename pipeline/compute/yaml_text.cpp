#include "compute/yaml_text.h"

#include <cctype>
#include <cstdio>

namespace clerk::compute {

namespace {

// Words YAML 1.1 or 1.2 resolves to booleans or null.
bool IsReservedWord(std::string_view text) {
  static const char* const kWords[] = {"true", "false", "yes", "no",   "on",
                                       "off",  "y",     "n",   "null", "~"};
  if (text.size() > 5) return false;  // longer than any of them
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word : kWords) {
    if (lower == word) return true;
  }
  return false;
}

bool NeedsQuotes(std::string_view text) {
  if (text.empty() || IsReservedWord(text)) return true;
  unsigned char first = static_cast<unsigned char>(text.front());
  // Numbers, dates, signs and every indicator character may change how a plain scalar is read.
  if (std::isdigit(first) ||
      std::string_view("-+.?:,[]{}#&*!|>'\"%@`").find(text.front()) != std::string_view::npos) {
    return true;
  }
  if (text.front() == ' ' || text.back() == ' ' || text.back() == ':') return true;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return true;
    if (std::string_view(",[]{}").find(text[i]) != std::string_view::npos) return true;
    if (text[i] == ':' && i + 1 < text.size() && text[i + 1] == ' ') return true;
    if (text[i] == '#' && i > 0 && text[i - 1] == ' ') return true;
  }
  return false;
}

}  // namespace

std::string YamlString(std::string_view text) {
  if (!NeedsQuotes(text)) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\t':
        quoted += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned char>(c));
          quoted += escape;
        } else {
          quoted += c;
        }
    }
  }
  return quoted + "\"";
}

std::string YamlFlowMap(const std::vector<YamlField>& fields) {
  std::string text = "{";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text += ", ";
    text += YamlString(fields[i].first);
    text += ": ";
    text += fields[i].second;
  }
  text += '}';
  return text;
}

}  // namespace clerk::compute
