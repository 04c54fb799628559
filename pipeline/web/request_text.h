#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

/// Reading what a browser sends (cookies, forms, paths) and deciding which page a path names.
/// Pure functions of text: nothing here touches the network, the registry or the disk.
namespace clerk::web {

/// The cookies of a Cookie header ("a=1; b=2"); the first of a repeated name wins.
std::map<std::string, std::string> ParseCookies(const std::string& header);

/// A Set-Cookie value for a session cookie: Path=/, HttpOnly, SameSite=Strict, Max-Age in
/// seconds (0: remove it now), and Secure when `secure` (behind TLS).
std::string CookieHeader(const std::string& name, const std::string& value, int max_age_seconds,
                         bool secure);

/// The fields of an application/x-www-form-urlencoded body (or a query string), decoded ('+' is
/// a space, %XX a byte); the first of a repeated name wins. Malformed escapes are kept as text.
std::map<std::string, std::string> ParseForm(const std::string& body);

/// What a request path names. Paths name registry numbers only (/reports/12/draft.pdf), never a
/// file name, so nothing a request says reaches the file system.
struct Route {
  enum class Kind {
    kHome,      ///< "/": the report list
    kLogin,     ///< "/login"
    kLogout,    ///< "/logout"
    kStyle,     ///< "/static/style.css"
    kReport,    ///< "/reports/<id>"
    kDraftPdf,  ///< "/reports/<id>/draft.pdf"
    kFinalPdf,  ///< "/reports/<id>/final.pdf"
    kApprove,   ///< "/reports/<id>/approve"
    kReject,    ///< "/reports/<id>/reject"
    kRebuild,   ///< "/reports/<id>/rebuild"
    kBuild,     ///< "/reports/<id>/builds/<build>"
    kNotFound,  ///< a well-formed path that names nothing
    kBadPath,   ///< "..", ".", "//", "%", or a character no path of ours has: 400
  };
  Kind kind = Kind::kNotFound;
  std::int64_t report = 0;
  std::int64_t build = 0;
};

/// The route of `target` (a request target: the path, optionally with "?query").
Route ParseRoute(const std::string& target);

/// The query string of `target` (after '?'), or "".
std::string QueryOf(const std::string& target);

/// Failed logins allowed in a window before the account or address must wait.
struct LoginLimits {
  int account_failures = 5;   ///< per login
  int address_failures = 20;  ///< per client address (several people may share one)
  int window_seconds = 15 * 60;
};

/// How many seconds until one more attempt is allowed, given the times (Unix seconds,
/// ascending) of the failures in the window: 0 while fewer than `allowed` failed.
std::int64_t SecondsUntilAllowed(const std::vector<std::int64_t>& failures, int allowed,
                                 int window_seconds, std::int64_t now);

}  // namespace clerk::web
