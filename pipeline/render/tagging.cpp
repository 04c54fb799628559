#include "render/tagging.h"

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_list.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "layout/layout.h"
#include "render/digit_pairs.h"
#include "render/xmp.h"

namespace clerk::render {

const char* StructureTypeName(layout::Role role) {
  // Layout names its roles as tagged PDF names the structure types.
  return layout::RoleName(role);
}

namespace {

// What StructureTypeNames gives, as views of the names' static text (no string of its own for
// each of the elements).
std::vector<std::string_view> LevelledTypeNames(
    const std::vector<layout::StructureElement>& structure) {
  static constexpr layout::Role kHeadings[] = {layout::Role::kH1, layout::Role::kH2,
                                               layout::Role::kH3};
  std::vector<std::string_view> names;
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
    names.emplace_back(StructureTypeName(kHeadings[level - 1]));
  }
  return names;
}

}  // namespace

std::vector<std::string> StructureTypeNames(
    const std::vector<layout::StructureElement>& structure) {
  std::vector<std::string_view> views = LevelledTypeNames(structure);
  return std::vector<std::string>(views.begin(), views.end());
}

namespace {

// Whether a byte is written as #XX in a name: its delimiters, '#', and bytes outside the
// printable ASCII range.
constexpr std::array<bool, 256> kEscapedInName = [] {
  std::array<bool, 256> escaped{};
  for (int byte = 0; byte < 256; ++byte) escaped[byte] = byte < 0x21 || byte > 0x7e;
  for (char c : std::string_view("\\%#/()<>[]{}")) escaped[static_cast<unsigned char>(c)] = true;
  return escaped;
}();

// How many decimal digits `number` has.
int DecimalLength(unsigned long number) {
  int length = 1;
  for (; number >= 100; number /= 100) length += 2;
  return number >= 10 ? length + 1 : length;
}

// Text written where a caller has made room for it, without checking room or growing: each
// caller first makes room for the most it can write. Writing the tree's dictionaries (scale 9:
// 12,570 of them) so costs copies, not a string's checks and growth at every piece.
class Cursor {
 public:
  /// The most a number or an object reference takes.
  static constexpr size_t kMaxNumber = 24;
  static constexpr size_t kMaxReference = 2 * kMaxNumber;

  explicit Cursor(char* at) : at_(at) {}
  char* at() const { return at_; }

  void Put(char c) { *at_++ = c; }
  void Put(std::string_view text) {
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  /// `number` in decimal, written two digits at a time from its end: the tree is mostly
  /// numbers (scale 9: 85,000 of them), and std::to_chars took 2 million instructions more.
  void PutNumber(unsigned long number) {
    char* end = at_ + DecimalLength(number);
    char* digit = end;
    for (; number >= 100; number /= 100) {
      digit -= 2;
      std::memcpy(digit, &kDecimalDigitPairs[2 * (number % 100)], 2);
    }
    if (number >= 10) {
      std::memcpy(digit - 2, &kDecimalDigitPairs[2 * number], 2);
    } else {
      digit[-1] = static_cast<char>('0' + number);
    }
    at_ = end;
  }
  /// "<number> <generation> R", as libharu refers to an indirect object.
  void PutReference(HPDF_Dict object) {
    PutNumber(object->header.obj_id & 0x00FFFFFF);
    if (object->header.gen_no == 0) {
      Put(" 0 R");  // every object libharu makes
      return;
    }
    Put(' ');
    PutNumber(object->header.gen_no);
    Put(" R");
  }
  /// A name, at most 1 + 3 * name.size() characters: its delimiters, '#', and bytes outside the
  /// printable ASCII range are written as #XX.
  void PutName(std::string_view name) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    Put('/');
    for (char c : name) {
      auto byte = static_cast<unsigned char>(c);
      if (kEscapedInName[byte]) {
        Put('#');
        Put(kHex[byte >> 4]);
        Put(kHex[byte & 0x0f]);
      } else {
        Put(c);
      }
    }
  }

 private:
  char* at_;
};

// The most one kid of an element's /K takes, an OBJR dictionary being the longest.
constexpr size_t kMaxKid = 32 + 2 * Cursor::kMaxReference;
// The most an element's dictionary takes besides its kids and names.
constexpr size_t kMaxElement = 128 + 3 * Cursor::kMaxReference;
// The most a marked-content operator takes besides its tag's name.
constexpr size_t kMaxOperator = 32 + Cursor::kMaxNumber;
// Tags up to this long are put together on the stack (every standard type is).
constexpr size_t kMaxShortTag = 32;

}  // namespace

Tagger::Tagger(PdfWriter& pdf, const std::vector<layout::StructureElement>& structure,
               int page_count)
    : pdf_(pdf),
      structure_(structure),
      page_count_(page_count),
      elements_(structure.size()),
      pages_(page_count, nullptr),
      mcid_counts_(page_count, 0),
      type_names_(LevelledTypeNames(structure)) {
  // About two items of content an element (scale 9: 2.2), and one kid for the element in its
  // parent: room made at once, rather than copying every kid as the array grows.
  kids_.reserve(4 * structure.size());
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

HPDF_Dict Tagger::NewDictionary() {
  // What HPDF_Dict_New does, but for its clearing byte by byte (HPDF_MemSet), which was 400 of
  // its 560 instructions.
  HPDF_MMgr mmgr = pdf_.doc()->mmgr;
  auto* dict = static_cast<HPDF_Dict>(HPDF_GetMem(mmgr, sizeof(HPDF_Dict_Rec)));
  if (!dict) return nullptr;
  std::memset(dict, 0, sizeof(HPDF_Dict_Rec));
  dict->header.obj_class = HPDF_OCLASS_DICT;
  dict->mmgr = mmgr;
  dict->error = mmgr->error;
  dict->list = HPDF_List_New(mmgr, HPDF_DEF_ITEMS_PER_BLOCK);
  dict->filter = HPDF_STREAM_FILTER_NONE;
  if (!dict->list) {
    HPDF_FreeMem(mmgr, dict);
    return nullptr;
  }
  return dict;
}

bool Tagger::Attach(int index) {
  Element& element = elements_[index];
  if (element.dict) return true;
  int parent = structure_[index].parent;
  if (parent >= 0 && !Attach(parent)) return false;
  HPDF_Doc doc = pdf_.doc();
  element.dict = NewDictionary();
  if (!element.dict) return pdf_.Check(false, doing_);
  if (HPDF_Xref_Add(doc->xref, element.dict) != HPDF_OK) {
    element.dict = nullptr;  // the table freed it
    return pdf_.Check(false, doing_);
  }
  element.tagger = this;
  element.dict->attr = &element;  // elements_ is never resized: the address stays
  element.dict->write_fn = OnWriteElement;
  if (parent >= 0) {
    kids_.push_back({parent, {Kid::Kind::kElement, -1, index}});
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
  int mcid = mcid_counts_[static_cast<size_t>(page_index)]++;
  if (element.page < 0) element.page = page_index;
  // Content on a later page than the element's /Pg names its page itself.
  kids_.push_back(
      {index, {element.page == page_index ? Kid::Kind::kMcid : Kid::Kind::kMcr, page_index, mcid}});
  if (structure_[index].role == layout::Role::kLink && !text.empty()) {
    if (!element.text.empty()) element.text += ' ';
    element.text += text;
  }
  // "/<tag> <</MCID <mcid>>> BDC\n", put together first and appended at once.
  std::string_view tag = type_names_[index];
  auto put = [&](Cursor cursor) {
    cursor.Put('/');
    cursor.Put(tag);
    cursor.Put(" <</MCID ");
    cursor.PutNumber(static_cast<unsigned long>(mcid));
    cursor.Put(">> BDC\n");
    return cursor.at();
  };
  if (tag.size() <= kMaxShortTag) {
    char marks[kMaxShortTag + kMaxOperator];
    operators.append(marks, static_cast<size_t>(put(Cursor(marks)) - marks));
  } else {
    std::string marks(tag.size() + kMaxOperator, ' ');
    marks.resize(static_cast<size_t>(put(Cursor(marks.data())) - marks.data()));
    operators += marks;
  }
  return true;
}

bool Tagger::AddLink(HPDF_Annotation annotation, HPDF_Page page, int page_index, int index) {
  if (!pdf_.Ok()) return false;
  if (index < 0) return true;
  if (!NoteWritten(page, page_index) || !Attach(index)) return false;
  int link = static_cast<int>(links_.size());
  links_.push_back({annotation, index});
  kids_.push_back({index, {Kid::Kind::kObjr, page_index, link}});
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

void Tagger::GroupKids() {
  if (!first_kid_.empty()) return;
  // A counting sort by element, which keeps each element's kids in the order they came.
  first_kid_.assign(elements_.size() + 1, 0);
  for (const OwnedKid& owned : kids_) ++first_kid_[static_cast<size_t>(owned.element) + 1];
  for (size_t i = 1; i < first_kid_.size(); ++i) first_kid_[i] += first_kid_[i - 1];
  std::vector<int> next(first_kid_.begin(), first_kid_.end() - 1);
  grouped_kids_.resize(kids_.size());
  for (const OwnedKid& owned : kids_) {
    grouped_kids_[static_cast<size_t>(next[static_cast<size_t>(owned.element)]++)] = owned.kid;
  }
  // Not needed again: given back before the PDF's bytes are held.
  std::vector<OwnedKid>().swap(kids_);
}

char* Tagger::MakeRoom(char* at, size_t bytes) {
  size_t used = at ? static_cast<size_t>(at - buffer_.data()) : 0;
  if (buffer_.size() < used + bytes) buffer_.resize(std::max(used + bytes, 2 * buffer_.size()));
  return buffer_.data() + used;
}

HPDF_STATUS Tagger::Flush(const char* end, HPDF_Stream stream) {
  return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(buffer_.data()),
                           static_cast<HPDF_UINT>(end - buffer_.data()));
}

HPDF_STATUS Tagger::WriteElement(const Element& element, HPDF_Stream stream) {
  GroupKids();
  size_t index = static_cast<size_t>(&element - elements_.data());
  const layout::StructureElement& source = structure_[index];
  std::string_view type = type_names_[index];
  int first = first_kid_[index];
  int last = first_kid_[index + 1];
  Cursor out(MakeRoom(nullptr, kMaxElement + 3 * (type.size() + source.scope.size()) +
                                   kMaxKid * static_cast<size_t>(last - first)));
  out.Put("/Type /StructElem\n/S ");
  out.PutName(type);
  out.Put("\n/P ");
  out.PutReference(source.parent >= 0 ? elements_[static_cast<size_t>(source.parent)].dict : root_);
  out.Put("\n/K [ ");
  for (int i = first; i < last; ++i) {
    const Kid& kid = grouped_kids_[static_cast<size_t>(i)];
    switch (kid.kind) {
      case Kid::Kind::kMcid:
        out.PutNumber(static_cast<unsigned long>(kid.value));
        break;
      case Kid::Kind::kMcr:
        out.Put("<<\n/Type /MCR\n/Pg ");
        out.PutReference(pages_[static_cast<size_t>(kid.page)]);
        out.Put("\n/MCID ");
        out.PutNumber(static_cast<unsigned long>(kid.value));
        out.Put("\n>>");
        break;
      case Kid::Kind::kObjr:
        out.Put("<<\n/Type /OBJR\n/Obj ");
        out.PutReference(links_[static_cast<size_t>(kid.value)].annotation);
        out.Put("\n/Pg ");
        out.PutReference(pages_[static_cast<size_t>(kid.page)]);
        out.Put("\n>>");
        break;
      case Kid::Kind::kElement:
        out.PutReference(elements_[static_cast<size_t>(kid.value)].dict);
        break;
    }
    out.Put(' ');
  }
  out.Put("]\n");
  if (!source.alt.empty()) {
    // A text string as libharu writes it (escaped, or UTF-16 for text beyond ASCII).
    out.Put("/Alt ");
    HPDF_STATUS status = Flush(out.at(), stream);
    if (status != HPDF_OK) return status;
    HPDF_String alt = pdf_.NewTextString(source.alt);
    if (!alt) return HPDF_Error_GetCode(pdf_.doc()->mmgr->error);
    status = HPDF_String_Write(alt, stream, nullptr);
    HPDF_String_Free(alt);
    if (status != HPDF_OK) return status;
    out = Cursor(buffer_.data());
    out.Put('\n');
  }
  if (!source.scope.empty()) {
    out.Put("/A <<\n/O /Table\n/Scope ");
    out.PutName(source.scope);
    out.Put("\n>>\n");
  }
  if (element.page >= 0) {
    out.Put("/Pg ");
    out.PutReference(pages_[static_cast<size_t>(element.page)]);
    out.Put('\n');
  }
  return Flush(out.at(), stream);
}

HPDF_STATUS Tagger::WriteRoot(HPDF_Stream stream) {
  GroupKids();
  Cursor out(MakeRoom(
      nullptr, 128 + 2 * Cursor::kMaxReference + (Cursor::kMaxReference + 1) * root_kids_.size()));
  out.Put("/Type /StructTreeRoot\n/K [ ");
  for (int kid : root_kids_) {
    out.PutReference(elements_[static_cast<size_t>(kid)].dict);
    out.Put(' ');
  }
  out.Put("]\n");
  if (parent_tree_) {
    out.Put("/ParentTree ");
    out.PutReference(parent_tree_);
    out.Put("\n/ParentTreeNextKey ");
    out.PutNumber(static_cast<unsigned long>(page_count_) + links_.size());
    out.Put('\n');
  }
  return Flush(out.at(), stream);
}

HPDF_STATUS Tagger::WriteParentTree(HPDF_Stream stream) {
  GroupKids();
  // The element of each MCID, page by page: page p's MCIDs start at first_mcid[p].
  std::vector<int> first_mcid(mcid_counts_.size() + 1, 0);
  for (size_t page = 0; page < mcid_counts_.size(); ++page) {
    first_mcid[page + 1] = first_mcid[page] + mcid_counts_[page];
  }
  std::vector<int> owners(static_cast<size_t>(first_mcid.back()));
  for (size_t element = 0; element < elements_.size(); ++element) {
    for (int i = first_kid_[element]; i < first_kid_[element + 1]; ++i) {
      const Kid& kid = grouped_kids_[static_cast<size_t>(i)];
      if (kid.kind == Kid::Kind::kMcid || kid.kind == Kid::Kind::kMcr) {
        owners[static_cast<size_t>(first_mcid[static_cast<size_t>(kid.page)] + kid.value)] =
            static_cast<int>(element);
      }
    }
  }
  // The number tree's keys ascend: the pages' StructParents first, then the links'.
  HPDF_STATUS status = HPDF_OK;
  Cursor out(MakeRoom(nullptr, 16));
  out.Put("/Nums [ ");
  for (size_t page = 0; page < mcid_counts_.size(); ++page) {
    out = Cursor(MakeRoom(
        out.at(), 16 + Cursor::kMaxNumber +
                      (Cursor::kMaxReference + 1) * static_cast<size_t>(mcid_counts_[page])));
    out.PutNumber(page);
    out.Put(" [ ");
    for (int mcid = first_mcid[page]; mcid < first_mcid[page + 1]; ++mcid) {
      out.PutReference(elements_[static_cast<size_t>(owners[static_cast<size_t>(mcid)])].dict);
      out.Put(' ');
    }
    out.Put("] ");
    // Written as it goes, so that a long document's tree is never held as text all at once.
    if (out.at() - buffer_.data() > 65536) {
      if ((status = Flush(out.at(), stream)) != HPDF_OK) return status;
      out = Cursor(buffer_.data());
    }
  }
  for (size_t i = 0; i < links_.size(); ++i) {
    out = Cursor(MakeRoom(out.at(), 4 + Cursor::kMaxNumber + Cursor::kMaxReference));
    out.PutNumber(static_cast<unsigned long>(page_count_) + i);
    out.Put(' ');
    out.PutReference(elements_[static_cast<size_t>(links_[i].element)].dict);
    out.Put(' ');
  }
  out = Cursor(MakeRoom(out.at(), 2));
  out.Put("]\n");
  return Flush(out.at(), stream);
}

}  // namespace clerk::render
