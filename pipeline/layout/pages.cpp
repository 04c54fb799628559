#include "layout/pages.h"

#include <limits>
#include <stdexcept>

namespace clerk::layout {

TextSpan TextStore::Add(std::string_view text) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max() - bytes_.size()) {
    throw std::length_error("a page's text is larger than 4 GiB");
  }
  TextSpan span{static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(text.size())};
  bytes_.append(text);
  return span;
}

void TextStore::Fit(size_t spare) {
  size_t wanted = bytes_.size() + spare;
  if (bytes_.capacity() <= wanted + wanted / 8) return;
  std::string fitted;
  fitted.reserve(wanted);
  fitted = bytes_;
  bytes_.swap(fitted);
}

void Page::AddRun(TextRun run, std::string_view shown) {
  run.text = text.Add(shown);
  items.push_back(run);
}

void Page::AddLink(LinkArea link, std::string_view target) {
  link.target = text.Add(target);
  items.push_back(link);
}

std::uint8_t Page::AddPaint(const TextPaint& paint) {
  for (size_t i = 0; i < paints.size(); ++i) {
    if (paints[i].gray == paint.gray && paints[i].angle == paint.angle) {
      return static_cast<std::uint8_t>(i + 1);
    }
  }
  if (paints.size() >= std::numeric_limits<std::uint8_t>::max()) {
    throw std::length_error("a page has more than 255 kinds of gray or turned text");
  }
  paints.push_back(paint);
  return static_cast<std::uint8_t>(paints.size());
}

void Page::ReleaseContent() {
  std::vector<PlacedItem>().swap(items);
  text.Release();
  std::vector<TextPaint>().swap(paints);
}

std::uint16_t LaidOutDocument::FamilyIndex(const std::string& family) {
  for (size_t i = 0; i < families.size(); ++i) {
    if (families[i] == family) return static_cast<std::uint16_t>(i);
  }
  if (families.size() > std::numeric_limits<std::uint16_t>::max()) {
    throw std::length_error("a document names more than 65,536 font families");
  }
  families.push_back(family);
  return static_cast<std::uint16_t>(families.size() - 1);
}

const std::string& LaidOutDocument::FamilyName(std::uint16_t index) const {
  static const std::string kNone;
  return index < families.size() ? families[index] : kNone;
}

}  // namespace clerk::layout
