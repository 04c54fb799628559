#include "chart/chart.h"

#include <algorithm>
#include <cmath>

#include "chart/fixed_decimal.h"

namespace clerk::chart {

namespace {

using layout::Box;
using layout::FontMetrics;
using layout::FontStyle;
using layout::PlacedItem;
using layout::Rule;
using layout::TextRun;

constexpr double kGap = 6;            // between the label column and the plot, points
constexpr double kValueGap = 3;       // between a bar's end and its value
constexpr double kChangeBar = 8;      // a change bar's thickness
constexpr double kCompareBar = 7;     // each of a compare row's two bars
constexpr double kCompareGap = 2;     // between them
constexpr double kRiseGray = 0.35;    // rises: solid
constexpr double kEarlierGray = 0.8;  // earlier values: light, outlined
constexpr double kHatchSpacing = 3;   // falls: outlined and hatched
constexpr double kGridGray = 0.8;
constexpr int kMaxLabelLines = 2;
const char kEllipsis[] = "\xE2\x80\xA6";
const char kMinus[] = "\xE2\x88\x92";

const FontMetrics& Face(const ChartFonts& fonts, FontStyle style) {
  return fonts.fonts->Face(fonts.family, style);
}

/// A run of `text`, whose bytes go into `store` (the strip's that will hold the run).
TextRun Run(const ChartFonts& fonts, const FontMetrics& face, FontStyle style, double size,
            std::string_view text, double x, double baseline, layout::TextStore& store) {
  TextRun run;
  run.x = x;
  run.baseline = baseline;
  run.family = fonts.family_index;
  run.style = style;
  run.size = size;
  run.width = face.Width(text, size);
  run.text = store.Add(text);
  return run;
}

Rule Line(double x1, double y1, double x2, double y2, double thickness, double gray = 0) {
  Rule rule;
  rule.x1 = x1;
  rule.y1 = y1;
  rule.x2 = x2;
  rule.y2 = y2;
  rule.thickness = thickness;
  rule.gray = gray;
  return rule;
}

Box Rect(double x, double top, double width, double height, double stroke,
         std::optional<double> fill) {
  Box box;
  box.x = x;
  box.y = top;
  box.width = width;
  box.height = height;
  box.stroke = stroke;
  box.SetFillGray(fill);
  return box;
}

/// Diagonal hatching inside the rectangle (x, top, width, height), as rules clipped to it.
void Hatch(double x, double top, double width, double height, std::vector<PlacedItem>& items) {
  // Lines u - v = c in the rectangle's own coordinates (u right, v up from its bottom).
  for (double c = -height + kHatchSpacing / 2; c < width; c += kHatchSpacing) {
    double v1 = std::max(0.0, -c), v2 = std::min(height, width - c);
    if (v2 - v1 < 0.2) continue;
    items.push_back(Line(x + v1 + c, top + height - v1, x + v2 + c, top + height - v2, 0.5));
  }
}

/// A dashed vertical line from y1 down to y2, broken where `gaps` (y ranges) say.
void Dashed(double x, double y1, double y2, std::vector<PlacedItem>& items,
            const std::vector<std::pair<double, double>>& gaps = {}) {
  for (double y = y1; y < y2; y += 5) {
    double end = std::min(y + 3, y2);
    bool hidden = std::any_of(gaps.begin(), gaps.end(), [&](const std::pair<double, double>& gap) {
      return y < gap.second && end > gap.first;
    });
    if (!hidden) items.push_back(Line(x, y, x, end, 1));
  }
}

/// Shortens `text` with "…" until it is no wider than `width` (whole characters only).
std::string Fit(const FontMetrics& face, std::string text, double size, double width) {
  width += 1e-6;  // a column as wide as its text, computed another way, still takes it
  if (face.Width(text, size) <= width) return text;
  while (!text.empty() && face.Width(text + kEllipsis, size) > width) {
    size_t cut = text.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text + kEllipsis;
}

/// Breaks `text` at spaces into lines no wider than `width`; at most `max_lines` lines, the
/// last shortened with "…" when the text does not fit.
std::vector<std::string> Wrap(const FontMetrics& face, const std::string& text, double size,
                              double width, int max_lines) {
  width += 1e-6;
  // Most labels fit on one line as they are. Widths only add up (no kerning), so every line
  // the loop below would try is then narrower than the whole, and it would give the text back.
  if (!text.empty() && text.front() != ' ' && text.back() != ' ' &&
      text.find("  ") == std::string::npos && face.Width(text, size) <= width) {
    return {text};
  }
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::vector<std::string> lines;
  std::string line;
  size_t i = 0;
  for (; i < words.size(); ++i) {
    std::string candidate = line.empty() ? words[i] : line + " " + words[i];
    if (line.empty() || face.Width(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    lines.push_back(line);
    line = words[i];
    if (static_cast<int>(lines.size()) == max_lines - 1) {
      for (++i; i < words.size(); ++i) line += " " + words[i];
      break;
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  for (std::string& each : lines) each = Fit(face, each, size, width);
  return lines;
}

std::string WithUnit(const std::string& number, const std::string& unit) {
  if (unit.empty()) return number;
  return unit == "%" ? number + "%" : number + " " + unit;
}

std::string HeadlineText(double value) {
  std::string digits = FixedText(std::fabs(value), 1);
  if (digits == "0.0") return digits;
  return (value < 0 ? std::string(kMinus) : "+") + digits;
}

std::string Capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

/// The smallest round step (1, 2, 2.5 or 5 times a power of ten) that splits [lo, hi] into
/// at most `most` intervals.
double RoundStep(double lo, double hi, int most) {
  double range = std::max(hi - lo, 1e-9);
  double power = std::pow(10.0, std::floor(std::log10(range / most)) - 1);
  for (int round = 0; round < 8; ++round, power *= 10) {
    for (double factor : {1.0, 2.0, 2.5, 5.0}) {
      double step = factor * power;
      double first = std::floor(lo / step + 1e-9), last = std::ceil(hi / step - 1e-9);
      if (last - first <= most) return step;
    }
  }
  return power;
}

struct Ticks {
  double min = 0, max = 1, step = 1;
  std::vector<double> values;
};

Ticks MakeTicks(double lo, double hi, int most) {
  Ticks ticks;
  ticks.step = RoundStep(lo, hi, most);
  ticks.min = std::floor(lo / ticks.step + 1e-9) * ticks.step;
  ticks.max = std::ceil(hi / ticks.step - 1e-9) * ticks.step;
  if (ticks.max <= ticks.min) ticks.max = ticks.min + ticks.step;
  int count = static_cast<int>(std::lround((ticks.max - ticks.min) / ticks.step));
  for (int i = 0; i <= count; ++i) {
    double value = ticks.min + i * ticks.step;
    if (std::fabs(value) < ticks.step * 1e-6) value = 0;
    ticks.values.push_back(value);
  }
  return ticks;
}

class ChartSetter {
 public:
  ChartSetter(const Spec& spec, const ChartFonts& fonts, double x, double width)
      : spec_(spec),
        fonts_(fonts),
        regular_(Face(fonts, FontStyle::kRegular)),
        bold_(Face(fonts, FontStyle::kBold)),
        x_(x),
        width_(std::max(width, 60.0)) {}

  ChartLayout Set() {
    const double size = fonts_.size;
    change_ = spec_.kind == Kind::kChange;
    double lo = 0, hi = 0;
    double left_reserve = 0, right_reserve = 0;  // value labels beside the bars' ends
    for (const Row& row : spec_.rows) {
      for (double value : Values(row)) {
        lo = std::min(lo, value);
        hi = std::max(hi, value);
        double label = regular_.Width(ValueLabel(value), size) + kValueGap;
        (value < 0 ? left_reserve : right_reserve) =
            std::max(value < 0 ? left_reserve : right_reserve, label);
      }
    }
    if (change_ && spec_.headline) {
      lo = std::min(lo, *spec_.headline);
      hi = std::max(hi, *spec_.headline);
    }
    if (hi - lo < 1e-9) hi = lo + 1;  // every value zero: an axis from 0 to 1
    double natural = 0;
    for (const Row& row : spec_.rows) natural = std::max(natural, regular_.Width(row.label, size));
    out_.label_left = x_;
    out_.label_right = x_ + std::min(natural, 0.3 * width_);
    // Two passes: the ticks' labels decide how much room the axis' ends need, and that room
    // decides how many ticks fit.
    Ticks ticks = MakeTicks(lo, hi, 6);
    for (int pass = 0; pass < 2; ++pass) {
      double end_room = 0, widest = 0;
      for (double value : ticks.values) {
        double w = regular_.Width(TickLabel(value), size);
        widest = std::max(widest, w);
        end_room = std::max(end_room, w / 2);
      }
      out_.plot_left = out_.label_right + kGap + std::max(left_reserve, end_room);
      out_.plot_right = x_ + width_ - std::max(right_reserve, end_room);
      double plot = std::max(out_.plot_right - out_.plot_left, 10.0);
      // Few ticks read best: at most six intervals, and never labels closer than 8 points.
      int most = std::max(1, std::min(6, static_cast<int>(plot / (widest + 8))));
      ticks = MakeTicks(lo, hi, most);
    }
    out_.axis_min = ticks.min;
    out_.axis_max = ticks.max;
    out_.tick_step = ticks.step;
    out_.zero_x = out_.X(0);
    ticks_ = ticks.values;

    SetTitle();
    SetLegend();
    SetAxis();
    for (const Row& row : spec_.rows) SetRow(row);
    return std::move(out_);
  }

 private:
  std::vector<double> Values(const Row& row) const {
    if (change_) return {row.value};
    return {row.earlier, row.later};
  }

  std::string ValueLabel(double value) const {
    return change_ ? FormatValue(value, true)
                   : WithUnit(FormatValue(value, false), spec_.unit == "%" ? "%" : "");
  }

  std::string TickLabel(double value) const { return FormatValue(value, change_ && value != 0); }

  double Baseline(double line_top) const {
    double ascent = regular_.Ascent(fonts_.size), descent = regular_.Descent(fonts_.size);
    return line_top + (fonts_.leading - ascent - descent) / 2 + ascent;
  }

  void SetTitle() {
    double leading = fonts_.title_size * 1.25;
    for (const std::string& line : Wrap(bold_, spec_.title, fonts_.title_size, width_, 3)) {
      Strip strip;
      strip.height = leading;
      strip.items.push_back(Run(fonts_, bold_, FontStyle::kBold, fonts_.title_size, line, x_,
                                leading * 0.8, strip.text));
      out_.title.push_back(std::move(strip));
    }
  }

  /// The key: a sample of each kind of mark and what it means, set left to right and wrapped.
  void SetLegend() {
    struct Key {
      enum { kSolid, kHatched, kLight, kDashed } mark;
      std::string text;
    };
    std::vector<Key> keys;
    if (change_) {
      keys.push_back({Key::kSolid, "Rise"});
      keys.push_back({Key::kHatched, "Fall"});
      if (spec_.headline) {
        keys.push_back({Key::kDashed, Capitalised(spec_.headline_label) + " " +
                                          WithUnit(HeadlineText(*spec_.headline), spec_.unit)});
      }
    } else {
      keys.push_back({Key::kLight, spec_.earlier_label});
      keys.push_back({Key::kSolid, spec_.later_label});
    }
    const double sample = 12, line = fonts_.leading + 2;
    double cx = x_, top = 2;
    for (const Key& key : keys) {
      std::string text = Fit(regular_, key.text, fonts_.size, width_ - sample - 4);
      double need = sample + 4 + regular_.Width(text, fonts_.size);
      if (cx > x_ && cx + need > x_ + width_) {
        cx = x_;
        top += line;
      }
      double mid = top + fonts_.leading / 2;
      std::vector<PlacedItem>& items = out_.legend.items;
      switch (key.mark) {
        case Key::kSolid:
          items.push_back(Rect(cx, mid - 3.5, sample, 7, 0, kRiseGray));
          break;
        case Key::kHatched:
          items.push_back(Rect(cx, mid - 3.5, sample, 7, 0.75, std::nullopt));
          Hatch(cx, mid - 3.5, sample, 7, items);
          break;
        case Key::kLight:
          items.push_back(Rect(cx, mid - 3.5, sample, 7, 0.5, kEarlierGray));
          break;
        case Key::kDashed:
          Dashed(cx + sample / 2, mid - 5, mid + 5, items);
          break;
      }
      items.push_back(Run(fonts_, regular_, FontStyle::kRegular, fonts_.size, text, cx + sample + 4,
                          Baseline(top), out_.legend.text));
      cx += need + 14;
    }
    out_.legend.height = top + line + 2;
  }

  /// The axis: what it measures, centred over the plot; the ticks' values; the axis line.
  void SetAxis() {
    Strip& axis = out_.axis;
    double tick_top = 2 * fonts_.leading + 1;
    axis.height = tick_top + 4;
    std::string caption =
        change_ ? (spec_.unit == "points" ? "Change, percentage points" : "Change, " + spec_.unit)
                : (spec_.unit == "%" ? "Percentage" : spec_.unit);
    caption = Fit(regular_, caption, fonts_.size, out_.plot_right - out_.plot_left);
    TextRun title =
        Run(fonts_, regular_, FontStyle::kRegular, fonts_.size, caption, 0, Baseline(0), axis.text);
    title.x = (out_.plot_left + out_.plot_right - title.width) / 2;
    axis.items.push_back(std::move(title));
    for (double value : ticks_) {
      double x = out_.X(value);
      TextRun run = Run(fonts_, regular_, FontStyle::kRegular, fonts_.size, TickLabel(value), 0,
                        Baseline(fonts_.leading), axis.text);
      run.x = x - run.width / 2;
      axis.items.push_back(std::move(run));
      axis.items.push_back(Line(x, tick_top, x, axis.height, 0.5));
    }
    axis.items.push_back(Line(out_.plot_left, axis.height, out_.plot_right, axis.height, 0.5));
  }

  void SetRow(const Row& row) {
    std::vector<std::string> lines =
        Wrap(regular_, row.label, fonts_.size, out_.label_right - out_.label_left, kMaxLabelLines);
    double bars = change_ ? kChangeBar : 2 * kCompareBar + kCompareGap;
    double text_height = static_cast<double>(lines.size()) * fonts_.leading;
    Strip strip;
    strip.height = std::max(bars + 6, text_height + 3);
    std::vector<PlacedItem>& items = strip.items;
    // Grid lines, label lines, bars and values, the zero line, a few dashes: one allocation
    // for most rows (a fall's hatching may take another).
    items.reserve(ticks_.size() + lines.size() + 16);
    for (double value : ticks_) {
      if (value == 0) continue;
      items.push_back(Line(out_.X(value), 0, out_.X(value), strip.height, 0.25, kGridGray));
    }
    double text_top = (strip.height - text_height) / 2;
    for (size_t i = 0; i < lines.size(); ++i) {
      items.push_back(
          Run(fonts_, regular_, FontStyle::kRegular, fonts_.size, lines[i], out_.label_left,
              Baseline(text_top + static_cast<double>(i) * fonts_.leading), strip.text));
    }
    double bar_top = (strip.height - bars) / 2;
    if (change_) {
      Bar(row.value, bar_top, kChangeBar, row.value < 0 ? Mark::kHatched : Mark::kSolid, strip);
    } else {
      Bar(row.earlier, bar_top, kCompareBar, Mark::kLight, strip);
      Bar(row.later, bar_top + kCompareBar + kCompareGap, kCompareBar, Mark::kSolid, strip);
    }
    items.push_back(Line(out_.zero_x, 0, out_.zero_x, strip.height, 0.75));
    if (change_ && spec_.headline) {
      // The headline's line stops short of a value printed across it.
      double x = out_.X(*spec_.headline);
      std::vector<std::pair<double, double>> gaps;
      for (const PlacedItem& item : items) {
        const auto* run = std::get_if<TextRun>(&item);
        if (!run || run->x - 1.5 > x || run->x + run->width + 1.5 < x) continue;
        gaps.emplace_back(run->baseline - regular_.Ascent(run->size) - 1,
                          run->baseline + regular_.Descent(run->size) + 1);
      }
      Dashed(x, 0, strip.height, items, gaps);
    }
    out_.rows.push_back(std::move(strip));
  }

  enum class Mark { kSolid, kHatched, kLight };

  void Bar(double value, double top, double thickness, Mark mark, Strip& strip) const {
    std::vector<PlacedItem>& items = strip.items;
    double end = out_.X(value);
    double left = std::min(end, out_.zero_x), width = std::fabs(end - out_.zero_x);
    if (width > 0) {
      switch (mark) {
        case Mark::kSolid:
          items.push_back(Rect(left, top, width, thickness, 0, kRiseGray));
          break;
        case Mark::kHatched:
          items.push_back(Rect(left, top, width, thickness, 0.75, std::nullopt));
          Hatch(left, top, width, thickness, items);
          break;
        case Mark::kLight:
          items.push_back(Rect(left, top, width, thickness, 0.5, kEarlierGray));
          break;
      }
    }
    double ascent = regular_.Ascent(fonts_.size), descent = regular_.Descent(fonts_.size);
    // The value sits beside the bar's end, centred on the bar (a smaller size for thin bars).
    double size =
        std::min(fonts_.size, (thickness + kCompareGap) / (ascent + descent) * fonts_.size);
    double baseline = top + thickness / 2 + (ascent - descent) * size / fonts_.size / 2;
    TextRun run = Run(fonts_, regular_, FontStyle::kRegular, size, ValueLabel(value), 0, baseline,
                      strip.text);
    run.x = value < 0 ? end - kValueGap - run.width : end + kValueGap;
    items.push_back(std::move(run));
  }

  const Spec& spec_;
  const ChartFonts& fonts_;
  // Looked up once: a chart of a thousand rows would otherwise look its faces up by name
  // for every label.
  const FontMetrics& regular_;
  const FontMetrics& bold_;
  double x_, width_;
  bool change_ = true;
  std::vector<double> ticks_;
  ChartLayout out_;
};

}  // namespace

std::string FormatValue(double value, bool signed_value) {
  double rounded = std::round(value * 100) / 100;
  std::string digits = FixedText(std::fabs(rounded), 2);
  while (digits.back() == '0') digits.pop_back();
  if (digits.back() == '.') digits.pop_back();
  if (digits == "0") return digits;
  if (rounded < 0) return kMinus + digits;
  return (signed_value ? "+" : "") + digits;
}

Spec SpecFromMarkup(const markup::Chart& chart) {
  Spec spec;
  spec.kind = chart.kind == markup::ChartKind::kChange ? Kind::kChange : Kind::kCompare;
  spec.title = chart.title;
  spec.unit = chart.unit;
  spec.headline = chart.headline;
  spec.headline_label = chart.headline_label;
  spec.earlier_label = chart.earlier_label;
  spec.later_label = chart.later_label;
  for (const markup::ChartBar& bar : chart.bars) {
    spec.rows.push_back(Row{bar.label, bar.value, bar.earlier, bar.later});
  }
  return spec;
}

ChartLayout LayOutChart(const Spec& spec, const ChartFonts& fonts, double x, double width) {
  ChartSetter setter(spec, fonts, x, width);
  return setter.Set();
}

std::string AltText(const Spec& spec) {
  std::string text = spec.title;
  if (spec.rows.empty()) return text;
  auto value_text = [&](double value, bool signed_value) {
    return WithUnit(FormatValue(value, signed_value), spec.unit);
  };
  if (spec.kind == Kind::kChange) {
    const Row* rise = nullptr;
    const Row* fall = nullptr;
    for (const Row& row : spec.rows) {
      if (row.value > 0 && (!rise || row.value > rise->value)) rise = &row;
      if (row.value < 0 && (!fall || row.value < fall->value)) fall = &row;
    }
    text += ": ";
    text += rise ? "largest rise " + rise->label + " " + value_text(rise->value, true) : "no rises";
    text += ", ";
    text += fall ? "largest fall " + fall->label + " " + value_text(fall->value, true) : "no falls";
    if (spec.headline) {
      text += "; " + spec.headline_label + " " + WithUnit(HeadlineText(*spec.headline), spec.unit);
    }
    return text;
  }
  auto extremes = [&](double Row::*field, const std::string& name) {
    const Row* high = &spec.rows.front();
    const Row* low = &spec.rows.front();
    for (const Row& row : spec.rows) {
      if (row.*field > high->*field) high = &row;
      if (row.*field < low->*field) low = &row;
    }
    return name + " highest " + high->label + " " + value_text(high->*field, false) + ", lowest " +
           low->label + " " + value_text(low->*field, false);
  };
  return text + ": " + extremes(&Row::later, spec.later_label) + "; " +
         extremes(&Row::earlier, spec.earlier_label);
}

ChartFonts FontsFor(const layout::Style& style, const layout::FontSet& fonts) {
  ChartFonts chart;
  chart.fonts = &fonts;
  chart.family = style.body.family;
  chart.size = std::max(6.0, style.body.size - 2);
  chart.leading = chart.size * 1.25;
  chart.title_size = style.body.size;
  return chart;
}

}  // namespace clerk::chart
