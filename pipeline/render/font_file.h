#pragma once

#include <hpdf.h>

#include <optional>
#include <string>
#include <string_view>

namespace clerk::render {

/// What HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE) does (a TrueType font, embedded, its
/// subset tagged HPDFAA, HPDFAB, ... in the order loaded), with the file at `path` mapped into
/// memory and read from there: the font's name, or nullptr with libharu's error set.
const char* LoadTrueTypeFont(HPDF_Doc doc, const std::string& path);

/// The bytes of the font file that `stream` reads, when `stream` is a font's stream made by
/// LoadTrueTypeFont; empty once UnmapFontFile has run. nullopt for any other stream (or nullptr).
std::optional<std::string_view> MappedFontFile(HPDF_Stream stream);

/// Unmaps the file a stream made by LoadTrueTypeFont reads, which then reads as empty; call
/// once its bytes are no longer needed (libharu still frees the stream itself). Does nothing to
/// any other stream.
void UnmapFontFile(HPDF_Stream stream);

/// The font file embedded for a TrueType font `definition` (loaded by libharu, embedding, with
/// the glyphs used marked): byte for byte what libharu 2.3.0's HPDF_TTFontDef_SaveFontData
/// writes (its 13 tables, the glyphs not used left out, the names tagged), made from `file`, the
/// bytes of the file it was loaded from, instead of through libharu's streams. nullopt when a
/// table lies outside `file`.
std::optional<std::string> SubsetFontFile(HPDF_FontDef definition, std::string_view file);

}  // namespace clerk::render
