#include "html/packed_html.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "html/html.h"
#include "markup/parser.h"

using clerk::html::HtmlSettings;
using clerk::html::kHtmlPieceSize;
using clerk::html::PackedHtml;
using clerk::html::PackedHtmlWriter;
using clerk::html::RenderHtml;
using clerk::html::RenderPackedHtml;

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

/// `text` given to `writer` in pieces whose sizes go round `sizes`.
void WriteInPieces(PackedHtmlWriter& writer, const std::string& text,
                   const std::vector<size_t>& sizes) {
  size_t at = 0;
  for (size_t i = 0; at < text.size(); ++i) {
    size_t size = std::min(sizes[i % sizes.size()], text.size() - at);
    writer.Write(std::string_view(text).substr(at, size));
    at += size;
  }
}

/// A document of about `rows` table rows, list items, fields and paragraphs of each kind.
clerk::markup::Document Report(int rows) {
  std::string markup = "<document title=\"Plan\" draft=\"DRAFT\" footer=\"CSSC/2011/01\">\n";
  markup += "<h1 id=\"s1\" label=\"1.\">Actions</h1>\n<table>\n<tbody>\n";
  for (int row = 0; row < rows; ++row) {
    markup += "<tr><th>Action " + std::to_string(row) + "</th><td align=\"right\">" +
              std::to_string(row * 37 % 1000) + "%</td></tr>\n";
  }
  markup += "</tbody>\n</table>\n<ol>";
  for (int item = 0; item < rows; ++item) {
    markup += "<li label=\"" + std::to_string(item) + ".\">Item &amp; <i>more</i></li>";
  }
  markup += "</ol>\n<fields>";
  for (int field = 0; field < rows / 4; ++field) {
    markup += "<field label=\"Lead " + std::to_string(field) + "\"><p>Officer</p></field>";
  }
  markup += "</fields>\n<appendix id=\"a1\" label=\"Appendix 1\" title=\"Rows\">";
  for (int paragraph = 0; paragraph < rows; ++paragraph) {
    markup +=
        "<p>See <link to=\"s1\">section 1</link>, row " + std::to_string(paragraph) + ".</p>\n";
  }
  markup += "</appendix>\n</document>\n";
  clerk::Diagnostics diagnostics;
  auto document = clerk::markup::ParseMarkup(markup, "plan.xml", diagnostics);
  REQUIRE(document);
  REQUIRE_FALSE(diagnostics.HasErrors());
  return std::move(*document);
}

/// `text` through a PackedHtmlWriter in one piece.
PackedHtml Packed(const std::string& text, size_t minimum_size = PackedHtml::kMinimumPackedSize) {
  PackedHtmlWriter writer(minimum_size);
  writer.Write(text);
  return writer.Finish();
}

/// Keeps the pieces a sink is given.
struct PieceSink final : clerk::html::HtmlSink {
  std::vector<std::string> pieces;
  void Write(std::string_view text) override { pieces.emplace_back(text); }
};

}  // namespace

TEST_CASE("a long twin is held deflated and unpacks byte for byte") {
  std::string text = TwinText(3 * PackedHtml::kMinimumPackedSize / 2);
  PackedHtml packed = Packed(text);
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
  PackedHtml packed = Packed(text);
  CHECK_FALSE(packed.packed());
  CHECK(packed.held_size() == text.size());
  CHECK(packed.Unpack() == text);
}

TEST_CASE("the threshold can be lowered, and empty or binary text round-trips") {
  PackedHtml empty = Packed(std::string(), 0);
  CHECK(empty.packed());
  CHECK(empty.Unpack().empty());

  std::string bytes;
  for (int i = 0; i < 70'000; ++i) bytes += static_cast<char>((i * 7919) % 256);
  PackedHtml packed = Packed(bytes, 1);
  CHECK(packed.packed());
  CHECK(packed.Unpack() == bytes);

  PackedHtml moved = Packed(TwinText(5'000), 1);
  PackedHtml other = std::move(moved);
  CHECK(other.Unpack() == TwinText(5'000));
}

TEST_CASE("a twin written in pieces of odd sizes unpacks to itself, packed from the minimum on") {
  const std::string text = TwinText(5 * PackedHtml::kMinimumPackedSize / 2);
  for (const std::vector<size_t>& sizes : std::vector<std::vector<size_t>>{
           {1, 4093, 65'537}, {kHtmlPieceSize}, {text.size()}, {300'007, 0, 11}}) {
    INFO(sizes.front());
    PackedHtmlWriter writer;
    WriteInPieces(writer, text, sizes);
    PackedHtml packed = writer.Finish();
    CHECK(packed.packed());
    CHECK(packed.held_size() < text.size() / 4);
    CHECK(packed.Unpack() == text);
  }
}

TEST_CASE("a twin written in pieces is kept as it is below the minimum, packed from it") {
  const size_t minimum = 100'000;
  const std::string text = TwinText(minimum + 5'000).substr(0, minimum);
  PackedHtmlWriter below(minimum);
  WriteInPieces(below, text.substr(0, minimum - 1), {999, 1, 3});
  PackedHtml short_twin = below.Finish();
  CHECK_FALSE(short_twin.packed());
  CHECK(short_twin.held_size() == minimum - 1);
  CHECK(short_twin.Unpack() == text.substr(0, minimum - 1));

  PackedHtmlWriter at(minimum);
  WriteInPieces(at, text, {999, 1, 3});
  PackedHtml long_twin = at.Finish();
  CHECK(long_twin.packed());
  CHECK(long_twin.Unpack() == text);
}

TEST_CASE("an empty twin is kept as it is, or packed when the minimum is 0") {
  PackedHtmlWriter nothing;
  PackedHtml empty = nothing.Finish();
  CHECK_FALSE(empty.packed());
  CHECK(empty.held_size() == 0);
  CHECK(empty.Unpack().empty());

  PackedHtmlWriter no_minimum(0);
  no_minimum.Write("");
  PackedHtml packed = no_minimum.Finish();
  CHECK(packed.packed());
  CHECK(packed.Unpack().empty());
}

TEST_CASE("RenderPackedHtml gives back exactly RenderHtml's bytes, long or short") {
  for (bool long_twin : {false, true}) {
    INFO(long_twin);
    clerk::markup::Document document = Report(long_twin ? 36'000 : 20);
    std::string whole = RenderHtml(document, HtmlSettings{});
    CHECK((whole.size() >= PackedHtml::kMinimumPackedSize) == long_twin);
    PackedHtml packed = RenderPackedHtml(document, HtmlSettings{});
    CHECK(packed.packed() == long_twin);
    CHECK(packed.Unpack() == whole);
  }
}

TEST_CASE("RenderHtml hands its text to a sink in pieces a little over kHtmlPieceSize") {
  clerk::markup::Document document = Report(9'000);
  std::string whole = RenderHtml(document, HtmlSettings{});
  REQUIRE(whole.size() > 4 * kHtmlPieceSize);
  PieceSink sink;
  RenderHtml(document, HtmlSettings{}, sink);
  REQUIRE(sink.pieces.size() > 4);
  std::string joined;
  for (size_t i = 0; i < sink.pieces.size(); ++i) {
    INFO(i);
    // Each piece ends where a row, item, field or block ends, the first after the size.
    if (i + 1 < sink.pieces.size()) {
      CHECK(sink.pieces[i].size() >= kHtmlPieceSize);
      CHECK(sink.pieces[i].size() < kHtmlPieceSize + 200);
    }
    CHECK(sink.pieces[i].back() == '\n');
    joined += sink.pieces[i];
  }
  CHECK(joined == whole);
}
