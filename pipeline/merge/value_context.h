#pragma once

#include <deque>
#include <kainjow/mustache.hpp>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "merge/template_value.h"

/// kainjow's view of merge's template data, for merge.cpp only (kainjow's types stay in merge).
namespace clerk::merge {

/// A kainjow context that looks names up in merge's own Value tree, so that the tree need not be
/// copied whole into kainjow's data first: that copy (a hash map, a heap node and a key per field)
/// cost more than the rendering. kainjow still receives its own data for each value it asks for;
/// a list's or an object's is made when first asked for and kept until the context ends:
///  - a text: kainjow string data holding a copy of the text (one string, rewritten for each
///    text asked for: kainjow prints each before asking for the next; a section over a text
///    keeps its own copy while it lasts);
///  - a flag: kainjow's true or false;
///  - a list: kainjow list data with one item per item, each made as here (kainjow walks the
///    items itself and pushes each as the section's context);
///  - an object: kainjow's true. kainjow only pushes an object (a section) or prints it (nothing),
///    and does both with `true` exactly as with an object; the names in it are looked up here.
/// Name lookup follows kainjow's own context exactly: "." is the innermost context; a name is
/// looked for in each context from the innermost out; "a.b" is looked for whole in each context
/// in turn. Partials come from the template set only (kainjow's own lookup would also take a data
/// field of the same name as a partial's text). Names that resolve to nothing are recorded.
class ValueContext : public kainjow::mustache::basic_context<std::string> {
 public:
  using Data = kainjow::mustache::data;

  /// `root` and `partials` must outlive the context.
  ValueContext(const Value* root, const std::map<std::string, Data>* partials);

  void push(const Data* data) override;
  void pop() override;
  const Data* get(const std::string& name) const override;
  const Data* get_partial(const std::string& name) const override;

  /// The names asked for that resolved to nothing (partials as "> name").
  const std::set<std::string>& missing() const { return missing_; }

 private:
  // One context on kainjow's stack: the data kainjow pushed and the object it stands for
  // (nullptr for any other data, which holds no names).
  struct Frame {
    const Data* data;
    const Value* value;
  };

  const Value* Resolve(const std::string& name) const;
  const Data* DataFor(const Value& value) const;
  Data MakeData(const Value& value) const;

  const std::map<std::string, Data>* partials_;
  std::vector<Frame> frames_;  // innermost last
  Data root_data_{true};
  mutable Data text_{Data::type::string};  // the text last asked for
  std::deque<Data> pinned_texts_;          // texts that are a section's context, innermost last
  // Made on demand from a const lookup, hence mutable. Node-based maps: the data's addresses
  // stay put while kainjow holds them.
  mutable std::unordered_map<const Value*, Data> made_;
  mutable std::unordered_map<const Data*, const Value*> value_of_;
  mutable std::set<std::string> missing_;
};

}  // namespace clerk::merge
