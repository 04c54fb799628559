// Compares zlib's and libdeflate's levels on the compressed streams of a PDF clerk wrote: how
// render/deflater.h's kPageCompressionLevel was chosen. Built and run by bench/deflate_levels.
//
// Usage: deflate_levels FILE.pdf
// Prints the streams' plain size, then per compressor and level the compressed size of them all
// and the best of five times to compress them (one thread, a compressor made once per pass).
#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

namespace {

// The PDF's Flate streams, inflated: clerk writes each stream's data between "stream\r\n" and
// "endstream", whole (no object streams).
std::vector<std::string> PlainStreams(const std::string& pdf) {
  std::vector<std::string> streams;
  const std::string kStart = "stream\r\n";
  for (size_t at = pdf.find(kStart); at != std::string::npos; at = pdf.find(kStart, at)) {
    if (at >= 3 && pdf.compare(at - 3, 3, "end") == 0) {  // "endstream\r\n"
      at += kStart.size();
      continue;
    }
    size_t begin = at + kStart.size();
    size_t end = pdf.find("endstream", begin);
    if (end == std::string::npos) break;
    z_stream zlib{};
    inflateInit(&zlib);
    std::string plain;
    std::string room(1 << 16, '\0');
    zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pdf.data() + begin));
    zlib.avail_in = static_cast<uInt>(end - begin);
    int status = Z_OK;
    while (status == Z_OK) {
      zlib.next_out = reinterpret_cast<Bytef*>(room.data());
      zlib.avail_out = static_cast<uInt>(room.size());
      status = inflate(&zlib, Z_NO_FLUSH);
      plain.append(room.data(), room.size() - zlib.avail_out);
    }
    inflateEnd(&zlib);
    if (status == Z_STREAM_END) streams.push_back(std::move(plain));
    at = end;
  }
  return streams;
}

// Best of five passes of `compress_all` (which returns the bytes it made): milliseconds, bytes.
std::pair<double, size_t> Time(const std::function<size_t()>& compress_all) {
  double best = 1e300;
  size_t bytes = 0;
  for (int pass = 0; pass < 5; ++pass) {
    auto start = std::chrono::steady_clock::now();
    bytes = compress_all();
    std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return {best, bytes};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: deflate_levels FILE.pdf\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::string pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> streams = PlainStreams(pdf);
  size_t plain = 0;
  for (const std::string& stream : streams) plain += stream.size();
  std::printf("%zu streams, %zu bytes uncompressed\n", streams.size(), plain);
  std::string out;
  for (int level : {1, 2, 6}) {
    auto [ms, bytes] = Time([&] {
      size_t total = 0;
      for (const std::string& stream : streams) {
        uLongf size = compressBound(static_cast<uLong>(stream.size()));
        out.resize(size);
        compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                  reinterpret_cast<const Bytef*>(stream.data()), stream.size(), level);
        total += size;
      }
      return total;
    });
    std::printf("zlib level %d:       %10zu bytes %8.2f ms\n", level, bytes, ms);
  }
  for (int level : {1, 2, 3, 6}) {
    auto [ms, bytes] = Time([&] {
      libdeflate_compressor* compressor = libdeflate_alloc_compressor(level);
      size_t total = 0;
      for (const std::string& stream : streams) {
        out.resize(libdeflate_zlib_compress_bound(compressor, stream.size()));
        total += libdeflate_zlib_compress(compressor, stream.data(), stream.size(), out.data(),
                                          out.size());
      }
      libdeflate_free_compressor(compressor);
      return total;
    });
    std::printf("libdeflate level %d: %10zu bytes %8.2f ms\n", level, bytes, ms);
  }
  return 0;
}
