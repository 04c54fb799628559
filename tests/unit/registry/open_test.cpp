#include <Poco/Data/Session.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "registry/database.h"
#include "registry/migrations.h"
#include "registry_fixture.h"

using namespace clerk;
using namespace clerk::registry;
using namespace Poco::Data::Keywords;
using test::Listing;
using test::Messages;
using test::ReadWholeFile;
using test::Scratch;
using test::WriteWholeFile;

namespace {

// Opens `path` and returns every diagnostic; REQUIREs that it failed.
std::string OpenFails(const std::string& path, OpenMode mode = OpenMode::kReadWrite) {
  Diagnostics diagnostics;
  auto registry = Registry::Open(path, diagnostics, {mode, 2000});
  REQUIRE(registry == nullptr);
  return Messages(diagnostics);
}

int CountRows(const std::string& path, const std::string& sql) {
  Poco::Data::Session session = OpenSession(path, true, 2000);
  int count = 0;
  session << sql, into(count), now;
  return count;
}

}  // namespace

TEST_CASE("Open creates the registry and its folders, applies the migrations once",
          "[registry][open]") {
  Scratch scratch;
  std::string path = scratch.File("outputs/nested/registry.db");
  int latest = LatestVersion(RegistryMigrations());
  {
    auto registry = test::OpenOrFail(path);
    CHECK(registry->SchemaVersion() == latest);
    CHECK(registry->IntegrityCheck() == "ok");
  }
  CHECK(std::filesystem::is_regular_file(path));
  {
    auto again = test::OpenOrFail(path);
    CHECK(again->SchemaVersion() == latest);
  }
  CHECK(CountRows(path, "SELECT count(*) FROM schema_version") == latest);
  CHECK(CountRows(path, "SELECT count(*) FROM schema_version WHERE version = 1") == 1);
}

TEST_CASE("A new registry is made whole under a name of its own, and a dead maker's is removed",
          "[registry][open]") {
  Scratch scratch;
  std::string path = scratch.File("outputs/registry.db");
  std::filesystem::create_directories(scratch.File("outputs"));
  // What a process killed while making the registry leaves: its file, under its pid.
  pid_t dead = ::fork();
  REQUIRE(dead >= 0);
  if (dead == 0) ::_exit(0);
  REQUIRE(::waitpid(dead, nullptr, 0) == dead);
  std::string abandoned = scratch.File("outputs/.registry.db.clerk-new-" + std::to_string(dead));
  WriteWholeFile(abandoned, "half a database");
  WriteWholeFile(abandoned + "-wal", "");
  // A process still alive may be making its file right now: left alone.
  std::string alive = scratch.File("outputs/.registry.db.clerk-new-" + std::to_string(::getppid()));
  WriteWholeFile(alive, "being made");
  {
    auto registry = test::OpenOrFail(path);
    CHECK(registry->SchemaVersion() == LatestVersion(RegistryMigrations()));
  }
  CHECK(Listing(scratch.File("outputs")) ==
        std::vector<std::string>{".registry.db.clerk-new-" + std::to_string(::getppid()),
                                 "registry.db"});
  // Made in WAL mode, and watching its own folder for pending files from the start.
  Poco::Data::Session session = OpenSession(path, true, 2000);
  std::string mode, folder;
  session << "PRAGMA journal_mode", into(mode), now;
  session << "SELECT path FROM folders", into(folder), now;
  CHECK(mode == "wal");
  CHECK(folder == ".");
}

TEST_CASE("ApplyMigrations applies only the migrations newer than the file's version",
          "[registry][open]") {
  Scratch scratch;
  std::string path = scratch.File("m.db");
  std::vector<Migration> first = {
      {1,
       "versions",
       {"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
        "description TEXT NOT NULL, applied_at TEXT NOT NULL)"}},
      {2, "a", {"CREATE TABLE a (x INTEGER)", "INSERT INTO a VALUES (1)"}}};
  std::vector<Migration> second = first;
  second.push_back({3, "b", {"CREATE TABLE b (y INTEGER)", "INSERT INTO a VALUES (2)"}});
  Poco::Data::Session session = OpenSession(path, false, 2000);
  CHECK(ReadSchemaVersion(session) == 0);
  CHECK(ApplyMigrations(session, first, "t1") == 2);
  CHECK(ApplyMigrations(session, first, "t2") == 2);
  CHECK(ApplyMigrations(session, second, "t3") == 3);
  CHECK(ApplyMigrations(session, second, "t4") == 3);
  int rows = 0;
  session << "SELECT count(*) FROM a", into(rows), now;
  CHECK(rows == 2);  // each migration ran exactly once
  std::vector<std::string> applied;
  session << "SELECT version || ' ' || applied_at FROM schema_version ORDER BY version",
      into(applied), now;
  CHECK(applied == std::vector<std::string>{"1 t1", "2 t1", "3 t3"});
}

TEST_CASE("A failing migration leaves the file at the version before it", "[registry][open]") {
  Scratch scratch;
  std::string path = scratch.File("m.db");
  std::vector<Migration> migrations = {
      {1,
       "versions",
       {"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
        "description TEXT NOT NULL, applied_at TEXT NOT NULL)"}},
      {2, "broken", {"CREATE TABLE a (x INTEGER)", "INSERT INTO missing VALUES (1)"}}};
  Poco::Data::Session session = OpenSession(path, false, 2000);
  CHECK_THROWS(ApplyMigrations(session, migrations, "t"));
  CHECK(ReadSchemaVersion(session) == 0);
  int tables = 0;
  session << "SELECT count(*) FROM sqlite_master", into(tables), now;
  CHECK(tables == 0);
}

TEST_CASE("A file that is not a database is refused and left as it was", "[registry][open]") {
  Scratch scratch;
  std::string path = scratch.File("registry.db");
  std::string text = "minutes of the meeting held on 14 June 2011\n";
  WriteWholeFile(path, text);
  CHECK(OpenFails(path) ==
        "error: is not a clerk registry: it is not an SQLite database | check the path "
        "(--registry); clerk left the file as it was\n");
  CHECK(OpenFails(path, OpenMode::kReadOnly) ==
        "error: is not a clerk registry: it is not an SQLite database | check the path "
        "(--registry); clerk left the file as it was\n");
  CHECK(ReadWholeFile(path) == text);
  CHECK(Listing(scratch.path()) == std::vector<std::string>{"registry.db"});
}

TEST_CASE("A damaged database is refused and left as it was", "[registry][open]") {
  Scratch scratch;
  std::string path = scratch.File("registry.db");
  // The right magic, then rubbish where SQLite's header and pages should be.
  std::string bytes = std::string("SQLite format 3", 16) + std::string(4096, '\x7f');
  WriteWholeFile(path, bytes);
  std::string messages = OpenFails(path);
  CHECK_THAT(messages, Catch::StartsWith("error: cannot be opened: "));
  CHECK(ReadWholeFile(path) == bytes);
  CHECK(Listing(scratch.path()) == std::vector<std::string>{"registry.db"});
}

TEST_CASE("Another program's SQLite database is refused and left as it was", "[registry][open]") {
  Scratch scratch;
  std::string path = scratch.File("other.db");
  {
    Poco::Data::Session session = OpenSession(path, false, 2000);
    session << "CREATE TABLE minutes (text TEXT)", now;
    session << "INSERT INTO minutes VALUES ('apologies')", now;
  }
  std::string before = ReadWholeFile(path);
  CHECK(OpenFails(path) ==
        "error: is an SQLite database but not a clerk registry (it has no schema_version "
        "table) | check the path (--registry); clerk left the file as it was\n");
  CHECK(ReadWholeFile(path) == before);
  CHECK(Listing(scratch.path()) == std::vector<std::string>{"other.db"});
}

TEST_CASE("A read-only registry is refused for writing, left as it was, and can be read",
          "[registry][open]") {
  Scratch scratch;
  std::string path = scratch.File("registry.db");
  {
    auto registry = test::OpenOrFail(path);
    Diagnostics diagnostics;
    REQUIRE(registry->ReferenceFor(test::Reference("2011-06"), diagnostics));
  }
  REQUIRE(::chmod(path.c_str(), 0444) == 0);
  std::string before = ReadWholeFile(path);
  std::vector<std::string> listing = Listing(scratch.path());
  CHECK(OpenFails(path) ==
        "error: is read-only, so clerk cannot record builds and sign-offs in it | make it "
        "writable (chmod u+w) or give another --registry; clerk left the file as it was\n");
  CHECK(ReadWholeFile(path) == before);
  CHECK(Listing(scratch.path()) == listing);

  auto reader = test::OpenOrFail(path, OpenMode::kReadOnly);
  Diagnostics diagnostics;
  auto reports = reader->Status("", diagnostics);
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].reference == "CSSC/2011/01");
  CHECK_FALSE(reader->ReferenceFor(test::Reference("2011-07"), diagnostics));
  CHECK(Messages(diagnostics) == "error: is open read-only: no reference can be given\n");
}

TEST_CASE("Opening read-only never creates a registry", "[registry][open]") {
  Scratch scratch;
  std::string path = scratch.File("outputs/registry.db");
  CHECK(OpenFails(path, OpenMode::kReadOnly) ==
        "error: there is no registry here yet | the first 'clerk build' creates it; give "
        "--registry if it is elsewhere\n");
  CHECK(Listing(scratch.path()).empty());
}

TEST_CASE("A folder, or a registry from a newer clerk, is refused", "[registry][open]") {
  Scratch scratch;
  CHECK(OpenFails(scratch.path()) ==
        "error: is a folder, not a registry file | give the registry file's path, such as "
        "outputs/registry.db\n");
  std::string path = scratch.File("registry.db");
  test::OpenOrFail(path);
  {
    Poco::Data::Session session = OpenSession(path, false, 2000);
    session << "INSERT INTO schema_version VALUES (99, 'future', 't')", now;
  }
  std::string before = ReadWholeFile(path);
  CHECK(OpenFails(path) ==
        "error: was written by a newer clerk (schema version 99; this clerk knows versions up to " +
            std::to_string(LatestVersion(RegistryMigrations())) +
            ") | use the newer clerk; this one left the file as it was\n");
  CHECK(ReadWholeFile(path) == before);
}

TEST_CASE("ReviewKeyOf is the review folder's name", "[registry][open]") {
  CHECK(ReviewKeyOf("inputs/ks2-maths-scrutiny") == "ks2-maths-scrutiny");
  CHECK(ReviewKeyOf("inputs/ks2-maths-scrutiny/") == "ks2-maths-scrutiny");
  CHECK(ReviewKeyOf("./inputs/./ks2/") == "ks2");
  CHECK(ReviewKeyOf("ks2") == "ks2");
  CHECK(ReviewKeyOf(".") == std::filesystem::current_path().filename().string());
}
