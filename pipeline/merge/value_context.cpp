#include "merge/value_context.h"

#include <sstream>
#include <utility>

namespace clerk::merge {

namespace {

using Data = ValueContext::Data;

// kainjow's shared answers for flags: a flag holds no names, so which flag was pushed never
// matters.
const Data kTrue(true);
const Data kFalse(false);

// "a.b.c" cut at the dots as kainjow cuts it (std::getline: "a..b" has an empty middle name,
// and a trailing dot adds no name).
std::vector<std::string> SplitName(const std::string& name) {
  std::vector<std::string> names;
  std::istringstream in(name);
  std::string part;
  while (std::getline(in, part, '.')) names.push_back(part);
  return names;
}

}  // namespace

ValueContext::ValueContext(const Value* root, const std::map<std::string, Data>* partials)
    : partials_(partials) {
  frames_.push_back(Frame{&root_data_, root});
  value_of_.emplace(&root_data_, root);
}

void ValueContext::push(const Data* data) {
  if (data == &text_) {
    // A section over a text: the text stays the context's "." for the section, while text_
    // will be rewritten by the lookups inside it. A text holds no names.
    pinned_texts_.push_back(text_);
    frames_.push_back(Frame{&pinned_texts_.back(), nullptr});
    return;
  }
  auto found = value_of_.find(data);
  frames_.push_back(Frame{data, found == value_of_.end() ? nullptr : found->second});
}

void ValueContext::pop() {
  if (!pinned_texts_.empty() && frames_.back().data == &pinned_texts_.back()) {
    pinned_texts_.pop_back();
  }
  frames_.pop_back();
}

const Value* ValueContext::Resolve(const std::string& name) const {
  if (name.find('.') == std::string::npos) {
    for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
      if (frame->value == nullptr) continue;
      if (const Value* found = frame->value->Find(name)) return found;
    }
    return nullptr;
  }
  std::vector<std::string> names = SplitName(name);
  for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
    const Value* value = frame->value;
    for (const std::string& part : names) {
      if (value == nullptr) break;
      value = value->Find(part);
    }
    if (value != nullptr) return value;
  }
  return nullptr;
}

const Data* ValueContext::get(const std::string& name) const {
  if (name.size() == 1 && name[0] == '.') return frames_.back().data;
  const Value* value = Resolve(name);
  if (value == nullptr) {
    missing_.insert(name);
    return nullptr;
  }
  return DataFor(*value);
}

const Data* ValueContext::get_partial(const std::string& name) const {
  auto found = partials_->find(name);
  if (found != partials_->end()) return &found->second;
  missing_.insert("> " + name);
  return nullptr;
}

const Data* ValueContext::DataFor(const Value& value) const {
  switch (value.kind()) {
    case Value::Kind::kFlag:
      return value.flag() ? &kTrue : &kFalse;
    case Value::Kind::kText:
      // kainjow prints a variable's text before it asks for another name (render_variable), so
      // one string serves every text; a section over a text keeps a copy (push).
      const_cast<std::string&>(text_.string_value()).assign(value.text());
      return &text_;
    case Value::Kind::kList:
    case Value::Kind::kObject:
      break;
  }
  auto made = made_.find(&value);
  if (made != made_.end()) return &made->second;
  made = made_.emplace(&value, MakeData(value)).first;
  if (value.kind() == Value::Kind::kObject) value_of_.emplace(&made->second, &value);
  return &made->second;
}

// Only an object's data is recorded as standing for its value: kainjow pushes data as a
// section's context, and only an object holds names to look up in it.
// A list's items are made with it, since kainjow walks them itself; each is recorded as standing
// for its value, for when kainjow pushes it. Their addresses are final once the list is full:
// the vector is sized first, and moving the list's data moves only the pointer to it.
Data ValueContext::MakeData(const Value& value) const {
  switch (value.kind()) {
    case Value::Kind::kText:
      return Data(value.text());
    case Value::Kind::kFlag:
      return Data(value.flag());
    case Value::Kind::kObject:
      return Data(true);
    case Value::Kind::kList:
      break;
  }
  Data list(Data::type::list);
  // kainjow offers no writable access to a list; the vector is kainjow's own, not const.
  auto& items = const_cast<kainjow::mustache::list&>(list.list_value());
  items.reserve(value.items().size());
  for (const Value& item : value.items()) items.push_back(MakeData(item));
  for (size_t i = 0; i < items.size(); ++i) {
    if (value.items()[i].kind() == Value::Kind::kObject) {
      value_of_.emplace(&items[i], &value.items()[i]);
    }
  }
  return list;
}

}  // namespace clerk::merge
