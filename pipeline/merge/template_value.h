#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "merge/markup_text.h"

/// The data a template sees, as merge's own plain tree (kainjow's types stay inside merge.cpp).
namespace clerk::merge {

/// One value of template data: text (always markup: escaped data, or markup merge built), a
/// yes/no flag, a list, or an object of named fields. Because text can only be made by escaping
/// or from a Markup, nothing a template prints can add an element that merge did not write.
class Value {
 public:
  enum class Kind { kText, kFlag, kList, kObject };
  struct Field;

  /// An empty object.
  Value() = default;

  static Value Text(std::string_view plain);
  static Value Of(const Markup& markup);
  static Value Flag(bool flag);
  static Value List();

  /// Objects: sets (or replaces) a field. Returns *this.
  Value& Set(const std::string& key, Value value);
  /// Lists: appends an item. Returns *this.
  Value& Add(Value item);

  Kind kind() const { return kind_; }
  /// kText: the markup text.
  const std::string& text() const { return text_; }
  bool flag() const { return flag_; }
  const std::vector<Value>& items() const { return items_; }
  const std::vector<Field>& fields() const { return fields_; }
  /// kObject: the field named `key`, or nullptr.
  const Value* Find(const std::string& key) const;

 private:
  Kind kind_ = Kind::kObject;
  std::string text_;
  bool flag_ = false;
  std::vector<Value> items_;
  std::vector<Field> fields_;  ///< in the order set
};

struct Value::Field {
  std::string key;
  Value value;
};

/// A stable, indented dump of a value (for tests and debugging): "key: text", "key: yes/no",
/// "key:" then "- " items.
std::string DumpValue(const Value& value);

}  // namespace clerk::merge
