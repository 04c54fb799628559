#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "html/html.h"

namespace clerk {
class ZlibPacker;  // core/zlib_pack.h
}  // namespace clerk

/// The HTML twin held compressed. A build makes the twin while the pages are laid out and writes
/// it only after the PDF is drawn and saved, which is when the process is largest; a thousand
/// pages' twin is about 9 MB of text and about 1 MB deflated, and is deflated as it is written
/// (RenderPackedHtml), so that its text is never held whole.
namespace clerk::html {

/// Text packed with zlib's deflate (at its fastest level: it is unpacked within the same run),
/// or kept as it is when it is short.
class PackedHtml {
 public:
  /// Below this many bytes (of text) the twin is kept as it is: the memory saved is small
  /// beside what packing and unpacking cost. Packing costs about 50 instructions a byte on the
  /// second core, which at a few hundred pages is as long as the main thread's layout (the
  /// twin would then hold it up), while a twin of 4 MB is about a tenth of that run's memory.
  /// A thousand pages' twin (about 9 MB) is packed, which keeps that run under 100 MiB.
  static constexpr size_t kMinimumPackedSize = 4 << 20;

  PackedHtml() = default;

  /// The text again, byte for byte. Empties this.
  std::string Unpack();

  /// True when the text is held deflated.
  bool packed() const { return packed_; }
  /// The bytes held: the deflated stream, or the text itself.
  size_t held_size() const { return bytes_.size(); }

 private:
  friend class PackedHtmlWriter;
  PackedHtml(std::string bytes, size_t text_size, bool packed)
      : bytes_(std::move(bytes)), text_size_(text_size), packed_(packed) {}

  std::string bytes_;
  size_t text_size_ = 0;
  bool packed_ = false;
};

/// Packs a text given in pieces, in order (RenderHtml's sink): keeps the pieces as they are
/// until they come to `minimum_size` bytes, then deflates them and every later piece as it
/// comes, so that a long text is never held whole.
class PackedHtmlWriter final : public HtmlSink {
 public:
  explicit PackedHtmlWriter(size_t minimum_size = PackedHtml::kMinimumPackedSize);
  ~PackedHtmlWriter() override;

  void Write(std::string_view text) override;
  /// The text written, packed when it came to `minimum_size` bytes. Empties this.
  /// Throws std::runtime_error when zlib fails (only a lack of memory does that).
  PackedHtml Finish();

 private:
  /// Deflates the text held so far, then `more`, and from now on each piece as it comes.
  void StartPacking(std::string_view more);

  size_t minimum_size_;
  std::string text_;                    ///< the text, until packing starts
  std::unique_ptr<ZlibPacker> packer_;  ///< once packing has started
};

/// RenderHtml(document, settings) as a PackedHtml, deflated piece by piece as it is written.
PackedHtml RenderPackedHtml(const markup::Document& document, const HtmlSettings& settings);

}  // namespace clerk::html
