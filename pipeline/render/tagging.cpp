#include "render/tagging.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <charconv>
#include <cstring>

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
      pages_(page_count, nullptr),
      page_mcids_(page_count),
      type_names_(StructureTypeNames(structure)) {
  if (!pdf_.Ok()) return;
  HPDF_Doc doc = pdf_.doc();
  root_ = HPDF_Dict_New(doc->mmgr);
  if (!pdf_.Check(root_ != nullptr, doing_)) return;
  // Structure objects go into the cross-reference table at once: an indirect object can be
  // referred to from many places, a direct one belongs to one container only. Their object
  // numbers follow the order in which they are made.
  HPDF_STATUS status = HPDF_Xref_Add(doc->xref, root_);
  if (!pdf_.Check(status == HPDF_OK, doing_)) return;
  root_->attr = this;
  root_->write_fn = OnWriteRoot;
}

Tagger::~Tagger() {
  // The dictionaries stay with the document: nothing of this Tagger may be written after it.
  auto detach = [](HPDF_Dict dict) {
    if (!dict) return;
    dict->write_fn = nullptr;
    dict->attr = nullptr;
  };
  detach(root_);
  detach(parent_tree_);
  for (Element& element : elements_) detach(element.dict);
}

bool Tagger::Attach(int index) {
  Element& element = elements_[index];
  if (element.dict) return true;
  int parent = structure_[index].parent;
  if (parent >= 0 && !Attach(parent)) return false;
  HPDF_Doc doc = pdf_.doc();
  element.dict = HPDF_Dict_New(doc->mmgr);
  if (!element.dict) return pdf_.Check(false, doing_);
  if (HPDF_Xref_Add(doc->xref, element.dict) != HPDF_OK) {
    element.dict = nullptr;  // the table freed it
    return pdf_.Check(false, doing_);
  }
  element.tagger = this;
  element.dict->attr = &element;  // elements_ is never resized: the address stays
  element.dict->write_fn = OnWriteElement;
  if (parent >= 0) {
    elements_[parent].kids.push_back({Kid::Kind::kElement, -1, index});
  } else {
    root_kids_.push_back(index);
  }
  return true;
}

bool Tagger::NoteWritten(HPDF_Page page, int page_index) {
  if (page_index < 0 || page_index >= page_count_) {
    return pdf_.Fail(doing_ + ": page " + std::to_string(page_index + 1) + " is not one of the " +
                     std::to_string(page_count_) + " pages");
  }
  pages_[static_cast<size_t>(page_index)] = page;
  return true;
}

bool Tagger::BeginItem(std::string& operators, HPDF_Page page, int page_index, int index,
                       std::string_view text) {
  if (!pdf_.Ok()) return false;
  // libharu has no marked-content operators: the caller writes them into the page's content
  // stream, in order with what libharu writes there.
  if (index < 0) {
    operators += "/Artifact BMC\n";
    return true;
  }
  if (!NoteWritten(page, page_index) || !Attach(index)) return false;
  Element& element = elements_[index];
  std::vector<int>& mcids = page_mcids_[static_cast<size_t>(page_index)];
  int mcid = static_cast<int>(mcids.size());
  mcids.push_back(index);
  if (element.page < 0) element.page = page_index;
  // Content on a later page than the element's /Pg names its page itself.
  element.kids.push_back(
      {element.page == page_index ? Kid::Kind::kMcid : Kid::Kind::kMcr, page_index, mcid});
  if (structure_[index].role == layout::Role::kLink && !text.empty()) {
    if (!element.text.empty()) element.text += ' ';
    element.text += text;
  }
  // "/<tag> <</MCID <mcid>>> BDC\n"
  operators += '/';
  operators += type_names_[index];
  operators += " <</MCID ";
  char digits[16];
  operators.append(digits, std::to_chars(digits, digits + sizeof digits, mcid).ptr);
  operators += ">> BDC\n";
  return true;
}

bool Tagger::AddLink(HPDF_Annotation annotation, HPDF_Page page, int page_index, int index) {
  if (!pdf_.Ok()) return false;
  if (index < 0) return true;
  if (!NoteWritten(page, page_index) || !Attach(index)) return false;
  int link = static_cast<int>(links_.size());
  links_.push_back({annotation, index});
  elements_[index].kids.push_back({Kid::Kind::kObjr, page_index, link});
  return pdf_.Check(HPDF_Dict_AddNumber(annotation, "StructParent", page_count_ + link) == HPDF_OK,
                    doing_);
}

bool Tagger::Finish(const std::vector<HPDF_Page>& pages, const layout::DocumentInfo& info) {
  if (!pdf_.Ok()) return false;
  if (pages.size() != pages_.size()) {
    return pdf_.Fail(doing_ + ": " + std::to_string(pages.size()) + " pages drawn, " +
                     std::to_string(pages_.size()) + " expected");
  }
  HPDF_Doc doc = pdf_.doc();
  HPDF_MMgr mmgr = doc->mmgr;
  parent_tree_ = HPDF_Dict_New(mmgr);
  if (!pdf_.Check(parent_tree_ != nullptr, doing_)) return false;
  HPDF_STATUS status = HPDF_Xref_Add(doc->xref, parent_tree_);
  if (status != HPDF_OK) parent_tree_ = nullptr;  // the table freed it
  if (!pdf_.Check(status == HPDF_OK, doing_)) return false;
  parent_tree_->attr = this;
  parent_tree_->write_fn = OnWriteParentTree;
  for (size_t page = 0; page < pages.size(); ++page) {
    pages_[page] = pages[page];
    status += HPDF_Dict_AddNumber(pages[page], "StructParents", static_cast<HPDF_INT32>(page));
    status += HPDF_Dict_AddName(pages[page], "Tabs", "S");
  }
  for (const Link& link : links_) {
    const std::string& text = elements_[link.element].text;
    if (!text.empty()) {
      HPDF_String contents = pdf_.NewTextString(text);
      if (!contents) return false;
      status += HPDF_Dict_Add(link.annotation, "Contents", contents);
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

// Writing. libharu writes a dictionary as "<<\n", then each entry as "/Key value\n", then what
// its write callback writes, then ">>"; an array as "[ ", each item followed by " ", "]"; an
// indirect object inside another as "<number> <generation> R". The callbacks below write the
// entries libharu would have written for the same objects, in the same order, so the PDF is
// the same byte for byte.

HPDF_STATUS Tagger::OnWriteElement(HPDF_Dict dict, HPDF_Stream stream) {
  const auto* element = static_cast<const Element*>(dict->attr);
  return element->tagger->WriteElement(*element, stream);
}

HPDF_STATUS Tagger::OnWriteRoot(HPDF_Dict dict, HPDF_Stream stream) {
  return static_cast<Tagger*>(dict->attr)->WriteRoot(stream);
}

HPDF_STATUS Tagger::OnWriteParentTree(HPDF_Dict dict, HPDF_Stream stream) {
  return static_cast<Tagger*>(dict->attr)->WriteParentTree(stream);
}

void Tagger::AppendNumber(long number) {
  char digits[24];
  char* end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out_.append(digits, end);
}

void Tagger::AppendReference(HPDF_Dict object) {
  char text[48];
  char* end = text + sizeof text;
  char* at = std::to_chars(text, end, object->header.obj_id & 0x00FFFFFF).ptr;
  *at++ = ' ';
  at = std::to_chars(at, end, object->header.gen_no).ptr;
  *at++ = ' ';
  *at++ = 'R';
  out_.append(text, at);
}

void Tagger::AppendPageReference(int page_index) {
  AppendReference(pages_[static_cast<size_t>(page_index)]);
}

void Tagger::AppendName(const std::string& name) {
  // A name's delimiters, '#', and bytes outside the printable ASCII range are written as #XX.
  static constexpr char kHex[] = "0123456789ABCDEF";
  out_ += '/';
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    bool escape = byte < 0x21 || byte > 0x7e || std::strchr("\\%#/()<>[]{}", c) != nullptr;
    if (escape) {
      out_ += '#';
      out_ += kHex[byte >> 4];
      out_ += kHex[byte & 0x0f];
    } else {
      out_ += c;
    }
  }
}

HPDF_STATUS Tagger::Flush(HPDF_Stream stream) {
  HPDF_STATUS status = HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(out_.data()),
                                         static_cast<HPDF_UINT>(out_.size()));
  out_.clear();
  return status;
}

HPDF_STATUS Tagger::WriteElement(const Element& element, HPDF_Stream stream) {
  size_t index = static_cast<size_t>(&element - elements_.data());
  const layout::StructureElement& source = structure_[index];
  out_ += "/Type /StructElem\n/S ";
  AppendName(type_names_[index]);
  out_ += "\n/P ";
  AppendReference(source.parent >= 0 ? elements_[static_cast<size_t>(source.parent)].dict : root_);
  out_ += "\n/K [ ";
  for (const Kid& kid : element.kids) {
    switch (kid.kind) {
      case Kid::Kind::kMcid:
        AppendNumber(kid.value);
        break;
      case Kid::Kind::kMcr:
        out_ += "<<\n/Type /MCR\n/Pg ";
        AppendPageReference(kid.page);
        out_ += "\n/MCID ";
        AppendNumber(kid.value);
        out_ += "\n>>";
        break;
      case Kid::Kind::kObjr:
        out_ += "<<\n/Type /OBJR\n/Obj ";
        AppendReference(links_[static_cast<size_t>(kid.value)].annotation);
        out_ += "\n/Pg ";
        AppendPageReference(kid.page);
        out_ += "\n>>";
        break;
      case Kid::Kind::kElement:
        AppendReference(elements_[static_cast<size_t>(kid.value)].dict);
        break;
    }
    out_ += ' ';
  }
  out_ += "]\n";
  if (!source.alt.empty()) {
    // A text string as libharu writes it (escaped, or UTF-16 for text beyond ASCII).
    out_ += "/Alt ";
    HPDF_STATUS status = Flush(stream);
    if (status != HPDF_OK) return status;
    HPDF_String alt = pdf_.NewTextString(source.alt);
    if (!alt) return HPDF_Error_GetCode(pdf_.doc()->mmgr->error);
    status = HPDF_String_Write(alt, stream, nullptr);
    HPDF_String_Free(alt);
    if (status != HPDF_OK) return status;
    out_ += '\n';
  }
  if (!source.scope.empty()) {
    out_ += "/A <<\n/O /Table\n/Scope ";
    AppendName(source.scope);
    out_ += "\n>>\n";
  }
  if (element.page >= 0) {
    out_ += "/Pg ";
    AppendPageReference(element.page);
    out_ += '\n';
  }
  return Flush(stream);
}

HPDF_STATUS Tagger::WriteRoot(HPDF_Stream stream) {
  out_ += "/Type /StructTreeRoot\n/K [ ";
  for (int kid : root_kids_) {
    AppendReference(elements_[static_cast<size_t>(kid)].dict);
    out_ += ' ';
  }
  out_ += "]\n";
  if (parent_tree_) {
    out_ += "/ParentTree ";
    AppendReference(parent_tree_);
    out_ += "\n/ParentTreeNextKey ";
    AppendNumber(page_count_ + static_cast<long>(links_.size()));
    out_ += '\n';
  }
  return Flush(stream);
}

HPDF_STATUS Tagger::WriteParentTree(HPDF_Stream stream) {
  // The number tree's keys ascend: the pages' StructParents first, then the links'.
  HPDF_STATUS status = HPDF_OK;
  out_ += "/Nums [ ";
  for (size_t page = 0; page < page_mcids_.size(); ++page) {
    AppendNumber(static_cast<long>(page));
    out_ += " [ ";
    for (int element : page_mcids_[page]) {
      AppendReference(elements_[static_cast<size_t>(element)].dict);
      out_ += ' ';
    }
    out_ += "] ";
    // Written as it goes, so that a long document's tree is never held as text all at once.
    if (out_.size() > 65536 && (status = Flush(stream)) != HPDF_OK) return status;
  }
  for (size_t i = 0; i < links_.size(); ++i) {
    AppendNumber(page_count_ + static_cast<long>(i));
    out_ += ' ';
    AppendReference(elements_[static_cast<size_t>(links_[i].element)].dict);
    out_ += ' ';
  }
  out_ += "]\n";
  return Flush(stream);
}

}  // namespace clerk::render
