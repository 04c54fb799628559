#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "merge/template_value.h"

/// The names templates may use, and what each holds: the contract between merge's data
/// (template_data.cpp) and every template set. templates/council-report/README.md documents it
/// for clerks. Templates are checked against it when they are loaded; the data is checked
/// against it when it is built.
namespace clerk::merge {

struct Shape;

/// One named field of an object.
struct FieldShape {
  Value::Kind kind = Value::Kind::kText;
  const Shape* item = nullptr;  ///< kList: each item's shape; kObject: the object's shape
};

/// The fields of one kind of object.
struct Shape {
  std::string name;  ///< for messages: "report", "appendix", "action-plan row" ...
  std::map<std::string, FieldShape, std::less<>> fields;  ///< by name; std::less<> finds views
};

/// The root object a report template is rendered with. Recursive: an appendix's `report` holds
/// another report of the same shape.
const Shape& ReportShape();

/// Every way `value` differs from `shape` (a field missing, one too many, a wrong kind), as
/// sentences naming the path ("appendices[2].report[0].title is missing"). Empty when it fits.
std::vector<std::string> ShapeMismatches(const Value& value, const Shape& shape);

/// "a text", "a yes/no flag", "a list", "an object".
const char* KindName(Value::Kind kind);

}  // namespace clerk::merge
