#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/verb_program.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "registry/registry.h"
#include "registry/web_store.h"
#include "web/security.h"

namespace clerk::cli {

namespace {

constexpr size_t kMinPasswordLength = 10;

bool IsLogin(const std::string& login) {
  if (login.empty() || login.size() > 64) return false;
  for (char c : login) {
    bool allowed =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!allowed) return false;
  }
  return true;
}

std::string WithoutLineEnd(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

// Reads one line from the terminal with echo off.
std::optional<std::string> AskHidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios old_mode{};
  tcgetattr(STDIN_FILENO, &old_mode);
  termios quiet = old_mode;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::string line;
  bool read = static_cast<bool>(std::getline(std::cin, line));
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &old_mode);
  std::cerr << "\n";
  if (!read) return std::nullopt;
  return WithoutLineEnd(line);
}

/// `clerk user add|list|disable`: the accounts of the sign-off web page.
class UserCommand : public Command {
 public:
  UserCommand()
      : Command("user", kUserSummary,
                "add <login> --role <clerk|director|admin> --name <name> | list | disable <login>",
                "Accounts live in the registry (docs/web.md). 'add' asks for the password twice "
                "on the terminal without showing it, or reads one line from standard input "
                "when that is not a terminal (or from --password-file); it is stored only as "
                "a salted PBKDF2-HMAC-SHA256 hash. A director's --title is the role printed on "
                "the finals they approve (\"Director of Children's Services\"). 'disable' "
                "ends the account's sessions and refuses its sign-ins; accounts are never "
                "deleted, so the audit trail keeps its names. Exit status: 0; 2 when refused "
                "or when the registry cannot be used; 64 when the command line is wrong.") {}

 protected:
  void DefineCommandOptions(Poco::Util::OptionSet& options) override {
    options.addOption(ValueOption("role", "", "clerk, director or admin.", "role"));
    options.addOption(
        ValueOption("name", "", "The person's name, as decisions record it.", "name"));
    options.addOption(ValueOption(
        "title", "", "Their job title, printed on finals they approve (directors).", "title"));
    options.addOption(ValueOption("password-file", "",
                                  "Read the password from the first line of this file.", "file"));
    options.addOption(RegistryOption());
  }

  int Execute(const std::vector<std::string>& arguments) override {
    if (arguments.empty()) return UsageError("give add, list or disable");
    const std::string& action = arguments[0];
    if (action == "list" && arguments.size() != 1) return UsageError("list takes no login");
    if ((action == "add" || action == "disable") && arguments.size() != 2) {
      return UsageError(action + " takes one login");
    }
    if (action != "add" && action != "list" && action != "disable") {
      return UsageError("unknown action '" + action + "': give add, list or disable");
    }
    std::optional<registry::UserRecord> user;
    if (action == "add") {
      user = UserToAdd(arguments[1]);
      if (!user) return kExitUsage;
    }
    std::string path = config().getString("registry.path", registry::kDefaultRegistryPath);
    Diagnostics diagnostics;
    DiskFileSystem files;
    auto store = registry::WebStore::Open(path, 1, diagnostics);
    int status = kExitErrors;
    if (store) {
      try {
        status = Run(*store, action, arguments, user, path, diagnostics);
      } catch (const registry::StoreError& error) {
        diagnostics.Error({path, 0, 0}, error.what());
      }
    }
    std::cerr << FormatDiagnostics(diagnostics, files);
    return diagnostics.HasErrors() ? kExitErrors : status;
  }

 private:
  std::optional<registry::UserRecord> UserToAdd(const std::string& login) {
    registry::UserRecord user;
    user.login = login;
    if (!IsLogin(login)) {
      UsageError("a login is 1 to 64 of a-z, 0-9, '.', '-' and '_'");
      return std::nullopt;
    }
    std::optional<registry::UserRole> role =
        registry::ParseUserRole(config().getString("role", ""));
    if (!role) {
      UsageError("--role takes clerk, director or admin");
      return std::nullopt;
    }
    user.role = *role;
    user.name = config().getString("name", "");
    if (user.name.find_first_not_of(" \t") == std::string::npos) {
      UsageError("--name takes the person's name, as their decisions record it");
      return std::nullopt;
    }
    user.title = config().getString("title", "");
    std::optional<std::string> password = ReadPassword();
    if (!password) return std::nullopt;
    if (password->size() < kMinPasswordLength) {
      UsageError("the password must be at least " + std::to_string(kMinPasswordLength) +
                 " characters long");
      return std::nullopt;
    }
    user.password_hash = web::HashPassword(*password);
    user.created_at = registry::NowUtc();
    return user;
  }

  std::optional<std::string> ReadPassword() {
    if (config().hasProperty("password-file")) {
      std::ifstream in(config().getString("password-file"));
      std::string line;
      if (!in || !std::getline(in, line)) {
        UsageError("cannot read a password from " + config().getString("password-file"));
        return std::nullopt;
      }
      return WithoutLineEnd(line);
    }
    if (!isatty(STDIN_FILENO)) {
      std::string line;
      if (!std::getline(std::cin, line)) {
        UsageError("no password on standard input");
        return std::nullopt;
      }
      return WithoutLineEnd(line);
    }
    std::optional<std::string> first = AskHidden("Password: ");
    std::optional<std::string> second = first ? AskHidden("Again: ") : std::nullopt;
    if (!first || !second || *first != *second) {
      UsageError("the two passwords differ");
      return std::nullopt;
    }
    return first;
  }

  int Run(registry::WebStore& store, const std::string& action,
          const std::vector<std::string>& arguments,
          const std::optional<registry::UserRecord>& user, const std::string& path,
          Diagnostics& diagnostics) {
    std::string at = registry::NowUtc();
    std::string by = registry::CurrentUserName();
    if (action == "add") {
      if (!store.AddUser(*user)) {
        diagnostics.Error({path, 0, 0}, "there is already an account '" + user->login + "'",
                          "'clerk user list' shows the accounts");
        return kExitErrors;
      }
      store.AddEvent(at, "user-added", by,
                     "account '" + user->login + "' added for " + user->name + " as " +
                         registry::UserRoleName(user->role));
      std::cout << user->login << ": added, " << registry::UserRoleName(user->role) << ", "
                << user->name << "\n";
      return kExitOk;
    }
    if (action == "disable") {
      if (!store.DisableUser(arguments[1])) {
        diagnostics.Error({path, 0, 0}, "there is no account '" + arguments[1] + "'",
                          "'clerk user list' shows the accounts");
        return kExitErrors;
      }
      store.AddEvent(at, "user-disabled", by, "account '" + arguments[1] + "' disabled");
      std::cout << arguments[1] << ": disabled; its sessions are ended\n";
      return kExitOk;
    }
    std::vector<registry::UserRecord> users = store.Users();
    if (users.empty()) {
      std::cout << "No accounts are recorded in " << path << ".\n";
      return kExitOk;
    }
    for (const registry::UserRecord& each : users) {
      std::cout << std::left << std::setw(16) << each.login << " " << std::setw(9)
                << registry::UserRoleName(each.role) << " "
                << (each.disabled ? "disabled " : "enabled  ") << each.name
                << (each.title.empty() ? "" : ", " + each.title) << "\n";
    }
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeUserCommand() { return std::make_unique<UserCommand>(); }

}  // namespace clerk::cli
