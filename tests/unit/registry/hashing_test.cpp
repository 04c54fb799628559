#include "registry/hashing.h"

#include <catch2/catch.hpp>

#include "registry_fixture.h"

using namespace clerk::registry;

TEST_CASE("Sha256Hex matches the FIPS 180-4 examples", "[registry][hashing]") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("Sha256OfFile hashes the file's bytes and says why it cannot", "[registry][hashing]") {
  test::Scratch scratch;
  std::string bytes(200000, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
  test::WriteWholeFile(scratch.File("a.pdf"), bytes);
  std::string error;
  CHECK(Sha256OfFile(scratch.File("a.pdf"), &error) == Sha256Hex(bytes));
  CHECK_FALSE(Sha256OfFile(scratch.File("missing.pdf"), &error));
  CHECK(error == "No such file or directory");
}

TEST_CASE("HashNamedFiles ignores the order given but not names or contents",
          "[registry][hashing]") {
  std::string hash = HashNamedFiles({{"a.yaml", "x: 1"}, {"b.yaml", "y: 2"}});
  CHECK(HashNamedFiles({{"b.yaml", "y: 2"}, {"a.yaml", "x: 1"}}) == hash);
  CHECK(HashNamedFiles({{"a.yaml", "x: 1"}, {"c.yaml", "y: 2"}}) != hash);
  CHECK(HashNamedFiles({{"a.yaml", "x: 1"}, {"b.yaml", "y: 3"}}) != hash);
  // Moving bytes across the boundary between name and contents changes the hash.
  CHECK(HashNamedFiles({{"ab", "c"}}) != HashNamedFiles({{"a", "bc"}}));
  CHECK(IsSha256Hex(hash));
}

TEST_CASE("ContentHash depends on inputs, templates and options", "[registry][hashing]") {
  std::string inputs = Sha256Hex("inputs"), templates = Sha256Hex("templates");
  std::string hash = ContentHash(inputs, templates, "");
  CHECK(ContentHash(inputs, templates, "") == hash);
  CHECK(ContentHash(Sha256Hex("inputs2"), templates, "") != hash);
  CHECK(ContentHash(inputs, Sha256Hex("templates2"), "") != hash);
  CHECK(ContentHash(inputs, templates, "--paper a4") != hash);
}

TEST_CASE("IsSha256Hex accepts only 64 lower-case hex digits", "[registry][hashing]") {
  CHECK(IsSha256Hex(std::string(64, 'a')));
  CHECK_FALSE(IsSha256Hex(std::string(63, 'a')));
  CHECK_FALSE(IsSha256Hex(std::string(64, 'A')));
  CHECK_FALSE(IsSha256Hex(std::string(64, 'g')));
  CHECK_FALSE(IsSha256Hex(""));
}
