#include "registry/hashing.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "core/sha256.h"

namespace clerk::registry {

namespace {

// clerk's own SHA-256 (core/sha256.h), as lower-case hex.
class HexSha256 {
 public:
  void update(const void* data, std::size_t size) {
    engine_.Add(std::string_view(static_cast<const char*>(data), size));
  }
  std::string Hex() {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(64);
    for (uint8_t byte : engine_.Finish()) {
      hex += kDigits[byte >> 4];
      hex += kDigits[byte & 0x0f];
    }
    return hex;
  }

 private:
  clerk::Sha256 engine_;
};

// Length-prefixed, so that ("ab", "c") and ("a", "bc") never hash alike.
void AddField(HexSha256& engine, std::string_view field) {
  std::string length = std::to_string(field.size()) + ":";
  engine.update(length.data(), length.size());
  engine.update(field.data(), field.size());
}

}  // namespace

class Sha256Stream::Engine : public HexSha256 {};

Sha256Stream::Sha256Stream() : engine_(std::make_unique<Engine>()) {}
Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::Add(std::string_view bytes) { engine_->update(bytes.data(), bytes.size()); }

std::string Sha256Stream::Hex() { return engine_->Hex(); }

std::string Sha256Hex(std::string_view bytes) {
  HexSha256 engine;
  engine.update(bytes.data(), bytes.size());
  return engine.Hex();
}

std::optional<std::string> Sha256OfFile(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = std::strerror(errno);
    return std::nullopt;
  }
  HexSha256 engine;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    engine.update(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    if (error) *error = "read error";
    return std::nullopt;
  }
  return engine.Hex();
}

std::string HashNamedFiles(const std::vector<std::pair<std::string, std::string>>& files) {
  // Sorted through pointers: the files' bytes (a review's whole folder) are not copied.
  std::vector<const std::pair<std::string, std::string>*> sorted;
  sorted.reserve(files.size());
  for (const auto& file : files) sorted.push_back(&file);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return *a < *b; });
  HexSha256 engine;
  AddField(engine, "clerk files 1");
  for (const auto* file : sorted) {
    AddField(engine, file->first);
    AddField(engine, file->second);
  }
  return engine.Hex();
}

std::string ContentHash(const std::string& inputs_sha256, const std::string& templates_sha256,
                        const std::string& options) {
  HexSha256 engine;
  AddField(engine, "clerk content 1");
  AddField(engine, inputs_sha256);
  AddField(engine, templates_sha256);
  AddField(engine, options);
  return engine.Hex();
}

std::string ShortSha(const std::string& sha256) { return sha256.substr(0, 12); }

bool IsSha256Hex(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace clerk::registry
