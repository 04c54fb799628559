#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

/// SHA-256 (FIPS 180-4), written here so that clerk need not load OpenSSL's libcrypto for it:
/// loading that library costs every run about 1.5 MB of memory and 1.5 ms before main(), and
/// hashing is all the build wants of it (`clerk user`, which hashes passwords with OpenSSL, is a
/// program of its own). On processors with the SHA extensions (most x86-64 made since 2017)
/// blocks go through those instructions, as fast as OpenSSL's; elsewhere through plain code,
/// a few times slower. Tested against OpenSSL on random inputs and NIST's examples.
namespace clerk {

class Sha256 {
 public:
  using Digest = std::array<uint8_t, 32>;

  /// `allow_extensions` false: plain code even where the processor has the SHA extensions (for
  /// tests of that code).
  explicit Sha256(bool allow_extensions = true);

  /// Adds `bytes` to what is hashed.
  void Add(std::string_view bytes);
  /// The hash of everything added. Call once.
  Digest Finish();

  /// True when blocks go through the processor's SHA extensions.
  static bool UsesShaExtensions();

 private:
  void Compress(const uint8_t* blocks, size_t count);

  bool extensions_;
  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> pending_{};  // the start of a block not yet complete
  size_t pending_size_ = 0;
  uint64_t total_size_ = 0;  // bytes added
};

}  // namespace clerk
