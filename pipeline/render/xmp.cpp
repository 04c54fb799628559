#include "render/xmp.h"

namespace clerk::render {

namespace {

std::string EscapeXml(const std::string& text) {
  std::string out;
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
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Alternative(const char* name, const std::string& value) {
  if (value.empty()) return "";
  return std::string("   <") + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
         EscapeXml(value) + "</rdf:li></rdf:Alt></" + name + ">\n";
}

std::string Simple(const char* name, const std::string& value) {
  if (value.empty()) return "";
  return std::string("   <") + name + ">" + EscapeXml(value) + "</" + name + ">\n";
}

}  // namespace

std::string XmpPacket(const layout::DocumentInfo& info) {
  std::string packet =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "  <rdf:Description rdf:about=\"\"\n"
      "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
      "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
      "   <dc:format>application/pdf</dc:format>\n";
  packet += Alternative("dc:title", info.title);
  if (!info.author.empty()) {
    packet += "   <dc:creator><rdf:Seq><rdf:li>" + EscapeXml(info.author) +
              "</rdf:li></rdf:Seq></dc:creator>\n";
  }
  packet += Alternative("dc:description", info.subject);
  if (!info.language.empty()) {
    packet += "   <dc:language><rdf:Bag><rdf:li>" + EscapeXml(info.language) +
              "</rdf:li></rdf:Bag></dc:language>\n";
  }
  packet += Simple("pdf:Keywords", info.keywords);
  packet += Simple("xmp:CreatorTool", "clerk " CLERK_VERSION);
  // The same instant as the info dictionary's dates (see SetDocumentInfo).
  std::string date = info.date.empty() ? "" : info.date + "T12:00:00";
  packet += Simple("xmp:CreateDate", date);
  packet += Simple("xmp:ModifyDate", date);
  packet +=
      "  </rdf:Description>\n"
      " </rdf:RDF>\n"
      "</x:xmpmeta>\n"
      "<?xpacket end=\"r\"?>\n";
  return packet;
}

}  // namespace clerk::render
