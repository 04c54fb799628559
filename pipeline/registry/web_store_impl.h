#pragma once

#include <Poco/Data/Session.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "registry/web_store.h"

/// Inside the registry only: WebStore's pool of connections.
namespace clerk::registry {

struct WebStore::Impl {
  std::string path;    ///< as opened
  std::string folder;  ///< the registry's folder, which relative stored paths are inside
  int max_idle = 4;
  std::mutex mutex;
  std::vector<std::unique_ptr<Poco::Data::Session>> idle;

  /// Runs `work` with a connection of the pool (a new one when none is idle); a Poco exception
  /// becomes a StoreError saying `what` failed.
  void With(const char* what, const std::function<void(Poco::Data::Session&)>& work);

  /// A stored path as the registry's verbs show it (Registry::Impl::ShownPath).
  std::string ShownPath(const std::string& stored) const;
};

}  // namespace clerk::registry
