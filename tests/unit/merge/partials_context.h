#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <string>

namespace clerk::test {

/// A kainjow context over plain kainjow data whose partials come from a map only, as merge
/// gives them: what the merge tests compare merge's own rendering against.
class PartialsContext : public kainjow::mustache::context<std::string> {
 public:
  PartialsContext(const kainjow::mustache::data* root,
                  const std::map<std::string, kainjow::mustache::data>* partials)
      : kainjow::mustache::context<std::string>(root), partials_(partials) {}
  const kainjow::mustache::data* get_partial(const std::string& name) const override {
    auto found = partials_->find(name);
    return found == partials_->end() ? nullptr : &found->second;
  }

 private:
  const std::map<std::string, kainjow::mustache::data>* partials_;
};

}  // namespace clerk::test
