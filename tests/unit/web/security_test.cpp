#include "web/security.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace clerk::web;

TEST_CASE("a password hash is salted and slow and verifies only its password") {
  std::string hash = HashPassword("correct horse battery", 2000);
  REQUIRE(hash.rfind("pbkdf2-sha256$2000$", 0) == 0);
  // scheme, iterations, 16 bytes of salt, 32 bytes of hash
  REQUIRE(hash.size() == std::string("pbkdf2-sha256$2000$").size() + 32 + 1 + 64);
  CHECK(VerifyPassword("correct horse battery", hash));
  CHECK_FALSE(VerifyPassword("correct horse batterz", hash));
  CHECK_FALSE(VerifyPassword("", hash));
  // The same password twice: different salts, different hashes, both verify.
  std::string again = HashPassword("correct horse battery", 2000);
  CHECK(again != hash);
  CHECK(VerifyPassword("correct horse battery", again));
}

TEST_CASE("the default iteration count is OWASP's figure for PBKDF2-HMAC-SHA256") {
  CHECK(kPasswordIterations >= 600000);
}

TEST_CASE("a stored hash that is not in the expected form never verifies") {
  std::string good = HashPassword("secret password", 1000);
  CHECK(VerifyPassword("secret password", good));
  CHECK_FALSE(VerifyPassword("secret password", ""));
  CHECK_FALSE(VerifyPassword("secret password", "secret password"));
  CHECK_FALSE(VerifyPassword("x", "pbkdf2-sha256$1000$zz$00"));
  std::string weak = good;
  weak.replace(weak.find("$1000$"), 6, "$10$");  // too few iterations to be trusted
  CHECK_FALSE(VerifyPassword("secret password", weak));
  std::string other_scheme = good;
  other_scheme.replace(0, 13, "pbkdf2-sha1xx");
  CHECK_FALSE(VerifyPassword("secret password", other_scheme));
  std::string cut = good.substr(0, good.size() - 2);
  CHECK_FALSE(VerifyPassword("secret password", cut));
}

TEST_CASE("tokens are 128 random bits in hex and do not repeat") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string token = RandomToken();
    REQUIRE(token.size() == 32);
    REQUIRE(token.find_first_not_of("0123456789abcdef") == std::string::npos);
    seen.insert(token);
  }
  CHECK(seen.size() == 1000);
  CHECK(RandomBytes(16).size() == 16);
}

TEST_CASE("constant-time comparison compares contents and lengths") {
  CHECK(ConstantTimeEquals("abc", "abc"));
  CHECK_FALSE(ConstantTimeEquals("abc", "abd"));
  CHECK_FALSE(ConstantTimeEquals("abc", "abcd"));
  CHECK(ConstantTimeEquals("", ""));
}

TEST_CASE("the CSRF token is fixed per session and differs between sessions and is not the hash") {
  std::string session = "00112233445566778899aabbccddeeff";
  std::string csrf = CsrfTokenFor(session);
  CHECK(csrf.size() == 64);
  CHECK(csrf == CsrfTokenFor(session));
  CHECK(csrf != CsrfTokenFor("00112233445566778899aabbccddeef0"));
  CHECK(csrf != TokenSha256(session));
  // SHA-256 of "abc", the FIPS 180-2 example.
  CHECK(TokenSha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
