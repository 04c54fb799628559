// WebStore: opening, the pool of connections, and audit events.

#include "registry/web_store.h"

#include <Poco/Exception.h>

#include <filesystem>

#include "registry/database.h"
#include "registry/registry.h"
#include "registry/web_store_impl.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;
namespace fs = std::filesystem;

namespace {

// A web request waits this long for another process's write lock.
constexpr int kBusyTimeoutMs = 5000;

}  // namespace

const char* UserRoleName(UserRole role) {
  switch (role) {
    case UserRole::kClerk:
      return "clerk";
    case UserRole::kDirector:
      return "director";
    case UserRole::kAdmin:
      return "admin";
  }
  return "clerk";
}

std::optional<UserRole> ParseUserRole(const std::string& name) {
  for (UserRole role : {UserRole::kClerk, UserRole::kDirector, UserRole::kAdmin}) {
    if (name == UserRoleName(role)) return role;
  }
  return std::nullopt;
}

void WebStore::Impl::With(const char* what, const std::function<void(Poco::Data::Session&)>& work) {
  std::unique_ptr<Poco::Data::Session> session;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (!idle.empty()) {
      session = std::move(idle.back());
      idle.pop_back();
    }
  }
  try {
    if (!session) {
      session = std::make_unique<Poco::Data::Session>(OpenSession(path, false, kBusyTimeoutMs));
      PrepareForWriting(*session);
    }
    work(*session);
  } catch (const Poco::Exception& error) {
    throw StoreError(std::string("cannot ") + what + ": " + DatabaseErrorText(error));
  }
  std::lock_guard<std::mutex> lock(mutex);
  if (static_cast<int>(idle.size()) < max_idle) idle.push_back(std::move(session));
}

std::string WebStore::Impl::ShownPath(const std::string& stored) const {
  fs::path stored_path(stored);
  if (stored_path.is_absolute()) return stored;
  return (fs::path(folder) / stored_path).lexically_normal().string();
}

WebStore::WebStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WebStore::~WebStore() = default;

std::unique_ptr<WebStore> WebStore::Open(const std::string& path, int connections,
                                         Diagnostics& diagnostics) {
  // Registry::Open creates, migrates and recovers; the pool's connections then only use it.
  if (!Registry::Open(path, diagnostics)) return nullptr;
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  fs::path parent = fs::path(path).parent_path();
  impl->folder = parent.empty() ? "." : parent.lexically_normal().string();
  impl->max_idle = connections < 1 ? 1 : connections;
  std::unique_ptr<WebStore> store(new WebStore(std::move(impl)));
  try {
    // One connection now, so that a registry that cannot be used is an error at start.
    store->impl_->With("open the registry", [](Poco::Data::Session&) {});
  } catch (const StoreError& error) {
    diagnostics.Error({path, 0, 0}, error.what());
    return nullptr;
  }
  return store;
}

const std::string& WebStore::Path() const { return impl_->path; }

void WebStore::AddEvent(const std::string& at, const std::string& kind, const std::string& by,
                        const std::string& detail, std::int64_t report) {
  impl_->With("record the event", [&](Poco::Data::Session& session) {
    if (report == 0) {
      session << "INSERT INTO events (at, kind, report, draft_version, by, detail) "
                 "VALUES (?, ?, NULL, 0, ?, ?)",
          bind(at), bind(kind), bind(by), bind(detail), now;
    } else {
      session << "INSERT INTO events (at, kind, report, draft_version, by, detail) "
                 "VALUES (?, ?, ?, 0, ?, ?)",
          bind(at), bind(kind), bind(report), bind(by), bind(detail), now;
    }
  });
}

}  // namespace clerk::registry
