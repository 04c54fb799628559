#pragma once

#include <string>
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
class Tagger {
 public:
  Tagger(PdfWriter& pdf, const std::vector<layout::StructureElement>& structure, int page_count);

  /// Opens marked content on `page` for one item of `element`; `text` is the item's text, if any.
  bool BeginItem(HPDF_Page page, int page_index, int element, const std::string& text = "");
  /// Closes what BeginItem opened.
  bool EndItem(HPDF_Page page);
  /// Puts a link annotation into the tree under its kLink `element` (nothing for -1).
  bool AddLink(HPDF_Annotation annotation, HPDF_Page page, int page_index, int element);

  /// After every page is drawn: the StructTreeRoot and ParentTree, each page's /StructParents
  /// and /Tabs, each link's /Contents (its text), and in the catalog /MarkInfo, /Lang,
  /// /ViewerPreferences /DisplayDocTitle and an XMP /Metadata stream from `info`.
  bool Finish(const std::vector<HPDF_Page>& pages, const layout::DocumentInfo& info);

 private:
  struct Element {
    HPDF_Dict dict = nullptr;  // made when first needed
    HPDF_Array kids = nullptr;
    HPDF_Page page = nullptr;  // its /Pg: the page of its first content
    std::string text;          // kLink only: its text, for the annotation's /Contents
  };
  struct Link {
    HPDF_Annotation annotation;
    int element;
  };

  bool Attach(int element);
  bool WriteToPage(HPDF_Page page, const std::string& operators);

  PdfWriter& pdf_;
  const std::vector<layout::StructureElement>& structure_;
  int page_count_;
  HPDF_Dict root_ = nullptr;
  HPDF_Array root_kids_ = nullptr;
  std::vector<Element> elements_;
  std::vector<std::vector<int>> page_mcids_;  // per page: MCID -> element
  std::vector<Link> links_;                   // StructParent page_count_ + i -> links_[i]
  std::vector<std::string> type_names_;       // per element: its /S, headings levelled
  std::string doing_ = "tagging the PDF";
};

/// The standard structure type PDF names `role` with ("H1", "LBody", "TD", ...).
const char* StructureTypeName(layout::Role role);

/// Each element's structure type, in the order of `structure` (document order): its role's
/// name, except that a heading is never more than one level below the heading before it (H1
/// then H3 is tagged H1 then H2), so that no level is skipped whatever size a heading is set at.
std::vector<std::string> StructureTypeNames(const std::vector<layout::StructureElement>& structure);

}  // namespace clerk::render
