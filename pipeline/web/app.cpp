// What every request goes through: the security headers, the path, the body limit, the
// session, the CSRF check and the role; and signing in and out.

#include "web/app.h"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>

#include <chrono>
#include <istream>

#include "registry/registry.h"
#include "web/security.h"

namespace clerk::web {

namespace {

using HTTPResponse = Poco::Net::HTTPResponse;

constexpr const char* kSessionCookie = "clerk_session";
constexpr const char* kLoginCookie = "clerk_login";
constexpr int kLoginCookieSeconds = 30 * 60;
// A refused body is read and thrown away up to this size, so that the client, still sending,
// gets the 413 rather than a reset connection; beyond it the connection is just closed.
constexpr std::streamsize kDrainLimit = 16 * 1024 * 1024;

// No scripts at all; frames, objects and forms only from here; never framed elsewhere.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'none'; object-src 'self'; frame-src 'self'; "
    "frame-ancestors 'self'; form-action 'self'; base-uri 'none'";

}  // namespace

std::int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

WebApp::WebApp(ServeSettings settings, registry::WebStore& store, PageTemplates templates)
    : settings_(std::move(settings)),
      store_(store),
      templates_(std::move(templates)),
      dummy_hash_(HashPassword(RandomToken())) {}

WebApp::~WebApp() { JoinBuilds(); }

void WebApp::JoinBuilds() {
  std::unique_lock<std::mutex> lock(builds_mutex_);
  builds_done_.wait(lock, [this] { return builds_running_ == 0; });
}

void WebApp::Handle(Poco::Net::HTTPServerRequest& request,
                    Poco::Net::HTTPServerResponse& response) {
  Exchange exchange{request, response, ParseRoute(request.getURI()), {}, {}, {}, {}, {}};
  exchange.address = request.clientAddress().host().toString();
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "SAMEORIGIN");
  response.set("Referrer-Policy", "same-origin");
  response.set("Content-Security-Policy", kPagePolicy);
  response.set("Cache-Control", "no-store");
  try {
    Dispatch(exchange);
  } catch (const std::exception& error) {
    if (!response.sent()) {
      SendMessage(exchange, 500, "Something went wrong",
                  std::string("The server could not finish the request: ") + error.what());
    }
  }
}

void WebApp::Dispatch(Exchange& exchange) {
  using Kind = Route::Kind;
  const std::string& method = exchange.request.getMethod();
  bool post = method == "POST";
  if (!post && method != "GET") {
    exchange.response.set("Allow", "GET, POST");
    return SendMessage(exchange, 405, "Not allowed",
                       "This page is read with GET or sent with POST.");
  }
  if (exchange.route.kind == Kind::kBadPath) {
    return SendMessage(exchange, 400, "Bad address", "That address is not one of this site's.");
  }
  if (post && !ReadForm(exchange)) return;
  if (exchange.route.kind == Kind::kStyle) {
    exchange.response.set("Cache-Control", "no-cache");
    return Send(exchange, 200, "text/css; charset=utf-8", templates_.Style());
  }
  FindSession(exchange);
  if (exchange.route.kind == Kind::kLogin) {
    if (post) return Login(exchange);
    if (exchange.user) return Redirect(exchange, "/");
    return LoginPage(exchange, 200, "", "");
  }
  if (!exchange.user) {
    if (post) return SendMessage(exchange, 401, "Sign in first", "This needs you to sign in.");
    if (exchange.route.kind == Kind::kNotFound) {
      return SendMessage(exchange, 404, "Not found", "There is no such page.");
    }
    return Redirect(exchange, "/login");
  }
  if (post) {
    auto token = exchange.form.find("csrf");
    if (token == exchange.form.end() || !ConstantTimeEquals(token->second, exchange.csrf)) {
      return SendMessage(exchange, 403, "Refused",
                         "The form did not come from this session's page. Open the page again "
                         "and send it from there.");
    }
  }
  bool director = exchange.user->role == registry::UserRole::kDirector;
  bool may_build = exchange.user->role != registry::UserRole::kDirector;
  switch (exchange.route.kind) {
    case Kind::kHome:
      if (!post) return ReportList(exchange);
      break;
    case Kind::kLogout:
      if (post) return Logout(exchange);
      break;
    case Kind::kReport:
      if (!post) return ReportPage(exchange);
      break;
    case Kind::kDraftPdf:
    case Kind::kFinalPdf:
      if (!post) return Pdf(exchange, exchange.route.kind == Kind::kFinalPdf);
      break;
    case Kind::kBuild:
      if (!post) return BuildPage(exchange);
      break;
    case Kind::kApprove:
    case Kind::kReject:
      if (!post) break;
      if (!director) {
        return SendMessage(exchange, 403, "Refused", "Only a director can approve or reject.");
      }
      return exchange.route.kind == Kind::kApprove ? Approve(exchange) : Reject(exchange);
    case Kind::kRebuild:
      if (!post) break;
      if (!may_build) {
        return SendMessage(exchange, 403, "Refused", "Only a clerk or an admin can rebuild.");
      }
      return Rebuild(exchange);
    default:
      break;
  }
  SendMessage(exchange, 404, "Not found", "There is no such page.");
}

bool WebApp::ReadForm(Exchange& exchange) {
  auto& request = exchange.request;
  std::streamsize limit = static_cast<std::streamsize>(settings_.body_limit);
  std::streamsize declared = request.getContentLength64();
  std::string body;
  bool too_large = declared > limit;
  if (!too_large) {
    // Chunked or unannounced bodies are read up to one byte past the limit.
    body.resize(static_cast<size_t>(limit) + 1);
    std::istream& in = request.stream();
    in.read(body.data(), limit + 1);
    body.resize(static_cast<size_t>(in.gcount()));
    too_large = static_cast<std::streamsize>(body.size()) > limit;
  }
  if (too_large) {
    exchange.response.setKeepAlive(false);
    SendMessage(
        exchange, 413, "Too large",
        "The form sent is larger than " + std::to_string(settings_.body_limit / 1024) + " KiB.");
    if (declared <= kDrainLimit) {
      try {
        char buffer[16384];
        std::istream& in = request.stream();
        std::streamsize drained = 0;
        while (drained < kDrainLimit && in.read(buffer, sizeof buffer)) drained += in.gcount();
      } catch (const Poco::Exception&) {
        // The client stopped sending or timed out: the connection closes either way.
      }
    }
    return false;
  }
  exchange.form = ParseForm(body);
  return true;
}

void WebApp::FindSession(Exchange& exchange) {
  if (!exchange.request.has("Cookie")) return;
  auto cookies = ParseCookies(exchange.request.get("Cookie"));
  auto cookie = cookies.find(kSessionCookie);
  if (cookie == cookies.end() || cookie->second.size() != 32) return;
  exchange.user = store_.SessionUser(TokenSha256(cookie->second), NowUnix());
  if (!exchange.user) return;
  exchange.token = cookie->second;
  exchange.csrf = CsrfTokenFor(exchange.token);
}

void WebApp::LoginPage(Exchange& exchange, int status, const std::string& problem,
                       const std::string& login) {
  // The login form's own token, also set as a cookie: a form posted from another site cannot
  // know it (login CSRF).
  // A token already set is kept: a second sign-in tab, or the browser's own request for an icon
  // sent here, must not invalidate the form on show.
  auto cookies = ParseCookies(exchange.request.get("Cookie", ""));
  auto existing = cookies.find(kLoginCookie);
  bool reuse = existing != cookies.end() && existing->second.size() == 32 &&
               existing->second.find_first_not_of("0123456789abcdef") == std::string::npos;
  std::string form_token = reuse ? existing->second : RandomToken();
  exchange.response.add("Set-Cookie", CookieHeader(kLoginCookie, form_token, kLoginCookieSeconds,
                                                   settings_.secure_cookies));
  PageData page;
  page.set("form_token", form_token);
  page.set("login", login);
  PageData layout = LayoutData(exchange, "Sign in");
  if (!problem.empty()) layout.set("problem", problem);
  SendPage(exchange, status, "login", page, layout);
}

void WebApp::Login(Exchange& exchange) {
  const std::string& login = exchange.form["login"];
  const std::string& password = exchange.form["password"];
  auto cookies = ParseCookies(exchange.request.get("Cookie", ""));
  auto cookie = cookies.find(kLoginCookie);
  if (cookie == cookies.end() || cookie->second.empty() ||
      !ConstantTimeEquals(cookie->second, exchange.form["form_token"])) {
    return SendMessage(exchange, 403, "Refused",
                       "The sign-in form had expired or came from elsewhere. Open the sign-in "
                       "page again.");
  }
  std::int64_t now = NowUnix();
  std::int64_t since = now - settings_.limits.window_seconds;
  std::int64_t wait = std::max(
      SecondsUntilAllowed(store_.FailuresForLogin(login, since), settings_.limits.account_failures,
                          settings_.limits.window_seconds, now),
      SecondsUntilAllowed(store_.FailuresFromAddress(exchange.address, since),
                          settings_.limits.address_failures, settings_.limits.window_seconds, now));
  std::string at = registry::NowUtc();
  if (wait > 0) {
    store_.AddEvent(at, "login-refused", login,
                    "sign-in refused after too many failures, from " + exchange.address);
    exchange.response.set("Retry-After", std::to_string(wait));
    return LoginPage(exchange, 429,
                     "Too many failed sign-ins. Try again in " + std::to_string((wait + 59) / 60) +
                         " minute" + (wait > 60 ? "s" : "") + ".",
                     login);
  }
  std::optional<registry::UserRecord> user = store_.FindUser(login);
  bool usable = user && !user->disabled;
  // The hash is checked even for an unknown login, so the time taken does not say which exist.
  bool verified = VerifyPassword(password, usable ? user->password_hash : dummy_hash_) && usable;
  store_.RecordLoginAttempt(login, exchange.address, now, verified);
  if (!verified) {
    store_.AddEvent(at, "login-failed", login, "failed sign-in from " + exchange.address);
    return LoginPage(exchange, 401, "The login or the password is wrong.", login);
  }
  std::string token = RandomToken();
  int seconds = settings_.session_hours * 3600;
  store_.CreateSession(TokenSha256(token), user->id, at, now + seconds);
  store_.AddEvent(at, "login", login,
                  user->name + " (" + registry::UserRoleName(user->role) + ") signed in from " +
                      exchange.address);
  exchange.response.add("Set-Cookie",
                        CookieHeader(kSessionCookie, token, seconds, settings_.secure_cookies));
  exchange.response.add("Set-Cookie", CookieHeader(kLoginCookie, "", 0, settings_.secure_cookies));
  Redirect(exchange, "/");
}

void WebApp::Logout(Exchange& exchange) {
  store_.DeleteSession(TokenSha256(exchange.token));
  store_.AddEvent(registry::NowUtc(), "logout", exchange.user->login,
                  exchange.user->name + " signed out from " + exchange.address);
  exchange.response.add("Set-Cookie",
                        CookieHeader(kSessionCookie, "", 0, settings_.secure_cookies));
  Redirect(exchange, "/login");
}

PageData WebApp::LayoutData(const Exchange& exchange, const std::string& title) const {
  PageData layout;
  layout.set("title", title);
  if (exchange.user) {
    PageData user;
    user.set("name", exchange.user->name);
    user.set("role", registry::UserRoleName(exchange.user->role));
    user.set("csrf", exchange.csrf);
    layout.set("user", user);
  }
  return layout;
}

void WebApp::SendPage(Exchange& exchange, int status, const std::string& name, const PageData& page,
                      PageData layout) {
  Send(exchange, status, "text/html; charset=utf-8", templates_.Render(name, page, layout));
}

void WebApp::SendMessage(Exchange& exchange, int status, const std::string& heading,
                         const std::string& text) {
  PageData page;
  page.set("heading", heading);
  page.set("text", text);
  page.set("back", exchange.user ? "/" : "/login");
  page.set("back_text", exchange.user ? "All reports" : "Sign in");
  SendPage(exchange, status, "message", page, LayoutData(exchange, heading));
}

void WebApp::Redirect(Exchange& exchange, const std::string& location) {
  exchange.response.set("Location", location);
  Send(exchange, 303, "text/plain; charset=utf-8", "See " + location + "\n");
}

void WebApp::Send(Exchange& exchange, int status, const std::string& content_type,
                  const std::string& body) {
  exchange.response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(status));
  exchange.response.setContentType(content_type);
  exchange.response.setContentLength64(static_cast<Poco::Int64>(body.size()));
  exchange.response.sendBuffer(body.data(), body.size());
}

}  // namespace clerk::web
