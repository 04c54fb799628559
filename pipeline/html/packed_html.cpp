#include "html/packed_html.h"

#include <zlib.h>

#include <stdexcept>
#include <utility>

namespace clerk::html {

namespace {

// One call each way: the sizes are known, so each buffer is made at its size once.
bool Deflate(const std::string& plain, std::string& packed) {
  z_stream zlib{};
  if (deflateInit(&zlib, Z_BEST_SPEED) != Z_OK) return false;
  packed.resize(deflateBound(&zlib, plain.size()));
  zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  zlib.avail_in = static_cast<uInt>(plain.size());
  zlib.next_out = reinterpret_cast<Bytef*>(packed.data());
  zlib.avail_out = static_cast<uInt>(packed.size());
  int status = deflate(&zlib, Z_FINISH);
  packed.resize(zlib.total_out);
  deflateEnd(&zlib);
  // Exact size: the bound is about the text's size, and what is saved is the point.
  packed.shrink_to_fit();
  return status == Z_STREAM_END;
}

bool Inflate(const std::string& packed, size_t plain_size, std::string& plain) {
  z_stream zlib{};
  if (inflateInit(&zlib) != Z_OK) return false;
  plain.resize(plain_size);
  zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  zlib.avail_in = static_cast<uInt>(packed.size());
  zlib.next_out = reinterpret_cast<Bytef*>(plain.data());
  zlib.avail_out = static_cast<uInt>(plain.size());
  int status = inflate(&zlib, Z_FINISH);
  bool whole = status == Z_STREAM_END && zlib.total_out == plain_size;
  inflateEnd(&zlib);
  return whole;
}

}  // namespace

PackedHtml::PackedHtml(std::string text, size_t minimum_size) : text_size_(text.size()) {
  // zlib counts in uInt: a twin of 4 GB is never made, but is then kept as it is.
  if (text.size() >= minimum_size && text.size() < (size_t{1} << 31) && Deflate(text, bytes_)) {
    packed_ = true;
    return;
  }
  bytes_ = std::move(text);
}

std::string PackedHtml::Unpack() {
  std::string text;
  if (!packed_) {
    text = std::move(bytes_);
  } else if (!Inflate(bytes_, text_size_, text)) {
    // What this object deflated always inflates: only a lack of memory gets here.
    throw std::runtime_error("cannot unpack the HTML twin");
  }
  bytes_ = std::string();
  text_size_ = 0;
  packed_ = false;
  return text;
}

}  // namespace clerk::html
