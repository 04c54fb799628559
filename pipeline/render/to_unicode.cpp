#include "render/to_unicode.h"

#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace clerk::render {

namespace {

constexpr int kMaxRangesPerBlock = 100;  // the CMap syntax's limit per beginbfrange block

bool IsSurrogateHighByte(int high) { return high >= 0xD8 && high <= 0xDF; }

}  // namespace

std::string IdentityToUnicodeCMap() {
  std::vector<std::string> ranges;
  for (int high = 0; high <= 0xFF; ++high) {
    if (IsSurrogateHighByte(high)) continue;
    char line[32];
    std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", high, high, high);
    ranges.push_back(line);
  }
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n"
      "<0000> <FFFF>\n"
      "endcodespacerange\n";
  for (size_t first = 0; first < ranges.size(); first += kMaxRangesPerBlock) {
    size_t count = std::min<size_t>(kMaxRangesPerBlock, ranges.size() - first);
    cmap += std::to_string(count) + " beginbfrange\n";
    for (size_t i = first; i < first + count; ++i) cmap += ranges[i];
    cmap += "endbfrange\n";
  }
  cmap +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return cmap;
}

bool ReplaceToUnicode(PdfWriter& pdf, HPDF_Font font, const std::string& doing) {
  auto* attr = static_cast<HPDF_FontAttr>(font->attr);
  HPDF_Dict cmap = attr ? attr->cmap_stream : nullptr;
  bool is_to_unicode =
      cmap && cmap->stream && HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT) == cmap;
  if (!is_to_unicode)
    return pdf.Fail(doing + ": libharu gave the font no ToUnicode map to replace");
  // The stream object stays where libharu put it (the font refers to it, and libharu sets its
  // compression when writing); only its contents and the keys a ToUnicode map has no use for
  // change.
  for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"}) {
    HPDF_Dict_RemoveElement(cmap, key);  // absent keys are fine
  }
  // The same map for every font: made once.
  static const std::string kIdentity = IdentityToUnicodeCMap();
  return pdf.ReplaceStream(cmap, kIdentity, doing);
}

}  // namespace clerk::render
