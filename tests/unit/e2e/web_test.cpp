// End to end: `clerk serve` on a real registry with built drafts of the example review, driven
// over HTTP with Poco's client (every refusal, while other clients are served) and in headless
// Chromium (tests/browser/web_signoff.mjs).
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <iterator>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "run_program.h"

using clerk::testing::ProgramResult;
using clerk::testing::RunClerk;
using clerk::testing::RunProgram;
using clerk::testing::TemporaryDirectory;
using clerk::testing::WriteWholeFile;

namespace fs = std::filesystem;

namespace {

const char* const kExample = "inputs/ks2-maths-scrutiny";
const char* const kDirectorPassword = "director password 1";
const char* const kClerkPassword = "clerk password 1";

// A council's folder with the example review built into drafts, and two accounts: "matt", a
// director, and "clara", a clerk.
class Council {
 public:
  Council() {
    fs::create_directories(Path("inputs"));
    fs::copy(kExample, Path(kExample), fs::copy_options::recursive);
    ProgramResult built = Clerk({"build", kExample, "--all"});
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    AddUser("matt", "director", "Matt Dunkley", kDirectorPassword,
            {"--title", "Director of Children's Services"});
    AddUser("clara", "clerk", "Clara Clerk", kClerkPassword);
  }

  void AddUser(const std::string& login, const std::string& role, const std::string& name,
               const std::string& password, std::vector<std::string> more = {}) const {
    WriteWholeFile(Path("password"), password + "\n");
    std::vector<std::string> arguments{
        "user", "add", login, "--role", role, "--name", name, "--password-file", Path("password")};
    arguments.insert(arguments.end(), more.begin(), more.end());
    ProgramResult added = Clerk(arguments);
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
    fs::remove(Path("password"));
  }

  std::string Path(const std::string& relative) const { return dir_.Path() + "/" + relative; }
  ProgramResult Clerk(const std::vector<std::string>& arguments) const {
    return RunClerk(arguments, dir_.Path());
  }

  // The kinds of the events that are about no report (sign-ins, sign-outs ...), in order.
  std::vector<std::string> AccountEvents() const {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session("SQLite", Path("outputs/registry.db"));
    std::vector<std::string> kinds;
    using namespace Poco::Data::Keywords;
    session << "SELECT kind FROM events WHERE report IS NULL ORDER BY id", into(kinds), now;
    return kinds;
  }

 private:
  TemporaryDirectory dir_;
};

// `clerk serve` on any free port, in the council's folder; stopped with SIGTERM.
class Server {
 public:
  explicit Server(const Council& council, std::vector<std::string> more = {}) {
    std::vector<std::string> arguments{"serve", "--port", "0", "--timeout", "2"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    Poco::Pipe out;
    handle_ = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(CLERK_BINARY, arguments, council.Path(""), nullptr, &out, nullptr));
    Poco::PipeInputStream stream(out);
    std::string line;
    std::getline(stream, line);
    std::smatch match;
    REQUIRE(
        std::regex_search(line, match, std::regex("listening on http://127\\.0\\.0\\.1:(\\d+)/")));
    port_ = static_cast<Poco::UInt16>(std::stoi(match[1]));
  }
  ~Server() {
    if (handle_) {
      ::kill(handle_->id(), SIGKILL);
      handle_->wait();
    }
  }
  Poco::UInt16 Port() const { return port_; }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // SIGTERM: the server stops and exits 0.
  int Stop() {
    ::kill(handle_->id(), SIGTERM);
    int status = handle_->wait();
    handle_.reset();
    return status;
  }

 private:
  std::unique_ptr<Poco::ProcessHandle> handle_;
  Poco::UInt16 port_ = 0;
};

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::vector<std::string> cookies;  // Set-Cookie values
  std::string body;
};

std::string UrlEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

std::string Form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += (body.empty() ? "" : "&") + name + "=" + UrlEncode(value);
  }
  return body;
}

Reply Http(Poco::UInt16 port, const std::string& method, const std::string& path,
           const std::string& cookie = "", const std::string& body = "") {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!cookie.empty()) request.set("Cookie", cookie);
  if (method == "POST") {
    request.setContentType("application/x-www-form-urlencoded");
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply reply;
  reply.status = response.getStatus();
  for (const auto& [name, value] : response) {
    if (Poco::icompare(name, "Set-Cookie") == 0) {
      reply.cookies.push_back(value);
    } else {
      reply.headers[name] = value;
    }
  }
  std::ostringstream text;
  text << in.rdbuf();
  reply.body = text.str();
  return reply;
}

std::string Capture(const std::string& text, const std::string& pattern) {
  std::smatch match;
  if (!std::regex_search(text, match, std::regex(pattern))) return "";
  return match[1];
}

// Signs in; the session's Cookie header value.
std::string SignIn(Poco::UInt16 port, const std::string& login, const std::string& password) {
  Reply form = Http(port, "GET", "/login");
  REQUIRE(form.status == 200);
  REQUIRE(form.cookies.size() == 1);
  std::string login_cookie = form.cookies[0].substr(0, form.cookies[0].find(';'));
  std::string token = Capture(form.body, "name=\"form_token\" value=\"([0-9a-f]{32})\"");
  REQUIRE(!token.empty());
  Reply signed_in = Http(port, "POST", "/login", login_cookie,
                         Form({{"login", login}, {"password", password}, {"form_token", token}}));
  REQUIRE(signed_in.status == 303);
  std::string session;
  for (const std::string& cookie : signed_in.cookies) {
    if (cookie.rfind("clerk_session=", 0) == 0) {
      CHECK(cookie.find("; HttpOnly; SameSite=Strict") != std::string::npos);
      session = cookie.substr(0, cookie.find(';'));
    }
  }
  REQUIRE(session.size() == std::string("clerk_session=").size() + 32);
  return session;
}

// The first report's page path in the list ("/reports/1"), as the signed-in user sees it.
std::string FirstReport(Poco::UInt16 port, const std::string& session) {
  Reply list = Http(port, "GET", "/", session);
  REQUIRE(list.status == 200);
  std::string path = Capture(list.body, "href=\"(/reports/[0-9]+)\"");
  REQUIRE(!path.empty());
  return path;
}

}  // namespace

TEST_CASE("web: every refusal over HTTP while other clients are served") {
  Council council;
  Server server(council);
  Poco::UInt16 port = server.Port();

  // No session: pages redirect to the sign-in page, actions are 401, files are not served.
  Reply anonymous = Http(port, "GET", "/");
  CHECK(anonymous.status == 303);
  CHECK(anonymous.headers["Location"] == "/login");
  CHECK(Http(port, "GET", "/reports/1/draft.pdf").status == 303);
  CHECK(Http(port, "POST", "/reports/1/approve", "", "csrf=x").status == 401);
  CHECK(Http(port, "POST", "/reports/1/approve", "clerk_session=0123456789abcdef0123456789abcdef",
             "csrf=x")
            .status == 401);
  // Every response carries the security headers.
  Reply login_page = Http(port, "GET", "/login");
  CHECK(login_page.headers["Content-Security-Policy"].find("default-src 'self'") == 0);
  CHECK(login_page.headers["Content-Security-Policy"].find("frame-ancestors 'self'") !=
        std::string::npos);
  CHECK(login_page.headers["X-Content-Type-Options"] == "nosniff");

  // A sign-in form posted without its own token is refused.
  CHECK(Http(port, "POST", "/login", "", Form({{"login", "matt"}, {"password", kDirectorPassword}}))
            .status == 403);

  std::string clerk = SignIn(port, "clara", kClerkPassword);
  std::string report = FirstReport(port, clerk);
  Reply page = Http(port, "GET", report, clerk);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("/approve") == std::string::npos);
  std::string clerk_csrf = Capture(page.body, "name=\"csrf\" value=\"([0-9a-f]{64})\"");
  REQUIRE(!clerk_csrf.empty());
  std::string version = Capture(page.body, "Draft v([0-9]+)");
  REQUIRE(!version.empty());

  // Wrong role: a clerk's approval with a valid token is 403.
  Reply forged = Http(port, "POST", report + "/approve", clerk,
                      Form({{"csrf", clerk_csrf}, {"version", version}, {"content", "x"}}));
  CHECK(forged.status == 403);
  CHECK(forged.body.find("Only a director can approve or reject.") != std::string::npos);

  std::string director = SignIn(port, "matt", kDirectorPassword);
  Reply director_page = Http(port, "GET", report, director);
  std::string csrf = Capture(director_page.body, "name=\"csrf\" value=\"([0-9a-f]{64})\"");
  std::string content = Capture(director_page.body, "name=\"content\" value=\"([0-9a-f]{64})\"");
  REQUIRE(!content.empty());
  CHECK(csrf != clerk_csrf);
  // Bad or missing CSRF token (the other session's, or none): 403, nothing recorded.
  CHECK(Http(port, "POST", report + "/reject", director,
             Form({{"csrf", clerk_csrf},
                   {"version", version},
                   {"content", content},
                   {"comment", "no"}}))
            .status == 403);
  CHECK(Http(port, "POST", report + "/reject", director,
             Form({{"version", version}, {"content", content}, {"comment", "no"}}))
            .status == 403);
  // A rejection needs a comment; a stale page (another version) is refused.
  CHECK(Http(port, "POST", report + "/reject", director,
             Form({{"csrf", csrf}, {"version", version}, {"content", content}, {"comment", " "}}))
            .status == 400);
  Reply stale = Http(port, "POST", report + "/approve", director,
                     Form({{"csrf", csrf}, {"version", "99"}, {"content", content}}));
  CHECK(stale.status == 409);
  CHECK(stale.body.find("The draft changed since you opened the page") != std::string::npos);
  CHECK(Http(port, "GET", report, director)
            .body.find("State: <strong class=\"state-draft\">draft v") != std::string::npos);

  // Unknown report, and paths that try to leave: 404 and 400, signed in or not.
  CHECK(Http(port, "GET", "/reports/999999", director).status == 404);
  CHECK(Http(port, "GET", "/reports/999999/draft.pdf", director).status == 404);
  CHECK(Http(port, "GET", "/reports/../outputs/registry.db", director).status == 400);
  CHECK(Http(port, "GET", "/static/../../outputs/registry.db", director).status == 400);
  CHECK(Http(port, "GET", "/reports/%2e%2e/registry.db", director).status == 400);
  CHECK(Http(port, "GET", "/outputs/registry.db", director).status == 404);

  // The draft PDF is served by the report's number.
  Reply pdf = Http(port, "GET", report + "/draft.pdf", director);
  CHECK(pdf.status == 200);
  CHECK(pdf.headers["Content-Type"] == "application/pdf");
  CHECK(pdf.body.rfind("%PDF-", 0) == 0);

  // A 10 MB body gets 413 while another client is served.
  {
    Poco::Net::StreamSocket big(Poco::Net::SocketAddress("127.0.0.1", port));
    big.setReceiveTimeout(Poco::Timespan(20, 0));
    std::string head =
        "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
        "application/x-www-form-urlencoded\r\nContent-Length: 10485760\r\n\r\n";
    big.sendBytes(head.data(), static_cast<int>(head.size()));
    std::thread sender([&big] {
      std::string chunk(65536, 'a');
      try {
        for (int i = 0; i < 160; ++i) big.sendBytes(chunk.data(), static_cast<int>(chunk.size()));
      } catch (const Poco::Exception&) {
        // The server may close once it has answered.
      }
    });
    CHECK(Http(port, "GET", "/", director).status == 200);
    char buffer[1024];
    int got = big.receiveBytes(buffer, sizeof buffer);
    sender.join();
    REQUIRE(got > 0);
    CHECK(std::string(buffer, static_cast<size_t>(got)).rfind("HTTP/1.1 413", 0) == 0);
  }

  // A slow client sends half a request and stalls: others are served, and it is dropped after
  // the --timeout of 2 seconds.
  {
    Poco::Net::StreamSocket slow(Poco::Net::SocketAddress("127.0.0.1", port));
    slow.setReceiveTimeout(Poco::Timespan(20, 0));
    std::string half = "GET / HTTP/1.1\r\nHost: 127.";
    slow.sendBytes(half.data(), static_cast<int>(half.size()));
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 5; ++i) CHECK(Http(port, "GET", report, director).status == 200);
    char buffer[1024];
    int got = 1;
    try {
      while (got > 0) got = slow.receiveBytes(buffer, sizeof buffer);
    } catch (const Poco::Exception&) {
      got = 0;  // reset by the server: dropped too
    }
    double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(waited >= 1.5);
    CHECK(waited < 15);
  }

  // Many clients at once, each on its own keep-alive connection, are all served (a race in the
  // server's hashing once crashed it under load).
  {
    std::atomic<int> served{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c) {
      clients.emplace_back([&] {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setTimeout(Poco::Timespan(30, 0));
        for (int i = 0; i < 60; ++i) {
          try {
            Poco::Net::HTTPRequest request("GET", i % 2 ? "/" : report,
                                           Poco::Net::HTTPMessage::HTTP_1_1);
            request.set("Cookie", director);
            session.sendRequest(request);
            Poco::Net::HTTPResponse response;
            std::istream& in = session.receiveResponse(response);
            std::string ignored((std::istreambuf_iterator<char>(in)), {});
            if (response.getStatus() == 200) ++served;
          } catch (const Poco::Exception&) {
            session.reset();
          }
        }
      });
    }
    for (std::thread& client : clients) client.join();
    CHECK(served == 8 * 60);
  }

  // Sign-out ends the session: the same cookie no longer works.
  CHECK(Http(port, "POST", "/logout", director, Form({{"csrf", csrf}})).status == 303);
  CHECK(Http(port, "GET", "/", director).status == 303);

  CHECK(server.Stop() == 0);
  std::vector<std::string> events = council.AccountEvents();
  CHECK(std::count(events.begin(), events.end(), "login") == 2);
  CHECK(std::count(events.begin(), events.end(), "logout") == 1);
  CHECK(std::count(events.begin(), events.end(), "user-added") == 2);
}

TEST_CASE("web: failed sign-ins are limited per account and each is in the audit trail") {
  Council council;
  Server server(council);
  Poco::UInt16 port = server.Port();
  Reply form = Http(port, "GET", "/login");
  std::string cookie = form.cookies.at(0).substr(0, form.cookies[0].find(';'));
  std::string token = Capture(form.body, "name=\"form_token\" value=\"([0-9a-f]{32})\"");
  auto attempt = [&](const std::string& password) {
    return Http(port, "POST", "/login", cookie,
                Form({{"login", "clara"}, {"password", password}, {"form_token", token}}));
  };
  for (int i = 0; i < 5; ++i) {
    Reply wrong = attempt("wrong password");
    CHECK(wrong.status == 401);
    CHECK(wrong.body.find("The login or the password is wrong.") != std::string::npos);
  }
  // Five failures: even the right password waits now.
  Reply locked = attempt(kClerkPassword);
  CHECK(locked.status == 429);
  CHECK(locked.body.find("Too many failed sign-ins. Try again in 15 minutes.") !=
        std::string::npos);
  CHECK(!locked.headers["Retry-After"].empty());
  // Another account is not locked.
  SignIn(port, "matt", kDirectorPassword);
  CHECK(server.Stop() == 0);
  std::vector<std::string> events = council.AccountEvents();
  CHECK(std::count(events.begin(), events.end(), "login-failed") == 5);
  CHECK(std::count(events.begin(), events.end(), "login-refused") == 1);
  CHECK(std::count(events.begin(), events.end(), "login") == 1);
}

TEST_CASE(
    "web: a clerk rebuilds a report and sees the result and a director rejects with a comment") {
  Council council;
  Server server(council);
  Poco::UInt16 port = server.Port();
  std::string clerk = SignIn(port, "clara", kClerkPassword);
  std::string report = FirstReport(port, clerk);
  Reply page = Http(port, "GET", report, clerk);
  std::string csrf = Capture(page.body, "name=\"csrf\" value=\"([0-9a-f]{64})\"");
  Reply started = Http(port, "POST", report + "/rebuild", clerk, Form({{"csrf", csrf}}));
  REQUIRE(started.status == 303);
  std::string build = started.headers["Location"];
  REQUIRE(std::regex_match(build, std::regex(report + "/builds/[0-9]+")));
  Reply progress;
  for (int i = 0; i < 120; ++i) {
    progress = Http(port, "GET", build, clerk);
    REQUIRE(progress.status == 200);
    if (progress.body.find("http-equiv=\"refresh\"") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  CHECK(progress.body.find("http-equiv=\"refresh\"") == std::string::npos);
  CHECK(progress.body.find("succeeded") != std::string::npos);
  // Nothing changed, so the build says the draft is unchanged; the report page shows it.
  CHECK(progress.body.find("unchanged, still draft v1") != std::string::npos);
  CHECK(Http(port, "GET", report, clerk).body.find("unchanged, still draft v1") !=
        std::string::npos);

  std::string director = SignIn(port, "matt", kDirectorPassword);
  Reply director_page = Http(port, "GET", report, director);
  std::string director_csrf = Capture(director_page.body, "name=\"csrf\" value=\"([0-9a-f]{64})\"");
  std::string content = Capture(director_page.body, "name=\"content\" value=\"([0-9a-f]{64})\"");
  Reply rejected = Http(port, "POST", report + "/reject", director,
                        Form({{"csrf", director_csrf},
                              {"version", "1"},
                              {"content", content},
                              {"comment", "Paragraph 2.4 needs the <2011> figures"}}));
  CHECK(rejected.status == 303);
  Reply after = Http(port, "GET", rejected.headers["Location"], director);
  CHECK(after.body.find("Rejected. The clerk sees your comment in the history.") !=
        std::string::npos);
  CHECK(after.body.find("rejected (v1)") != std::string::npos);
  CHECK(after.body.find("Paragraph 2.4 needs the &lt;2011&gt; figures") != std::string::npos);
  CHECK(server.Stop() == 0);
}

TEST_CASE(
    "web: in Chromium a director approves a draft and the final verifies but a clerk cannot") {
  Council council;
  Server server(council);
  std::string script = std::string(CLERK_TESTS_DIR) + "/browser/web_signoff.mjs";
  ProgramResult browser = RunProgram(
      "node", {script, server.Url(), "matt", kDirectorPassword, "clara", kClerkPassword});
  INFO(browser.out);
  INFO(browser.err);
  REQUIRE(browser.exit_code == 0);
  CHECK(browser.out.find("axe: no WCAG 2.1 A/AA violations on the list and report pages") !=
        std::string::npos);
  CHECK(server.Stop() == 0);
  // The final the page published is the approved one, unchanged.
  std::string final_pdf;
  for (const auto& entry : fs::directory_iterator(council.Path("outputs"))) {
    std::string name = entry.path().filename().string();
    if (name.size() > 4 && name.substr(name.size() - 4) == ".pdf" &&
        name.find("-draft-") == std::string::npos) {
      final_pdf = "outputs/" + name;
    }
  }
  REQUIRE(!final_pdf.empty());
  ProgramResult verified = council.Clerk({"verify", final_pdf});
  INFO(verified.out + verified.err);
  CHECK(verified.exit_code == 0);
  CHECK(verified.out.find("Matt Dunkley") != std::string::npos);
}
