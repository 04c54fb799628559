#include "core/zlib_pack.h"

#include <zlib.h>

#include <algorithm>

namespace clerk {

bool ZlibPack(std::string_view plain, int level, std::string& packed) {
  z_stream zlib{};
  if (deflateInit(&zlib, level) != Z_OK) return false;
  packed.resize(std::max<size_t>(packed.size(), deflateBound(&zlib, plain.size())));
  zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  zlib.avail_in = static_cast<uInt>(plain.size());
  zlib.next_out = reinterpret_cast<Bytef*>(packed.data());
  zlib.avail_out = static_cast<uInt>(packed.size());
  // deflateBound is room enough for Z_FINISH to end the stream in one call.
  int status = deflate(&zlib, Z_FINISH);
  packed.resize(zlib.total_out);
  deflateEnd(&zlib);
  return status == Z_STREAM_END;
}

bool ZlibUnpack(std::string_view packed, size_t plain_size, std::string& plain) {
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

}  // namespace clerk
