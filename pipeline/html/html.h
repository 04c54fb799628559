#pragma once

#include <string>
#include <string_view>

#include "layout/style.h"
#include "markup/document.h"

/// Stage "render html": document tree -> the report's accessible HTML twin. One self-contained
/// HTML5 file, written as well-formed XML (every element closed, only the five XML entities), with
/// its styles inline and no scripts or external resources, made from the same document markup
/// that layout sets into pages: the same numbering, headings, lists, tables and appendices.
namespace clerk::html {

/// What the twin needs beyond the document itself.
struct HtmlSettings {
  /// Named in <meta name="generator">; empty: no generator element.
  std::string generator = "clerk";
  /// The paper's style and its measured fonts. When both are given, each chart is also drawn,
  /// as inline SVG with the PDF's geometry (pipeline/chart); without them a chart is its title,
  /// its alternative text and its figures as a table. Not owned; must outlive the call.
  const layout::Style* style = nullptr;
  const layout::FontSet* fonts = nullptr;
};

/// The HTML twin of `document`: lang from the document (the review's language), <title> from its
/// title, one <main> holding its blocks in order, the DRAFT mark as visible text when it is a
/// draft, and the footer text (the report's reference) in a <footer>. Headings keep their level
/// except that a level is never skipped (an <h3> straight after an <h1> becomes an <h2>), as a
/// screen reader's heading list needs. Appendices are <section>s carrying their ids, so every
/// <link to> is a working internal link. A chart is a <figure>: its title as the caption, the
/// drawing when `settings` has the fonts, its alternative text, and its figures as a table.
/// Identical documents give identical bytes.
///
/// Throws std::logic_error naming the block kind when the document holds a kind of block this
/// renderer does not know yet: content is never dropped silently.
std::string RenderHtml(const markup::Document& document, const HtmlSettings& settings);

/// Where a twin written in pieces goes (PackedHtmlWriter), so that its text is never held whole.
class HtmlSink {
 public:
  virtual ~HtmlSink() = default;
  /// Takes the twin's next bytes, in order; `text` is only valid during the call.
  virtual void Write(std::string_view text) = 0;
};

/// The size from which the writer hands what it has written to an HtmlSink.
constexpr size_t kHtmlPieceSize = 256 * 1024;

/// The same bytes as RenderHtml(document, settings), handed to `sink` in pieces as they are
/// written: each piece is about kHtmlPieceSize bytes (more when one row or chart is larger)
/// and ends where a block, list item, row or field ends; the last may be shorter or empty.
void RenderHtml(const markup::Document& document, const HtmlSettings& settings, HtmlSink& sink);

}  // namespace clerk::html
