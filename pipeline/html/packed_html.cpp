#include "html/packed_html.h"

#include <stdexcept>
#include <utility>

#include "core/zlib_pack.h"

namespace clerk::html {

// zlib's fastest level: the twin is packed only to be held smaller for a while.
constexpr int kTwinPackLevel = 1;

PackedHtml::PackedHtml(std::string text, size_t minimum_size) : text_size_(text.size()) {
  // zlib counts in uInt: a twin of 4 GB is never made, but is then kept as it is.
  if (text.size() >= minimum_size && text.size() < (size_t{1} << 31) &&
      ZlibPack(text, kTwinPackLevel, bytes_)) {
    // Exact size: the bound is about the text's size, and what is saved is the point.
    bytes_.shrink_to_fit();
    packed_ = true;
    return;
  }
  bytes_ = std::move(text);
}

std::string PackedHtml::Unpack() {
  std::string text;
  if (!packed_) {
    text = std::move(bytes_);
  } else if (!ZlibUnpack(bytes_, text_size_, text)) {
    // What this object deflated always inflates: only a lack of memory gets here.
    throw std::runtime_error("cannot unpack the HTML twin");
  }
  bytes_ = std::string();
  text_size_ = 0;
  packed_ = false;
  return text;
}

}  // namespace clerk::html
