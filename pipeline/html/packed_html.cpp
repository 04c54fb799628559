#include "html/packed_html.h"

#include <stdexcept>
#include <utility>

#include "core/zlib_pack.h"

namespace clerk::html {

// zlib's fastest level: the twin is packed only to be held smaller for a while.
constexpr int kTwinPackLevel = 1;

std::string PackedHtml::Unpack() {
  std::string text;
  if (!packed_) {
    text = std::move(bytes_);
  } else if (!ZlibUnpack(bytes_, text_size_, text)) {
    // What this object deflated always inflates: only a lack of memory gets here.
    throw std::runtime_error("cannot unpack the HTML twin");
  }
  std::string().swap(bytes_);  // its room too (assigning an empty string would keep it)
  text_size_ = 0;
  packed_ = false;
  return text;
}

PackedHtmlWriter::PackedHtmlWriter(size_t minimum_size) : minimum_size_(minimum_size) {}

PackedHtmlWriter::~PackedHtmlWriter() = default;

void PackedHtmlWriter::Write(std::string_view text) {
  if (packer_) {
    if (!packer_->Add(text)) throw std::runtime_error("cannot pack the HTML twin");
    return;
  }
  if (text_.size() + text.size() >= minimum_size_) {
    StartPacking(text);
  } else {
    text_ += text;
  }
}

void PackedHtmlWriter::StartPacking(std::string_view more) {
  packer_ = std::make_unique<ZlibPacker>(kTwinPackLevel);
  if (!packer_->Add(text_) || !packer_->Add(more)) {
    throw std::runtime_error("cannot pack the HTML twin");
  }
  // Swapped, not assigned: assigning an empty std::string keeps the room, and the point is not
  // to hold the text.
  std::string().swap(text_);
}

PackedHtml PackedHtmlWriter::Finish() {
  // A text that never came to the minimum is kept as it is (an empty one is packed when the
  // minimum is 0, as the rule says).
  if (!packer_ && text_.size() < minimum_size_) {
    size_t size = text_.size();
    return PackedHtml(std::exchange(text_, std::string()), size, false);
  }
  if (!packer_) StartPacking(std::string_view());
  if (!packer_->Finish()) throw std::runtime_error("cannot pack the HTML twin");
  size_t size = packer_->plain_size();
  std::string bytes = packer_->TakePacked();
  packer_.reset();
  // Exact size: the room zlib was given doubled as it filled, and what is saved is the point.
  bytes.shrink_to_fit();
  return PackedHtml(std::move(bytes), size, true);
}

PackedHtml RenderPackedHtml(const markup::Document& document, const HtmlSettings& settings) {
  PackedHtmlWriter writer;
  RenderHtml(document, settings, writer);
  return writer.Finish();
}

}  // namespace clerk::html
