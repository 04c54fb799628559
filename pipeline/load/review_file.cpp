#include <cctype>

#include "load/files.h"

// review.yaml: the review's title, council and language.
namespace clerk::load {

namespace {

// A BCP 47 tag as papers use them: "en", "en-GB", "cy-GB".
bool IsLanguageTag(const std::string& tag) {
  size_t start = 0;
  for (int part = 0;; ++part) {
    size_t end = tag.find('-', start);
    std::string piece =
        tag.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t min = part == 0 ? 2 : 1;
    size_t max = part == 0 ? 3 : 8;
    if (piece.size() < min || piece.size() > max) return false;
    for (char c : piece) {
      if (!std::isalnum(static_cast<unsigned char>(c))) return false;
      if (part == 0 && !std::isalpha(static_cast<unsigned char>(c))) return false;
    }
    if (end == std::string::npos) return true;
    start = end + 1;
  }
}

}  // namespace

ReviewInfo LoadReviewInfo(const YamlDocument& document, Diagnostics& diagnostics) {
  ReviewInfo info;
  info.language = LocatedText{"en-GB", document.source.Whole()};
  const YamlNode* root = FileMap(document, "title: and council:", diagnostics);
  if (root == nullptr) return info;
  MapFields fields(*root, "review.yaml", {"title", "council", "language"}, diagnostics);
  if (auto title = ReadText(fields.Require("title"), diagnostics)) info.title = *title;
  if (auto council = ReadText(fields.Require("council"), diagnostics)) info.council = *council;
  if (auto language = ReadText(fields.Get("language"), diagnostics)) {
    if (IsLanguageTag(language->value)) {
      info.language = *language;
    } else {
      diagnostics.Error(language->where,
                        "language '" + language->value + "' is not a language tag like en-GB");
    }
  }
  return info;
}

}  // namespace clerk::load
