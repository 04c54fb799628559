#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <string>

/// Inside the registry only: the SQLite session through Poco::Data, and its transactions.
namespace clerk::registry {

/// Opens an SQLite session on `path`: read-write (creating the file), or read-only through a
/// "file:...?mode=ro" URI so that nothing can be written. Sets the busy timeout so that a
/// process waits for another's write lock rather than failing. Throws Poco::Exception.
Poco::Data::Session OpenSession(const std::string& path, bool read_only, int busy_timeout_ms);

/// Sets the connection up for writing: WAL journal (persistent in the file), full sync on
/// commit, foreign keys. Throws Poco::Exception.
void PrepareForWriting(Poco::Data::Session& session);

/// How a write transaction's COMMIT reaches the disk.
enum class Durability {
  /// COMMIT returns once the transaction is on the disk (synchronous = FULL): drafts, finals,
  /// decisions, everything a file on disk or a promise to a user depends on.
  kSynced,
  /// COMMIT does not wait for a sync of its own (synchronous = NORMAL for this transaction). The
  /// WAL is written in order, so the transaction is on the disk with the next synced commit or
  /// with the checkpoint when the registry closes; a power cut before then rolls it back whole
  /// (never tears the file). For what the registry can do again or repair: a reference not yet
  /// on any paper, the start and end of a build, a file marked placed (Recover marks it again).
  kDeferred,
};

/// A write transaction begun with BEGIN IMMEDIATE, which takes the database's write lock at
/// once (waiting up to the busy timeout): two processes never both read, then write. Rolled
/// back when destroyed without Commit().
class WriteTransaction {
 public:
  explicit WriteTransaction(Poco::Data::Session& session,
                            Durability durability = Durability::kSynced);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void Commit();
  void Rollback();

 private:
  /// Back to synchronous = FULL after a kDeferred transaction, so that no later one loses its sync.
  void RestoreSync();

  Poco::Data::Session& session_;
  Durability durability_;
  bool open_ = true;
};

/// A sentence for a database error: SQLite's own message, once, and what it means for a
/// busy or read-only database.
std::string DatabaseErrorText(const Poco::Exception& error);

}  // namespace clerk::registry
