#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "merge/markup_text.h"

/// The data a template sees, as merge's own plain tree (kainjow's types stay inside merge.cpp).
namespace clerk::merge {

/// The name of a field of template data. Every name is written in merge's code, never taken
/// from the data, so a name is made only from a string literal and kept as a view of it: setting
/// a field copies no name.
class FieldName {
 public:
  // Implicit, so that Set("title", ...) takes the literal as it is written.
  template <std::size_t N>
  constexpr FieldName(const char (&literal)[N]) : name_(literal, N - 1) {}

  constexpr std::string_view view() const { return name_; }

 private:
  std::string_view name_;
};

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
  static Value Of(Markup markup);
  static Value Flag(bool flag);
  static Value List();

  /// Objects: sets (or replaces) a field. Returns *this.
  Value& Set(FieldName key, Value value);
  /// Objects: adds a field the object does not have yet, without looking for it first (for
  /// objects of many fields, made by the thousand); ShapeMismatches reports a name set twice.
  /// Returns *this.
  Value& AddField(FieldName key, Value value);
  /// Lists: appends an item. Returns *this.
  Value& Add(Value item);
  /// Objects and lists: room for `count` fields or items, so that filling them moves nothing.
  void Reserve(std::size_t count);

  Kind kind() const { return kind_; }
  /// kText: the markup text.
  const std::string& text() const { return text_; }
  bool flag() const { return flag_; }
  const std::vector<Value>& items() const { return items_; }
  const std::vector<Field>& fields() const { return fields_; }
  /// kObject: the field named `key`, or nullptr.
  const Value* Find(std::string_view key) const;
  /// For handing the tree on without copying it: kText's text, kList's items, kObject's
  /// fields, moved out of a value that is not used again.
  std::string TakeText() &&;
  std::vector<Value> TakeItems() &&;
  std::vector<Field> TakeFields() &&;

 private:
  Kind kind_ = Kind::kObject;
  bool flag_ = false;
  std::string text_;
  std::vector<Value> items_;
  std::vector<Field> fields_;  ///< in the order set
};

struct Value::Field {
  // Built in place in the object's fields, so that setting a field moves its value once.
  Field(std::string_view name, Value&& field_value) : key(name), value(std::move(field_value)) {}

  std::string_view key;  ///< a string literal (FieldName)
  Value value;
};

/// A stable, indented dump of a value (for tests and debugging): "key: text", "key: yes/no",
/// "key:" then "- " items.
std::string DumpValue(const Value& value);

}  // namespace clerk::merge
