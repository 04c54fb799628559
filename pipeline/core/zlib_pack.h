#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

struct z_stream_s;  // zlib's stream state (zlib.h): kept out of this header

/// zlib compression for the HTML twin held packed: ZlibPacker deflates text piece by piece as it
/// is written, so that it is never held whole, and ZlibUnpack gives it back in one call. (The
/// PDF's streams are compressed by render's Deflate, with libdeflate.)
namespace clerk {

/// Writes into `plain` the `plain_size` bytes that `packed` (a zlib stream, as ZlibPacker makes)
/// holds. False when they are not exactly that many, or zlib fails.
bool ZlibUnpack(std::string_view packed, size_t plain_size, std::string& plain);

/// One zlib stream (deflateInit's defaults: 15-bit window, memLevel 8) made from text given in
/// pieces, in order: the pieces' concatenation is what ZlibUnpack gives back. The packed bytes
/// grow as the pieces come; only zlib's own state (about 260 KB at the default window) is held
/// besides them.
class ZlibPacker {
 public:
  /// A stream at zlib `level` (0-9). zlib's state is made with the first piece.
  explicit ZlibPacker(int level);
  ~ZlibPacker();
  ZlibPacker(const ZlibPacker&) = delete;
  ZlibPacker& operator=(const ZlibPacker&) = delete;

  /// Deflates `plain` after the pieces before it. False when zlib fails (it runs out of memory);
  /// every later call is then false too.
  bool Add(std::string_view plain);
  /// Ends the stream: packed() is then whole. False when zlib fails, or already finished.
  bool Finish();

  /// The packed bytes made so far; the whole stream after Finish().
  std::string_view packed() const;
  /// The packed bytes, taken (their capacity may be larger: shrink_to_fit to hold less); ends
  /// the stream, whole or not, and nothing more can be added.
  std::string TakePacked();
  /// How many plain bytes have been added.
  size_t plain_size() const { return plain_size_; }

 private:
  bool Start();
  /// Runs deflate over `plain` with zlib's `flush` mode, making room as it needs it.
  bool Deflate(std::string_view plain, int flush);
  /// Makes the room after the packed bytes larger and points zlib's output there.
  void GrowRoom();

  int level_;
  std::unique_ptr<z_stream_s> zlib_;
  std::string packed_;  ///< the packed bytes, then room: its size is what zlib may write to
  size_t plain_size_ = 0;
  bool failed_ = false;
  bool finished_ = false;
};

}  // namespace clerk
