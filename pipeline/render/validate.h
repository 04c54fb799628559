#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "layout/pages.h"
#include "render/render.h"

namespace clerk::render {

/// Checks, before libharu sees the document, everything libharu would draw wrongly or drop
/// without a word, and every reference that must resolve: text that is not valid UTF-8 or has
/// control characters (errors) or characters outside the Basic Multilingual Plane (a warning:
/// libharu prints each as a space); faces without a font file; links, bookmarks and anchors
/// that point nowhere; page labels out of order; structure elements out of range; a malformed
/// date. Reports every problem; returns false when any of them is an error.
bool ValidateDocument(const layout::LaidOutDocument& document, const FontFiles& fonts,
                      Diagnostics& diagnostics);

/// Why a text cannot be drawn as it is.
struct TextProblem {
  /// kError for bytes that are not UTF-8 and for control characters (layout never places
  /// them); kWarning for characters outside the Basic Multilingual Plane, which come from the
  /// inputs and which layout has reported with their source location already.
  Severity severity = Severity::kError;
  std::string phrase;      ///< "has U+1F600 (😀), a character outside the Basic Multilingual ..."
  char32_t character = 0;  ///< the character outside the Basic Multilingual Plane; 0 otherwise
};

/// The first reason `text` cannot be drawn as it is; nullopt when it can be.
std::optional<TextProblem> UndrawableText(std::string_view text);

/// The faces that text runs use.
std::set<FontFace> UsedFaces(const layout::LaidOutDocument& document);

}  // namespace clerk::render
