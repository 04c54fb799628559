#include "core/sha256.h"

#include <catch2/catch.hpp>

// OpenSSL's own SHA-256 to compare with: the tests link libcrypto (through web's passwords).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <random>
#include <string>

using clerk::Sha256;

namespace {

std::string Hex(const Sha256::Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (uint8_t byte : digest) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0x0f];
  }
  return hex;
}

std::string Ours(const std::string& bytes, bool extensions) {
  Sha256 engine(extensions);
  engine.Add(bytes);
  return Hex(engine.Finish());
}

std::string OpenSsl(const std::string& bytes) {
  Sha256::Digest digest;
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
  return Hex(digest);
}

}  // namespace

TEST_CASE("SHA-256 gives FIPS 180-4's example digests, with and without the SHA extensions") {
  // Where the processor lacks them, both cases below run the plain code: say so.
  if (!Sha256::UsesShaExtensions()) WARN("no SHA extensions here: only the plain code is tested");
  for (bool extensions : {true, false}) {
    CHECK(Ours("abc", extensions) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(Ours("", extensions) ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(Ours("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", extensions) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(Ours(std::string(1000000, 'a'), extensions) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
}

TEST_CASE("SHA-256 agrees with OpenSSL's on every length across three blocks, fed in pieces") {
  std::mt19937 random(20261126);
  for (size_t length = 0; length <= 200; ++length) {
    std::string bytes(length, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    const std::string expected = OpenSsl(bytes);
    for (bool extensions : {true, false}) {
      INFO("length " << length << ", extensions " << extensions);
      CHECK(Ours(bytes, extensions) == expected);
      // The same bytes in pieces of random sizes.
      Sha256 engine(extensions);
      for (size_t at = 0; at < bytes.size();) {
        size_t piece = std::min(bytes.size() - at, static_cast<size_t>(random() % 70));
        engine.Add(std::string_view(bytes).substr(at, piece));
        at += piece;
      }
      CHECK(Hex(engine.Finish()) == expected);
    }
  }
  std::string large(3 * 1024 * 1024 + 17, '\0');
  for (char& c : large) c = static_cast<char>(random());
  CHECK(Ours(large, true) == OpenSsl(large));
  CHECK(Ours(large, false) == OpenSsl(large));
}
