#include "layout/font_metrics.h"

#include <hpdf.h>

#include <catch2/catch.hpp>

#include "core/file_system.h"
#include "layout/style.h"

using clerk::layout::DecodeUtf8;
using clerk::layout::FontMetrics;

namespace {

const std::string kRegular = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf";

FontMetrics LoadFace(const std::string& path) {
  clerk::DiskFileSystem disk;
  std::string error;
  auto bytes = disk.ReadFile(path, &error);
  REQUIRE(bytes);
  auto face = FontMetrics::Parse(*bytes, &error);
  INFO(error);
  REQUIRE(face);
  return *face;
}

/// What libharu itself says `text` measures at `size`, with the font embedded as render embeds it.
double HaruWidth(const std::string& path, const std::string& text, double size) {
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  REQUIRE(pdf);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  const char* name = HPDF_LoadTTFontFromFile(pdf, path.c_str(), HPDF_TRUE);
  REQUIRE(name);
  HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
  REQUIRE(font);
  HPDF_TextWidth width = HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(text.data()),
                                             static_cast<HPDF_UINT>(text.size()));
  HPDF_Free(pdf);
  return width.width * size / 1000.0;
}

}  // namespace

TEST_CASE("Liberation Sans \"Hello\" at 11pt measures what libharu measures") {
  FontMetrics face = LoadFace(kRegular);
  CHECK(face.UnitsPerEm() == 2048);
  double width = face.Width("Hello", 11);
  // The advances of H e l l o in the font's hmtx, as libharu scales them: units * 1000 / 2048,
  // truncated, then * size / 1000.
  CHECK(width == Approx(HaruWidth(kRegular, "Hello", 11)).epsilon(1e-12));
  CHECK(width == Approx((1479 + 1139 + 455 + 455 + 1139) * 11.0 / 2048).margin(0.01));
  CHECK(width == Approx((722 + 556 + 222 + 222 + 556) * 11.0 / 1000));
}

TEST_CASE("Widths agree with libharu for accented text, punctuation and every style") {
  const std::string text = "Café – “£12.40” for the children’s élan, naïve Zoë… 100%";
  for (const char* file : {"Regular", "Bold", "Italic", "BoldItalic"}) {
    std::string path =
        "/usr/share/fonts/truetype/liberation/LiberationSans-" + std::string(file) + ".ttf";
    FontMetrics face = LoadFace(path);
    INFO(path);
    CHECK(face.Width(text, 10) == Approx(HaruWidth(path, text, 10)).epsilon(1e-12));
  }
}

TEST_CASE("Ascender and descender come from hhea") {
  FontMetrics face = LoadFace(kRegular);
  CHECK(face.Ascender() == 1854);
  CHECK(face.Descender() == -434);
  CHECK(face.Ascent(11) == Approx(1854 * 11.0 / 2048));
  CHECK(face.Descent(11) == Approx(434 * 11.0 / 2048));
}

TEST_CASE("A face reports the characters it cannot draw") {
  FontMetrics face = LoadFace(kRegular);
  CHECK(face.HasGlyph('A'));
  CHECK(face.HasGlyph(0x20AC));         // €
  CHECK_FALSE(face.HasGlyph(0x4E2D));   // 中: Liberation has no CJK
  CHECK_FALSE(face.HasGlyph(0x1F600));  // beyond the BMP: libharu cannot draw it anyway
  CHECK(face.FirstMissing("plain text") == std::nullopt);
  CHECK(face.FirstMissing("a\xE4\xB8\xAD"
                          "b") == std::optional<char32_t>(0x4E2D));
}

TEST_CASE("Bytes that are not a TrueType font are refused with a reason") {
  std::string error;
  CHECK_FALSE(FontMetrics::Parse("not a font at all", &error));
  CHECK(error == "is not a TrueType font (no TrueType signature)");
  std::string truncated("\x00\x01\x00\x00\x00\x05", 6);
  CHECK_FALSE(FontMetrics::Parse(truncated, &error));
  clerk::DiskFileSystem disk;
  auto bytes = disk.ReadFile(kRegular, &error);
  REQUIRE(bytes);
  CHECK_FALSE(FontMetrics::Parse(bytes->substr(0, 400), &error));
  CHECK(error.find("past its end") != std::string::npos);
}

TEST_CASE("UTF-8 decoding never runs past the text or stops on bad bytes") {
  std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xFF\xC3";
  std::vector<char32_t> decoded;
  size_t i = 0;
  while (i < text.size()) decoded.push_back(DecodeUtf8(text, &i));
  CHECK(decoded == std::vector<char32_t>{'a', 0xE9, 0x20AC, 0x1F600, 0xFFFD, 0xFFFD});
  CHECK(i == text.size());
}

TEST_CASE("The default style's fonts all load") {
  clerk::DiskFileSystem disk;
  clerk::Diagnostics diagnostics;
  auto fonts = clerk::layout::FontSet::Load(clerk::layout::DefaultStyle(), disk, diagnostics);
  CHECK(diagnostics.Empty());
  const FontMetrics& bold = fonts.Face("sans", clerk::layout::FontStyle::kBold);
  CHECK(bold.Width("Hello", 11) >
        fonts.Face("sans", clerk::layout::FontStyle::kRegular).Width("Hello", 11));
}
