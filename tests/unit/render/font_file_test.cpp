#include "render/font_file.h"

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "pdf_tools.h"
#include "render/pdf_writer.h"
#include "render/render.h"
#include "sample_document.h"

using clerk::render::SubsetFontFile;
using clerk::test::kLiberationDirectory;
using clerk::test::ReadWholeFile;

namespace {

// The bytes of a libharu memory stream, block by block.
std::string StreamBytes(HPDF_Stream stream) {
  std::string bytes;
  auto* memory = static_cast<HPDF_MemStreamAttr>(stream->attr);
  for (HPDF_UINT i = 0; i < memory->buf->count; ++i) {
    HPDF_UINT length = i + 1 == memory->buf->count ? memory->w_pos : memory->buf_siz;
    bytes.append(static_cast<const char*>(HPDF_List_ItemAt(memory->buf, i)), length);
  }
  return bytes;
}

// The font file `path` embedded with the glyphs of `characters`, as libharu's own
// HPDF_TTFontDef_SaveFontData writes it (first) and as SubsetFontFile does (second).
std::pair<std::string, std::optional<std::string>> BothSubsets(const std::string& path,
                                                               const std::u16string& characters) {
  HPDF_Doc doc = HPDF_New(nullptr, nullptr);
  REQUIRE(doc != nullptr);
  const char* name = HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
  REQUIRE(name != nullptr);
  HPDF_FontDef definition = HPDF_Doc_FindFontDef(doc, name);
  REQUIRE(definition != nullptr);
  for (char16_t code : characters) HPDF_TTFontDef_GetCharWidth(definition, code);
  HPDF_Stream stream = HPDF_MemStream_New(doc->mmgr, HPDF_STREAM_BUF_SIZ);
  REQUIRE(stream != nullptr);
  CHECK(HPDF_TTFontDef_SaveFontData(definition, stream) == HPDF_OK);
  std::string libharu = StreamBytes(stream);
  std::optional<std::string> ours = SubsetFontFile(definition, ReadWholeFile(path));
  HPDF_Stream_Free(stream);
  HPDF_Free(doc);
  return {libharu, ours};
}

}  // namespace

TEST_CASE("The embedded subset is byte for byte the one libharu writes") {
  // Short (Regular, Bold) and long (Italic) glyph locations; Mono and Serif have other tables.
  const char* file =
      GENERATE("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf",
               "LiberationSerif-Regular.ttf", "LiberationMono-Regular.ttf");
  const std::u16string characters = GENERATE(
      std::u16string(u""), std::u16string(u"Council"),
      std::u16string(u" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
                     u"abcdefghijklmnopqrstuvwxyz{|}~"),
      std::u16string(
          u"\u00e9\u00e8\u00fc\u00c5\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u00a3\u20ac\ufb01"));
  std::string path = std::string(kLiberationDirectory) + file;
  INFO(path);
  auto [libharu, ours] = BothSubsets(path, characters);
  REQUIRE(ours.has_value());
  CHECK(libharu.size() > 1000);
  CHECK(*ours == libharu);
}

TEST_CASE("A font file whose tables lie beyond its end gives no subset") {
  std::string path = std::string(kLiberationDirectory) + "LiberationSans-Regular.ttf";
  HPDF_Doc doc = HPDF_New(nullptr, nullptr);
  REQUIRE(doc != nullptr);
  const char* name = HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
  REQUIRE(name != nullptr);
  HPDF_FontDef definition = HPDF_Doc_FindFontDef(doc, name);
  std::string whole = ReadWholeFile(path);
  CHECK(SubsetFontFile(definition, whole).has_value());
  CHECK_FALSE(SubsetFontFile(definition, std::string_view(whole).substr(0, whole.size() / 2)));
  HPDF_Free(doc);
}

TEST_CASE("Documents freed in the background leave the next ones the same bytes") {
  clerk::Diagnostics diagnostics;
  std::string first = clerk::render::RenderPdf(clerk::test::SampleDocument(),
                                               clerk::test::SansFonts(), diagnostics);
  // The first document may still be being freed while the second is written.
  std::string second = clerk::render::RenderPdf(clerk::test::SampleDocument(),
                                                clerk::test::SansFonts(), diagnostics);
  clerk::render::WaitUntilRendersFreed();
  std::string third = clerk::render::RenderPdf(clerk::test::SampleDocument(),
                                               clerk::test::SansFonts(), diagnostics);
  CHECK(diagnostics.Items().empty());
  REQUIRE_FALSE(first.empty());
  CHECK(second == first);
  CHECK(third == first);
}
