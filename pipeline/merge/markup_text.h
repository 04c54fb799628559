#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Text and fragments of document markup (docs/markup.md), safe by construction. Internal to merge.
namespace clerk::merge {

/// `text` made safe as XML character data or as an attribute value: & < > " ' become references,
/// and what XML cannot carry at all (bytes that are not UTF-8; control characters other than tab,
/// line feed and carriage return; U+FFFE, U+FFFF) becomes U+FFFD, so that no value can make the
/// markup ill-formed.
std::string EscapeXml(std::string_view text);

/// Appends EscapeXml(text) to *out.
void AppendEscapedXml(std::string_view text, std::string* out);

/// An XML attribute: name (chosen by merge, never by data) and value (escaped when written).
using Attribute = std::pair<std::string, std::string>;

/// A fragment of document markup. Text enters only through EscapeXml and elements only with the
/// names merge gives them, so a fragment is well-formed whatever the data says.
class Markup {
 public:
  Markup() = default;

  /// Plain text, escaped.
  static Markup Text(std::string_view plain);
  /// <name attributes...>inner</name>.
  static Markup Element(const std::string& name, const std::vector<Attribute>& attributes,
                        const Markup& inner);

  Markup& AppendText(std::string_view plain);
  Markup& Append(const Markup& other);

  /// The markup text.
  const std::string& str() const { return text_; }
  /// The markup text, moved out; the fragment is left empty.
  std::string Release() && { return std::move(text_); }
  bool empty() const { return text_.empty(); }

 private:
  std::string text_;
};

}  // namespace clerk::merge
