#include <catch2/catch.hpp>

#include "core/xml_escape.h"

TEST_CASE("Element content escapes & < > and keeps quotes and UTF-8 as they are") {
  std::string out = "<p>";
  clerk::AppendXmlText(out, "Tom & Jerry's \"<b>\" – £5 é");
  CHECK(out == "<p>Tom &amp; Jerry's \"&lt;b&gt;\" – £5 é");
}

TEST_CASE("Attribute values escape quotes too") {
  CHECK(clerk::XmlAttribute("a\"b'c&<>") == "a&quot;b&#39;c&amp;&lt;&gt;");
  std::string out;
  clerk::AppendXmlAttribute(out, "");
  CHECK(out.empty());
}
