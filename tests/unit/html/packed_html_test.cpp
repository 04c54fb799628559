#include "html/packed_html.h"

#include <catch2/catch.hpp>
#include <string>

using clerk::html::PackedHtml;

namespace {

/// Twin-like text of about `bytes` bytes: repetitive markup with numbers that change.
std::string TwinText(size_t bytes) {
  std::string text = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<body>\n<main>\n";
  for (int row = 0; text.size() < bytes; ++row) {
    text += "<tr><td>Action " + std::to_string(row) + "</td><td>Spring 201" +
            std::to_string(row % 10) + "</td><td>" + std::to_string(row * 37 % 1000) +
            "%</td></tr>\n";
  }
  text += "</main>\n</body>\n</html>\n";
  return text;
}

}  // namespace

TEST_CASE("a long twin is held deflated and unpacks byte for byte") {
  std::string text = TwinText(3 * PackedHtml::kMinimumPackedSize / 2);
  PackedHtml packed(text);
  CHECK(packed.packed());
  CHECK(packed.held_size() < text.size() / 4);
  CHECK(packed.Unpack() == text);
  // Unpacking empties it.
  CHECK_FALSE(packed.packed());
  CHECK(packed.held_size() == 0);
  CHECK(packed.Unpack().empty());
}

TEST_CASE("a short twin is kept as it is") {
  std::string text = TwinText(10'000);
  PackedHtml packed(text);
  CHECK_FALSE(packed.packed());
  CHECK(packed.held_size() == text.size());
  CHECK(packed.Unpack() == text);
}

TEST_CASE("the threshold can be lowered, and empty or binary text round-trips") {
  PackedHtml empty(std::string(), 0);
  CHECK(empty.packed());
  CHECK(empty.Unpack().empty());

  std::string bytes;
  for (int i = 0; i < 70'000; ++i) bytes += static_cast<char>((i * 7919) % 256);
  PackedHtml packed(bytes, 1);
  CHECK(packed.packed());
  CHECK(packed.Unpack() == bytes);

  PackedHtml moved(TwinText(5'000), 1);
  PackedHtml other = std::move(moved);
  CHECK(other.Unpack() == TwinText(5'000));
}
