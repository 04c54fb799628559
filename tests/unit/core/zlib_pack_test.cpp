#include "core/zlib_pack.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

using clerk::ZlibUnpack;

namespace {

std::string SampleText() {
  std::string text;
  for (int i = 0; i < 4000; ++i)
    text += "<p>Action " + std::to_string(i % 131) + " – updated</p>\n";
  return text;
}

/// `text` deflated by a ZlibPacker at `level` in one piece.
std::string PackWhole(const std::string& text, int level) {
  clerk::ZlibPacker packer(level);
  REQUIRE(packer.Add(text));
  REQUIRE(packer.Finish());
  return packer.TakePacked();
}

}  // namespace

TEST_CASE("ZlibPacker's stream unpacks to exactly the text, at every level") {
  const std::string text = SampleText();
  for (int level : {1, 2, 6, 9}) {
    INFO(level);
    std::string packed = PackWhole(text, level);
    CHECK(packed.size() < text.size() / 4);
    std::string unpacked;
    REQUIRE(ZlibUnpack(packed, text.size(), unpacked));
    CHECK(unpacked == text);
  }
}

TEST_CASE("ZlibPacker makes the same bytes for the same text and level") {
  const std::string text = SampleText();
  CHECK(PackWhole(text, 2) == PackWhole(text, 2));
}

TEST_CASE("ZlibUnpack refuses a size that is not the text's, and bytes that are not zlib's") {
  const std::string text = SampleText();
  std::string packed = PackWhole(text, 1);
  std::string unpacked;
  CHECK_FALSE(ZlibUnpack(packed, text.size() - 1, unpacked));
  CHECK_FALSE(ZlibUnpack(packed, text.size() + 1, unpacked));
  CHECK_FALSE(ZlibUnpack("not zlib at all", 15, unpacked));
}

namespace {

/// `text` deflated by a ZlibPacker in pieces whose sizes go round `sizes`.
std::string PackInPieces(const std::string& text, const std::vector<size_t>& sizes) {
  clerk::ZlibPacker packer(1);
  size_t at = 0;
  for (size_t i = 0; at < text.size(); ++i) {
    size_t size = std::min(sizes[i % sizes.size()], text.size() - at);
    REQUIRE(packer.Add(std::string_view(text).substr(at, size)));
    at += size;
  }
  CHECK(packer.plain_size() == text.size());
  REQUIRE(packer.Finish());
  std::string packed(packer.packed());
  CHECK(packer.TakePacked() == packed);
  return packed;
}

}  // namespace

TEST_CASE("ZlibPacker's pieces of odd sizes unpack to exactly the text") {
  const std::string sample = SampleText();
  std::string text;
  for (size_t i = 0; text.size() < 900'000; ++i) text += sample.substr(i * 613 % 5000, 997);
  for (const std::vector<size_t>& sizes : std::vector<std::vector<size_t>>{
           {1}, {7, 4093, 1}, {65'537, 0, 3}, {text.size()}, {262'144, 300'001}}) {
    INFO(sizes.front());
    std::string packed = PackInPieces(text, sizes);
    CHECK(packed.size() < text.size() / 4);
    std::string unpacked;
    REQUIRE(ZlibUnpack(packed, text.size(), unpacked));
    CHECK(unpacked == text);
  }
}

TEST_CASE("ZlibPacker with no text makes an empty stream, and takes nothing after Finish") {
  clerk::ZlibPacker packer(1);
  REQUIRE(packer.Finish());
  std::string packed(packer.packed());
  CHECK_FALSE(packed.empty());  // the stream's header and end
  std::string unpacked = "x";
  CHECK(ZlibUnpack(packed, 0, unpacked));
  CHECK(unpacked.empty());
  CHECK_FALSE(packer.Add("more"));
  CHECK_FALSE(packer.Finish());
  CHECK(packer.plain_size() == 0);
}

TEST_CASE("ZlibUnpack reads ZlibPacker's stream only at the size it was given") {
  const std::string text = SampleText();
  std::string packed = PackInPieces(text, {1000, 33});
  std::string unpacked;
  CHECK_FALSE(ZlibUnpack(packed, text.size() - 1, unpacked));
  CHECK_FALSE(ZlibUnpack(packed.substr(0, packed.size() - 5), text.size(), unpacked));
  CHECK(ZlibUnpack(packed, text.size(), unpacked));
  CHECK(unpacked == text);
}
