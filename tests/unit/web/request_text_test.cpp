#include "web/request_text.h"

#include <catch2/catch.hpp>
#include <string>

using namespace clerk::web;
using Kind = Route::Kind;

TEST_CASE("cookies are read from a Cookie header") {
  auto cookies = ParseCookies("a=1; clerk_session=abc ;b=\"quoted\"; a=2; broken; =x");
  CHECK(cookies.size() == 3);
  CHECK(cookies["a"] == "1");
  CHECK(cookies["clerk_session"] == "abc");
  CHECK(cookies["b"] == "quoted");
  CHECK(ParseCookies("").empty());
}

TEST_CASE("the session cookie is HttpOnly and SameSite=Strict and Secure only when asked") {
  CHECK(CookieHeader("s", "t", 60, false) == "s=t; Path=/; Max-Age=60; HttpOnly; SameSite=Strict");
  CHECK(CookieHeader("s", "", 0, true) ==
        "s=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
}

TEST_CASE("form bodies are decoded") {
  auto form = ParseForm("login=jane+smith&password=a%26b%3Dc&empty=&flag&login=second&bad=%zz%4");
  CHECK(form["login"] == "jane smith");
  CHECK(form["password"] == "a&b=c");
  CHECK(form["empty"] == "");
  CHECK(form.count("flag") == 1);
  CHECK(form["bad"] == "%zz%4");
  CHECK(ParseForm("").empty());
}

TEST_CASE("paths name pages by registry number") {
  CHECK(ParseRoute("/").kind == Kind::kHome);
  CHECK(ParseRoute("/?committee=CSSC&page=2").kind == Kind::kHome);
  CHECK(QueryOf("/?committee=CSSC&page=2") == "committee=CSSC&page=2");
  CHECK(QueryOf("/reports/1") == "");
  CHECK(ParseRoute("/login").kind == Kind::kLogin);
  CHECK(ParseRoute("/logout").kind == Kind::kLogout);
  CHECK(ParseRoute("/static/style.css").kind == Kind::kStyle);
  Route report = ParseRoute("/reports/12");
  CHECK(report.kind == Kind::kReport);
  CHECK(report.report == 12);
  CHECK(ParseRoute("/reports/12/draft.pdf?download=1").kind == Kind::kDraftPdf);
  CHECK(ParseRoute("/reports/12/final.pdf").kind == Kind::kFinalPdf);
  CHECK(ParseRoute("/reports/12/approve").kind == Kind::kApprove);
  CHECK(ParseRoute("/reports/12/reject").kind == Kind::kReject);
  CHECK(ParseRoute("/reports/12/rebuild").kind == Kind::kRebuild);
  Route build = ParseRoute("/reports/12/builds/7");
  CHECK(build.kind == Kind::kBuild);
  CHECK(build.build == 7);
}

TEST_CASE("paths that name nothing are 404 and traversal and odd characters are refused") {
  for (const char* path : {"/reports", "/reports/0", "/reports/012", "/reports/x",
                           "/reports/12/other.pdf", "/reports/1234567890123456789",
                           "/reports/12/builds/x", "/static/other.css", "/etc/passwd"}) {
    INFO(path);
    CHECK(ParseRoute(path).kind == Kind::kNotFound);
  }
  for (const char* path :
       {"", "reports/1", "/../etc/passwd", "/reports/../../etc/passwd", "/static/../registry.db",
        "/reports/1/./draft.pdf", "//reports/1", "/reports/1/", "/reports/%2e%2e/x",
        "/reports/1%2fdraft.pdf", "/reports/1\\..\\x", "/a b", "/reports/1;x"}) {
    INFO(path);
    CHECK(ParseRoute(path).kind == Kind::kBadPath);
  }
}

TEST_CASE("failed logins lock an account until the oldest counted failure leaves the window") {
  std::int64_t now = 100000;
  CHECK(SecondsUntilAllowed({}, 5, 900, now) == 0);
  CHECK(SecondsUntilAllowed({now - 10, now - 9, now - 8, now - 7}, 5, 900, now) == 0);
  // Five failures: locked until the first of them is 900 seconds old.
  CHECK(SecondsUntilAllowed({now - 100, now - 9, now - 8, now - 7, now - 6}, 5, 900, now) == 800);
  // Failures older than the window do not count.
  CHECK(SecondsUntilAllowed({now - 5000, now - 900, now - 8, now - 7, now - 6}, 5, 900, now) == 0);
  // Six failures: the second oldest decides.
  CHECK(SecondsUntilAllowed({now - 300, now - 200, now - 3, now - 2, now - 1, now}, 5, 900, now) ==
        700);
  CHECK(SecondsUntilAllowed({now, now, now, now, now}, 5, 900, now) == 900);
}
