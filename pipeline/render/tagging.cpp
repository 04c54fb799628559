#include "render/tagging.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include <algorithm>

#include "layout/layout.h"
#include "render/xmp.h"

namespace clerk::render {

const char* StructureTypeName(layout::Role role) {
  // Layout names its roles as tagged PDF names the structure types.
  return layout::RoleName(role);
}

std::vector<std::string> StructureTypeNames(
    const std::vector<layout::StructureElement>& structure) {
  std::vector<std::string> names;
  names.reserve(structure.size());
  int last_level = 0;
  for (const layout::StructureElement& element : structure) {
    int level = element.role == layout::Role::kH1   ? 1
                : element.role == layout::Role::kH2 ? 2
                : element.role == layout::Role::kH3 ? 3
                                                    : 0;
    if (level == 0) {
      names.emplace_back(StructureTypeName(element.role));
      continue;
    }
    // A heading set smaller for its looks (an <h3> under an appendix's H1) must not leave a
    // gap in the outline a screen reader lists: it is tagged one level below the one before.
    level = std::min(level, last_level + 1);
    last_level = level;
    names.push_back("H" + std::to_string(level));
  }
  return names;
}

Tagger::Tagger(PdfWriter& pdf, const std::vector<layout::StructureElement>& structure,
               int page_count)
    : pdf_(pdf),
      structure_(structure),
      page_count_(page_count),
      elements_(structure.size()),
      page_mcids_(page_count),
      type_names_(StructureTypeNames(structure)) {
  if (!pdf_.Ok()) return;
  HPDF_Doc doc = pdf_.doc();
  root_ = HPDF_Dict_New(doc->mmgr);
  root_kids_ = HPDF_Array_New(doc->mmgr);
  if (!pdf_.Check(root_ && root_kids_, doing_)) return;
  // Structure objects go into the cross-reference table at once: an indirect object can be
  // referred to from many places, a direct one belongs to one container only.
  HPDF_STATUS status = HPDF_Xref_Add(doc->xref, root_);
  status += HPDF_Dict_AddName(root_, "Type", "StructTreeRoot");
  status += HPDF_Dict_Add(root_, "K", root_kids_);
  pdf_.Check(status == HPDF_OK, doing_);
}

bool Tagger::Attach(int index) {
  Element& element = elements_[index];
  if (element.dict) return true;
  const layout::StructureElement& source = structure_[index];
  int parent = source.parent;
  if (parent >= 0 && !Attach(parent)) return false;
  HPDF_Doc doc = pdf_.doc();
  element.dict = HPDF_Dict_New(doc->mmgr);
  element.kids = HPDF_Array_New(doc->mmgr);
  if (!pdf_.Check(element.dict && element.kids, doing_)) return false;
  HPDF_STATUS status = HPDF_Xref_Add(doc->xref, element.dict);
  status += HPDF_Dict_AddName(element.dict, "Type", "StructElem");
  status += HPDF_Dict_AddName(element.dict, "S", type_names_[index].c_str());
  status += HPDF_Dict_Add(element.dict, "P", parent >= 0 ? elements_[parent].dict : root_);
  status += HPDF_Dict_Add(element.dict, "K", element.kids);
  status += HPDF_Array_Add(parent >= 0 ? elements_[parent].kids : root_kids_, element.dict);
  if (!source.alt.empty()) {
    HPDF_String alt = pdf_.NewTextString(source.alt);
    if (!alt) return false;
    status += HPDF_Dict_Add(element.dict, "Alt", alt);
  }
  if (!source.scope.empty()) {
    HPDF_Dict attributes = HPDF_Dict_New(doc->mmgr);
    if (!pdf_.Check(attributes != nullptr, doing_)) return false;
    status += HPDF_Dict_Add(element.dict, "A", attributes);
    status += HPDF_Dict_AddName(attributes, "O", "Table");
    status += HPDF_Dict_AddName(attributes, "Scope", source.scope.c_str());
  }
  return pdf_.Check(status == HPDF_OK, doing_);
}

bool Tagger::WriteToPage(HPDF_Page page, const std::string& operators) {
  // libharu has no marked-content operators: they go straight into the page's content stream,
  // in order with what libharu writes there.
  HPDF_Stream stream = static_cast<HPDF_PageAttr>(page->attr)->stream;
  return pdf_.Check(HPDF_Stream_WriteStr(stream, operators.c_str()) == HPDF_OK, doing_);
}

bool Tagger::BeginItem(HPDF_Page page, int page_index, int index, const std::string& text) {
  if (!pdf_.Ok()) return false;
  if (index < 0) return WriteToPage(page, "/Artifact BMC\n");
  if (!Attach(index)) return false;
  Element& element = elements_[index];
  std::vector<int>& mcids = page_mcids_[page_index];
  int mcid = static_cast<int>(mcids.size());
  mcids.push_back(index);
  HPDF_STATUS status = HPDF_OK;
  if (!element.page) {
    element.page = page;
    status += HPDF_Dict_Add(element.dict, "Pg", page);
  }
  if (element.page == page) {
    status += HPDF_Array_AddNumber(element.kids, mcid);
  } else {
    // Content on a later page than the element's /Pg names its page itself.
    HPDF_Dict reference = HPDF_Dict_New(pdf_.doc()->mmgr);
    if (!pdf_.Check(reference != nullptr, doing_)) return false;
    status += HPDF_Array_Add(element.kids, reference);
    status += HPDF_Dict_AddName(reference, "Type", "MCR");
    status += HPDF_Dict_Add(reference, "Pg", page);
    status += HPDF_Dict_AddNumber(reference, "MCID", mcid);
  }
  if (!pdf_.Check(status == HPDF_OK, doing_)) return false;
  if (structure_[index].role == layout::Role::kLink && !text.empty()) {
    if (!element.text.empty()) element.text += ' ';
    element.text += text;
  }
  const char* tag = type_names_[index].c_str();
  return WriteToPage(page,
                     "/" + std::string(tag) + " <</MCID " + std::to_string(mcid) + ">> BDC\n");
}

bool Tagger::EndItem(HPDF_Page page) { return WriteToPage(page, "EMC\n"); }

bool Tagger::AddLink(HPDF_Annotation annotation, HPDF_Page page, int page_index, int index) {
  if (!pdf_.Ok()) return false;
  if (index < 0) return true;
  if (!Attach(index)) return false;
  int key = page_count_ + static_cast<int>(links_.size());
  links_.push_back({annotation, index});
  HPDF_Dict reference = HPDF_Dict_New(pdf_.doc()->mmgr);
  if (!pdf_.Check(reference != nullptr, doing_)) return false;
  HPDF_STATUS status = HPDF_Dict_AddNumber(annotation, "StructParent", key);
  status += HPDF_Array_Add(elements_[index].kids, reference);
  status += HPDF_Dict_AddName(reference, "Type", "OBJR");
  status += HPDF_Dict_Add(reference, "Obj", annotation);
  status += HPDF_Dict_Add(reference, "Pg", page);
  return pdf_.Check(status == HPDF_OK, doing_);
}

bool Tagger::Finish(const std::vector<HPDF_Page>& pages, const layout::DocumentInfo& info) {
  if (!pdf_.Ok()) return false;
  HPDF_Doc doc = pdf_.doc();
  HPDF_MMgr mmgr = doc->mmgr;
  HPDF_Dict parent_tree = HPDF_Dict_New(mmgr);
  HPDF_Array nums = HPDF_Array_New(mmgr);
  if (!pdf_.Check(parent_tree && nums, doing_)) return false;
  HPDF_STATUS status = HPDF_Xref_Add(doc->xref, parent_tree);
  status += HPDF_Dict_Add(parent_tree, "Nums", nums);
  status += HPDF_Dict_Add(root_, "ParentTree", parent_tree);
  status += HPDF_Dict_AddNumber(root_, "ParentTreeNextKey",
                                page_count_ + static_cast<HPDF_INT32>(links_.size()));
  // The number tree's keys ascend: the pages' StructParents first, then the links'.
  for (size_t page = 0; page < pages.size(); ++page) {
    status += HPDF_Dict_AddNumber(pages[page], "StructParents", static_cast<HPDF_INT32>(page));
    status += HPDF_Dict_AddName(pages[page], "Tabs", "S");
    HPDF_Array owners = HPDF_Array_New(mmgr);
    if (!pdf_.Check(owners != nullptr, doing_)) return false;
    status += HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(page));
    status += HPDF_Array_Add(nums, owners);
    for (int element : page_mcids_[page]) status += HPDF_Array_Add(owners, elements_[element].dict);
  }
  for (size_t i = 0; i < links_.size(); ++i) {
    status += HPDF_Array_AddNumber(nums, page_count_ + static_cast<HPDF_INT32>(i));
    status += HPDF_Array_Add(nums, elements_[links_[i].element].dict);
    const std::string& text = elements_[links_[i].element].text;
    if (!text.empty()) {
      HPDF_String contents = pdf_.NewTextString(text);
      if (!contents) return false;
      status += HPDF_Dict_Add(links_[i].annotation, "Contents", contents);
    }
  }
  if (!pdf_.Check(status == HPDF_OK, doing_)) return false;

  HPDF_Dict catalog = doc->catalog;
  HPDF_Dict mark_info = HPDF_Dict_New(mmgr);
  HPDF_Dict viewer = HPDF_Dict_New(mmgr);
  HPDF_Dict metadata = HPDF_DictStream_New(mmgr, doc->xref);
  if (!pdf_.Check(mark_info && viewer && metadata, doing_)) return false;
  status = HPDF_Dict_Add(catalog, "StructTreeRoot", root_);
  status += HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
  status += HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
  // HPDF_SetViewerPreference offers no DisplayDocTitle: screen readers announce the title,
  // not the file name, only with it.
  status += HPDF_Dict_Add(catalog, "ViewerPreferences", viewer);
  status += HPDF_Dict_AddBoolean(viewer, "DisplayDocTitle", HPDF_TRUE);
  if (!info.language.empty()) {
    HPDF_String language = pdf_.NewTextString(info.language);
    if (!language) return false;
    status += HPDF_Dict_Add(catalog, "Lang", language);
  }
  // The metadata stays uncompressed, so that tools which do not read PDF can still find it.
  status += HPDF_Dict_Add(catalog, "Metadata", metadata);
  status += HPDF_Dict_AddName(metadata, "Type", "Metadata");
  status += HPDF_Dict_AddName(metadata, "Subtype", "XML");
  status += HPDF_Stream_WriteStr(metadata->stream, XmpPacket(info).c_str());
  return pdf_.Check(status == HPDF_OK, doing_);
}

}  // namespace clerk::render
