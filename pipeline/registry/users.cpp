// WebStore: accounts, sign-in sessions and login attempts.

#include <Poco/Data/Session.h>

#include "registry/web_store.h"
#include "registry/web_store_impl.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;

namespace {

const char* const kUserColumns =
    "SELECT u.id, u.login, u.name, u.title, u.role, u.password_hash, u.disabled, u.created_at "
    "FROM users u ";

// Runs `statement`, whose columns are kUserColumns, and reads its rows.
std::vector<UserRecord> ReadUsers(Poco::Data::Statement& statement) {
  std::vector<std::int64_t> ids;
  std::vector<std::string> logins, names, titles, roles, hashes, created;
  std::vector<int> disabled;
  statement, into(ids), into(logins), into(names), into(titles), into(roles), into(hashes),
      into(disabled), into(created);
  statement.execute();
  std::vector<UserRecord> users;
  for (size_t i = 0; i < ids.size(); ++i) {
    UserRecord user;
    user.id = ids[i];
    user.login = logins[i];
    user.name = names[i];
    user.title = titles[i];
    user.role = ParseUserRole(roles[i]).value_or(UserRole::kClerk);
    user.password_hash = hashes[i];
    user.disabled = disabled[i] != 0;
    user.created_at = created[i];
    users.push_back(user);
  }
  return users;
}

std::vector<std::int64_t> FailureTimes(WebStore::Impl& impl, const char* column,
                                       const std::string& value, std::int64_t since) {
  std::vector<std::int64_t> times;
  impl.With("read the login attempts", [&](Poco::Data::Session& session) {
    session << "SELECT at FROM login_attempts WHERE " + std::string(column) +
                   " = ? AND at >= ? AND succeeded = 0 ORDER BY at",
        into(times), bind(value), bind(since), now;
  });
  return times;
}

}  // namespace

bool WebStore::AddUser(const UserRecord& user) {
  bool added = false;
  impl_->With("add the user", [&](Poco::Data::Session& session) {
    int taken = 0;
    session << "SELECT count(*) FROM users WHERE login = ?", into(taken), bind(user.login), now;
    if (taken > 0) return;
    session << "INSERT INTO users (login, name, title, role, password_hash, disabled, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
        bind(user.login), bind(user.name), bind(user.title),
        bind(std::string(UserRoleName(user.role))), bind(user.password_hash),
        bind(user.disabled ? 1 : 0), bind(user.created_at), now;
    added = true;
  });
  return added;
}

std::vector<UserRecord> WebStore::Users() {
  std::vector<UserRecord> users;
  impl_->With("read the users", [&](Poco::Data::Session& session) {
    Poco::Data::Statement statement(session);
    statement << std::string(kUserColumns) + "ORDER BY u.login";
    users = ReadUsers(statement);
  });
  return users;
}

std::optional<UserRecord> WebStore::FindUser(const std::string& login) {
  std::vector<UserRecord> users;
  impl_->With("read the user", [&](Poco::Data::Session& session) {
    Poco::Data::Statement statement(session);
    statement << std::string(kUserColumns) + "WHERE u.login = ?", bind(login);
    users = ReadUsers(statement);
  });
  if (users.empty()) return std::nullopt;
  return users.front();
}

bool WebStore::DisableUser(const std::string& login) {
  bool found = false;
  impl_->With("disable the user", [&](Poco::Data::Session& session) {
    session << "BEGIN IMMEDIATE", now;
    try {
      session << "UPDATE users SET disabled = 1 WHERE login = ?", bind(login), now;
      int changed = 0;
      session << "SELECT changes()", into(changed), now;
      found = changed > 0;
      session << "DELETE FROM web_sessions WHERE user IN (SELECT id FROM users WHERE login = ?)",
          bind(login), now;
      session << "COMMIT", now;
    } catch (...) {
      session << "ROLLBACK", now;
      throw;
    }
  });
  return found;
}

void WebStore::CreateSession(const std::string& token_sha256, std::int64_t user,
                             const std::string& at, std::int64_t expires_at_unix) {
  impl_->With("start the session", [&](Poco::Data::Session& session) {
    session << "INSERT INTO web_sessions (token_sha256, user, created_at, expires_at) "
               "VALUES (?, ?, ?, ?)",
        bind(token_sha256), bind(user), bind(at), bind(expires_at_unix), now;
  });
}

std::optional<UserRecord> WebStore::SessionUser(const std::string& token_sha256,
                                                std::int64_t now_unix) {
  std::vector<UserRecord> users;
  impl_->With("read the session", [&](Poco::Data::Session& session) {
    Poco::Data::Statement statement(session);
    statement << std::string(kUserColumns) +
                     "JOIN web_sessions s ON s.user = u.id "
                     "WHERE s.token_sha256 = ? AND s.expires_at > ? AND u.disabled = 0",
        bind(token_sha256), bind(now_unix);
    users = ReadUsers(statement);
  });
  if (users.empty()) return std::nullopt;
  return users.front();
}

void WebStore::DeleteSession(const std::string& token_sha256) {
  impl_->With("end the session", [&](Poco::Data::Session& session) {
    session << "DELETE FROM web_sessions WHERE token_sha256 = ?", bind(token_sha256), now;
  });
}

void WebStore::RecordLoginAttempt(const std::string& login, const std::string& address,
                                  std::int64_t at_unix, bool succeeded) {
  impl_->With("record the login attempt", [&](Poco::Data::Session& session) {
    session << "INSERT INTO login_attempts (login, address, at, succeeded) VALUES (?, ?, ?, ?)",
        bind(login), bind(address), bind(at_unix), bind(succeeded ? 1 : 0), now;
  });
}

std::vector<std::int64_t> WebStore::FailuresForLogin(const std::string& login,
                                                     std::int64_t since_unix) {
  return FailureTimes(*impl_, "login", login, since_unix);
}

std::vector<std::int64_t> WebStore::FailuresFromAddress(const std::string& address,
                                                        std::int64_t since_unix) {
  return FailureTimes(*impl_, "address", address, since_unix);
}

}  // namespace clerk::registry
