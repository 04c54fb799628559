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

/// Makes a new registry file for `path`, whole, beside it (".<name>.clerk-new-<pid>") and
/// invisible to other processes, so without a journal, syncs or locks: every migration in one
/// transaction, the WAL mark in its header, then one sync of the file. Its path; "" with *error
/// set to a sentence when it cannot be made (nothing is left). Safe on a thread of its own.
std::string MakeRegistryFile(const std::string& path, const std::vector<Migration>& migrations,
                             const std::string& at, std::string* error);

/// Links the file MakeRegistryFile made to `path` and removes its own name. link(2) fails when
/// a file is there: another process made the registry first, and that one is kept (true). So
/// a crash leaves no registry or a complete one. False with *error when the link fails
/// otherwise. The caller then opens `path`.
bool LinkRegistryFile(const std::string& made, const std::string& path, std::string* error);

/// MakeRegistryFile then LinkRegistryFile: one sync instead of the seven SQLite spends making a
/// file, switching it to WAL and committing the migrations. The file remembers its own folder
/// (table folders) from the start.
bool CreateRegistryFile(const std::string& path, const std::vector<Migration>& migrations,
                        const std::string& at, std::string* error);

/// Removes what MakeRegistryFile runs for `path` left when their process died before linking
/// (a process still running is left alone: it may be making its file right now).
void RemoveAbandonedRegistryFiles(const std::string& path);

}  // namespace clerk::registry
