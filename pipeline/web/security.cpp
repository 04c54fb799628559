#include "web/security.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <optional>
#include <stdexcept>
#include <vector>

namespace clerk::web {

namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr const char* kScheme = "pbkdf2-sha256";
// Stored hashes with fewer iterations than this are refused rather than trusted.
constexpr int kMinIterations = 1000;

std::string Pbkdf2(const std::string& password, const std::string& salt, int iterations) {
  std::string out(kHashBytes, '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(out.size()),
                        reinterpret_cast<unsigned char*>(out.data())) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return out;
}

std::optional<std::string> BytesOfHex(const std::string& hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int value = 0;
    for (size_t j = i; j < i + 2; ++j) {
      char c = hex[j];
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + digit;
    }
    bytes += static_cast<char>(value);
  }
  return bytes;
}

}  // namespace

std::string RandomBytes(std::size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    throw std::runtime_error("the system's random number generator failed");
  }
  return bytes;
}

std::string RandomToken() { return HexOf(RandomBytes(16)); }

std::string HexOf(const std::string& bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return hex;
}

std::string HashPassword(const std::string& password, int iterations) {
  std::string salt = RandomBytes(kSaltBytes);
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + HexOf(salt) + "$" +
         HexOf(Pbkdf2(password, salt, iterations));
}

bool VerifyPassword(const std::string& password, const std::string& encoded) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t dollar = encoded.find('$', start);
    parts.push_back(encoded.substr(start, dollar - start));
    if (dollar == std::string::npos) break;
    start = dollar + 1;
  }
  if (parts.size() != 4 || parts[0] != kScheme) return false;
  if (parts[1].empty() || parts[1].size() > 9 ||
      parts[1].find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  int iterations = std::stoi(parts[1]);
  std::optional<std::string> salt = BytesOfHex(parts[2]);
  std::optional<std::string> hash = BytesOfHex(parts[3]);
  if (iterations < kMinIterations || !salt || !hash || salt->empty() ||
      hash->size() != kHashBytes) {
    return false;
  }
  return ConstantTimeEquals(Pbkdf2(password, *salt, iterations), *hash);
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string CsrfTokenFor(const std::string& session_token) {
  static const std::string kPurpose = "clerk csrf v1";
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), session_token.data(), static_cast<int>(session_token.size()),
            reinterpret_cast<const unsigned char*>(kPurpose.data()), kPurpose.size(), out,
            &length)) {
    throw std::runtime_error("HMAC failed");
  }
  return HexOf(std::string(reinterpret_cast<const char*>(out), length));
}

std::string TokenSha256(const std::string& token) {
  // OpenSSL directly: Poco::Crypto's DigestEngine starts and stops OpenSSL per object, which
  // is not safe from many threads at once.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(token.data(), token.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return HexOf(std::string(reinterpret_cast<const char*>(digest), length));
}

}  // namespace clerk::web
