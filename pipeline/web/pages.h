#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <optional>
#include <string>

#include "core/diagnostic.h"

/// The web page's HTML: Mustache templates from templates/web/ (layout.mustache around each
/// page's own template), with Mustache's escaping of & < > " ' for every value, so nothing from
/// the registry or a request can become markup. Only pipeline/web knows kainjow.
namespace clerk::web {

using PageData = kainjow::mustache::data;

/// The pages every server needs: layout, login, reports, report, build, message.
inline constexpr const char* kPageNames[] = {"layout", "login", "reports",
                                             "report", "build", "message"};

class PageTemplates {
 public:
  /// Reads `folder`/<name>.mustache for every name of kPageNames and `folder`/style.css, and
  /// checks that each template parses. nullopt, with an error at the file, when one cannot.
  static std::optional<PageTemplates> Load(const std::string& folder, Diagnostics& diagnostics);

  /// The page `name` rendered with `page`, inside the layout rendered with `layout` (the page's
  /// HTML is the layout's `body`). Safe to call from many threads at once.
  std::string Render(const std::string& name, const PageData& page, PageData layout) const;
  /// Render in two steps: the page's own HTML, then the layout around it.
  std::string RenderBody(const std::string& name, const PageData& page) const;
  std::string RenderLayout(const std::string& body, PageData layout) const;

  const std::string& Style() const { return style_; }

 private:
  std::map<std::string, std::string> sources_;
  std::string style_;
  int generation_ = 0;  ///< tells each thread's cache of parsed templates which set it holds
};

/// The templates clerk was built with (CLERK_SOURCE_DIR/templates/web), or templates/web here
/// when that folder exists.
std::string DefaultWebTemplatesFolder();

}  // namespace clerk::web
