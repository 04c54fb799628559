// RegistryMaker: a new registry made ahead, on a thread of its own, and linked in by Open.

#include <catch2/catch.hpp>

#include "registry/migrations.h"
#include "registry_fixture.h"

using namespace clerk;
using namespace clerk::registry;
using test::Listing;
using test::Messages;
using test::Scratch;

namespace {

std::unique_ptr<Registry> OpenWith(const std::string& path, RegistryMaker& maker) {
  Diagnostics diagnostics;
  auto registry = Registry::Open(path, diagnostics, {}, &maker);
  INFO(Messages(diagnostics));
  REQUIRE(registry);
  CHECK(diagnostics.Empty());
  return registry;
}

}  // namespace

TEST_CASE("A registry made ahead is linked in by Open", "[registry][maker]") {
  Scratch scratch;
  std::string path = scratch.File("registry.db");
  RegistryMaker maker(path);
  // Invisible until Open links it: no registry at its name yet.
  CHECK_FALSE(std::filesystem::exists(path));
  {
    auto registry = OpenWith(path, maker);
    CHECK(registry->SchemaVersion() == LatestVersion(RegistryMigrations()));
    CHECK(registry->IntegrityCheck() == "ok");
    Diagnostics diagnostics;
    CHECK(registry->ReferenceFor(test::Reference("2011-06"), diagnostics)->reference ==
          "CSSC/2011/01");
  }
  CHECK(Listing(scratch.path()) == std::vector<std::string>{"registry.db"});
}

TEST_CASE("A registry made ahead and never opened leaves nothing", "[registry][maker]") {
  Scratch scratch;
  { RegistryMaker maker(scratch.File("registry.db")); }
  CHECK(Listing(scratch.path()).empty());
}

TEST_CASE("A maker makes nothing where a registry is or where its folder is not",
          "[registry][maker]") {
  Scratch scratch;
  SECTION("a registry is there: Open opens it") {
    std::string path = scratch.File("registry.db");
    {
      auto first = test::OpenOrFail(path);
      Diagnostics diagnostics;
      REQUIRE(first->ReferenceFor(test::Reference("2011-06"), diagnostics));
    }
    RegistryMaker maker(path);
    auto registry = OpenWith(path, maker);
    Diagnostics diagnostics;
    auto again = registry->ReferenceFor(test::Reference("2011-06"), diagnostics);
    REQUIRE(again);
    CHECK_FALSE(again->newly_given);
  }
  SECTION("no folder yet: Open makes the folder and the registry") {
    std::string path = scratch.File("outputs/registry.db");
    RegistryMaker maker(path);
    CHECK_FALSE(std::filesystem::exists(scratch.File("outputs")));
    { auto registry = OpenWith(path, maker); }
    CHECK(Listing(scratch.File("outputs")) == std::vector<std::string>{"registry.db"});
  }
  SECTION("made for another path: Open makes its own, and the maker removes its file") {
    std::string path = scratch.File("registry.db");
    {
      RegistryMaker maker(scratch.File("other.db"));
      auto registry = OpenWith(path, maker);
      CHECK(registry->SchemaVersion() == LatestVersion(RegistryMigrations()));
    }
    CHECK(Listing(scratch.path()) == std::vector<std::string>{"registry.db"});
  }
}
