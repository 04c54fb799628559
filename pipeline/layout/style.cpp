#include "layout/style.h"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <utility>
#include <vector>

namespace clerk::layout {

namespace {

constexpr const char* kLiberation = "/usr/share/fonts/truetype/liberation/";

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string Resolve(const std::string& directory, const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  return JoinPath(directory, path);
}

/// Reads YAML maps against a fixed set of keys, reporting with 1-based positions.
class YamlReader {
 public:
  using Handler = std::function<void(const YAML::Node&)>;

  YamlReader(std::string path, Diagnostics& diagnostics)
      : path_(std::move(path)), diagnostics_(diagnostics) {}

  SourceLocation Where(const YAML::Node& node) const {
    YAML::Mark mark = node.Mark();
    return {path_, mark.line + 1, mark.column + 1};
  }

  void Error(const YAML::Node& node, std::string message, std::string hint = "") {
    diagnostics_.Error(Where(node), std::move(message), std::move(hint));
  }

  void Map(const YAML::Node& node, const std::string& what,
           const std::vector<std::pair<std::string, Handler>>& keys) {
    if (!node.IsMap()) {
      Error(node, what + " must be a map of keys and values");
      return;
    }
    for (const auto& entry : node) {
      std::string key = entry.first.as<std::string>("");
      bool known = false;
      for (const auto& [name, handler] : keys) {
        if (name == key) {
          handler(entry.second);
          known = true;
          break;
        }
      }
      if (known) continue;
      std::string list;
      for (const auto& [name, handler] : keys) list += (list.empty() ? "" : ", ") + name;
      Error(entry.first, what + " has no setting \"" + key + "\"", "it has: " + list);
    }
  }

  Handler Number(double* out, double minimum, double maximum) {
    return [this, out, minimum, maximum](const YAML::Node& node) {
      double value = 0;
      bool ok = node.IsScalar() && YAML::convert<double>::decode(node, value);
      if (!ok || value < minimum || value > maximum) {
        Error(node, "\"" + (node.IsScalar() ? node.Scalar() : std::string("...")) +
                        "\" is not a number from " + Format(minimum) + " to " + Format(maximum));
        return;
      }
      *out = value;
    };
  }

  Handler Text(std::string* out) {
    return [this, out](const YAML::Node& node) {
      if (!node.IsScalar() || node.Scalar().empty()) {
        Error(node, "expected a name or path here");
        return;
      }
      *out = node.Scalar();
    };
  }

  Handler FaceStyle(FontStyle* out) {
    return [this, out](const YAML::Node& node) {
      std::string value = node.IsScalar() ? node.Scalar() : "";
      if (value == "regular")
        *out = FontStyle::kRegular;
      else if (value == "bold")
        *out = FontStyle::kBold;
      else if (value == "italic")
        *out = FontStyle::kItalic;
      else if (value == "bold-italic")
        *out = FontStyle::kBoldItalic;
      else
        Error(node, "\"" + value + "\" is not a font style",
              "write regular, bold, italic or bold-italic");
    };
  }

  /// family / size / leading, plus any extra keys.
  void Text(const YAML::Node& node, const std::string& what, TextStyle* text,
            std::vector<std::pair<std::string, Handler>> extra = {}) {
    extra.emplace_back("family", Text(&text->family));
    extra.emplace_back("size", Number(&text->size, 4, 200));
    extra.emplace_back("leading", Number(&text->leading, 4, 250));
    Map(node, what, extra);
  }

 private:
  static std::string Format(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
  }

  std::string path_;
  Diagnostics& diagnostics_;
};

std::optional<YAML::Node> ReadYaml(const FileSystem& files, const std::string& path,
                                   Diagnostics& diagnostics) {
  std::string error;
  auto text = files.ReadFile(path, &error);
  if (!text) {
    diagnostics.Error({path, 0, 0}, "cannot read the file: " + error);
    return std::nullopt;
  }
  try {
    return YAML::Load(*text);
  } catch (const YAML::ParserException& e) {
    diagnostics.Error({path, e.mark.line + 1, e.mark.column + 1}, "YAML syntax: " + e.msg);
    return std::nullopt;
  }
}

/// fonts/fonts.yaml: family name -> FontFaces.
std::map<std::string, FontFaces> ReadCatalogue(const FileSystem& files, const std::string& path,
                                               Diagnostics& diagnostics) {
  std::map<std::string, FontFaces> families;
  auto root = ReadYaml(files, path, diagnostics);
  if (!root) return families;
  YamlReader reader(path, diagnostics);
  if (!root->IsMap()) {
    reader.Error(*root, "the font catalogue must map family names to their files");
    return families;
  }
  std::string directory = DirectoryOf(path);
  for (const auto& entry : *root) {
    FontFaces faces;
    faces.family_name = entry.first.as<std::string>("");
    std::string package;
    reader.Map(entry.second, "family \"" + faces.family_name + "\"",
               {{"package", reader.Text(&package)},
                {"regular", reader.Text(&faces.regular)},
                {"bold", reader.Text(&faces.bold)},
                {"italic", reader.Text(&faces.italic)},
                {"bold-italic", reader.Text(&faces.bold_italic)}});
    if (faces.regular.empty()) {
      reader.Error(entry.first, "family \"" + faces.family_name + "\" names no regular file");
      continue;
    }
    for (std::string* file : {&faces.regular, &faces.bold, &faces.italic, &faces.bold_italic}) {
      if (file->empty()) *file = faces.regular;  // a family without a style falls back
      *file = Resolve(directory, *file);
    }
    families[faces.family_name] = std::move(faces);
  }
  return families;
}

}  // namespace

const std::string& FontFaces::For(FontStyle style) const {
  switch (style) {
    case FontStyle::kRegular:
      return regular;
    case FontStyle::kBold:
      return bold;
    case FontStyle::kItalic:
      return italic;
    case FontStyle::kBoldItalic:
      return bold_italic;
  }
  return regular;
}

Style DefaultStyle() {
  Style style;
  FontFaces sans;
  sans.family_name = "Liberation Sans";
  sans.regular = std::string(kLiberation) + "LiberationSans-Regular.ttf";
  sans.bold = std::string(kLiberation) + "LiberationSans-Bold.ttf";
  sans.italic = std::string(kLiberation) + "LiberationSans-Italic.ttf";
  sans.bold_italic = std::string(kLiberation) + "LiberationSans-BoldItalic.ttf";
  style.fonts["sans"] = sans;
  style.headings[0] = HeadingStyle{{"sans", 12, 15}, FontStyle::kBold, 14, 6};
  style.headings[1] = HeadingStyle{{"sans", 11, 14}, FontStyle::kBold, 12, 4};
  style.headings[2] = HeadingStyle{{"sans", 11, 14}, FontStyle::kBoldItalic, 10, 3};
  return style;
}

Style LoadStyle(const FileSystem& files, const std::string& style_path, Diagnostics& diagnostics) {
  Style style = DefaultStyle();
  auto root = ReadYaml(files, style_path, diagnostics);
  if (!root) return style;
  YamlReader r(style_path, diagnostics);
  using H = YamlReader::Handler;
  std::string catalogue_path;
  YAML::Node fonts_node;
  double header_fill = style.header_fill.value_or(-1);
  bool header_fill_given = false;
  auto heading = [&](int level) -> H {
    return [&, level](const YAML::Node& node) {
      HeadingStyle& h = style.headings[level];
      r.Text(node, "headings: h" + std::to_string(level + 1), &h.text,
             {{"style", r.FaceStyle(&h.style)},
              {"space-before", r.Number(&h.space_before, 0, 200)},
              {"space-after", r.Number(&h.space_after, 0, 200)}});
    };
  };
  r.Map(*root, "style.yaml",
        {
            {"page",
             [&](const YAML::Node& n) {
               r.Map(n, "page",
                     {{"width", r.Number(&style.page_width, 72, 14400)},
                      {"height", r.Number(&style.page_height, 72, 14400)}});
             }},
            {"margins",
             [&](const YAML::Node& n) {
               r.Map(n, "margins",
                     {{"top", r.Number(&style.margin_top, 0, 1000)},
                      {"right", r.Number(&style.margin_right, 0, 1000)},
                      {"bottom", r.Number(&style.margin_bottom, 0, 1000)},
                      {"left", r.Number(&style.margin_left, 0, 1000)}});
             }},
            {"font-catalogue", r.Text(&catalogue_path)},
            {"fonts", [&](const YAML::Node& n) { fonts_node = n; }},
            {"body", [&](const YAML::Node& n) { r.Text(n, "body", &style.body); }},
            {"paragraph-space", r.Number(&style.paragraph_space, 0, 200)},
            {"headings",
             [&](const YAML::Node& n) {
               r.Map(n, "headings", {{"h1", heading(0)}, {"h2", heading(1)}, {"h3", heading(2)}});
             }},
            {"label-width", r.Number(&style.label_width, 0, 300)},
            {"list",
             [&](const YAML::Node& n) {
               r.Map(n, "list",
                     {{"indent", r.Number(&style.list_indent, 0, 300)},
                      {"label-width", r.Number(&style.list_label_width, 0, 300)},
                      {"item-space", r.Number(&style.list_item_space, 0, 200)}});
             }},
            {"table",
             [&](const YAML::Node& n) {
               r.Text(n, "table", &style.table_text,
                      {{"cell-padding", r.Number(&style.cell_padding, 0, 100)},
                       {"rule", r.Number(&style.table_rule, 0, 20)},
                       {"header-fill",
                        [&](const YAML::Node& v) {
                          header_fill_given = true;
                          r.Number(&header_fill, 0, 1)(v);
                        }},
                       {"space", r.Number(&style.table_space, 0, 200)}});
             }},
            {"box",
             [&](const YAML::Node& n) {
               r.Map(n, "box",
                     {{"padding", r.Number(&style.box_padding, 0, 100)},
                      {"rule", r.Number(&style.box_rule, 0, 20)}});
             }},
            {"fields",
             [&](const YAML::Node& n) {
               r.Map(n, "fields",
                     {{"label-width", r.Number(&style.field_label_width, 0, 1000)},
                      {"space", r.Number(&style.field_space, 0, 200)}});
             }},
            {"footer",
             [&](const YAML::Node& n) {
               r.Text(n, "footer", &style.footer_text,
                      {{"baseline", r.Number(&style.footer_baseline, 0, 1000)}});
             }},
            {"draft",
             [&](const YAML::Node& n) {
               r.Text(n, "draft", &style.draft_text,
                      {{"watermark-size", r.Number(&style.draft_watermark_size, 0, 400)},
                       {"watermark-gray", r.Number(&style.draft_watermark_gray, 0, 1)}});
             }},
            {"appendix-label",
             [&](const YAML::Node& n) { r.Text(n, "appendix-label", &style.appendix_label); }},
        });
  if (header_fill_given) style.header_fill = header_fill;

  if (fonts_node && fonts_node.IsMap()) {
    if (catalogue_path.empty()) {
      r.Error(fonts_node, "fonts are named but no font-catalogue says where their files are",
              "add font-catalogue: ../fonts/fonts.yaml");
    } else {
      std::string path = Resolve(DirectoryOf(style_path), catalogue_path);
      auto catalogue = ReadCatalogue(files, path, diagnostics);
      std::map<std::string, FontFaces> chosen;
      for (const auto& entry : fonts_node) {
        std::string role = entry.first.as<std::string>("");
        std::string family = entry.second.IsScalar() ? entry.second.Scalar() : "";
        auto it = catalogue.find(family);
        if (it == catalogue.end()) {
          std::string known;
          for (const auto& [name, faces] : catalogue) known += (known.empty() ? "" : ", ") + name;
          r.Error(entry.second, "font family \"" + family + "\" is not in " + path,
                  known.empty() ? "" : "it has: " + known);
          continue;
        }
        chosen[role] = it->second;
      }
      if (!chosen.empty()) style.fonts = std::move(chosen);
    }
  } else if (fonts_node) {
    r.Error(fonts_node, "fonts must map font roles (sans) to family names");
  }

  auto check_family = [&](const TextStyle& text, const std::string& what) {
    if (!style.fonts.count(text.family)) {
      diagnostics.Error({style_path, 0, 0},
                        what + " uses font \"" + text.family + "\", which fonts: does not name");
    }
  };
  check_family(style.body, "body");
  check_family(style.table_text, "table");
  check_family(style.footer_text, "footer");
  check_family(style.draft_text, "draft");
  check_family(style.appendix_label, "appendix-label");
  for (int level = 0; level < 3; ++level) {
    check_family(style.headings[level].text, "h" + std::to_string(level + 1));
  }
  if (style.TextWidth() < 72 || style.BodyHeight() < 72) {
    diagnostics.Error({style_path, 0, 0},
                      "the margins leave less than an inch of the page for text",
                      "make the margins smaller or the page larger");
    Style fallback = DefaultStyle();
    style.margin_top = fallback.margin_top;
    style.margin_right = fallback.margin_right;
    style.margin_bottom = fallback.margin_bottom;
    style.margin_left = fallback.margin_left;
    style.page_width = fallback.page_width;
    style.page_height = fallback.page_height;
  }
  return style;
}

FontSet FontSet::Load(const Style& style, const FileSystem& files, Diagnostics& diagnostics) {
  FontSet set;
  std::map<std::string, const FontMetrics*> by_path;
  for (const auto& [role, faces] : style.fonts) {
    for (FontStyle face_style :
         {FontStyle::kRegular, FontStyle::kBold, FontStyle::kItalic, FontStyle::kBoldItalic}) {
      const std::string& path = faces.For(face_style);
      if (auto known = by_path.find(path); known != by_path.end()) {
        set.Add(role, face_style, *known->second);
        continue;
      }
      std::string error;
      auto bytes = files.ReadFile(path, &error);
      if (!bytes) {
        diagnostics.Error(
            {path, 0, 0}, "cannot read the font file: " + error,
            "install the Debian package fonts/README.md names for " + faces.family_name);
        continue;
      }
      auto metrics = FontMetrics::Parse(*bytes, &error);
      if (!metrics) {
        diagnostics.Error({path, 0, 0}, "the font file " + error);
        continue;
      }
      set.Add(role, face_style, std::move(*metrics));
      by_path[path] = &*set.families_.at(role)[static_cast<size_t>(face_style)];
    }
  }
  return set;
}

void FontSet::Add(const std::string& family, FontStyle style, FontMetrics metrics) {
  families_[family][static_cast<size_t>(style)] = std::move(metrics);
}

const FontMetrics& FontSet::Face(const std::string& family, FontStyle style) const {
  auto found = families_.find(family);
  if (found != families_.end()) {
    const Faces& faces = found->second;
    if (faces[static_cast<size_t>(style)]) return *faces[static_cast<size_t>(style)];
    if (faces[static_cast<size_t>(FontStyle::kRegular)]) {
      return *faces[static_cast<size_t>(FontStyle::kRegular)];
    }
  }
  // Any face: the first family's first.
  for (const std::optional<FontMetrics>& face : families_.begin()->second) {
    if (face) return *face;
  }
  return *families_.begin()->second.back();  // not reached: every family has a face
}

}  // namespace clerk::layout
