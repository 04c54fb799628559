// MakeRegistryFile: a new registry built whole beside its name, through a Poco session.

#include <Poco/Data/Session.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "registry/database.h"
#include "registry/migrations.h"
#include "registry_fixture.h"

using namespace clerk;
using namespace clerk::registry;
using namespace Poco::Data::Keywords;
using test::Listing;
using test::ReadWholeFile;
using test::Scratch;

namespace {

std::string MadeName(const std::string& name) {
  return "." + name + ".clerk-new-" + std::to_string(::getpid());
}

// The rows of a query of one column, as text, read through a session of their own.
std::vector<std::string> Rows(const std::string& path, const std::string& sql) {
  Poco::Data::Session session = OpenSession(path, true, 2000);
  std::vector<std::string> rows;
  session << sql, into(rows), now;
  return rows;
}

std::vector<Migration> VersionsAnd(std::vector<std::string> statements) {
  return {{1,
           "versions",
           {"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
            "description TEXT NOT NULL, applied_at TEXT NOT NULL)",
            "CREATE TABLE folders (path TEXT PRIMARY KEY)"}},
          {2, "it's a test", std::move(statements)}};
}

}  // namespace

TEST_CASE("MakeRegistryFile makes the whole registry beside its name, in WAL mode",
          "[registry][make]") {
  Scratch scratch;
  std::string error;
  std::string made = MakeRegistryFile(scratch.File("registry.db"), RegistryMigrations(),
                                      "2011-06-01T09:00Z", &error);
  CHECK(error.empty());
  REQUIRE(made == scratch.File(MadeName("registry.db")));
  // One file: no journal or WAL was left beside it, and nothing is at the registry's name.
  CHECK(Listing(scratch.path()) == std::vector<std::string>{MadeName("registry.db")});
  // The WAL mark is in the header (bytes 18 and 19 are 2), so every opener finds WAL mode.
  std::string header = ReadWholeFile(made).substr(0, 20);
  CHECK(header.substr(0, 16) == std::string("SQLite format 3\0", 16));
  CHECK(header[18] == 2);
  CHECK(header[19] == 2);
  CHECK(Rows(made, "PRAGMA journal_mode") == std::vector<std::string>{"wal"});
  CHECK(Rows(made, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
  CHECK(Rows(made,
             "SELECT version || ' ' || description || ' ' || applied_at "
             "FROM schema_version ORDER BY version") ==
        std::vector<std::string>{
            "1 reports, builds, files, folders, drafts, decisions, finals, events "
            "2011-06-01T09:00Z",
            "2 runs and run periods of the schedule (clerk run-due, clerk daemon) "
            "2011-06-01T09:00Z",
            "3 web accounts, sessions, login attempts, web build logs 2011-06-01T09:00Z"});
  CHECK(Rows(made, "SELECT path FROM folders") == std::vector<std::string>{"."});
  // Every statement of every migration ran: the last index of the last migration is there.
  CHECK(Rows(made, "SELECT name FROM sqlite_master WHERE name = 'reports_by_year'") ==
        std::vector<std::string>{"reports_by_year"});
  ::unlink(made.c_str());
}

TEST_CASE("MakeRegistryFile runs each statement of a migration, whatever comments end them",
          "[registry][make]") {
  Scratch scratch;
  std::string error;
  std::string made = MakeRegistryFile(
      scratch.File("r.db"),
      VersionsAnd({"CREATE TABLE a (x INTEGER) -- a comment to the end of the line",
                   "INSERT INTO a VALUES (1); INSERT INTO a VALUES (2)",
                   "/* before */ INSERT INTO a VALUES (3) /* after */"}),
      "t", &error);
  INFO(error);
  REQUIRE_FALSE(made.empty());
  CHECK(Rows(made, "SELECT group_concat(x) FROM (SELECT x FROM a ORDER BY x)") ==
        std::vector<std::string>{"1,2,3"});
  CHECK(Rows(made, "SELECT version || ' ' || description FROM schema_version") ==
        std::vector<std::string>{"1 versions", "2 it's a test"});
}

TEST_CASE("MakeRegistryFile leaves nothing when the registry cannot be made", "[registry][make]") {
  Scratch scratch;
  std::string error;
  SECTION("a migration fails: SQLite's reason") {
    std::string made = MakeRegistryFile(
        scratch.File("r.db"), VersionsAnd({"CREATE TABLE a (x)", "INSERT INTO missing VALUES (1)"}),
        "t", &error);
    CHECK(made.empty());
    CHECK(error == "cannot make " + scratch.File(MadeName("r.db")) + ": no such table: missing");
    CHECK(Listing(scratch.path()).empty());
  }
  SECTION("its folder is not there: Poco's name for the failure, then SQLite's reason") {
    std::string made =
        MakeRegistryFile(scratch.File("gone/r.db"), RegistryMigrations(), "t", &error);
    CHECK(made.empty());
    CHECK(error == "cannot make " + scratch.File("gone/" + MadeName("r.db")) +
                       ": Can't open DB file: unable to open database file");
    CHECK(Listing(scratch.path()).empty());
  }
}

TEST_CASE("MakeRegistryFile runs on threads of their own, at once", "[registry][make]") {
  Scratch first_folder, second_folder;
  std::string first_error, second_error, first, second;
  std::thread one([&] {
    first = MakeRegistryFile(first_folder.File("r.db"), RegistryMigrations(), "t", &first_error);
  });
  std::thread two([&] {
    second = MakeRegistryFile(second_folder.File("r.db"), RegistryMigrations(), "t", &second_error);
  });
  one.join();
  two.join();
  CHECK(first_error.empty());
  CHECK(second_error.empty());
  for (const std::string& made : {first, second}) {
    REQUIRE_FALSE(made.empty());
    CHECK(Rows(made, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
    CHECK(Rows(made, "SELECT count(*) FROM schema_version") ==
          std::vector<std::string>{std::to_string(LatestVersion(RegistryMigrations()))});
  }
}
