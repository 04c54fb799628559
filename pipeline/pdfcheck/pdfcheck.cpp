#include "pdfcheck/pdfcheck.h"

#include <algorithm>
#include <exception>
#include <map>
#include <set>
#include <utility>

#include "pdfcheck/qpdf.h"
#include "pdfcheck/structure.h"

namespace clerk::pdfcheck {

namespace {

bool IsTrue(QPDFObjectHandle object) { return object.isBool() && object.getBoolValue(); }

std::string TextOf(QPDFObjectHandle object) {
  return object.isString() ? object.getUTF8Value() : std::string();
}

/// What a painting operator paints, for messages; nullptr for any other operator.
const char* PaintedKind(const std::string& op) {
  static const std::set<std::string> kText{"Tj", "TJ", "'", "\""};
  static const std::set<std::string> kPath{"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"};
  if (kText.count(op)) return "text";
  if (kPath.count(op)) return "a path";
  if (op == "sh") return "a shading";
  if (op == "Do") return "an XObject";
  if (op == "BI") return "an inline image";
  return nullptr;
}

/// Reads one page's content stream, following marked content, and judges each painted item.
class ContentScanner : public QPDFObjectHandle::ParserCallbacks {
 public:
  ContentScanner(QPDFObjectHandle resources, int page_number, const std::set<int>& reached,
                 const std::map<int, bool>& parent_tree_agrees, PdfCheckResult& result)
      : resources_(resources),
        page_number_(page_number),
        reached_(reached),
        parent_tree_agrees_(parent_tree_agrees),
        result_(result) {}

  void handleObject(QPDFObjectHandle object) override {
    if (!object.isOperator()) {
      operands_.push_back(object);
      return;
    }
    std::string op = object.getOperatorValue();
    if (op == "BMC" || op == "BDC") {
      Open(op);
    } else if (op == "EMC") {
      if (stack_.empty()) {
        Report("EMC without a BMC or BDC before it");
      } else {
        stack_.pop_back();
      }
    } else if (const char* kind = PaintedKind(op)) {
      Judge(op, kind);
    }
    operands_.clear();
  }

  void handleEOF() override {
    if (!stack_.empty()) {
      Report(std::to_string(stack_.size()) + " marked-content sequence(s) not closed by EMC");
    }
  }

 private:
  struct Mark {
    bool artifact = false;
    int mcid = -1;
  };

  void Open(const std::string& op) {
    Mark mark;
    if (!operands_.empty() && operands_.front().isName()) {
      mark.artifact = operands_.front().getName() == "/Artifact";
    }
    if (op == "BDC" && operands_.size() >= 2) {
      QPDFObjectHandle properties = operands_[1];
      if (properties.isName() && resources_.isDictionary()) {
        properties = Key(Key(resources_, "/Properties"), properties.getName());
      }
      if (properties.isDictionary() && properties.getKey("/MCID").isInteger()) {
        mark.mcid = properties.getKey("/MCID").getIntValueAsInt();
      }
    }
    stack_.push_back(mark);
  }

  void Judge(const std::string& op, const char* kind) {
    ++result_.painted_items;
    ++index_;
    bool artifact =
        std::any_of(stack_.begin(), stack_.end(), [](const Mark& m) { return m.artifact; });
    if (artifact) {
      ++result_.artifact_items;
      return;
    }
    int mcid = -1;
    for (auto mark = stack_.rbegin(); mark != stack_.rend(); ++mark) {
      if (mark->mcid >= 0) {
        mcid = mark->mcid;
        break;
      }
    }
    std::string what = std::string(kind) + " (" + op + ", painted item " + std::to_string(index_) +
                       " of the page)";
    if (mcid < 0) {
      Report(what +
             (stack_.empty() ? " is outside any marked content"
                             : " is in marked content without an MCID") +
             " and not an artifact");
    } else if (!reached_.count(mcid)) {
      Report(what + " is in marked content MCID " + std::to_string(mcid) +
             " that no structure element reaches");
    } else if (auto agrees = parent_tree_agrees_.find(mcid);
               agrees == parent_tree_agrees_.end() || !agrees->second) {
      Report(what + " is in MCID " + std::to_string(mcid) +
             ", which the ParentTree does not map to the element that holds it");
    } else {
      ++result_.tagged_items;
    }
  }

  void Report(const std::string& message) { result_.findings.push_back({page_number_, message}); }

  QPDFObjectHandle resources_;
  int page_number_;
  const std::set<int>& reached_;
  const std::map<int, bool>& parent_tree_agrees_;
  PdfCheckResult& result_;
  std::vector<QPDFObjectHandle> operands_;
  std::vector<Mark> stack_;
  int index_ = 0;
};

/// Whether the ParentTree maps `mcid` of the page with /StructParents `key` to `element`.
bool ParentTreeAgrees(QPDFObjectHandle parent_tree, QPDF& pdf, QPDFObjectHandle page, int mcid,
                      QPDFObjGen element) {
  if (!parent_tree.isDictionary() || !Key(page, "/StructParents").isInteger()) return false;
  QPDFNumberTreeObjectHelper tree(parent_tree, pdf);
  QPDFObjectHandle entry;
  if (!tree.findObject(page.getKey("/StructParents").getIntValueAsInt(), entry)) return false;
  if (!entry.isArray() || mcid >= entry.getArrayNItems()) return false;
  return entry.getArrayItem(mcid).getObjGen() == element;
}

void CheckCatalog(QPDF& pdf, PdfCheckResult& result) {
  QPDFObjectHandle root = pdf.getRoot();
  result.marked = IsTrue(Key(Key(root, "/MarkInfo"), "/Marked"));
  result.structure_tree = Key(root, "/StructTreeRoot").isDictionary();
  result.language = TextOf(Key(root, "/Lang"));
  result.title = TextOf(Key(Key(pdf.getTrailer(), "/Info"), "/Title"));
  result.title_shown =
      IsTrue(Key(Key(root, "/ViewerPreferences"), "/DisplayDocTitle")) && !result.title.empty();
  if (!result.marked) {
    result.findings.push_back({0, "not marked: the catalog has no /MarkInfo with /Marked true"});
  }
  if (!result.structure_tree) {
    result.findings.push_back({0, "no structure tree: the catalog has no /StructTreeRoot"});
  }
  if (result.language.empty()) {
    result.findings.push_back({0, "no language: the catalog has no /Lang"});
  }
  if (result.title.empty()) {
    result.findings.push_back({0, "no title: the document information has no /Title"});
  } else if (!result.title_shown) {
    result.findings.push_back(
        {0, "the title is not shown: /ViewerPreferences has no /DisplayDocTitle true"});
  }
}

void Check(QPDF& pdf, PdfCheckResult& result) {
  CheckCatalog(pdf, result);
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
  result.pages = static_cast<int>(pages.size());
  std::map<QPDFObjGen, int> page_numbers;
  for (size_t i = 0; i < pages.size(); ++i) {
    page_numbers[pages[i].getObjectHandle().getObjGen()] = static_cast<int>(i) + 1;
  }

  QPDFObjectHandle tree_root = Key(pdf.getRoot(), "/StructTreeRoot");
  StructureSummary structure = WalkStructure(tree_root, page_numbers, result.findings);
  result.structure_elements = structure.elements;
  QPDFObjectHandle parent_tree =
      tree_root.isDictionary() ? tree_root.getKey("/ParentTree") : QPDFObjectHandle::newNull();

  for (size_t i = 0; i < pages.size(); ++i) {
    int number = static_cast<int>(i) + 1;
    QPDFObjectHandle page = pages[i].getObjectHandle();
    std::set<int> reached;
    std::map<int, bool> agrees;
    for (const auto& [mcid, element] : structure.mcids[number]) {
      reached.insert(mcid);
      agrees[mcid] = ParentTreeAgrees(parent_tree, pdf, page, mcid, element);
    }
    ContentScanner scanner(pages[i].getAttribute("/Resources", false), number, reached, agrees,
                           result);
    try {
      pages[i].parseContents(&scanner);
    } catch (const std::exception& error) {
      result.findings.push_back(
          {number, std::string("its content cannot be read: ") + error.what()});
    }
  }
  for (const QPDFExc& warning : pdf.getWarnings()) {
    result.findings.push_back({0, std::string("damaged: ") + warning.what()});
  }
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.page < b.page; });
}

}  // namespace

std::optional<PdfCheckResult> CheckPdf(const std::string& bytes, const std::string& name,
                                       std::string* error) {
  PdfCheckResult result;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile(name.c_str(), bytes.data(), bytes.size());
    Check(pdf, result);
  } catch (const std::exception& failure) {
    if (error) *error = failure.what();
    return std::nullopt;
  }
  return result;
}

}  // namespace clerk::pdfcheck
