#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// SHA-256 hashes as the registry records them: 64 lower-case hex digits.
namespace clerk::registry {

/// The SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

/// A SHA-256 fed piece by piece: Hex() of the pieces given in order equals Sha256Hex of them
/// joined. For hashing bytes while they are being written (WritePendingFile).
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void Add(std::string_view bytes);
  /// The hash of everything added; call once.
  std::string Hex();

 private:
  class Engine;
  std::unique_ptr<Engine> engine_;
};

/// The SHA-256 of a file's contents; nullopt with *error set when it cannot be read.
std::optional<std::string> Sha256OfFile(const std::string& path, std::string* error);

/// One hash over a set of named files (name, contents), independent of the order given: each
/// file's name, length and bytes, sorted by name. Renaming a file changes the hash.
std::string HashNamedFiles(const std::vector<std::pair<std::string, std::string>>& files);

/// What makes a draft: the inputs, the templates and the options that change the output. Two
/// builds with the same content hash make the same draft.
std::string ContentHash(const std::string& inputs_sha256, const std::string& templates_sha256,
                        const std::string& options);

/// The short form of a hash that sentences show: its first 12 hex digits.
std::string ShortSha(const std::string& sha256);

/// True for 64 lower-case hex digits.
bool IsSha256Hex(const std::string& text);

}  // namespace clerk::registry
