#pragma once

#include <cstddef>
#include <string>

/// The HTML twin held compressed. A build makes the twin while the pages are laid out and writes
/// it only after the PDF is drawn and saved, which is when the process is largest; a thousand
/// pages' twin is about 9 MB of text and about 1 MB deflated.
namespace clerk::html {

/// Text packed with zlib's deflate (at its fastest level: it is unpacked within the same run),
/// or kept as it is when it is short or packing fails.
class PackedHtml {
 public:
  /// Below this many bytes (of text) the twin is kept as it is: the memory saved is small
  /// beside what packing and unpacking cost.
  static constexpr size_t kMinimumPackedSize = 1 << 20;

  PackedHtml() = default;
  /// Packs `text` when it has at least `minimum_size` bytes.
  explicit PackedHtml(std::string text, size_t minimum_size = kMinimumPackedSize);

  /// The text again, byte for byte. Empties this.
  std::string Unpack();

  /// True when the text is held deflated.
  bool packed() const { return packed_; }
  /// The bytes held: the deflated stream, or the text itself.
  size_t held_size() const { return bytes_.size(); }

 private:
  std::string bytes_;
  size_t text_size_ = 0;
  bool packed_ = false;
};

}  // namespace clerk::html
