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

}  // namespace clerk::registry
