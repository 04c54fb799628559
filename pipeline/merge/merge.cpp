#include "merge/merge.h"

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "merge/template_data.h"
#include "merge/template_schema.h"

namespace clerk::merge {

namespace {

namespace mustache = kainjow::mustache;

// kainjow's data can be built only through copies: its constructors, set and push_back take
// their argument by const reference and copy it deeply, and its accessors are const. Building a
// tree of thousands of rows that way copies every subtree once per level above it and every text
// once more. So each node is made empty, of its kind, by kainjow, and filled by moving into what
// the const accessors return: the string, list and map kainjow allocated itself, none of them
// const, so writing through them is defined. `value` is consumed: its texts are moved, not copied,
// and each level's items and fields are taken out of it, so that the merge's tree is freed while
// kainjow's grows and the two are never both whole.
mustache::data ToMustache(Value&& value);

mustache::data TextToMustache(Value&& value) {
  mustache::data text(mustache::data::type::string);
  const_cast<std::string&>(text.string_value()) = std::move(value).TakeText();
  return text;
}

// A list's vector is sized first: kainjow's data has no noexcept move, so a vector that grows
// copies every item it holds, deeply.
mustache::data ListToMustache(Value&& value) {
  mustache::data list(mustache::data::type::list);
  auto& items = const_cast<mustache::list&>(list.list_value());
  std::vector<Value> values = std::move(value).TakeItems();
  items.reserve(values.size());
  for (Value& item : values) items.push_back(ToMustache(std::move(item)));
  return list;
}

// operator[] is kainjow's one writable access to an object; it makes the field an empty object,
// which the move then replaces. (That spare empty object costs less than set() then get(), which
// look the name up three times: measured.)
mustache::data ObjectToMustache(Value&& value) {
  mustache::data object(mustache::data::type::object);
  std::vector<Value::Field> fields = std::move(value).TakeFields();
  for (Value::Field& field : fields) {
    object[std::string(field.key)] = ToMustache(std::move(field.value));
  }
  return object;
}

mustache::data ToMustache(Value&& value) {
  switch (value.kind()) {
    case Value::Kind::kText:
      return TextToMustache(std::move(value));
    case Value::Kind::kFlag:
      return mustache::data(value.flag());
    case Value::Kind::kList:
      return ListToMustache(std::move(value));
    case Value::Kind::kObject:
      break;
  }
  return ObjectToMustache(std::move(value));
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

  // kainjow copies a partial's text and compiles it again at every inclusion (twice per
  // action-plan row), whichever form it is given in, a text or a function returning one: kainjow
  // 4.1 has no way to take a compiled template. That is about 40% of a long report's merge.
  std::map<std::string, mustache::data> partials;
  for (const auto& [name, file] : templates.files)
    partials.emplace(name, mustache::data(file.text));
  mustache::data root = ToMustache(std::move(*data));
  data.reset();
  SetContext context(&root, &partials);
  mustache::mustache renderer(main.text);
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
