#pragma once

#include <map>
#include <string>
#include <vector>

#include "pdfcheck/pdfcheck.h"
#include "pdfcheck/qpdf.h"

/// Inside pdfcheck: the walk of a PDF's structure tree (qpdf types stay in this stage).
namespace clerk::pdfcheck {

/// object[key], or null when `object` is not a dictionary (qpdf would warn, as about damage).
inline QPDFObjectHandle Key(QPDFObjectHandle object, const std::string& key) {
  return object.isDictionary() ? object.getKey(key) : QPDFObjectHandle::newNull();
}

/// What the structure tree reaches.
struct StructureSummary {
  int elements = 0;
  /// Per 1-based page: each MCID a structure element claims there, and that element.
  std::map<int, std::map<int, QPDFObjGen>> mcids;
};

/// Walks the tree under `tree_root` (a /StructTreeRoot, or null) in document order, resolving
/// its /RoleMap, and adds to `findings` every TH without /Scope, TD without a header, Figure
/// without /Alt and skipped heading level. `page_numbers` maps page objects to 1-based numbers.
StructureSummary WalkStructure(QPDFObjectHandle tree_root,
                               const std::map<QPDFObjGen, int>& page_numbers,
                               std::vector<Finding>& findings);

}  // namespace clerk::pdfcheck
