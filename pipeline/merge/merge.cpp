#include "merge/merge.h"

#include <functional>
#include <future>
#include <kainjow/mustache.hpp>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "merge/partial_expansion.h"
#include "merge/template_data.h"
#include "merge/template_schema.h"
#include "merge/value_context.h"

namespace clerk::merge {

namespace {

namespace mustache = kainjow::mustache;

// kainjow keeps the line of a section that is not shown, and of a comment, as an empty line.
// Markup collapses whitespace, so a line of nothing but whitespace means nothing: dropping it
// only makes the markup easier to read (--emit markup). kainjow writes what it renders here, in
// pieces that end anywhere in a line: whole lines that are not blank go on to `write`.
class MarkupSink {
 public:
  explicit MarkupSink(const std::function<void(std::string_view)>& write) : write_(write) {}

  MarkupSink& operator<<(const std::string& piece) {
    std::string_view rest = piece;
    for (size_t end = rest.find('\n'); end != std::string_view::npos; end = rest.find('\n')) {
      std::string_view line = rest.substr(0, end + 1);
      rest.remove_prefix(end + 1);
      if (line_.empty()) {
        if (!IsBlank(line)) write_(line);
      } else {
        line_.append(line);
        if (!IsBlank(line_)) write_(line_);
        line_.clear();
      }
    }
    line_.append(rest);
    return *this;
  }

  /// The last line, which has no line end.
  void Finish() {
    if (!IsBlank(line_)) write_(line_);
    line_.clear();
  }

 private:
  static bool IsBlank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
  }

  const std::function<void(std::string_view)>& write_;
  std::string line_;  // the start of a line whose end kainjow has not written yet
};

// A template set made ready for kainjow: the partials, and the main template parsed.
struct Renderer {
  std::map<std::string, mustache::data> partials;
  std::unique_ptr<mustache::mustache> main;  // kainjow's own (its errors are asked for later)
};

// kainjow parses a partial's text again at every inclusion (twice per action-plan row) and
// cannot be handed a parsed one, so the partials are spliced in first (partial_expansion.h);
// those that must stay partials (a set's recursive appendices) are given expanded too.
// `templates` must have its main template.
Renderer PrepareRenderer(const TemplateSet& templates) {
  std::map<std::string, std::string> texts;
  for (const auto& [name, file] : templates.files) texts.emplace(name, file.text);
  std::map<std::string, std::string> expanded = ExpandPartials(texts);
  Renderer renderer;
  for (auto& [name, text] : expanded) {
    renderer.partials.emplace(name, mustache::data(std::move(text)));
  }
  renderer.main =
      std::make_unique<mustache::mustache>(renderer.partials.at(kMainTemplate).string_value());
  // Every value is escaped (or built as markup) by merge before the template sees it, so the
  // template must not escape again; this also makes {{x}} and {{{x}}} print the same.
  renderer.main->set_custom_escape([](const std::string& text) { return text; });
  return renderer;
}

// The data of report `report_id` for its templates: all of it, checked against the shape the
// templates were checked with, or only what can raise a diagnostic (`scope`). nullopt, with an
// error, when the templates are not valid, the report is unknown or the whole data does not fit
// the shape. Errors in the review's data are reported, and the data is still returned.
std::optional<Value> ReportData(const Review& review, const compute::ReviewFacts& facts,
                                const std::string& report_id, const TemplateSet& templates,
                                const MergeOptions& options, DataScope scope,
                                Diagnostics& diagnostics) {
  if (!templates.valid || templates.files.count(kMainTemplate) == 0) return std::nullopt;
  const ReportDefinition* report = nullptr;
  for (const ReportDefinition& candidate : review.reports) {
    if (candidate.id.value == report_id) report = &candidate;
  }
  if (report == nullptr) {
    diagnostics.Error({JoinPath(review.folder, "reports"), 0, 0},
                      "there is no report \"" + report_id + "\" in this review");
    return std::nullopt;
  }
  Value data = BuildReportData(review, facts, *report, options, diagnostics, scope);
  if (scope == DataScope::kDiagnostics) return data;
  std::vector<std::string> mismatches = ShapeMismatches(data, ReportShape());
  if (!mismatches.empty()) {
    // A fault of clerk's, not of the review or the templates.
    diagnostics.Error({templates.files.at(kMainTemplate).path, 0, 0},
                      "internal error: the template data does not fit its shape: " + mismatches[0]);
    return std::nullopt;
  }
  return data;
}

}  // namespace

bool CheckReport(const Review& review, const compute::ReviewFacts& facts,
                 const std::string& report_id, const TemplateSet& templates,
                 Diagnostics& diagnostics) {
  int errors = diagnostics.ErrorCount();
  return ReportData(review, facts, report_id, templates, {}, DataScope::kDiagnostics, diagnostics)
             .has_value() &&
         diagnostics.ErrorCount() == errors;
}

std::string MergeReport(const Review& review, const compute::ReviewFacts& facts,
                        const std::string& report_id, const TemplateSet& templates,
                        const MergeOptions& options, Diagnostics& diagnostics) {
  std::string markup;
  std::function<void(std::string_view)> append = [&markup](std::string_view piece) {
    markup.append(piece);
  };
  if (!MergeReportInto(review, facts, report_id, templates, options, append, diagnostics)) {
    return "";
  }
  // The markup may outlive the merge: give back the room that growing it left spare (up to as
  // much again as it holds), at the cost of one copy now.
  markup.shrink_to_fit();
  return markup;
}

bool MergeReportInto(const Review& review, const compute::ReviewFacts& facts,
                     const std::string& report_id, const TemplateSet& templates,
                     const MergeOptions& options,
                     const std::function<void(std::string_view)>& write, Diagnostics& diagnostics) {
  // Nothing is written before the data is built, while the parse waits on the other core: the
  // templates, which do not depend on the data, are made ready there meanwhile. Without a thread
  // to spare, std::async prepares them when they are asked for (launch::deferred).
  std::future<Renderer> preparing;
  if (templates.valid && templates.files.count(kMainTemplate) > 0) {
    preparing = std::async(std::launch::async | std::launch::deferred, PrepareRenderer,
                           std::cref(templates));
  }
  std::optional<Value> data =
      ReportData(review, facts, report_id, templates, options, DataScope::kWhole, diagnostics);
  if (!data) return false;
  const TemplateFile& main = templates.files.at(kMainTemplate);
  Renderer prepared = preparing.get();
  mustache::mustache& renderer = *prepared.main;
  ValueContext context(&*data, &prepared.partials);
  MarkupSink sink(write);
  renderer.render(context, sink);
  sink.Finish();
  if (!renderer.is_valid()) {
    diagnostics.Error({main.path, 0, 0}, "Mustache: " + renderer.error_message());
    return false;
  }
  for (const std::string& name : context.missing()) {
    diagnostics.Error({main.path, 0, 0}, "internal error: the template asked for \"" + name +
                                             "\", which the data does not have");
  }
  return true;
}

}  // namespace clerk::merge
