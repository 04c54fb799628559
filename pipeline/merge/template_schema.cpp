#include "merge/template_schema.h"

namespace clerk::merge {

namespace {

constexpr Value::Kind kText = Value::Kind::kText;
constexpr Value::Kind kFlag = Value::Kind::kFlag;
constexpr Value::Kind kList = Value::Kind::kList;
constexpr Value::Kind kObject = Value::Kind::kObject;

// Every shape, built once in place so that the shapes can point at each other (a report's
// appendix holds a report).
struct Shapes {
  Shape report{"report", {}};
  Shape recommendation_item{"recommendation item", {}};
  Shape section{"section", {}};
  Shape paragraph{"paragraph", {}};
  Shape person{"person", {}};
  Shape document{"background document", {}};
  Shape appendix{"appendix", {}};
  Shape action_plan{"action plan", {}};
  Shape row{"action-plan row", {}};
  Shape update{"update", {}};
  Shape attainment{"attainment", {}};
  Shape measure{"measure", {}};
  Shape measure_school{"measure school", {}};
  Shape comparison_row{"comparison row", {}};
  Shape cell{"cell", {}};
  Shape progress{"progress summary", {}};
  Shape progress_column{"progress column", {}};
  Shape progress_line{"progress line", {}};
  Shape cell_value{"count", {}};

  Shapes() {
    report.fields = {
        {"lang", {kText}},
        {"iso_date", {kText}},
        {"footer", {kText}},
        {"has_footer", {kFlag}},
        {"draft", {kText}},
        {"has_draft", {kFlag}},
        {"reference", {kText}},
        {"has_reference", {kFlag}},
        {"approval", {kText}},
        {"has_approval", {kFlag}},
        {"id", {kText}},
        {"council", {kText}},
        {"review_title", {kText}},
        {"committee", {kText}},
        {"date", {kText}},
        {"as_of", {kText}},
        {"author", {kText}},
        {"title", {kText}},
        {"purpose", {kText}},
        {"is_nested", {kFlag}},
        {"heading_level", {kText}},
        {"recommendation_numbered", {kFlag}},
        {"recommendation_intro", {kText}},
        {"has_recommendation_intro", {kFlag}},
        {"recommendation", {kList, &recommendation_item}},
        {"sections", {kList, &section}},
        {"signatory", {kObject, &person}},
        {"contact", {kObject, &person}},
        {"local_members", {kText}},
        {"background_documents", {kList, &document}},
        {"has_background_documents", {kFlag}},
        {"document_reference", {kText}},
        {"has_document_reference", {kFlag}},
        {"appendices", {kList, &appendix}},
        {"has_appendices", {kFlag}},
    };
    recommendation_item.fields = {{"label", {kText}}, {"text", {kText}}};
    section.fields = {
        {"number", {kText}},
        {"label", {kText}},
        {"anchor", {kText}},
        {"heading", {kText}},
        {"paragraphs", {kList, &paragraph}},
    };
    paragraph.fields = {{"label", {kText}}, {"text", {kText}}};
    person.fields = {
        {"name", {kText}},      {"name_capitals", {kText}}, {"title", {kText}},
        {"telephone", {kText}}, {"has_telephone", {kFlag}},
    };
    document.fields = {{"text", {kText}}};
    appendix.fields = {
        {"key", {kText}},
        {"number", {kText}},
        {"label", {kText}},
        {"anchor", {kText}},
        {"title", {kText}},
        {"title_text", {kText}},
        {"has_title", {kFlag}},
        {"intro", {kText}},
        {"has_intro", {kFlag}},
        {"is_action_plan", {kFlag}},
        {"is_attainment", {kFlag}},
        {"is_report", {kFlag}},
        {"is_last", {kFlag}},
        {"action_plan", {kList, &action_plan}},
        {"attainment", {kList, &attainment}},
        {"report", {kList, &report}},
    };
    action_plan.fields = {
        {"response_heading", {kText}},
        {"since_previous", {kFlag}},
        {"rows", {kList, &row}},
        {"is_update", {kFlag}},
        {"progress", {kObject, &progress}},
    };
    progress.fields = {
        {"widths", {kText}},
        {"recommendation_count", {kText}},
        {"recommendations", {kList, &progress_column}},
        {"rows", {kList, &progress_line}},
        {"total_line", {kObject, &progress_line}},
        {"overdue", {kText}},
        {"has_overdue", {kFlag}},
        {"overdue_count", {kText}},
        {"rescheduled", {kText}},
        {"has_rescheduled", {kFlag}},
        {"rescheduled_count", {kText}},
    };
    progress_column.fields = {{"id", {kText}}};
    progress_line.fields = {
        {"heading", {kText}},
        {"name", {kText}},
        {"counts", {kList, &cell_value}},
        {"total", {kText}},
    };
    cell_value.fields = {{"value", {kText}}};
    row.fields = {
        {"number", {kText}},           {"recommendation_text", {kText}},
        {"part_label", {kText}},       {"starts_recommendation", {kFlag}},
        {"starts_part", {kFlag}},      {"has_action", {kFlag}},
        {"action_id", {kText}},        {"action", {kText}},
        {"status", {kText}},           {"updates", {kList, &update}},
        {"has_updates", {kFlag}},      {"planned", {kText}},
        {"has_revised", {kFlag}},      {"revised", {kText}},
        {"revised_reason", {kText}},   {"has_revised_reason", {kFlag}},
        {"has_actual", {kFlag}},       {"actual", {kText}},
        {"has_note", {kFlag}},         {"note", {kText}},
        {"is_completed", {kFlag}},     {"completed", {kText}},
        {"is_withdrawn", {kFlag}},     {"withdrawn", {kText}},
        {"withdrawn_reason", {kText}}, {"has_withdrawn_reason", {kFlag}},
    };
    update.fields = {{"date", {kText}}, {"text", {kText}}, {"is_new", {kFlag}}};
    attainment.fields = {
        {"from", {kText}},
        {"to", {kText}},
        {"school_count", {kText}},
        {"measure_count", {kText}},
        {"comparison_widths", {kText}},
        {"measures", {kList, &measure}},
        {"comparison", {kList, &comparison_row}},
    };
    measure.fields = {
        {"id", {kText}},
        {"name", {kText}},
        {"headline", {kText}},
        {"total_cohort", {kText}},
        {"total_improved", {kText}},
        {"schools", {kList, &measure_school}},
        {"schools_by_change", {kList, &measure_school}},
    };
    measure_school.fields = {
        {"school", {kText}}, {"earlier", {kText}}, {"later", {kText}},
        {"change", {kText}}, {"cohort", {kText}},  {"improved", {kText}},
    };
    comparison_row.fields = {
        {"school", {kText}},
        {"earlier", {kList, &cell}},
        {"later", {kList, &cell}},
        {"change", {kList, &cell}},
    };
    cell.fields = {{"value", {kText}}, {"has_value", {kFlag}}};
  }
};

// Whether a name is set twice in an object (Value::AddField does not look).
bool HasRepeatedName(const Value& value) {
  const std::vector<Value::Field>& fields = value.fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (fields[j].key == fields[i].key) return true;
    }
  }
  return false;
}

// Whether an object's own fields are the shape's, each of its kind (not looking inside them).
// With no name repeated, every name known and as many as the shape has means none missing.
bool FieldsFit(const Value& value, const Shape& shape) {
  if (value.fields().size() != shape.fields.size()) return false;
  for (const Value::Field& field : value.fields()) {
    auto known = shape.fields.find(field.key);
    if (known == shape.fields.end() || known->second.kind != field.value.kind()) return false;
  }
  return !HasRepeatedName(value);
}

// Whether two names are the same. A name is a view of the literal it was set with, and the
// items of a list are made by one function from the same literals: the same view, found without
// comparing the characters.
bool SameName(std::string_view a, std::string_view b) {
  return (a.data() == b.data() && a.size() == b.size()) || a == b;
}

// Whether two objects have the same names of the same kinds in the same order.
bool SameFields(const Value& a, const Value& b) {
  if (a.fields().size() != b.fields().size()) return false;
  for (size_t i = 0; i < a.fields().size(); ++i) {
    const Value::Field& x = a.fields()[i];
    const Value::Field& y = b.fields()[i];
    if (!SameName(x.key, y.key) || x.value.kind() != y.value.kind()) return false;
  }
  return true;
}

// Whether `value` fits `shape`, without saying why not: the check every merge makes, so it
// builds no strings. `fitting_sibling` is the list item before it, which fits: the items of a
// list are made by one function, so an item with the same names as that one fits without
// looking its names up in the shape (thousands of action-plan rows).
bool Fits(const Value& value, const Shape& shape, const Value* fitting_sibling) {
  if (value.kind() != kObject) return false;
  bool same = fitting_sibling != nullptr && SameFields(value, *fitting_sibling);
  if (!same && !FieldsFit(value, shape)) return false;
  for (const Value::Field& field : value.fields()) {
    Value::Kind kind = field.value.kind();
    if (kind != kObject && kind != kList) continue;
    const Shape& inner = *shape.fields.find(field.key)->second.item;
    if (kind == kObject && !Fits(field.value, inner, nullptr)) return false;
    if (kind == kList) {
      const Value* previous = nullptr;
      for (const Value& item : field.value.items()) {
        if (!Fits(item, inner, previous)) return false;
        previous = &item;
      }
    }
  }
  return true;
}

// Every way `value` differs from `shape`, as sentences naming the path.
void Compare(const Value& value, const Shape& shape, const std::string& path,
             std::vector<std::string>* problems) {
  std::string prefix = path.empty() ? "" : path + ".";
  if (value.kind() != kObject) {
    problems->push_back((path.empty() ? shape.name : path) + " is " + KindName(value.kind()) +
                        ", not a " + shape.name + " object");
    return;
  }
  for (const auto& [name, field] : shape.fields) {
    const Value* member = value.Find(name);
    if (member == nullptr) {
      problems->push_back(prefix + name + " is missing");
      continue;
    }
    if (member->kind() != field.kind) {
      problems->push_back(prefix + name + " is " + KindName(member->kind()) + ", not " +
                          KindName(field.kind));
      continue;
    }
    if (field.kind == kObject) Compare(*member, *field.item, prefix + name, problems);
    if (field.kind == kList) {
      for (size_t i = 0; i < member->items().size(); ++i) {
        Compare(member->items()[i], *field.item, prefix + name + "[" + std::to_string(i) + "]",
                problems);
      }
    }
  }
  for (size_t i = 0; i < value.fields().size(); ++i) {
    std::string_view key = value.fields()[i].key;
    if (shape.fields.count(key) == 0) {
      problems->push_back(prefix + std::string(key) + " is not in the " + shape.name + " shape");
    }
    for (size_t j = 0; j < i; ++j) {
      if (value.fields()[j].key == key) {
        problems->push_back(prefix + std::string(key) + " is set twice");
        break;
      }
    }
  }
}

}  // namespace

const Shape& ReportShape() {
  static const Shapes shapes;
  return shapes.report;
}

std::vector<std::string> ShapeMismatches(const Value& value, const Shape& shape) {
  std::vector<std::string> problems;
  if (!Fits(value, shape, nullptr)) Compare(value, shape, "", &problems);
  return problems;
}

const char* KindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kText:
      return "a text";
    case Value::Kind::kFlag:
      return "a yes/no flag";
    case Value::Kind::kList:
      return "a list";
    case Value::Kind::kObject:
      return "an object";
  }
  return "a text";
}

}  // namespace clerk::merge
