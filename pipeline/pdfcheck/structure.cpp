#include "pdfcheck/structure.h"

#include <set>
#include <string>

namespace clerk::pdfcheck {

namespace {

/// The attribute `key` of the /Table owner in an element's /A (a dictionary, or an array of
/// dictionaries and revision numbers); null when absent.
QPDFObjectHandle TableAttribute(QPDFObjectHandle element, const std::string& key) {
  QPDFObjectHandle attributes = element.getKey("/A");
  std::vector<QPDFObjectHandle> candidates;
  if (attributes.isDictionary()) candidates.push_back(attributes);
  if (attributes.isArray()) {
    for (int i = 0; i < attributes.getArrayNItems(); ++i) {
      if (attributes.getArrayItem(i).isDictionary())
        candidates.push_back(attributes.getArrayItem(i));
    }
  }
  for (QPDFObjectHandle candidate : candidates) {
    QPDFObjectHandle owner = candidate.getKey("/O");
    if (owner.isName() && owner.getName() == "/Table" && candidate.hasKey(key)) {
      return candidate.getKey(key);
    }
  }
  return QPDFObjectHandle::newNull();
}

class Walker {
 public:
  Walker(QPDFObjectHandle role_map, const std::map<QPDFObjGen, int>& page_numbers,
         std::vector<Finding>& findings)
      : role_map_(role_map), page_numbers_(page_numbers), findings_(findings) {}

  /// Walks a /K value (an element, an MCID, a marked-content or object reference, or an array
  /// of them) whose owner is on page `page` (0: unknown).
  void Kids(QPDFObjectHandle kids, QPDFObjectHandle owner, int page) {
    if (kids.isArray()) {
      for (int i = 0; i < kids.getArrayNItems(); ++i) Kids(kids.getArrayItem(i), owner, page);
      return;
    }
    if (kids.isInteger()) {
      Claim(page, kids.getIntValueAsInt(), owner);
      return;
    }
    if (!kids.isDictionary()) return;
    QPDFObjectHandle type = kids.getKey("/Type");
    std::string type_name = type.isName() ? type.getName() : "";
    if (type_name == "/MCR") {
      int mcr_page = kids.hasKey("/Pg") ? PageOf(kids.getKey("/Pg")) : page;
      if (kids.getKey("/MCID").isInteger() && !kids.hasKey("/Stm")) {
        Claim(mcr_page, kids.getKey("/MCID").getIntValueAsInt(), owner);
      }
      return;
    }
    if (type_name == "/OBJR" || !kids.getKey("/S").isName()) return;
    Element(kids, page);
  }

  StructureSummary Take() { return std::move(summary_); }

 private:
  void Element(QPDFObjectHandle element, int inherited_page) {
    if (element.isIndirect() && !visited_.insert(element.getObjGen()).second) return;
    ++summary_.elements;
    int page = element.hasKey("/Pg") ? PageOf(element.getKey("/Pg")) : inherited_page;
    std::string type = TypeOf(element);
    if (type.size() == 2 && type[0] == 'H' && type[1] >= '1' && type[1] <= '6') {
      int level = type[1] - '0';
      if (level > heading_level_ + 1) {
        Report(page, heading_level_ == 0 ? "the first heading is " + type + ", not H1"
                                         : "heading level skipped: " + type + " follows H" +
                                               std::to_string(heading_level_));
      }
      heading_level_ = level;
    } else if (type == "Figure") {
      bool alt = !element.getKey("/Alt").isNull() || !element.getKey("/ActualText").isNull();
      if (!alt) Report(page, "Figure without alternative text (/Alt)");
    } else if (type == "Table") {
      CheckTable(element, page);
    }
    Kids(element.getKey("/K"), element, page);
  }

  /// Each TH has a /Scope; each TD has a header: a TH in its own row, a TH in an earlier row of
  /// the table, or a /Headers attribute. (Columns are not matched: spans are often not tagged.)
  void CheckTable(QPDFObjectHandle table, int page) {
    int number = ++tables_;
    std::vector<QPDFObjectHandle> rows;
    CollectRows(table.getKey("/K"), rows, 0);
    bool column_headers = false;
    for (size_t r = 0; r < rows.size(); ++r) {
      std::vector<QPDFObjectHandle> cells;
      QPDFObjectHandle kids = rows[r].getKey("/K");
      if (kids.isDictionary()) cells.push_back(kids);
      if (kids.isArray()) {
        for (int i = 0; i < kids.getArrayNItems(); ++i) {
          if (kids.getArrayItem(i).isDictionary()) cells.push_back(kids.getArrayItem(i));
        }
      }
      bool row_header = false;
      bool sets_columns = false;
      for (QPDFObjectHandle cell : cells) {
        if (TypeOf(cell) != "TH") continue;
        row_header = true;
        QPDFObjectHandle scope = TableAttribute(cell, "/Scope");
        std::string scope_name = scope.isName() ? scope.getName() : "";
        if (scope_name.empty()) {
          Report(PageOf(cell, page), "TH without /Scope (table " + std::to_string(number) +
                                         ", row " + std::to_string(r + 1) + ")");
        }
        if (scope_name != "/Row") sets_columns = true;
      }
      for (size_t c = 0; c < cells.size(); ++c) {
        if (TypeOf(cells[c]) != "TD" || row_header || column_headers) continue;
        if (!TableAttribute(cells[c], "/Headers").isNull()) continue;
        Report(PageOf(cells[c], page), "TD without a header (table " + std::to_string(number) +
                                           ", row " + std::to_string(r + 1) + ", cell " +
                                           std::to_string(c + 1) + ")");
      }
      column_headers = column_headers || sets_columns;
    }
  }

  void CollectRows(QPDFObjectHandle kids, std::vector<QPDFObjectHandle>& rows, int depth) {
    if (depth > 3) return;
    if (kids.isArray()) {
      for (int i = 0; i < kids.getArrayNItems(); ++i) {
        CollectRows(kids.getArrayItem(i), rows, depth);
      }
      return;
    }
    if (!kids.isDictionary()) return;
    std::string type = TypeOf(kids);
    if (type == "TR") {
      rows.push_back(kids);
    } else if (type == "THead" || type == "TBody" || type == "TFoot") {
      CollectRows(kids.getKey("/K"), rows, depth + 1);
    }
  }

  /// The standard type of an element, through the /RoleMap: "H1", "TD", ...
  std::string TypeOf(QPDFObjectHandle element) {
    QPDFObjectHandle type = element.getKey("/S");
    std::set<std::string> seen;
    while (type.isName() && role_map_.isDictionary() && role_map_.hasKey(type.getName()) &&
           seen.insert(type.getName()).second) {
      type = role_map_.getKey(type.getName());
    }
    return type.isName() ? type.getName().substr(1) : "";
  }

  int PageOf(QPDFObjectHandle page) {
    auto found = page_numbers_.find(page.getObjGen());
    return found == page_numbers_.end() ? 0 : found->second;
  }
  int PageOf(QPDFObjectHandle element, int fallback) {
    return element.hasKey("/Pg") ? PageOf(element.getKey("/Pg")) : fallback;
  }

  void Claim(int page, int mcid, QPDFObjectHandle owner) {
    if (page > 0) summary_.mcids[page].emplace(mcid, owner.getObjGen());
  }

  void Report(int page, const std::string& message) { findings_.push_back({page, message}); }

  QPDFObjectHandle role_map_;
  const std::map<QPDFObjGen, int>& page_numbers_;
  std::vector<Finding>& findings_;
  StructureSummary summary_;
  std::set<QPDFObjGen> visited_;
  int heading_level_ = 0;
  int tables_ = 0;
};

}  // namespace

StructureSummary WalkStructure(QPDFObjectHandle tree_root,
                               const std::map<QPDFObjGen, int>& page_numbers,
                               std::vector<Finding>& findings) {
  if (!tree_root.isDictionary()) return {};
  Walker walker(tree_root.getKey("/RoleMap"), page_numbers, findings);
  walker.Kids(tree_root.getKey("/K"), tree_root, 0);
  return walker.Take();
}

}  // namespace clerk::pdfcheck
