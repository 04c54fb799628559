#include "registry/migrations.h"

#include <Poco/Data/DataException.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "registry/database.h"
#include "registry/pending_file.h"

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
      {2,
       "runs and run periods of the schedule (clerk run-due, clerk daemon)",
       {
           R"(CREATE TABLE runs (
                id INTEGER PRIMARY KEY,
                run_as TEXT NOT NULL,
                schedule TEXT NOT NULL,
                started_by TEXT NOT NULL,
                started_at TEXT NOT NULL,
                pid INTEGER NOT NULL,
                finished_at TEXT,
                outcome TEXT,
                failed INTEGER NOT NULL DEFAULT 0,
                manifest TEXT NOT NULL DEFAULT ''))",
           R"(CREATE TABLE run_periods (
                id INTEGER PRIMARY KEY,
                run INTEGER NOT NULL REFERENCES runs (id),
                job TEXT NOT NULL,
                period TEXT NOT NULL,
                state TEXT NOT NULL
                  CHECK (state IN ('running', 'done', 'failed', 'skipped', 'interrupted')),
                reports INTEGER NOT NULL DEFAULT 0,
                detail TEXT NOT NULL DEFAULT '',
                started_at TEXT NOT NULL,
                finished_at TEXT))",
           R"(CREATE UNIQUE INDEX one_settled_period ON run_periods (job, period)
                WHERE state IN ('done', 'skipped'))",
           "CREATE INDEX run_periods_by_run ON run_periods (run, id)",
       }},
      {3,
       "web accounts, sessions, login attempts, web build logs",
       {
           R"(CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                login TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                title TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('clerk', 'director', 'admin')),
                password_hash TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                created_at TEXT NOT NULL))",
           R"(CREATE TABLE web_sessions (
                id INTEGER PRIMARY KEY,
                token_sha256 TEXT NOT NULL UNIQUE,
                user INTEGER NOT NULL REFERENCES users (id),
                created_at TEXT NOT NULL,
                expires_at INTEGER NOT NULL))",
           R"(CREATE TABLE login_attempts (
                id INTEGER PRIMARY KEY,
                login TEXT NOT NULL,
                address TEXT NOT NULL,
                at INTEGER NOT NULL,
                succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))))",
           "CREATE INDEX login_attempts_by_login ON login_attempts (login, at)",
           "CREATE INDEX login_attempts_by_address ON login_attempts (address, at)",
           R"(CREATE TABLE build_logs (
                id INTEGER PRIMARY KEY,
                report INTEGER NOT NULL REFERENCES reports (id),
                started_by TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                exit_status INTEGER,
                output TEXT NOT NULL DEFAULT ''))",
           "CREATE INDEX build_logs_by_report ON build_logs (report, id)",
           // The report list reads each report's decisions, newest year first.
           "CREATE INDEX decisions_by_draft ON decisions (draft, id)",
           "CREATE INDEX reports_by_year ON reports (year DESC, committee_code, sequence DESC)",
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

namespace {

// A migration's statements as one string. Poco's SQLite connector runs every statement of a
// string in order (SQLiteStatementImpl compiles the leftover after each one), so the migration
// costs one Poco statement instead of one per SQL statement. Each ends on a line of its own, so
// that a trailing "--" comment cannot swallow the semicolon.
std::string MigrationScript(const Migration& migration) {
  std::string script;
  for (const std::string& statement : migration.statements) script += statement + "\n;\n";
  return script;
}

// Runs one migration and records it in schema_version, inside the caller's transaction.
void ApplyMigration(Poco::Data::Session& session, const Migration& migration,
                    const std::string& at) {
  if (!migration.statements.empty()) session << MigrationScript(migration), now;
  int number = migration.version;
  std::string description = migration.description;
  std::string when = at;
  session << "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
      use(number), use(description), use(when), now;
}

}  // namespace

int ApplyMigrations(Poco::Data::Session& session, const std::vector<Migration>& migrations,
                    const std::string& at) {
  WriteTransaction transaction(session);
  // Read again under the lock: another process may have migrated since we looked.
  int version = ReadSchemaVersion(session);
  if (version == kNotRegistry) return version;
  for (const Migration& migration : migrations) {
    if (migration.version <= version) continue;
    ApplyMigration(session, migration, at);
    version = migration.version;
  }
  transaction.Commit();
  return version;
}

namespace {

// fsync(2) of the file or folder at `path`.
bool SyncPath(const std::string& path, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    *error = "cannot sync " + path + ": " + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  return true;
}

void RemoveDatabaseFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

// The name CreateRegistryFile makes its file under, without the pid.
std::string CreationPrefix(const std::string& path) {
  size_t slash = path.rfind('/');
  return "." + path.substr(slash == std::string::npos ? 0 : slash + 1) + ".clerk-new-";
}

}  // namespace

void RemoveAbandonedRegistryFiles(const std::string& path) {
  std::string folder = FolderOf(path);
  std::string prefix = CreationPrefix(path);
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr) return;
  std::vector<std::string> abandoned;
  while (const dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    // The pid, then nothing or SQLite's "-wal", "-shm" or "-journal".
    long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      abandoned.push_back(folder + "/" + name);
    }
  }
  ::closedir(dir);
  for (const std::string& file : abandoned) ::unlink(file.c_str());
}

namespace {

// Builds the registry in the file `made`, which nobody else can see until it is linked and
// which counts only once it is synced whole: so no journal, no syncs and no lock traffic
// (exclusive locking), every migration and the registry's own folder in one transaction, and
// last the WAL mark in its header (kept in the file). Throws Poco::Exception.
void BuildRegistryFile(const std::string& made, const std::vector<Migration>& migrations,
                       const std::string& at) {
  // No busy timeout: no other process opens this file.
  Poco::Data::Session session = OpenSession(made, false, 0);
  session << "PRAGMA locking_mode = EXCLUSIVE", now;
  session << "PRAGMA journal_mode = OFF", now;
  session << "PRAGMA synchronous = OFF", now;
  session.begin();
  for (const Migration& migration : migrations) ApplyMigration(session, migration, at);
  // The registry's own folder is where files are written by default: remembered now, Recover
  // looks there for pending files, and the first build need not commit (and sync) it alone.
  session << "INSERT INTO folders (path) VALUES ('.')", now;
  session.commit();
  std::string mode;
  session << "PRAGMA journal_mode = WAL", into(mode), now;
  if (mode != "wal") {
    throw Poco::Data::DataException("SQLite left it in journal mode " + mode + ", not wal");
  }
  session.close();
}

}  // namespace

std::string MakeRegistryFile(const std::string& path, const std::vector<Migration>& migrations,
                             const std::string& at, std::string* error) {
  std::string made = FolderOf(path) + "/" + CreationPrefix(path) + std::to_string(::getpid());
  RemoveDatabaseFiles(made);  // a leftover of a dead process that had our pid
  // Through Poco's session like the rest of the registry; safe on a thread of its own
  // (RegistryMaker): OpenSession registers the connector once, under std::call_once, Poco's
  // session factory locks, and this thread's session is its own SQLite connection.
  try {
    BuildRegistryFile(made, migrations, at);
    if (SyncPath(made, error)) return made;
  } catch (const Poco::Exception& failure) {
    *error = "cannot make " + made + ": " + DatabaseErrorText(failure);
  }
  RemoveDatabaseFiles(made);
  return "";
}

bool LinkRegistryFile(const std::string& made, const std::string& path, std::string* error) {
  bool linked = ::link(made.c_str(), path.c_str()) == 0 || errno == EEXIST;
  if (!linked) *error = "cannot create " + path + ": " + std::strerror(errno);
  RemoveDatabaseFiles(made);
  // The new name is made durable by the folder sync SQLite does when it first syncs the WAL it
  // creates beside the registry (the unix VFS syncs the folder of a journal it creates), which
  // comes before any transaction of this registry reaches the disk. A power cut before then can
  // only lose an empty registry, which the next build makes again.
  return linked;
}

bool CreateRegistryFile(const std::string& path, const std::vector<Migration>& migrations,
                        const std::string& at, std::string* error) {
  std::string made = MakeRegistryFile(path, migrations, at, error);
  return !made.empty() && LinkRegistryFile(made, path, error);
}

}  // namespace clerk::registry
