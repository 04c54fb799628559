#include "render/document_info.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "core/date.h"

namespace clerk::render {

bool SetDocumentInfo(PdfWriter& pdf, const layout::DocumentInfo& info) {
  const std::pair<HPDF_InfoType, const std::string*> texts[] = {
      {HPDF_INFO_TITLE, &info.title},
      {HPDF_INFO_AUTHOR, &info.author},
      {HPDF_INFO_SUBJECT, &info.subject},
      {HPDF_INFO_KEYWORDS, &info.keywords},
  };
  for (const auto& [type, text] : texts) {
    if (text->empty()) continue;
    if (!pdf.Check(HPDF_SetInfoAttr(pdf.doc(), type, text->c_str()) == HPDF_OK,
                   "setting the document information")) {
      return false;
    }
  }
  if (!pdf.Check(HPDF_SetInfoAttr(pdf.doc(), HPDF_INFO_CREATOR, "clerk " CLERK_VERSION) == HPDF_OK,
                 "setting the document information")) {
    return false;
  }
  if (info.date.empty()) return true;
  std::optional<Date> date = ParseIsoDay(info.date);
  if (!date) return pdf.Fail("the document's date '" + info.date + "' is not YYYY-MM-DD");
  HPDF_Date value{};
  value.year = date->year;
  value.month = date->month;
  value.day = date->day;
  // A date with no time of day: noon, with no time zone, shows as the same day in every zone
  // from UTC-11 to UTC+11 (poppler reads a date without a zone as UTC and shows local time).
  value.hour = 12;
  value.ind = ' ';
  for (HPDF_InfoType type : {HPDF_INFO_CREATION_DATE, HPDF_INFO_MOD_DATE}) {
    if (!pdf.Check(HPDF_SetInfoDateAttr(pdf.doc(), type, value) == HPDF_OK,
                   "setting the document's date")) {
      return false;
    }
  }
  return true;
}

bool AddPageLabels(PdfWriter& pdf, const std::vector<layout::PageLabelRange>& ranges) {
  if (ranges.empty()) return true;
  const std::string doing = "adding page labels";
  HPDF_MMgr mmgr = pdf.doc()->mmgr;
  HPDF_Dict labels = HPDF_Dict_New(mmgr);
  HPDF_Array nums = HPDF_Array_New(mmgr);
  if (!pdf.Check(labels && nums, doing)) return false;
  if (!pdf.Check(HPDF_Dict_Add(pdf.doc()->catalog, "PageLabels", labels) == HPDF_OK &&
                     HPDF_Dict_Add(labels, "Nums", nums) == HPDF_OK,
                 doing)) {
    return false;
  }
  std::vector<layout::PageLabelRange> all = ranges;
  // PDF wants the number tree to start at page 0.
  if (all.front().first_page > 0) all.insert(all.begin(), layout::PageLabelRange{});
  // libharu's HPDF_AddPageLabel writes the prefix with its default single-byte encoding, which
  // garbles anything but ASCII: the label dictionaries are built here instead.
  for (const layout::PageLabelRange& range : all) {
    HPDF_Dict label = HPDF_Dict_New(mmgr);
    if (!pdf.Check(label != nullptr, doing)) return false;
    HPDF_STATUS status = HPDF_Array_AddNumber(nums, range.first_page);
    status += HPDF_Array_Add(nums, label);
    status += HPDF_Dict_AddName(label, "S", "D");
    if (range.start != 1) status += HPDF_Dict_AddNumber(label, "St", range.start);
    if (!range.prefix.empty()) {
      HPDF_String prefix = pdf.NewTextString(range.prefix);
      if (!prefix) return false;
      status += HPDF_Dict_Add(label, "P", prefix);
    }
    if (!pdf.Check(status == HPDF_OK, doing)) return false;
  }
  return true;
}

}  // namespace clerk::render
