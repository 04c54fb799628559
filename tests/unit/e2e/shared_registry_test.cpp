// End to end: a registry that one process has open twice (the web page's store, and a rejection
// it records) while another process builds with it. A process that opens and closes a second
// descriptor of the file loses its POSIX locks on it, SQLite's included; the other process,
// closing its connection, would then take itself for the last user, copy the log into the file
// and delete it under the first process, whose next writes would corrupt the registry.
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "core/diagnostic.h"
#include "registry/registry.h"
#include "run_program.h"

using clerk::testing::ProgramResult;
using clerk::testing::RunClerk;
using clerk::testing::TemporaryDirectory;

namespace {

const char* const kExample = "inputs/ks2-maths-scrutiny";

std::unique_ptr<clerk::registry::Registry> OpenRegistry(const std::string& path) {
  clerk::Diagnostics diagnostics;
  auto registry = clerk::registry::Registry::Open(path, diagnostics);
  std::string why = diagnostics.Items().empty() ? "" : diagnostics.Items().front().message;
  INFO(why);
  REQUIRE(registry != nullptr);
  return registry;
}

}  // namespace

TEST_CASE("A registry opened again in a process keeps its log while another process builds") {
  TemporaryDirectory outputs;
  const std::string path = outputs.Path() + "/registry.db";
  ProgramResult first =
      RunClerk({"build", kExample, "--all", "-q", "--output-dir", outputs.Path()});
  REQUIRE(first.exit_code == 0);

  auto held = OpenRegistry(path);  // as the web page's store holds it
  REQUIRE(held->SchemaVersion() > 0);
  OpenRegistry(path).reset();  // as a rejection on the page opens and closes it again

  // Another process records a build (unchanged: an event) and closes its connection.
  ProgramResult again =
      RunClerk({"build", kExample, "--all", "-q", "--output-dir", outputs.Path()});
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  // The log is still there: the other process knew this one still had the registry open.
  CHECK(std::filesystem::exists(path + "-wal"));
  CHECK(held->IntegrityCheck() == "ok");
  held.reset();

  auto reopened = OpenRegistry(path);
  CHECK(reopened->IntegrityCheck() == "ok");
}
