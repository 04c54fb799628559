#include "core/zlib_pack.h"

#include <zlib.h>

#include <algorithm>
#include <utility>

namespace clerk {

namespace {

// zlib counts in uInt: longer text is given to it in slices of this many bytes.
constexpr size_t kLargestSlice = size_t{1} << 30;
// The first room made for packed bytes; it then doubles, as a std::string's capacity would.
constexpr size_t kFirstRoom = 64 * 1024;

}  // namespace

bool ZlibUnpack(std::string_view packed, size_t plain_size, std::string& plain) {
  z_stream zlib{};
  if (inflateInit(&zlib) != Z_OK) return false;
  plain.resize(plain_size);
  zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  zlib.next_out = reinterpret_cast<Bytef*>(plain.data());
  size_t in_left = packed.size();
  size_t out_left = plain.size();
  int status = Z_OK;
  // Each call makes progress or says why not: Z_BUF_ERROR when the input ends early or the room
  // is full before the stream's end (plain_size too small).
  while (status == Z_OK) {
    const size_t in_slice = std::min(in_left, kLargestSlice);
    const size_t out_slice = std::min(out_left, kLargestSlice);
    zlib.avail_in = static_cast<uInt>(in_slice);
    zlib.avail_out = static_cast<uInt>(out_slice);
    status = inflate(&zlib, Z_NO_FLUSH);
    in_left -= in_slice - zlib.avail_in;
    out_left -= out_slice - zlib.avail_out;
  }
  bool whole = status == Z_STREAM_END && zlib.total_out == plain_size;
  inflateEnd(&zlib);
  return whole;
}

ZlibPacker::ZlibPacker(int level) : level_(level) {}

ZlibPacker::~ZlibPacker() {
  if (zlib_) deflateEnd(zlib_.get());
}

bool ZlibPacker::Start() {
  zlib_ = std::make_unique<z_stream>();
  if (deflateInit(zlib_.get(), level_) == Z_OK) return true;
  zlib_.reset();
  failed_ = true;
  return false;
}

bool ZlibPacker::Add(std::string_view plain) {
  if (failed_ || finished_ || (!zlib_ && !Start())) return false;
  plain_size_ += plain.size();
  while (plain.size() > kLargestSlice) {
    if (!Deflate(plain.substr(0, kLargestSlice), Z_NO_FLUSH)) return false;
    plain.remove_prefix(kLargestSlice);
  }
  return Deflate(plain, Z_NO_FLUSH);
}

bool ZlibPacker::Finish() {
  if (failed_ || finished_ || (!zlib_ && !Start())) return false;
  finished_ = true;
  return Deflate(std::string_view(), Z_FINISH);
}

std::string_view ZlibPacker::packed() const {
  return zlib_ ? std::string_view(packed_.data(), zlib_->total_out) : std::string_view();
}

std::string ZlibPacker::TakePacked() {
  packed_.resize(packed().size());
  if (zlib_) deflateEnd(zlib_.get());
  zlib_.reset();
  finished_ = true;
  return std::exchange(packed_, std::string());
}

bool ZlibPacker::Deflate(std::string_view plain, int flush) {
  zlib_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  zlib_->avail_in = static_cast<uInt>(plain.size());
  // With room left after a call, deflate has taken all the input (Z_NO_FLUSH); Z_FINISH is
  // done only at Z_STREAM_END. Z_BUF_ERROR only says that no progress was possible.
  while (true) {
    if (zlib_->avail_out == 0) GrowRoom();
    int status = deflate(zlib_.get(), flush);
    if (status != Z_OK && status != Z_BUF_ERROR && status != Z_STREAM_END) break;
    if (flush == Z_FINISH ? status == Z_STREAM_END : zlib_->avail_out != 0) return true;
  }
  failed_ = true;
  return false;
}

void ZlibPacker::GrowRoom() {
  const size_t used = zlib_->total_out;
  packed_.resize(std::min(std::max(kFirstRoom, 2 * packed_.size()), used + kLargestSlice));
  zlib_->next_out = reinterpret_cast<Bytef*>(packed_.data() + used);
  zlib_->avail_out = static_cast<uInt>(packed_.size() - used);
}

}  // namespace clerk
