#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "registry/records.h"

/// What the sign-off web page (pipeline/web) keeps in the registry beside the reports: accounts,
/// sign-in sessions, login attempts, the output of builds started from the page, audit events
/// that are not about one report, and the reads its pages make (docs/web.md). Safe to use from
/// many threads at once: each call takes a connection of its own from a small pool. Plain values
/// go in and out; a database failure is thrown as StoreError, whose text says what went wrong.
namespace clerk::registry {

/// A database failure inside a WebStore call.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class UserRole { kClerk, kDirector, kAdmin };

/// "clerk", "director", "admin".
const char* UserRoleName(UserRole role);
/// The role named `name` (as UserRoleName spells it), or nullopt.
std::optional<UserRole> ParseUserRole(const std::string& name);

/// One account of the web page.
struct UserRecord {
  std::int64_t id = 0;
  std::string login;  ///< what the user types to sign in
  std::string name;   ///< "Matt Dunkley": recorded with their decisions
  std::string title;  ///< "Director of Children's Services": the role on a final's cover
  UserRole role = UserRole::kClerk;
  std::string password_hash;  ///< web::HashPassword's encoding; never the password
  bool disabled = false;
  std::string created_at;
};

/// One line of the report list.
struct ReportListItem {
  std::int64_t id = 0;  ///< the registry's own number for the report: what URLs carry
  std::string reference;
  std::string review_key;
  std::string report_id;
  std::string committee_code;
  int year = 0;
  int latest_version = 0;  ///< 0: no draft yet
  ReportState state = ReportState::kNoDraft;
};

/// A page of the report list, and how many reports match in all.
struct ReportListPage {
  std::vector<ReportListItem> items;
  int total = 0;
};

/// The output of one build started from the web page.
struct BuildLog {
  std::int64_t id = 0;
  std::int64_t report = 0;
  std::string started_by;
  std::string started_at;
  std::string finished_at;  ///< empty while it runs
  int exit_status = -1;     ///< clerk build's exit status; -1 while it runs
  std::string output;       ///< what it printed (its diagnostics)
};

/// What the report page shows besides the list item.
struct ReportDetail {
  ReportListItem item;
  std::string draft_path;  ///< the latest draft's file as the registry names it; empty: none
  std::string draft_content_sha256;
  std::string draft_pdf_sha256;
  std::string draft_created_at;
  std::string final_path;  ///< the latest approval's final; empty: none
  std::vector<Event> history;
  std::string last_build_outcome;  ///< the review's last recorded build ("1 report: ..."), or ""
  std::string last_build_at;
};

class WebStore {
 public:
  /// Opens the registry at `path` read-write (creating and migrating it as Registry::Open does)
  /// and keeps up to `connections` connections. nullptr, with errors, when it cannot.
  static std::unique_ptr<WebStore> Open(const std::string& path, int connections,
                                        Diagnostics& diagnostics);
  ~WebStore();
  WebStore(const WebStore&) = delete;
  WebStore& operator=(const WebStore&) = delete;

  const std::string& Path() const;

  // Accounts.
  /// Adds `user` (login unique); false when the login is taken.
  bool AddUser(const UserRecord& user);
  /// Every account, by login.
  std::vector<UserRecord> Users();
  std::optional<UserRecord> FindUser(const std::string& login);
  /// Disables the account and ends its sessions; false when there is no such login.
  bool DisableUser(const std::string& login);

  // Sign-in sessions, known by the SHA-256 of their token (the token itself is never stored).
  void CreateSession(const std::string& token_sha256, std::int64_t user, const std::string& at,
                     std::int64_t expires_at_unix);
  /// The enabled user of an unexpired session, or nullopt.
  std::optional<UserRecord> SessionUser(const std::string& token_sha256, std::int64_t now_unix);
  void DeleteSession(const std::string& token_sha256);

  // Login attempts (for rate limiting; times in Unix seconds).
  void RecordLoginAttempt(const std::string& login, const std::string& address,
                          std::int64_t at_unix, bool succeeded);
  /// The times of failed attempts since `since_unix` for the login, and from the address.
  std::vector<std::int64_t> FailuresForLogin(const std::string& login, std::int64_t since_unix);
  std::vector<std::int64_t> FailuresFromAddress(const std::string& address,
                                                std::int64_t since_unix);

  /// Adds an audit event (sign-in, sign-out ...) to the registry's events; `report` 0 when it is
  /// about no report.
  void AddEvent(const std::string& at, const std::string& kind, const std::string& by,
                const std::string& detail, std::int64_t report = 0);

  // Reports.
  /// A number that grows whenever a report, draft or decision is recorded (the newest event's:
  /// every such change records an event in the same transaction), for caching pages.
  std::int64_t ChangeMark();
  /// Every committee code that has a report, sorted.
  std::vector<std::string> Committees();
  /// Reports of `committee` (empty: all), newest year first, then by committee and number;
  /// `limit` of them from `offset`.
  ReportListPage ListReports(const std::string& committee, int offset, int limit);
  std::optional<ReportDetail> Report(std::int64_t id);

  // Builds started from the page.
  std::int64_t StartBuildLog(std::int64_t report, const std::string& by, const std::string& at);
  void FinishBuildLog(std::int64_t id, const std::string& at, int exit_status,
                      const std::string& output);
  std::optional<BuildLog> FindBuildLog(std::int64_t id);
  std::optional<BuildLog> LatestBuildLog(std::int64_t report);

  struct Impl;

 private:
  explicit WebStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace clerk::registry
