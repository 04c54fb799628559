#include "registry/database.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Thread.h>

#include <filesystem>
#include <mutex>

namespace clerk::registry {

using namespace Poco::Data::Keywords;

namespace {

// Percent-encodes a path for an SQLite "file:" URI (RFC 3986 unreserved characters and '/').
std::string UriPath(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool plain = std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

Poco::Data::Session OpenSession(const std::string& path, bool read_only, int busy_timeout_ms) {
  static std::once_flag registered;
  std::call_once(registered, [] { Poco::Data::SQLite::Connector::registerConnector(); });
  std::string target;
  if (read_only) {
    target =
        "file:" + UriPath(std::filesystem::absolute(path).lexically_normal().string()) + "?mode=ro";
  } else {
    // Poco opens with SQLITE_OPEN_URI: a plain path must not look like a URI.
    target = path.compare(0, 5, "file:") == 0 ? "./" + path : path;
  }
  std::size_t seconds = static_cast<std::size_t>(busy_timeout_ms + 999) / 1000;
  Poco::Data::Session session("SQLite", target, seconds);
  int timeout = busy_timeout_ms;
  session << "PRAGMA busy_timeout = " + std::to_string(timeout), now;
  return session;
}

void PrepareForWriting(Poco::Data::Session& session) {
  // Switching a new file to WAL needs a moment's exclusive lock, which SQLite does not wait
  // for: another process opening the same new registry can make it fail once or twice.
  for (int attempt = 0;; ++attempt) {
    try {
      std::string mode;
      session << "PRAGMA journal_mode = WAL", into(mode), now;
      break;
    } catch (const Poco::Data::SQLite::DBLockedException&) {
      if (attempt >= 200) throw;
      Poco::Thread::sleep(25);
    }
  }
  session << "PRAGMA synchronous = FULL", now;
  session << "PRAGMA foreign_keys = ON", now;
}

WriteTransaction::WriteTransaction(Poco::Data::Session& session, Durability durability)
    : session_(session), durability_(durability) {
  // SQLite refuses to change the level inside a transaction: before BEGIN, and back after.
  if (durability_ == Durability::kDeferred) session_ << "PRAGMA synchronous = NORMAL", now;
  try {
    session_ << "BEGIN IMMEDIATE", now;
  } catch (const Poco::Exception&) {
    if (durability_ == Durability::kDeferred) session_ << "PRAGMA synchronous = FULL", now;
    throw;
  }
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    session_ << "ROLLBACK", now;
  } catch (const Poco::Exception&) {
    // SQLite has already rolled back (it does on some errors): nothing is left to undo.
  }
  RestoreSync();
}

void WriteTransaction::Commit() {
  session_ << "COMMIT", now;  // when it throws, still open: the destructor rolls back
  open_ = false;
  RestoreSync();
}

void WriteTransaction::Rollback() {
  open_ = false;
  try {
    session_ << "ROLLBACK", now;
  } catch (const Poco::Exception&) {
    RestoreSync();
    throw;
  }
  RestoreSync();
}

void WriteTransaction::RestoreSync() {
  if (durability_ != Durability::kDeferred) return;
  try {
    session_ << "PRAGMA synchronous = FULL", now;
  } catch (const Poco::Exception&) {
    // It fails only inside a transaction, and this one has ended.
  }
}

std::string DatabaseErrorText(const Poco::Exception& error) {
  // Poco repeats SQLite's message ("database is locked: database is locked"): keep one.
  std::string message = error.message();
  if (message.size() > 2 && (message.size() - 2) % 2 == 0) {
    std::string half = message.substr(0, (message.size() - 2) / 2);
    if (message == half + ": " + half) message = half;
  }
  if (message.empty()) message = error.displayText();
  if (dynamic_cast<const Poco::Data::SQLite::DBLockedException*>(&error) != nullptr) {
    return message + " (another clerk has held the registry for longer than the wait allows)";
  }
  if (dynamic_cast<const Poco::Data::SQLite::ReadOnlyException*>(&error) != nullptr) {
    return message + " (the registry cannot be written)";
  }
  return message;
}

}  // namespace clerk::registry
