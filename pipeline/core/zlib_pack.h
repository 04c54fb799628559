#pragma once

#include <string>
#include <string_view>

/// Whole-buffer zlib compression, in one call each way: for callers that hold all the bytes and
/// know the plain size (the PDF's streams, the HTML twin held packed).
namespace clerk {

/// Writes `plain` to `packed` in the zlib format (what PDF's /FlateDecode reads) at zlib `level`
/// (0-9), with deflateInit's defaults (15-bit window, memLevel 8), using the room `packed` has
/// (made larger when zlib may need more). False when zlib fails (it runs out of memory).
bool ZlibPack(std::string_view plain, int level, std::string& packed);

/// Writes into `plain` the `plain_size` bytes that `packed` (ZlibPack's output) holds. False when
/// they are not exactly that many, or zlib fails.
bool ZlibUnpack(std::string_view packed, size_t plain_size, std::string& plain);

}  // namespace clerk
