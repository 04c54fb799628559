// WebStore on a real SQLite registry: accounts, sessions, login attempts, and a report list
// whose states agree with `clerk status` (Registry::Status) in every state.
#include "registry/web_store.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>

#include "registry/registry.h"
#include "run_program.h"

using namespace clerk;
using namespace clerk::registry;
using clerk::testing::TemporaryDirectory;

namespace {

std::unique_ptr<WebStore> OpenStore(const std::string& path) {
  Diagnostics diagnostics;
  auto store = WebStore::Open(path, 2, diagnostics);
  REQUIRE(store);
  return store;
}

UserRecord User(const std::string& login, UserRole role) {
  UserRecord user;
  user.login = login;
  user.name = "Name of " + login;
  user.title = "Director of Things";
  user.role = role;
  user.password_hash = "pbkdf2-sha256$1000$00$00";
  user.created_at = "2026-11-26T00:00:00Z";
  return user;
}

// Records a report with `drafts` drafts (content "c1", "c2", ...) through the registry's own API.
std::string AddReport(Registry& registry, const std::string& folder, const std::string& report_id,
                      int drafts) {
  Diagnostics diagnostics;
  ReferenceRequest asked{
      "review", report_id, "CSSC", "{code}/{year}/{seq:02}", 2011, "test", "2026-11-26T00:00:00Z"};
  auto reference = registry.ReferenceFor(asked, diagnostics);
  REQUIRE(reference);
  for (int version = 1; version <= drafts; ++version) {
    DraftRequest request;
    request.reference = reference->reference;
    request.inputs_sha256 = std::string(64, 'a');
    request.templates_sha256 = std::string(64, 'b');
    request.content_sha256 = std::string(63, 'c') + std::to_string(version);
    request.by = "test";
    request.at = "2026-11-26T00:00:0" + std::to_string(version) + "Z";
    auto plan = registry.PlanDraft(request, diagnostics);
    REQUIRE(plan);
    std::string path = folder + "/" + report_id + "-v" + std::to_string(version) + ".pdf";
    REQUIRE(registry.CommitDraft(*plan, request, path, "%PDF-" + path, diagnostics) ==
            CommitResult::kDone);
  }
  INFO(diagnostics.Items().size());
  return reference->reference;
}

void Approve(Registry& registry, const std::string& folder, const std::string& reference,
             int version) {
  Diagnostics diagnostics;
  DecisionRequest request;
  request.reference = reference;
  request.by = "Jane";
  request.role = "Director";
  request.at = "2026-11-26T01:00:00Z";
  request.content_sha256 = std::string(63, 'c') + std::to_string(version);
  auto plan = registry.PlanSignOff(request, diagnostics);
  REQUIRE(plan);
  REQUIRE(registry.CommitSignOff(*plan, request, folder + "/" + plan->final_file_name, "%PDF-final",
                                 diagnostics) == CommitResult::kDone);
}

}  // namespace

TEST_CASE("accounts are added once and found and listed and disabled") {
  TemporaryDirectory folder;
  auto store = OpenStore(folder.Path() + "/registry.db");
  CHECK(store->AddUser(User("jane", UserRole::kDirector)));
  CHECK_FALSE(store->AddUser(User("jane", UserRole::kClerk)));
  CHECK(store->AddUser(User("bob", UserRole::kClerk)));
  auto users = store->Users();
  REQUIRE(users.size() == 2);
  CHECK(users[0].login == "bob");
  CHECK(users[1].role == UserRole::kDirector);
  auto jane = store->FindUser("jane");
  REQUIRE(jane);
  CHECK(jane->title == "Director of Things");
  CHECK_FALSE(store->FindUser("nobody"));

  store->CreateSession(std::string(64, '1'), jane->id, "2026-11-26T00:00:00Z", 2000);
  CHECK(store->SessionUser(std::string(64, '1'), 1999));
  CHECK_FALSE(store->SessionUser(std::string(64, '1'), 2000));  // expired
  CHECK_FALSE(store->SessionUser(std::string(64, '2'), 1000));
  CHECK(store->DisableUser("jane"));
  CHECK_FALSE(store->SessionUser(std::string(64, '1'), 1000));  // ended with the account
  CHECK(store->FindUser("jane")->disabled);
  CHECK_FALSE(store->DisableUser("nobody"));
  store->DeleteSession(std::string(64, '1'));
}

TEST_CASE("failed login attempts are counted per login and per address within the window") {
  TemporaryDirectory folder;
  auto store = OpenStore(folder.Path() + "/registry.db");
  store->RecordLoginAttempt("jane", "10.0.0.1", 100, false);
  store->RecordLoginAttempt("jane", "10.0.0.2", 200, false);
  store->RecordLoginAttempt("jane", "10.0.0.2", 300, true);
  store->RecordLoginAttempt("bob", "10.0.0.2", 400, false);
  CHECK(store->FailuresForLogin("jane", 0) == std::vector<std::int64_t>{100, 200});
  CHECK(store->FailuresForLogin("jane", 150) == std::vector<std::int64_t>{200});
  CHECK(store->FailuresFromAddress("10.0.0.2", 0) == std::vector<std::int64_t>{200, 400});
  // Persisted: a new connection (a restarted server) sees them.
  auto again = OpenStore(folder.Path() + "/registry.db");
  CHECK(again->FailuresForLogin("jane", 0).size() == 2);
}

TEST_CASE("the report list states agree with clerk status in every state") {
  TemporaryDirectory folder;
  std::string path = folder.Path() + "/registry.db";
  Diagnostics diagnostics;
  auto registry = Registry::Open(path, diagnostics);
  REQUIRE(registry);
  std::string none = AddReport(*registry, folder.Path(), "a-none", 0);
  std::string draft = AddReport(*registry, folder.Path(), "b-draft", 2);
  std::string approved = AddReport(*registry, folder.Path(), "c-approved", 1);
  Approve(*registry, folder.Path(), approved, 1);
  std::string changed = AddReport(*registry, folder.Path(), "d-changed", 1);
  Approve(*registry, folder.Path(), changed, 1);
  {
    DraftRequest request;
    request.reference = changed;
    request.inputs_sha256 = std::string(64, 'a');
    request.templates_sha256 = std::string(64, 'b');
    request.content_sha256 = std::string(64, 'e');
    request.by = "test";
    request.at = "2026-11-26T02:00:00Z";
    auto plan = registry->PlanDraft(request, diagnostics);
    REQUIRE(plan);
    REQUIRE(registry->CommitDraft(*plan, request, folder.Path() + "/d2.pdf", "%PDF-d2",
                                  diagnostics) == CommitResult::kDone);
  }
  std::string rejected = AddReport(*registry, folder.Path(), "e-rejected", 1);
  DecisionRequest rejection;
  rejection.reference = rejected;
  rejection.by = "Jane";
  rejection.comment = "no";
  rejection.at = "2026-11-26T03:00:00Z";
  REQUIRE(registry->Reject(rejection, diagnostics));

  auto store = OpenStore(path);
  ReportListPage page = store->ListReports("", 0, 50);
  REQUIRE(page.total == 5);
  std::vector<ReportStatus> statuses = registry->Status("", diagnostics);
  REQUIRE(statuses.size() == 5);
  for (const ReportStatus& status : statuses) {
    INFO(status.reference);
    bool found = false;
    for (const ReportListItem& item : page.items) {
      if (item.reference != status.reference) continue;
      found = true;
      CHECK(item.state == status.state);
      CHECK(item.latest_version == status.latest_version);
    }
    CHECK(found);
  }
  std::set<ReportState> states;
  for (const ReportListItem& item : page.items) states.insert(item.state);
  CHECK(states.size() == 5);  // every state is covered

  CHECK(store->ListReports("CSSC", 0, 2).items.size() == 2);
  CHECK(store->ListReports("CSSC", 4, 2).items.size() == 1);
  CHECK(store->ListReports("OTHER", 0, 50).total == 0);
  CHECK(store->Committees() == std::vector<std::string>{"CSSC"});

  auto detail = store->Report(page.items[0].id);
  REQUIRE(detail);
  auto approved_item =
      std::find_if(page.items.begin(), page.items.end(),
                   [&](const ReportListItem& i) { return i.reference == approved; });
  auto approved_detail = store->Report(approved_item->id);
  REQUIRE(approved_detail);
  CHECK(approved_detail->final_path == folder.Path() + "/CSSC-2011-03.pdf");
  CHECK(approved_detail->draft_content_sha256 == std::string(63, 'c') + "1");
  CHECK_FALSE(approved_detail->history.empty());
  CHECK_FALSE(store->Report(999999));
  (void)none;
  (void)draft;
}

TEST_CASE("build logs record a web build from start to end") {
  TemporaryDirectory folder;
  std::string path = folder.Path() + "/registry.db";
  Diagnostics diagnostics;
  auto registry = Registry::Open(path, diagnostics);
  REQUIRE(registry);
  AddReport(*registry, folder.Path(), "a", 1);
  auto store = OpenStore(path);
  std::int64_t report = store->ListReports("", 0, 1).items.at(0).id;
  CHECK_FALSE(store->LatestBuildLog(report));
  std::int64_t log = store->StartBuildLog(report, "Bob", "2026-11-26T00:00:00Z");
  auto running = store->FindBuildLog(log);
  REQUIRE(running);
  CHECK(running->finished_at.empty());
  CHECK(running->exit_status == -1);
  store->FinishBuildLog(log, "2026-11-26T00:00:05Z", 2, "inputs/x.yaml:1:1: error: bad\n");
  auto finished = store->LatestBuildLog(report);
  REQUIRE(finished);
  CHECK(finished->id == log);
  CHECK(finished->exit_status == 2);
  CHECK(finished->output == "inputs/x.yaml:1:1: error: bad\n");
  store->AddEvent("2026-11-26T00:00:06Z", "login", "bob", "Bob signed in from 127.0.0.1");
}
