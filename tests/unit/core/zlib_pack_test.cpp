#include "core/zlib_pack.h"

#include <catch2/catch.hpp>
#include <string>

using clerk::ZlibPack;
using clerk::ZlibUnpack;

namespace {

std::string SampleText() {
  std::string text;
  for (int i = 0; i < 4000; ++i)
    text += "<p>Action " + std::to_string(i % 131) + " – updated</p>\n";
  return text;
}

}  // namespace

TEST_CASE("ZlibPack's bytes unpack to exactly the text, at every level") {
  const std::string text = SampleText();
  for (int level : {1, 2, 6, 9}) {
    INFO(level);
    std::string packed;
    REQUIRE(ZlibPack(text, level, packed));
    CHECK(packed.size() < text.size() / 4);
    std::string unpacked;
    REQUIRE(ZlibUnpack(packed, text.size(), unpacked));
    CHECK(unpacked == text);
  }
}

TEST_CASE("ZlibPack makes the same bytes for the same text and level") {
  const std::string text = SampleText();
  std::string first, second;
  REQUIRE(ZlibPack(text, 2, first));
  second.resize(3 * text.size(), 'x');  // room already there is reused, not kept
  REQUIRE(ZlibPack(text, 2, second));
  CHECK(first == second);
}

TEST_CASE("ZlibUnpack refuses a size that is not the text's, and bytes that are not zlib's") {
  const std::string text = SampleText();
  std::string packed, unpacked;
  REQUIRE(ZlibPack(text, 1, packed));
  CHECK_FALSE(ZlibUnpack(packed, text.size() - 1, unpacked));
  CHECK_FALSE(ZlibUnpack(packed, text.size() + 1, unpacked));
  CHECK_FALSE(ZlibUnpack("not zlib at all", 15, unpacked));
}
