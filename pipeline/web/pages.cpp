#include "web/pages.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace clerk::web {

namespace {

namespace mustache = kainjow::mustache;

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// kainjow's error messages end with a byte offset ("... at 12"): give a line and column instead.
void ReportTemplateError(const std::string& path, const std::string& text,
                         const std::string& message, Diagnostics& diagnostics) {
  int line = 1;
  int column = 1;
  size_t at = message.rfind(" at ");
  if (at != std::string::npos &&
      message.find_first_not_of("0123456789", at + 4) == std::string::npos &&
      at + 4 < message.size()) {
    size_t offset = std::stoul(message.substr(at + 4));
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
  }
  diagnostics.Error({path, line, column}, "the web template does not parse: " + message);
}

std::atomic<int> next_generation{1};

}  // namespace

std::optional<PageTemplates> PageTemplates::Load(const std::string& folder,
                                                 Diagnostics& diagnostics) {
  PageTemplates templates;
  templates.generation_ = next_generation++;
  for (const char* name : kPageNames) {
    std::string path = folder + "/" + name + ".mustache";
    std::optional<std::string> text = ReadFile(path);
    if (!text) {
      diagnostics.Error({path, 0, 0}, "cannot read the web template",
                        "give the folder of the web templates with --web-templates");
      continue;
    }
    mustache::mustache parsed(*text);
    if (!parsed.is_valid()) {
      ReportTemplateError(path, *text, parsed.error_message(), diagnostics);
      continue;
    }
    templates.sources_[name] = *text;
  }
  std::string style_path = folder + "/style.css";
  std::optional<std::string> style = ReadFile(style_path);
  if (!style) diagnostics.Error({style_path, 0, 0}, "cannot read the web page's style sheet");
  if (diagnostics.HasErrors()) return std::nullopt;
  templates.style_ = *style;
  return templates;
}

namespace {

// A parsed kainjow template keeps an error message it may write while rendering, so each thread
// renders from parsed copies of its own.
mustache::mustache& Parsed(const std::map<std::string, std::string>& sources, int generation,
                           const std::string& name) {
  thread_local int cached_generation = 0;
  thread_local std::map<std::string, std::unique_ptr<mustache::mustache>> cache;
  if (cached_generation != generation) {
    cache.clear();
    cached_generation = generation;
  }
  std::unique_ptr<mustache::mustache>& slot = cache[name];
  if (!slot) slot = std::make_unique<mustache::mustache>(sources.at(name));
  return *slot;
}

}  // namespace

std::string PageTemplates::Render(const std::string& name, const PageData& page,
                                  PageData layout) const {
  return RenderLayout(RenderBody(name, page), std::move(layout));
}

std::string PageTemplates::RenderBody(const std::string& name, const PageData& page) const {
  return Parsed(sources_, generation_, name).render(page);
}

std::string PageTemplates::RenderLayout(const std::string& body, PageData layout) const {
  layout.set("body", body);
  return Parsed(sources_, generation_, "layout").render(layout);
}

std::string DefaultWebTemplatesFolder() {
  std::error_code error;
  if (std::filesystem::is_directory("templates/web", error)) return "templates/web";
  return std::string(CLERK_SOURCE_DIR) + "/templates/web";
}

}  // namespace clerk::web
