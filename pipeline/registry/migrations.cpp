#include "registry/migrations.h"

#include "registry/database.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;

const std::vector<Migration>& RegistryMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "reports, builds, files, folders, drafts, decisions, finals, events",
       {
           R"(CREATE TABLE schema_version (
                version INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at TEXT NOT NULL))",
           R"(CREATE TABLE reports (
                id INTEGER PRIMARY KEY,
                review_key TEXT NOT NULL,
                report_id TEXT NOT NULL,
                committee_code TEXT NOT NULL,
                year INTEGER NOT NULL,
                sequence INTEGER NOT NULL CHECK (sequence > 0),
                reference TEXT NOT NULL UNIQUE,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (review_key, report_id),
                UNIQUE (committee_code, year, sequence)))",
           R"(CREATE TABLE builds (
                id INTEGER PRIMARY KEY,
                review_key TEXT NOT NULL,
                started_by TEXT NOT NULL,
                started_at TEXT NOT NULL,
                options TEXT NOT NULL,
                clerk_version TEXT NOT NULL,
                finished_at TEXT,
                outcome TEXT))",
           R"(CREATE TABLE files (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,
                sha256 TEXT NOT NULL,
                size INTEGER NOT NULL,
                final INTEGER NOT NULL CHECK (final IN (0, 1)),
                state TEXT NOT NULL CHECK (state IN ('pending', 'placed', 'missing'))))",
           "CREATE INDEX files_by_sha ON files (sha256)",
           "CREATE TABLE folders (path TEXT PRIMARY KEY)",
           R"(CREATE TABLE drafts (
                id INTEGER PRIMARY KEY,
                report INTEGER NOT NULL REFERENCES reports (id),
                version INTEGER NOT NULL CHECK (version > 0),
                build INTEGER REFERENCES builds (id),
                inputs_sha256 TEXT NOT NULL,
                templates_sha256 TEXT NOT NULL,
                content_sha256 TEXT NOT NULL,
                file INTEGER NOT NULL UNIQUE REFERENCES files (id),
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (report, version)))",
           R"(CREATE TABLE decisions (
                id INTEGER PRIMARY KEY,
                draft INTEGER NOT NULL REFERENCES drafts (id),
                approved INTEGER NOT NULL CHECK (approved IN (0, 1)),
                decided_by TEXT NOT NULL CHECK (decided_by <> ''),
                role TEXT NOT NULL,
                comment TEXT NOT NULL,
                decided_at TEXT NOT NULL,
                CHECK (approved = 1 OR comment <> ''),
                CHECK (approved = 0 OR role <> '')))",
           "CREATE UNIQUE INDEX one_approval_per_draft ON decisions (draft) WHERE approved = 1",
           R"(CREATE TABLE finals (
                id INTEGER PRIMARY KEY,
                decision INTEGER NOT NULL UNIQUE REFERENCES decisions (id),
                file INTEGER NOT NULL UNIQUE REFERENCES files (id)))",
           R"(CREATE TABLE events (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                report INTEGER REFERENCES reports (id),
                draft_version INTEGER NOT NULL,
                by TEXT NOT NULL,
                detail TEXT NOT NULL))",
           "CREATE INDEX events_by_report ON events (report, id)",
       }},
  };
  return kMigrations;
}

int LatestVersion(const std::vector<Migration>& migrations) {
  return migrations.empty() ? 0 : migrations.back().version;
}

int ReadSchemaVersion(Poco::Data::Session& session) {
  int tables = 0;
  int versions_table = 0;
  session << "SELECT count(*), coalesce(sum(name = 'schema_version'), 0) FROM sqlite_master "
             "WHERE type = 'table'",
      into(tables), into(versions_table), now;
  if (tables == 0) return 0;
  if (versions_table == 0) return kNotRegistry;
  int version = 0;
  session << "SELECT coalesce(max(version), 0) FROM schema_version", into(version), now;
  return version;
}

int ApplyMigrations(Poco::Data::Session& session, const std::vector<Migration>& migrations,
                    const std::string& at) {
  WriteTransaction transaction(session);
  // Read again under the lock: another process may have migrated since we looked.
  int version = ReadSchemaVersion(session);
  if (version == kNotRegistry) return version;
  for (const Migration& migration : migrations) {
    if (migration.version <= version) continue;
    for (const std::string& statement : migration.statements) session << statement, now;
    int number = migration.version;
    std::string description = migration.description;
    std::string when = at;
    session << "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
        use(number), use(description), use(when), now;
    version = migration.version;
  }
  transaction.Commit();
  return version;
}

}  // namespace clerk::registry
