#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layout/pages.h"
#include "render/pdf_writer.h"

namespace clerk::render {

/// Tags the PDF for screen readers while its pages are drawn: wraps each painted item in
/// marked content (its element's role with the next MCID of the page, or /Artifact for
/// element -1), then builds the structure tree from LaidOutDocument::structure with a ParentTree
/// that maps every MCID and link back to its element.
///
/// An element joins its parent's /K when its first content (or its first descendant's) is
/// drawn, so a paragraph's text and an inline link come out in reading order; an element with
/// no content at all is left out.
///
/// The tree's objects are empty libharu dictionaries that hold only their object numbers: their
/// entries are kept here, compactly, and written by a libharu write callback when the document
/// is saved (a libharu dictionary entry or name reserves 128 bytes, which for a long document's
/// tree came to tens of megabytes). So the Tagger must outlive PdfWriter::Save().
class Tagger {
 public:
  Tagger(PdfWriter& pdf, const std::vector<layout::StructureElement>& structure, int page_count);
  ~Tagger();
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  /// Appends to `operators` (the content of `page`, written to it by the caller in order) the
  /// operator that opens marked content for one item of `element`; `text` is the item's text,
  /// if any.
  bool BeginItem(std::string& operators, HPDF_Page page, int page_index, int element,
                 std::string_view text = {});
  /// Appends the operator that closes what BeginItem opened.
  static void EndItem(std::string& operators) { operators += "EMC\n"; }
  /// Puts a link annotation into the tree under its kLink `element` (nothing for -1).
  bool AddLink(HPDF_Annotation annotation, HPDF_Page page, int page_index, int element);

  /// After every page is drawn: the StructTreeRoot and ParentTree, each page's /StructParents
  /// and /Tabs, each link's /Contents (its text), and in the catalog /MarkInfo, /Lang,
  /// /ViewerPreferences /DisplayDocTitle and an XMP /Metadata stream from `info`.
  bool Finish(const std::vector<HPDF_Page>& pages, const layout::DocumentInfo& info);

 private:
  /// One entry of an element's /K, in order.
  struct Kid {
    enum class Kind : unsigned char {
      kMcid,     // `value` is an MCID on the element's /Pg
      kMcr,      // `value` is an MCID on page `page`, named by a marked-content reference
      kObjr,     // `value` indexes links_, the annotation on page `page`
      kElement,  // `value` is a child element
    };
    Kind kind;
    int page;
    int value;
  };
  /// A kid with the element whose /K it is in. Every element's kids are kept in one array, in
  /// the order they come, and grouped by element once, when the tree is written: a vector per
  /// element grew a few times each (scale 9: 12,570 elements, 41,000 kids).
  struct OwnedKid {
    int element;
    Kid kid;
  };
  struct Element {
    HPDF_Dict dict = nullptr;  // made when first needed; empty until written
    Tagger* tagger = nullptr;  // for the write callback, which is given only the dictionary
    int page = -1;             // its /Pg: the page of its first content
    std::string text;          // kLink only: its text, for the annotation's /Contents
  };
  struct Link {
    HPDF_Annotation annotation;
    int element;
  };

  bool Attach(int element);
  /// An empty dictionary, as HPDF_Dict_New makes it; nullptr when there is no memory.
  HPDF_Dict NewDictionary();
  bool NoteWritten(HPDF_Page page, int page_index);
  /// Sorts kids_ into grouped_kids_ and first_kid_, then frees kids_; once (the first write
  /// does).
  void GroupKids();
  /// Write callbacks' bodies: write the entries of the dictionary to `stream`.
  HPDF_STATUS WriteElement(const Element& element, HPDF_Stream stream);
  HPDF_STATUS WriteRoot(HPDF_Stream stream);
  HPDF_STATUS WriteParentTree(HPDF_Stream stream);
  /// Room for `bytes` more characters after `at`, a position in buffer_ (nullptr: its start),
  /// which may move: returns where `at` is now.
  char* MakeRoom(char* at, size_t bytes);
  /// Writes buffer_ up to `end` to `stream`.
  HPDF_STATUS Flush(const char* end, HPDF_Stream stream);

  /// libharu's write callbacks: a dictionary's attr is its Element, or the Tagger.
  static HPDF_STATUS OnWriteElement(HPDF_Dict dict, HPDF_Stream stream);
  static HPDF_STATUS OnWriteRoot(HPDF_Dict dict, HPDF_Stream stream);
  static HPDF_STATUS OnWriteParentTree(HPDF_Dict dict, HPDF_Stream stream);

  PdfWriter& pdf_;
  const std::vector<layout::StructureElement>& structure_;
  int page_count_;
  HPDF_Dict root_ = nullptr;
  HPDF_Dict parent_tree_ = nullptr;  // made by Finish
  std::vector<int> root_kids_;       // the elements with no parent, in order
  std::vector<Element> elements_;
  std::vector<HPDF_Page> pages_;   // by page index, as drawn
  std::vector<int> mcid_counts_;   // per page: the MCIDs given so far
  std::vector<OwnedKid> kids_;     // every element's kids as they came, until GroupKids
  std::vector<Kid> grouped_kids_;  // kids_ grouped by element, by GroupKids
  std::vector<int> first_kid_;     // element i's are grouped_kids_[first_kid_[i], [i + 1])
  std::vector<Link> links_;        // StructParent page_count_ + i -> links_[i]
  std::vector<std::string_view> type_names_;  // per element: its /S, headings levelled
  std::vector<char> buffer_;                  // what a write callback is writing
  std::string doing_ = "tagging the PDF";
};

/// The standard structure type PDF names `role` with ("H1", "LBody", "TD", ...).
const char* StructureTypeName(layout::Role role);

/// Each element's structure type, in the order of `structure` (document order): its role's
/// name, except that a heading is never more than one level below the heading before it (H1
/// then H3 is tagged H1 then H2), so that no level is skipped whatever size a heading is set at.
std::vector<std::string> StructureTypeNames(const std::vector<layout::StructureElement>& structure);

}  // namespace clerk::render
