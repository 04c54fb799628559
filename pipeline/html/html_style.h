#pragma once

/// The twin's style sheet, inline in its <style> element.
namespace clerk::html {

/// CSS for the HTML twin: one readable column that narrows to a phone's width without
/// horizontal scrolling (wide tables scroll inside their own focusable region), system sans
/// faces, and colours whose contrast with their background is at least 7:1 (WCAG AAA for text).
extern const char* const kStyleSheet;

}  // namespace clerk::html
