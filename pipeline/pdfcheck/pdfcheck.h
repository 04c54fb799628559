#pragma once

#include <optional>
#include <string>
#include <vector>

/// Stage "pdfcheck": PDF bytes -> what a screen reader would miss in them. Reads any PDF (ours or
/// not) with qpdf's library, which no other stage sees; only plain values come out.
namespace clerk::pdfcheck {

/// One problem found in a PDF.
struct Finding {
  int page = 0;         ///< 1-based page it is on; 0 for the document as a whole
  std::string message;  ///< one sentence, without the page ("text (Tj) is outside ...")
};

/// What the check saw in one PDF.
struct PdfCheckResult {
  int pages = 0;
  bool marked = false;            ///< the catalog's /MarkInfo says /Marked true
  bool structure_tree = false;    ///< the catalog has a /StructTreeRoot
  bool title_shown = false;       ///< /ViewerPreferences /DisplayDocTitle true and a title to show
  std::string language;           ///< the catalog's /Lang; empty when none
  std::string title;              ///< the document information's /Title (UTF-8); empty when none
  int painted_items = 0;          ///< text-showing, path-painting and image operators seen
  int tagged_items = 0;           ///< of those, inside content the structure tree reaches
  int artifact_items = 0;         ///< of those, inside an /Artifact
  int structure_elements = 0;     ///< elements in the structure tree
  std::vector<Finding> findings;  ///< in page order; document-wide ones first

  /// Marked, with a structure tree, a language and its title shown.
  bool Tagged() const { return marked && structure_tree && !language.empty() && title_shown; }
};

/// Checks the PDF `bytes` (called `name` in messages): whether it is tagged (/MarkInfo /Marked,
/// /StructTreeRoot, /Lang, the title shown); every painted item (Tj TJ ' " for text; S s f F f*
/// B B* b b* and sh for paths and shadings; Do and inline images BI) that is neither inside an
/// /Artifact nor inside a marked-content sequence whose MCID the structure tree reaches on that
/// page (and the ParentTree maps back to the same element); every TH without /Scope; every TD
/// with no header (no TH in its row, none in an earlier row of its table, and no /Headers); every
/// Figure without /Alt; every heading level skipped (H3 after H1, or a first heading below H1);
/// and every warning qpdf raised reading a damaged file.
/// nullopt, with `*error` set, when the bytes cannot be read as a PDF at all.
std::optional<PdfCheckResult> CheckPdf(const std::string& bytes, const std::string& name,
                                       std::string* error);

}  // namespace clerk::pdfcheck
