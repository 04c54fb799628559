#pragma once

#include <Poco/Data/Session.h>

#include <string>
#include <vector>

/// Inside the registry only: the schema, as numbered migrations applied in order on open.
namespace clerk::registry {

/// One schema change. Versions start at 1 and go up by one; a migration, once released, is
/// never edited: a later change is a new migration.
struct Migration {
  int version = 0;
  std::string description;
  std::vector<std::string> statements;
};

/// The registry's migrations, in order (docs/registry.md shows the schema they make).
const std::vector<Migration>& RegistryMigrations();

/// The version of the last migration in `migrations`.
int LatestVersion(const std::vector<Migration>& migrations);

/// What the file holds: kNotRegistry when it is an SQLite database with tables but none of
/// them is schema_version, else the last migration applied (0: an empty database).
inline constexpr int kNotRegistry = -1;
int ReadSchemaVersion(Poco::Data::Session& session);

/// Applies the migrations newer than the file's version, in one write transaction (all or
/// none), recording each in schema_version with `at`. Returns the version after. Two processes
/// opening a new registry at once both end at the same version: the second finds the work done.
/// Throws Poco::Exception.
int ApplyMigrations(Poco::Data::Session& session, const std::vector<Migration>& migrations,
                    const std::string& at);

/// Makes a new registry file at `path`, where there is none, whole or not at all: the schema is
/// made in a file beside it (".<name>.clerk-new-<pid>") without syncs, which is then synced
/// once and linked to `path`. link(2) fails when a file is there: another process made the
/// registry first, and that one is kept. So a crash leaves no registry or a complete one, at
/// two syncs instead of the seven SQLite spends making the file, switching it to WAL and
/// committing the migrations. The file remembers its own folder (table folders) from the start.
/// Returns false with *error set when a file step fails; throws
/// Poco::Exception when SQLite does. The caller then opens `path`.
bool CreateRegistryFile(const std::string& path, const std::vector<Migration>& migrations,
                        const std::string& at, int busy_timeout_ms, std::string* error);

/// Removes what CreateRegistryFile runs for `path` left when their process died before linking
/// (a process still running is left alone: it may be making its file right now).
void RemoveAbandonedRegistryFiles(const std::string& path);

}  // namespace clerk::registry
