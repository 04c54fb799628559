#include "render/validate.h"

#include <cstdio>
#include <map>
#include <optional>
#include <variant>

#include "core/date.h"

namespace clerk::render {

namespace {

using layout::LaidOutDocument;

constexpr size_t kSnippetCharacters = 40;

struct Decoded {
  char32_t code_point = 0;
  size_t length = 0;  // bytes; 0 when the bytes at the position are not valid UTF-8
};

// One UTF-8 character at `at`; rejects overlong forms, surrogates and values past U+10FFFF.
Decoded DecodeUtf8(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1};
  size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || at + length > text.size()) return {};
  char32_t value = lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return {};
    value = (value << 6) | (byte(at + i) & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kSmallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return {};
  }
  return {value, length};
}

std::string CodePointName(char32_t code_point) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
  return buffer;
}

// The first kSnippetCharacters characters of `text`, cut at a character boundary.
std::string Snippet(std::string_view text) {
  size_t at = 0;
  for (size_t characters = 0; at < text.size() && characters < kSnippetCharacters; ++characters) {
    Decoded decoded = DecodeUtf8(text, at);
    if (decoded.length == 0) break;
    at += decoded.length;
  }
  std::string snippet(text.substr(0, at));
  if (at < text.size()) snippet += "…";
  return "“" + snippet + "”";
}

std::string PageName(int index) { return "page " + std::to_string(index + 1); }

class Validator {
 public:
  Validator(const LaidOutDocument& document, const FontFiles& fonts, Diagnostics& diagnostics)
      : document_(document), fonts_(fonts), diagnostics_(diagnostics) {}

  bool Run() {
    int errors_before = diagnostics_.ErrorCount();
    if (document_.pages.empty()) Error("the document has no pages");
    CheckAnchors();
    for (size_t page = 0; page < document_.pages.size(); ++page) {
      const layout::Page& content = document_.pages[page];
      for (const layout::PlacedItem& item : content.items) {
        std::visit([&](const auto& placed) { CheckItem(static_cast<int>(page), content, placed); },
                   item);
      }
    }
    CheckOutline();
    CheckPageLabels();
    CheckStructure();
    CheckInfo();
    return diagnostics_.ErrorCount() == errors_before;
  }

 private:
  void Error(std::string message, std::string hint = "") {
    Report(Severity::kError, std::move(message), std::move(hint));
  }

  void Report(Severity severity, std::string message, std::string hint = "",
              char32_t character = 0) {
    diagnostics_.Add({severity, {}, std::move(message), std::move(hint), character});
  }

  void CheckAnchors() {
    std::map<std::string, int> first_page;
    for (const layout::Anchor& anchor : document_.anchors) {
      if (anchor.page < 0 || anchor.page >= static_cast<int>(document_.pages.size())) {
        Error("the anchor '" + anchor.id + "' is on page " + std::to_string(anchor.page + 1) +
              ", but the document has " + std::to_string(document_.pages.size()) + " pages");
        continue;
      }
      auto [found, inserted] = first_page.emplace(anchor.id, anchor.page);
      if (!inserted) {
        Error("the anchor '" + anchor.id + "' is placed twice, on " + PageName(found->second) +
              " and on " + PageName(anchor.page));
      }
    }
    for (const auto& [id, page] : first_page) anchors_.insert(id);
  }

  void CheckElement(int page, int element, const char* what) {
    if (element < -1 || element >= static_cast<int>(document_.structure.size())) {
      Error(PageName(page) + ": " + what + " belongs to structure element " +
            std::to_string(element) + ", but there are only " +
            std::to_string(document_.structure.size()) + " elements");
    }
  }

  // Whether `span` lies inside the page's text; when not, the error is reported.
  bool CheckSpan(int page, const layout::Page& content, layout::TextSpan span, const char* what) {
    if (span.offset <= content.text.Size() && span.size <= content.text.Size() - span.offset) {
      return true;
    }
    Error(PageName(page) + ": " + what + " lies outside the page's text");
    return false;
  }

  void CheckItem(int page, const layout::Page& content, const layout::TextRun& run) {
    CheckElement(page, run.element, "a text run");
    if (!CheckSpan(page, content, run.text, "the text of a run")) return;
    if (run.paint > content.paints.size()) {
      Error(PageName(page) + ": a text run has paint " + std::to_string(run.paint) +
            ", but the page has " + std::to_string(content.paints.size()));
    }
    if (run.family >= document_.families.size()) {
      Error(PageName(page) + ": a text run is in family " + std::to_string(run.family) +
            ", but the document names " + std::to_string(document_.families.size()));
      return;
    }
    // Runs come in long stretches of one face: look its file up once per stretch.
    if (!last_face_ || run.style != last_style_ || run.family != last_family_) {
      last_face_ = FontFace{document_.families[run.family], run.style};
      last_family_ = run.family;
      last_style_ = run.style;
      auto file = fonts_.find(*last_face_);
      last_face_missing_ = file == fonts_.end() || file->second.empty();
    }
    const std::string_view text = content.Text(run);
    if (!text.empty() && last_face_missing_ && missing_faces_.insert(*last_face_).second) {
      Error(PageName(page) + ": no font file is named for the family '" + last_face_->family +
                "' in " + FontStyleName(run.style),
            "name one for that family and style in the style's font list");
    }
    std::optional<TextProblem> problem = UndrawableText(text);
    if (problem && text_problems_.insert(problem->phrase).second) {
      Report(problem->severity,
             PageName(page) + ": the text " + Snippet(text) + " " + problem->phrase,
             "replace the character in the input", problem->character);
    }
  }

  void CheckItem(int page, const layout::Page&, const layout::Rule& rule) {
    CheckElement(page, rule.element, "a rule");
  }

  void CheckItem(int page, const layout::Page&, const layout::Box& box) {
    CheckElement(page, box.element, "a box");
  }

  void CheckItem(int page, const layout::Page& content, const layout::LinkArea& link) {
    CheckElement(page, link.element, "a link");
    if (!CheckSpan(page, content, link.target, "the target of a link")) return;
    const std::string target(content.Target(link));
    if (anchors_.count(target) == 0) {
      Error(PageName(page) + ": a link points at the anchor '" + target +
            "', which is not in the document");
    }
  }

  void CheckOutline() {
    for (const layout::OutlineEntry& entry : document_.outline) {
      if (anchors_.count(entry.anchor) == 0) {
        Error("the bookmark '" + entry.title + "' points at the anchor '" + entry.anchor +
              "', which is not in the document");
      }
      if (entry.level < 1) {
        Error("the bookmark '" + entry.title + "' has level " + std::to_string(entry.level) +
              "; levels start at 1");
      }
      std::optional<TextProblem> problem = UndrawableText(entry.title);
      if (problem)
        Report(problem->severity, "the bookmark " + Snippet(entry.title) + " " + problem->phrase);
    }
  }

  void CheckPageLabels() {
    int previous = -1;
    for (const layout::PageLabelRange& range : document_.page_labels) {
      if (range.first_page <= previous ||
          range.first_page >= static_cast<int>(document_.pages.size())) {
        Error("page labels: a range starts on " + PageName(range.first_page) +
              "; ranges must start on pages of the document, in increasing order");
      }
      if (range.start < 1) {
        Error("page labels: the range from " + PageName(range.first_page) + " is numbered from " +
              std::to_string(range.start) + "; PDF page numbers start at 1 or more");
      }
      previous = range.first_page;
    }
  }

  void CheckStructure() {
    for (size_t i = 0; i < document_.structure.size(); ++i) {
      int parent = document_.structure[i].parent;
      // Parents come before their children, which keeps the tree free of cycles.
      if (parent < -1 || parent >= static_cast<int>(i)) {
        Error("structure element " + std::to_string(i) + " has parent " + std::to_string(parent) +
              "; a parent must be an earlier element, or -1 for a root");
      }
    }
  }

  void CheckInfo() {
    const layout::DocumentInfo& info = document_.info;
    if (info.date.empty()) {
      diagnostics_.Warning({}, "the document has no date, so the PDF has no creation date");
    } else if (!ParseIsoDay(info.date)) {
      Error("the document's date '" + info.date + "' is not a date of the form YYYY-MM-DD");
    }
    for (const std::string* text : {&info.title, &info.author, &info.subject, &info.keywords}) {
      std::optional<TextProblem> problem = UndrawableText(*text);
      if (problem) {
        Report(problem->severity,
               "the document information " + Snippet(*text) + " " + problem->phrase);
      }
    }
  }

  const LaidOutDocument& document_;
  const FontFiles& fonts_;
  Diagnostics& diagnostics_;
  std::set<std::string> anchors_;
  std::set<FontFace> missing_faces_;   // each reported once
  std::optional<FontFace> last_face_;  // of the last text run checked
  std::uint16_t last_family_ = 0;      // its family and style, as the run names them
  layout::FontStyle last_style_ = layout::FontStyle::kRegular;
  bool last_face_missing_ = false;       // whether last_face_ has no font file
  std::set<std::string> text_problems_;  // each reported once
};

}  // namespace

std::optional<TextProblem> UndrawableText(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    auto byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII, nearly all text: nothing to decode
      ++at;
      continue;
    }
    Decoded decoded = DecodeUtf8(text, at);
    if (decoded.length == 0) {
      return TextProblem{Severity::kError,
                         "is not valid UTF-8 (at byte " + std::to_string(at + 1) + ")"};
    }
    char32_t c = decoded.code_point;
    if (c > 0xFFFF) {
      return TextProblem{Severity::kWarning,
                         "has " + CodePointName(c) + " (" +
                             std::string(text.substr(at, decoded.length)) +
                             "), a character outside the Basic Multilingual Plane, which libharu "
                             "prints as a space",
                         c};
    }
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
      return TextProblem{Severity::kError, "has the control character " + CodePointName(c) +
                                               ", which cannot be printed"};
    }
    at += decoded.length;
  }
  return std::nullopt;
}

std::set<FontFace> UsedFaces(const LaidOutDocument& document) {
  std::set<FontFace> faces;
  for (const layout::Page& page : document.pages) {
    for (const layout::PlacedItem& item : page.items) {
      if (const auto* run = std::get_if<layout::TextRun>(&item)) {
        if (run->text.size != 0) faces.insert({document.FamilyName(run->family), run->style});
      }
    }
  }
  return faces;
}

bool ValidateDocument(const LaidOutDocument& document, const FontFiles& fonts,
                      Diagnostics& diagnostics) {
  return Validator(document, fonts, diagnostics).Run();
}

}  // namespace clerk::render
