#pragma once

#include <cstddef>
#include <string>

/// The cryptography of the web page: passwords as salted slow hashes, random tokens, and
/// comparisons that take the same time whatever the bytes (OpenSSL's, linked through
/// Poco::Crypto).
namespace clerk::web {

/// PBKDF2-HMAC-SHA256 iterations for new passwords (OWASP's 2023 figure): about a third of a
/// second on one core here, which is what a guess costs an attacker per try.
inline constexpr int kPasswordIterations = 600000;

/// `count` bytes from OpenSSL's CSPRNG (RAND_bytes). Throws std::runtime_error when it fails:
/// there is no weaker fallback.
std::string RandomBytes(std::size_t count);

/// 128 random bits as 32 lower-case hex digits: session tokens, login-form tokens.
std::string RandomToken();

/// `bytes` as lower-case hex.
std::string HexOf(const std::string& bytes);

/// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>": a fresh 128-bit salt and a 256-bit
/// PBKDF2-HMAC-SHA256 of `password`.
std::string HashPassword(const std::string& password, int iterations = kPasswordIterations);

/// True when `password` hashes to `encoded` (HashPassword's form), compared in constant time;
/// false for anything not in that form.
bool VerifyPassword(const std::string& password, const std::string& encoded);

/// Equal contents, compared in time that depends only on the lengths.
bool ConstantTimeEquals(const std::string& a, const std::string& b);

/// The CSRF token of a session: HMAC-SHA256 keyed with the session's token, as hex. The registry
/// stores only the token's hash, so its copy cannot be turned into this.
std::string CsrfTokenFor(const std::string& session_token);

/// The SHA-256 of a session token as hex: what the registry stores.
std::string TokenSha256(const std::string& token);

}  // namespace clerk::web
