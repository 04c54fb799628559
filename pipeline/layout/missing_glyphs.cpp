#include "layout/missing_glyphs.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <string_view>
#include <utility>

namespace clerk::layout {

namespace {

constexpr FontStyle kAllStyles[] = {FontStyle::kRegular, FontStyle::kBold, FontStyle::kItalic,
                                    FontStyle::kBoldItalic};
constexpr const char* kStyleNames[] = {"regular", "bold", "italic", "bold italic"};

// One font family of the style, by the name the clerk knows it by, and the faces layout uses.
struct Family {
  std::string name;  // "Liberation Sans"
  std::array<const FontMetrics*, 4> faces{};
};

std::string JoinWords(const std::vector<std::string>& words) {
  std::string joined;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) joined += i + 1 == words.size() ? " and " : ", ";
    joined += words[i];
  }
  return joined;
}

// Which faces lack a character, as the warning says it: "the font Liberation Sans (italic) has
// no glyph"; empty when every face has it.
class GlyphTable {
 public:
  GlyphTable(const Style& style, const FontSet& fonts) {
    std::set<std::string> seen;
    for (const auto& [role, faces] : style.fonts) {
      if (!seen.insert(faces.family_name).second) continue;
      Family& family = families_.emplace_back();
      family.name = faces.family_name;
      for (FontStyle face : kAllStyles) {
        family.faces[static_cast<size_t>(face)] = &fonts.Face(role, face);
      }
    }
  }

  // The lacking faces of `c`, said as a warning's subject and verb, and whether every face
  // lacks it; an empty subject when none does.
  const std::pair<std::string, bool>& Lacking(char32_t c) {
    auto known = lacking_.find(c);
    if (known != lacking_.end()) return known->second;
    std::vector<std::string> fonts;
    bool all = true;
    for (const Family& family : families_) {
      std::vector<std::string> styles;
      for (FontStyle face : kAllStyles) {
        if (!family.faces[static_cast<size_t>(face)]->HasGlyph(c)) {
          styles.push_back(kStyleNames[static_cast<size_t>(face)]);
        }
      }
      if (styles.size() < 4) all = false;
      if (!styles.empty()) fonts.push_back(family.name + " (" + JoinWords(styles) + ")");
    }
    std::string subject;
    if (fonts.size() == 1) subject = "the font " + fonts[0] + " has";
    if (fonts.size() > 1) subject = "the fonts " + JoinWords(fonts) + " have";
    return lacking_.emplace(c, std::make_pair(subject, all)).first->second;
  }

 private:
  std::vector<Family> families_;
  std::map<char32_t, std::pair<std::string, bool>> lacking_;
};

// The index of the first byte of `text` from `i` on that is not ASCII (text.size() when none
// is), looked at eight bytes at a time: the review's text is nearly all ASCII.
size_t NextNonAscii(const std::string& text, size_t i) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080u;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t eight;
    std::memcpy(&eight, text.data() + i, sizeof eight);
    if ((eight & kHighBits) != 0) break;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

// A character lacking in some face, where it is first in a file and how many more fields of
// that file have it.
struct Finding {
  char32_t c = 0;
  const SourceLocation* where = nullptr;
  int more = 0;
};

}  // namespace

std::string CodePointName(char32_t code_point) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(code_point));
  return code;
}

std::string MissingGlyphHint(char32_t code_point) {
  return code_point > 0xFFFF
             ? "characters beyond U+FFFF cannot be printed; write the text without them"
             : "write the text without it, or choose a font that has it in templates/style.yaml";
}

std::set<char32_t> CheckTextGlyphs(const std::vector<const LocatedText*>& texts, const Style& style,
                                   const FontSet& fonts, Diagnostics& diagnostics) {
  std::set<char32_t> reported;
  if (fonts.Empty()) return reported;
  GlyphTable table(style, fonts);
  // ASCII is nearly all the text: whether each character is lacking, decided once.
  std::array<bool, 0x80> ascii_lacking{};
  for (char32_t c = 0x20; c < 0x7F; ++c) ascii_lacking[c] = !table.Lacking(c).first.empty();
  // As with any text font: then only the bytes of other characters need looking at.
  const bool ascii_complete = std::none_of(ascii_lacking.begin(), ascii_lacking.end(),
                                           [](bool lacking) { return lacking; });

  std::vector<Finding> findings;                                          // in the order found
  std::map<std::pair<std::string_view, char32_t>, size_t> first_in_file;  // -> findings index
  std::set<char32_t> in_field;
  for (const LocatedText* text : texts) {
    in_field.clear();
    const std::string& value = text->value;
    size_t i = 0;
    while (i < value.size()) {
      if (ascii_complete) {
        i = NextNonAscii(value, i);
        if (i == value.size()) break;
      } else if (static_cast<unsigned char>(value[i]) < 0x80 &&
                 !ascii_lacking[static_cast<unsigned char>(value[i])]) {
        ++i;
        continue;
      }
      char32_t c = DecodeUtf8(value, &i);
      // Control characters are load's to report; they are never drawn.
      if (c < 0x20 || c == 0x7F) continue;
      if (c < 0x80 ? !ascii_lacking[c] : table.Lacking(c).first.empty()) continue;
      if (!in_field.insert(c).second) continue;
      auto [at, added] = first_in_file.emplace(
          std::make_pair(std::string_view(text->where.file), c), findings.size());
      if (added) {
        findings.push_back(Finding{c, &text->where, 0});
      } else {
        ++findings[at->second].more;
      }
    }
  }
  for (const Finding& finding : findings) {
    const auto& [subject, all] = table.Lacking(finding.c);
    std::string shown;
    AppendUtf8(finding.c, shown);
    std::string message = subject + " no glyph for \"" + shown + "\" (" + CodePointName(finding.c) +
                          "); it will print as an empty box";
    if (!all) message += " where the text is set in a face without it";
    if (finding.more > 0) {
      message += " (and it is in " + std::to_string(finding.more) + " more text field" +
                 (finding.more == 1 ? "" : "s") + " of this file)";
    }
    diagnostics.Add({Severity::kWarning, *finding.where, std::move(message),
                     MissingGlyphHint(finding.c), finding.c});
    reported.insert(finding.c);
  }
  return reported;
}

}  // namespace clerk::layout
