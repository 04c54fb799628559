#pragma once

#include <map>
#include <string>
#include <vector>

#include "layout/pages.h"
#include "render/pdf_writer.h"

namespace clerk::render {

/// The destinations of a document's anchors, each made once, when a link or a bookmark first
/// needs it, and shared by everything that points there.
class Destinations {
 public:
  /// `pages`: the document's pages, in order; `anchors` must point at them.
  Destinations(PdfWriter& pdf, std::vector<HPDF_Page> pages,
               const std::vector<layout::Anchor>& anchors);

  /// The destination of anchor `id`: its page, scrolled so that the anchor's y is at the top of
  /// the window, the zoom and the horizontal position left as the reader has them. nullptr (with
  /// the failure recorded in the writer) when it cannot be made.
  HPDF_Destination For(const std::string& id);

 private:
  PdfWriter& pdf_;
  std::vector<HPDF_Page> pages_;
  std::map<std::string, layout::Anchor> anchors_;
  std::map<std::string, HPDF_Destination> made_;
};

/// Adds bookmarks for `entries`, in order: an entry nests under the nearest earlier entry of a
/// lower level (a jump from level 1 to 3 nests the 3 under the 1).
bool AddOutline(PdfWriter& pdf, const std::vector<layout::OutlineEntry>& entries,
                Destinations& destinations);

}  // namespace clerk::render
