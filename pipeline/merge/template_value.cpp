#include "merge/template_value.h"

#include <utility>

namespace clerk::merge {

Value Value::Text(std::string_view plain) {
  Value value;
  value.kind_ = Kind::kText;
  value.text_.reserve(plain.size());
  AppendEscapedXml(plain, &value.text_);
  return value;
}

Value Value::Of(Markup markup) {
  Value value;
  value.kind_ = Kind::kText;
  value.text_ = std::move(markup).Release();
  return value;
}

Value Value::Flag(bool flag) {
  Value value;
  value.kind_ = Kind::kFlag;
  value.flag_ = flag;
  return value;
}

Value Value::List() {
  Value value;
  value.kind_ = Kind::kList;
  return value;
}

Value& Value::Set(FieldName key, Value value) {
  for (Field& field : fields_) {
    if (field.key == key.view()) {
      field.value = std::move(value);
      return *this;
    }
  }
  fields_.emplace_back(key.view(), std::move(value));
  return *this;
}

Value& Value::AddField(FieldName key, Value value) {
  fields_.emplace_back(key.view(), std::move(value));
  return *this;
}

Value& Value::Add(Value item) {
  items_.push_back(std::move(item));
  return *this;
}

void Value::Reserve(std::size_t count) {
  if (kind_ == Kind::kList) {
    items_.reserve(count);
  } else {
    fields_.reserve(count);
  }
}

std::string Value::TakeText() && { return std::move(text_); }

std::vector<Value> Value::TakeItems() && { return std::move(items_); }

std::vector<Value::Field> Value::TakeFields() && { return std::move(fields_); }

const Value* Value::Find(std::string_view key) const {
  for (const Field& field : fields_) {
    if (field.key == key) return &field.value;
  }
  return nullptr;
}

namespace {

void Dump(const Value& value, const std::string& indent, std::string* out) {
  for (const Value::Field& field : value.fields()) {
    const Value& v = field.value;
    *out += indent;
    *out += field.key;
    *out += ":";
    switch (v.kind()) {
      case Value::Kind::kText:
        *out += " " + v.text() + "\n";
        break;
      case Value::Kind::kFlag:
        *out += v.flag() ? " yes\n" : " no\n";
        break;
      case Value::Kind::kObject:
        *out += "\n";
        Dump(v, indent + "  ", out);
        break;
      case Value::Kind::kList:
        *out += v.items().empty() ? " []\n" : "\n";
        for (const Value& item : v.items()) {
          *out += indent + "  -\n";
          Dump(item, indent + "    ", out);
        }
        break;
    }
  }
}

}  // namespace

std::string DumpValue(const Value& value) {
  std::string out;
  Dump(value, "", &out);
  return out;
}

}  // namespace clerk::merge
