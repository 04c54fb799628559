#include "render/outline.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <utility>

namespace clerk::render {

Destinations::Destinations(PdfWriter& pdf, std::vector<HPDF_Page> pages,
                           const std::vector<layout::Anchor>& anchors)
    : pdf_(pdf), pages_(std::move(pages)) {
  for (const layout::Anchor& anchor : anchors) anchors_.emplace(anchor.id, anchor);
}

HPDF_Destination Destinations::For(const std::string& id) {
  auto made = made_.find(id);
  if (made != made_.end()) return made->second;
  auto anchor = anchors_.find(id);
  if (anchor == anchors_.end() || anchor->second.page < 0 ||
      anchor->second.page >= static_cast<int>(pages_.size())) {
    pdf_.Fail("the anchor '" + id + "' is not on a page of the document");
    return nullptr;
  }
  HPDF_Page page = pages_[anchor->second.page];
  const std::string doing = "making the destination of the anchor '" + id + "'";
  HPDF_Destination destination = HPDF_Page_CreateDestination(page);
  if (!pdf_.Check(destination != nullptr, doing)) return nullptr;
  // libharu's HPDF_Destination_SetXYZ refuses a null zoom, which is how PDF says "keep the
  // reader's zoom": the array [page /XYZ null top null] is written here directly.
  HPDF_MMgr mmgr = pdf_.doc()->mmgr;
  HPDF_Array_Clear(destination);
  HPDF_STATUS status = HPDF_Array_Add(destination, page);
  status += HPDF_Array_AddName(destination, "XYZ");
  status += HPDF_Array_Add(destination, HPDF_Null_New(mmgr));
  status += HPDF_Array_AddReal(destination, static_cast<HPDF_REAL>(anchor->second.y));
  status += HPDF_Array_Add(destination, HPDF_Null_New(mmgr));
  if (!pdf_.Check(status == HPDF_OK, doing)) return nullptr;
  made_.emplace(id, destination);
  return destination;
}

bool AddOutline(PdfWriter& pdf, const std::vector<layout::OutlineEntry>& entries,
                Destinations& destinations) {
  HPDF_Encoder utf8 = HPDF_GetEncoder(pdf.doc(), "UTF-8");
  if (!pdf.Check(utf8 != nullptr, "finding libharu's UTF-8 encoder")) return false;
  std::vector<std::pair<int, HPDF_Outline>> open;  // the chain of levels above the next entry
  for (const layout::OutlineEntry& entry : entries) {
    while (!open.empty() && open.back().first >= entry.level) open.pop_back();
    HPDF_Outline parent = open.empty() ? nullptr : open.back().second;
    const std::string doing = "adding the bookmark '" + entry.title + "'";
    HPDF_Outline outline = HPDF_CreateOutline(pdf.doc(), parent, entry.title.c_str(), utf8);
    if (!pdf.Check(outline != nullptr, doing)) return false;
    // libharu marks every item /Type /Outlines, which belongs to the outline's root only.
    HPDF_Dict_RemoveElement(outline, "Type");
    HPDF_Destination destination = destinations.For(entry.anchor);
    if (!destination) return false;
    if (!pdf.Check(HPDF_Outline_SetDestination(outline, destination) == HPDF_OK, doing)) {
      return false;
    }
    open.emplace_back(entry.level, outline);
  }
  return true;
}

}  // namespace clerk::render
