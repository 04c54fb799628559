#include "layout/setter.h"

#include <algorithm>

#include "layout/missing_glyphs.h"

namespace clerk::layout {

void FlowBuilder::Add(Band&& band) {
  band.space_before = pending_;
  band.break_before = band.break_before || break_next_;
  pending_ = 0;
  break_next_ = false;
  entries_.push_back(std::move(band));
}

void FlowBuilder::Add(RowFlow&& row) {
  row.space_before = pending_;
  row.break_before = row.break_before || break_next_;
  pending_ = 0;
  break_next_ = false;
  entries_.push_back(std::move(row));
}

void FlowBuilder::Reserve(size_t more) {
  const size_t wanted = entries_.size() + more;
  if (wanted > entries_.capacity()) entries_.reserve(std::max(wanted, 2 * entries_.capacity()));
}

void FlowBuilder::KeepTogether(size_t first) {
  for (size_t i = first; i + 1 < entries_.size(); ++i) {
    std::visit([](auto& entry) { entry.keep_with_next = true; }, entries_[i]);
  }
}

std::vector<Band> FlowBuilder::TakeBands() {
  std::vector<Band> bands;
  bands.reserve(entries_.size());
  for (FlowEntry& entry : entries_) {
    if (auto* band = std::get_if<Band>(&entry)) bands.push_back(std::move(*band));
  }
  entries_.clear();
  pending_ = 0;
  break_next_ = false;
  return bands;
}

FontStyle Combine(FontStyle base, bool bold, bool italic) {
  bold = bold || base == FontStyle::kBold || base == FontStyle::kBoldItalic;
  italic = italic || base == FontStyle::kItalic || base == FontStyle::kBoldItalic;
  if (bold && italic) return FontStyle::kBoldItalic;
  if (bold) return FontStyle::kBold;
  if (italic) return FontStyle::kItalic;
  return FontStyle::kRegular;
}

Setter::Setter(const Style& style, const FontSet& fonts, Diagnostics& diagnostics,
               LaidOutDocument& out, Flow& flow)
    : style_(style), fonts_(fonts), diagnostics_(diagnostics), out_(out), flow_(flow) {}

int Setter::AddElement(Role role, int parent, std::string scope, std::string target) {
  StructureElement& element = out_.structure.emplace_back();
  element.role = role;
  element.parent = parent;
  element.scope = std::move(scope);
  element.link_target = std::move(target);
  return static_cast<int>(out_.structure.size()) - 1;
}

const FontMetrics& Setter::Face(const std::string& family, FontStyle style) const {
  if (family != face_family_) {
    face_family_ = family;
    faces_.fill(nullptr);
  }
  const FontMetrics*& face = faces_[static_cast<size_t>(style)];
  if (!face) face = &fonts_.Face(family, style);
  return *face;
}

const LineBreaker& Setter::BreakerFor(const TextStyle& text) {
  for (const std::unique_ptr<LineBreaker>& breaker : breakers_) {
    if (breaker->Size() == text.size && breaker->Family() == text.family) return *breaker;
  }
  breakers_.push_back(std::make_unique<LineBreaker>(fonts_, text.family, text.size, language_));
  return *breakers_.back();
}

std::string Setter::NewAnchor() { return "_clerk-" + std::to_string(++anchor_count_); }

double Setter::LineHeight(const TextStyle& text) const {
  const FontMetrics& face = Face(text.family, FontStyle::kRegular);
  // Leading tighter than the face's own height would make lines overlap: never allow it.
  return std::max(text.leading, face.Ascent(text.size) + face.Descent(text.size));
}

double Setter::BaselineOffset(const TextStyle& text) const {
  const FontMetrics& face = Face(text.family, FontStyle::kRegular);
  double ascent = face.Ascent(text.size), descent = face.Descent(text.size);
  return (LineHeight(text) - ascent - descent) / 2 + ascent;
}

void Setter::CheckGlyphs(const std::string& text, const std::string& family, FontStyle style,
                         const SourceLocation& where) {
  const FontMetrics& face = Face(family, style);
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = DecodeUtf8(text, &i);
    if (c == '\n' || face.HasGlyph(c)) continue;
    static const char* kStyleNames[] = {"regular", "bold", "italic", "bold italic"};
    std::string face_name = family + " " + kStyleNames[static_cast<int>(style)];
    if (!reported_.emplace(c, face_name).second) continue;
    std::string shown;
    AppendUtf8(c, shown);
    auto faces = style_.fonts.find(family);
    std::string family_name = faces == style_.fonts.end() ? family : faces->second.family_name;
    diagnostics_.Add({Severity::kWarning, where,
                      "the font " + family_name + " (" + kStyleNames[static_cast<int>(style)] +
                          ") has no glyph for \"" + shown + "\" (" + CodePointName(c) +
                          "); it will print as an empty box",
                      MissingGlyphHint(c), c});
  }
}

void Setter::SetDocument(const markup::Document& document) {
  language_ = document.lang.empty() ? "en" : document.lang;
  breakers_.clear();  // made for another language
  int root = AddElement(Role::kDocument, -1);
  TextContext context;
  context.text = style_.body;
  context.paragraph_space = style_.paragraph_space;
  FlowBuilder builder;
  SetBlocks(document.body, Region{style_.margin_left, style_.TextWidth()}, context, root, builder);
  flow_.entries = std::move(builder.Entries());
}

void Setter::SetBlocks(const markup::Blocks& blocks, Region region, const TextContext& context,
                       int parent, FlowBuilder& builder) {
  for (const markup::Block& block : blocks) SetBlock(block, region, context, parent, builder);
}

void Setter::SetBlock(const markup::Block& block, Region region, const TextContext& context,
                      int parent, FlowBuilder& builder) {
  const auto& node = block.node;
  if (const auto* heading = std::get_if<markup::Heading>(&node)) {
    SetHeading(*heading, block.where, region, context, parent, builder);
  } else if (const auto* paragraph = std::get_if<markup::Paragraph>(&node)) {
    if (paragraph->text.Empty()) return;
    int element = AddElement(Role::kP, parent);
    builder.Space(paragraph->space_before >= 0 ? paragraph->space_before : context.paragraph_space);
    SetText(paragraph->text, paragraph->align, region, context, context.base, element, builder, {});
    builder.Space(context.paragraph_space);
  } else if (const auto* numbered = std::get_if<markup::NumberedParagraph>(&node)) {
    SetNumbered(*numbered, block.where, region, context, parent, builder);
  } else if (const auto* list = std::get_if<markup::List>(&node)) {
    SetList(*list, region, context, parent, builder);
  } else if (const auto* box = std::get_if<markup::BoxBlock>(&node)) {
    SetBox(*box, region, context, parent, builder);
  } else if (const auto* table = std::get_if<markup::Table>(&node)) {
    SetTable(*table, block.where, region, context, parent, builder);
  } else if (const auto* fields = std::get_if<markup::Fields>(&node)) {
    SetFields(*fields, region, context, parent, builder);
  } else if (const auto* appendix = std::get_if<markup::Appendix>(&node)) {
    SetAppendix(*appendix, block.where, region, context, parent, builder);
  } else if (std::holds_alternative<markup::PageBreak>(node)) {
    builder.BreakBefore();
  } else if (const auto* space = std::get_if<markup::Space>(&node)) {
    builder.AddSpace(space->height);
  } else if (const auto* keep = std::get_if<markup::Keep>(&node)) {
    size_t first = builder.Size();
    SetBlocks(keep->body, region, context, parent, builder);
    builder.KeepTogether(first);
  } else if (const auto* chart = std::get_if<markup::Chart>(&node)) {
    SetChart(*chart, block.where, region, context, parent, builder);
  }
}

size_t Setter::SetText(const markup::InlineText& text, markup::Align align, Region region,
                       const TextContext& context, FontStyle base, int element,
                       FlowBuilder& builder, const std::vector<std::string>& anchors) {
  std::vector<TextPiece> pieces;
  pieces.reserve(text.spans.size());
  std::vector<int> link_elements(text.links.size(), -1);
  for (size_t s = 0; s < text.spans.size(); ++s) {
    const markup::Inline& span = text.spans[s];
    TextPiece piece;
    piece.source = static_cast<int>(s);
    piece.style = Combine(base, span.bold, span.italic);
    piece.element = element;
    if (span.link >= 0) {
      int& link_element = link_elements[static_cast<size_t>(span.link)];
      if (link_element < 0) {
        link_element =
            AddElement(Role::kLink, element, "", text.links[static_cast<size_t>(span.link)].to);
      }
      piece.element = link_element;
      piece.link = span.link;
    }
    // A view: the document outlives the pieces.
    piece.text = span.kind == markup::Inline::Kind::kBreak ? std::string_view("\n")
                                                           : std::string_view(span.text);
    pieces.push_back(piece);
  }
  std::vector<MissingGlyph> missing;
  std::vector<TextLine>& lines = lines_;
  BreakerFor(context.text).Break(pieces, std::max(region.width, 1.0), &missing, &lines);
  for (const MissingGlyph& glyph : missing) {
    std::string shown;
    AppendUtf8(glyph.code_point, shown);
    CheckGlyphs(shown, context.text.family, glyph.style,
                text.spans[static_cast<size_t>(glyph.source)].where);
  }

  const double height = LineHeight(context.text);
  const double baseline = BaselineOffset(context.text);
  const FontMetrics& face = Face(context.text.family, FontStyle::kRegular);
  const double ascent = face.Ascent(context.text.size);
  const double descent = face.Descent(context.text.size);
  const std::uint16_t family = out_.FamilyIndex(context.text.family);
  const size_t count = lines.size();
  builder.Reserve(count);
  for (size_t k = 0; k < count; ++k) {
    TextLine& line = lines[k];
    Band band;
    band.height = height;
    size_t links = 0;
    for (const LineFragment& fragment : line.fragments) links += fragment.link >= 0 ? 1 : 0;
    band.items.reserve(line.fragments.size() + links);
    // The line's text becomes the band's: the runs keep the fragments' spans.
    band.text = std::move(line.text);
    double offset = 0;
    if (align == markup::Align::kRight) offset = std::max(0.0, region.width - line.width);
    if (align == markup::Align::kCenter) offset = std::max(0.0, (region.width - line.width) / 2);
    for (const LineFragment& fragment : line.fragments) {
      TextRun run;
      run.x = region.x + offset + fragment.x;
      run.baseline = baseline;
      run.text = fragment.text;
      run.family = family;
      run.style = fragment.style;
      run.size = context.text.size;
      run.width = fragment.width;
      run.element = fragment.element;
      band.items.push_back(run);
      if (fragment.link >= 0) {
        LinkArea area;
        area.x = region.x + offset + fragment.x;
        area.y = baseline - ascent;
        area.width = fragment.width;
        area.height = ascent + descent;
        area.target = band.text.Add(text.links[static_cast<size_t>(fragment.link)].to);
        area.element = fragment.element;
        band.items.push_back(area);
      }
    }
    // No first line alone at a page's foot (orphan), no last line alone at its head (widow).
    band.keep_with_next = (k == 0 && count >= 2) || (count >= 3 && k == count - 2);
    if (k == 0) band.anchors = anchors;
    builder.Add(std::move(band));
  }
  if (count == 0 && !anchors.empty()) {
    Band band;
    band.anchors = anchors;
    builder.Add(std::move(band));
  }
  return count;
}

void Setter::AttachLabel(FlowBuilder& builder, size_t first, const std::string& label, double x,
                         const TextContext& context, FontStyle style, int element,
                         const SourceLocation& where) {
  if (label.empty()) return;
  CheckGlyphs(label, context.text.family, style, where);
  TextRun run;
  run.x = x;
  run.family = out_.FamilyIndex(context.text.family);
  run.style = style;
  run.size = context.text.size;
  run.width = Face(context.text.family, style).Width(label, context.text.size);
  run.element = element;
  std::vector<FlowEntry>& entries = builder.Entries();
  for (size_t i = first; i < entries.size(); ++i) {
    auto* band = std::get_if<Band>(&entries[i]);
    if (!band || band->items.empty()) continue;
    run.baseline = BaselineOffset(context.text);
    for (const PlacedItem& item : band->items) {
      if (const auto* text = std::get_if<TextRun>(&item)) {
        run.baseline = text->baseline;
        break;
      }
    }
    // First in the band, so that it comes first in reading order too.
    run.text = band->text.Add(label);
    band->items.insert(band->items.begin(), run);
    return;
  }
  Band band;
  band.height = LineHeight(context.text);
  run.baseline = BaselineOffset(context.text);
  run.text = band.text.Add(label);
  band.items.push_back(run);
  builder.Add(std::move(band));
}

void Setter::SetHeading(const markup::Heading& heading, const SourceLocation& where, Region region,
                        const TextContext& context, int parent, FlowBuilder& builder) {
  const HeadingStyle& look = style_.headings[heading.level - 1];
  static constexpr Role kRoles[] = {Role::kH1, Role::kH2, Role::kH3};
  int element = AddElement(kRoles[heading.level - 1], parent);
  std::string anchor = heading.id;
  if (anchor.empty() && heading.outline) anchor = NewAnchor();
  if (heading.outline) {
    std::string title = heading.label;
    for (const markup::Inline& span : heading.text.spans) {
      if (span.kind == markup::Inline::Kind::kText) {
        title += (title.empty() || span.text.front() == ' ' || title.back() == ' ' ? "" : " ");
        title += span.text;
      } else {
        title += " ";
      }
    }
    out_.outline.push_back(OutlineEntry{title, heading.level + appendix_depth_, anchor});
  }
  TextContext heading_context = context;
  heading_context.text = look.text;
  builder.Space(look.space_before);
  size_t first = builder.Size();
  Region text_region = region;
  if (!heading.label.empty()) {
    double column =
        std::max(style_.label_width,
                 Face(look.text.family, look.style).Width(heading.label, look.text.size) + 6);
    text_region.x += column;
    text_region.width -= column;
  }
  std::vector<std::string> anchors;
  if (!anchor.empty()) anchors.push_back(anchor);
  SetText(heading.text, markup::Align::kLeft, text_region, heading_context, look.style, element,
          builder, anchors);
  AttachLabel(builder, first, heading.label, region.x, heading_context, look.style, element, where);
  // A heading moves with what follows it.
  builder.KeepTogether(first);
  if (builder.Size() > first) {
    std::visit([](auto& entry) { entry.keep_with_next = true; }, builder.Entries().back());
  }
  builder.Space(look.space_after);
}

void Setter::SetList(const markup::List& list, Region region, const TextContext& context,
                     int parent, FlowBuilder& builder) {
  int list_element = AddElement(Role::kL, parent);
  double column = style_.list_label_width;
  for (const markup::ListItem& item : list.items) {
    const std::string& label = item.label.empty() ? list.marker : item.label;
    column = std::max(column,
                      Face(context.text.family, context.base).Width(label, context.text.size) + 4);
  }
  column = std::min(column, region.width / 2);
  Region body{region.x + style_.list_indent + column, region.width - style_.list_indent - column};
  builder.Space(context.paragraph_space);
  bool first_item = true;
  for (const markup::ListItem& item : list.items) {
    int item_element = AddElement(Role::kLI, list_element);
    int label_element = AddElement(Role::kLbl, item_element);
    int body_element = AddElement(Role::kLBody, item_element);
    if (!first_item) builder.Space(style_.list_item_space);
    first_item = false;
    size_t first = builder.Size();
    SetBlocks(item.body, body, context, body_element, builder);
    AttachLabel(builder, first, item.label.empty() ? list.marker : item.label,
                region.x + style_.list_indent, context, context.base, label_element, item.where);
  }
  builder.Space(context.paragraph_space);
}

void Setter::SetNumbered(const markup::NumberedParagraph& numbered, const SourceLocation& where,
                         Region region, const TextContext& context, int parent,
                         FlowBuilder& builder) {
  double column = std::max(
      style_.label_width,
      Face(context.text.family, context.base).Width(numbered.label, context.text.size) + 6);
  column = std::min(column, region.width / 2);
  Region body{region.x + column, region.width - column};
  builder.Space(context.paragraph_space);
  size_t first_entry = builder.Size();
  size_t first_element = out_.structure.size();
  SetBlocks(numbered.body, body, context, parent, builder);
  // The number reads as part of the paragraph it numbers: a Lbl inside its P, drawn (and so
  // tagged) before the paragraph's first line.
  int paragraph =
      first_element < out_.structure.size() && out_.structure[first_element].role == Role::kP
          ? static_cast<int>(first_element)
          : AddElement(Role::kP, parent);
  int label = AddElement(Role::kLbl, paragraph);
  AttachLabel(builder, first_entry, numbered.label, region.x, context, context.base, label, where);
  builder.Space(context.paragraph_space);
}

void Setter::SetAppendix(const markup::Appendix& appendix, const SourceLocation& where,
                         Region region, const TextContext& context, int parent,
                         FlowBuilder& builder) {
  int section = AddElement(Role::kSect, parent);
  int heading = AddElement(Role::kH1, section);
  std::string anchor = appendix.id.empty() ? NewAnchor() : appendix.id;
  out_.outline.push_back(OutlineEntry{
      appendix.label + (appendix.title.empty() ? "" : ": " + appendix.title), 1, anchor});
  builder.BreakBefore();
  // The label, bold and right-aligned at the top of the page.
  markup::InlineText label;
  markup::Inline span;
  span.text = appendix.label;
  span.where = where;
  label.spans.push_back(span);
  TextContext label_context = context;
  label_context.text = style_.appendix_label;
  size_t first = builder.Size();
  SetText(label, markup::Align::kRight, region, label_context, FontStyle::kBold, heading, builder,
          {anchor});
  if (!appendix.title.empty()) {
    markup::InlineText title;
    span.text = appendix.title;
    title.spans.push_back(span);
    int title_element = AddElement(Role::kP, section);
    builder.Space(context.paragraph_space);
    SetText(title, markup::Align::kLeft, region, context, FontStyle::kBold, title_element, builder,
            {});
  }
  builder.KeepTogether(first);
  if (builder.Size() > first) {
    std::visit([](auto& entry) { entry.keep_with_next = true; }, builder.Entries().back());
  }
  builder.Space(context.paragraph_space);
  appendix_depth_ = 1;
  SetBlocks(appendix.body, region, context, section, builder);
  appendix_depth_ = 0;
}

}  // namespace clerk::layout
