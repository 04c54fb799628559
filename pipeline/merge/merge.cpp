#include "merge/merge.h"

#include <algorithm>
#include <kainjow/mustache.hpp>
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

// Where kainjow writes what it renders: straight onto the markup. kainjow's render to a string
// goes through an ostringstream and copies the whole result out of it at the end.
struct MarkupSink {
  std::string* out;
  MarkupSink& operator<<(const std::string& piece) {
    out->append(piece);
    return *this;
  }
};

// kainjow keeps the line of a section that is not shown, and of a comment, as an empty line.
// Markup collapses whitespace, so a line of nothing but whitespace means nothing: dropping it
// only makes the markup easier to read (--emit markup). In place, since the markup of a long
// report runs to megabytes.
void DropBlankLines(std::string* text) {
  auto blank = [](std::string_view line) {
    return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
  };
  size_t kept = 0;
  size_t start = 0;
  while (start < text->size()) {
    size_t end = text->find('\n', start);
    size_t next = end == std::string::npos ? text->size() : end + 1;
    if (!blank(std::string_view(*text).substr(start, next - start))) {
      // Moving forward to an earlier place: std::copy allows that overlap.
      std::copy(text->begin() + start, text->begin() + next, text->begin() + kept);
      kept += next - start;
    }
    start = next;
  }
  text->resize(kept);
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
  std::optional<Value> data =
      ReportData(review, facts, report_id, templates, options, DataScope::kWhole, diagnostics);
  if (!data) return "";
  const TemplateFile& main = templates.files.at(kMainTemplate);

  // kainjow parses a partial's text again at every inclusion (twice per action-plan row) and
  // cannot be handed a parsed one, so the partials are spliced in first (partial_expansion.h);
  // those that must stay partials (a set's recursive appendices) are given expanded too.
  std::map<std::string, std::string> texts;
  for (const auto& [name, file] : templates.files) texts.emplace(name, file.text);
  std::map<std::string, std::string> expanded = ExpandPartials(texts);
  std::map<std::string, mustache::data> partials;
  for (auto& [name, text] : expanded) partials.emplace(name, mustache::data(std::move(text)));
  ValueContext context(&*data, &partials);
  mustache::mustache renderer(partials.at(kMainTemplate).string_value());
  // Every value is escaped (or built as markup) by merge before the template sees it, so the
  // template must not escape again; this also makes {{x}} and {{{x}}} print the same.
  renderer.set_custom_escape([](const std::string& text) { return text; });
  std::string markup;
  MarkupSink sink{&markup};
  renderer.render(context, sink);
  if (!renderer.is_valid()) {
    diagnostics.Error({main.path, 0, 0}, "Mustache: " + renderer.error_message());
    return "";
  }
  for (const std::string& name : context.missing()) {
    diagnostics.Error({main.path, 0, 0}, "internal error: the template asked for \"" + name +
                                             "\", which the data does not have");
  }
  DropBlankLines(&markup);
  // The markup outlives the merge through layout, the build's peak: give back the room that
  // growing it left spare (up to as much again as it holds), at the cost of one copy now.
  markup.shrink_to_fit();
  return markup;
}

}  // namespace clerk::merge
