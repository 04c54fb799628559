#include "merge/merge.h"

#include <kainjow/mustache.hpp>
#include <optional>
#include <set>

#include "merge/template_data.h"
#include "merge/template_schema.h"

namespace clerk::merge {

namespace {

namespace mustache = kainjow::mustache;

// kainjow's push_back and set copy their argument, and a copy is deep: building the tree bottom-up
// through them copies every subtree once per level above it. So each child goes in as a flag
// (which owns nothing on the heap, unlike an empty object) and is then replaced by a move; the
// element is never const, only kainjow's accessor is. A list's vector is sized first: kainjow's
// data has no noexcept move, so a vector that grows copies every item it holds, deeply.
mustache::data ToMustache(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kText:
      return mustache::data(value.text());
    case Value::Kind::kFlag:
      return mustache::data(value.flag());
    case Value::Kind::kList: {
      mustache::data list(mustache::data::type::list);
      auto& items = const_cast<mustache::list&>(list.list_value());
      items.reserve(value.items().size());
      for (const Value& item : value.items()) items.emplace_back(ToMustache(item));
      return list;
    }
    case Value::Kind::kObject:
      break;
  }
  mustache::data object(mustache::data::type::object);
  for (const Value::Field& field : value.fields()) {
    object.set(field.key, mustache::data(false));
    const_cast<mustache::data&>(*object.get(field.key)) = ToMustache(field.value);
  }
  return object;
}

// Partials come from the template set only: kainjow's own lookup would also take a data field
// of the same name as a partial's text. Names that resolve to nothing are recorded, although the
// checks of LoadTemplates and ShapeMismatches leave none.
class SetContext : public mustache::context<std::string> {
 public:
  SetContext(const mustache::data* root, const std::map<std::string, mustache::data>* partials)
      : mustache::context<std::string>(root), partials_(partials) {}

  const mustache::data* get(const std::string& name) const override {
    const mustache::data* found = mustache::context<std::string>::get(name);
    if (found == nullptr) missing_.insert(name);
    return found;
  }

  const mustache::data* get_partial(const std::string& name) const override {
    auto found = partials_->find(name);
    if (found != partials_->end()) return &found->second;
    missing_.insert("> " + name);
    return nullptr;
  }

  const std::set<std::string>& missing() const { return missing_; }

 private:
  const std::map<std::string, mustache::data>* partials_;
  mutable std::set<std::string> missing_;
};

// kainjow keeps the line of a section that is not shown, and of a comment, as an empty line.
// Markup collapses whitespace, so a line of nothing but whitespace means nothing: dropping it
// only makes the markup easier to read (--emit markup).
std::string DropBlankLines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    size_t next = end == std::string::npos ? text.size() : end + 1;
    if (text.find_first_not_of(" \t\r\n", start) < next) out.append(text, start, next - start);
    start = next;
  }
  return out;
}

// The data of report `report_id` for its templates, checked against the shape the templates
// were checked with; nullopt, with an error, when the templates are not valid, the report is
// unknown or the data does not fit the shape. Errors in the review's data are reported, and the
// data is still returned.
std::optional<Value> ReportData(const Review& review, const compute::ReviewFacts& facts,
                                const std::string& report_id, const TemplateSet& templates,
                                const MergeOptions& options, Diagnostics& diagnostics) {
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
  Value data = BuildReportData(review, facts, *report, options, diagnostics);
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
  return ReportData(review, facts, report_id, templates, {}, diagnostics).has_value() &&
         diagnostics.ErrorCount() == errors;
}

std::string MergeReport(const Review& review, const compute::ReviewFacts& facts,
                        const std::string& report_id, const TemplateSet& templates,
                        const MergeOptions& options, Diagnostics& diagnostics) {
  std::optional<Value> data = ReportData(review, facts, report_id, templates, options, diagnostics);
  if (!data) return "";
  const TemplateFile& main = templates.files.at(kMainTemplate);

  std::map<std::string, mustache::data> partials;
  for (const auto& [name, file] : templates.files)
    partials.emplace(name, mustache::data(file.text));
  mustache::data root = ToMustache(*data);
  SetContext context(&root, &partials);
  mustache::mustache renderer(main.text);
  // Every value is escaped (or built as markup) by merge before the template sees it, so the
  // template must not escape again; this also makes {{x}} and {{{x}}} print the same.
  renderer.set_custom_escape([](const std::string& text) { return text; });
  std::string markup = renderer.render(context);
  if (!renderer.is_valid()) {
    diagnostics.Error({main.path, 0, 0}, "Mustache: " + renderer.error_message());
    return "";
  }
  for (const std::string& name : context.missing()) {
    diagnostics.Error({main.path, 0, 0}, "internal error: the template asked for \"" + name +
                                             "\", which the data does not have");
  }
  return DropBlankLines(markup);
}

}  // namespace clerk::merge
