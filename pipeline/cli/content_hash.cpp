#include "cli/content_hash.h"

#include "registry/hashing.h"

namespace clerk::cli {

bool CollectFolderFiles(const FileSystem& files, const std::string& folder,
                        const std::string& prefix,
                        std::vector<std::pair<std::string, std::string>>& out,
                        Diagnostics& diagnostics) {
  auto names = files.ListDirectory(folder);
  if (!names) {
    diagnostics.Error({folder, 0, 0}, "cannot list the folder's files");
    return false;
  }
  bool ok = true;
  for (const std::string& name : *names) {
    std::string path = JoinPath(folder, name);
    if (files.IsDirectory(path)) {
      ok = CollectFolderFiles(files, path, prefix + name + "/", out, diagnostics) && ok;
      continue;
    }
    std::string error;
    std::optional<std::string> bytes = files.ReadFile(path, &error);
    if (!bytes) {
      diagnostics.Error({path, 0, 0},
                        "cannot be read to compute the report's content hash: " + error);
      ok = false;
      continue;
    }
    out.emplace_back(prefix + name, std::move(*bytes));
  }
  return ok;
}

std::optional<HashedFolder> ReadAndHashReviewFolder(const FileSystem& files,
                                                    const std::string& folder,
                                                    Diagnostics& diagnostics) {
  HashedFolder hashed;
  if (!CollectFolderFiles(files, folder, "", hashed.files, diagnostics)) return std::nullopt;
  hashed.sha256 = registry::HashNamedFiles(hashed.files);
  return hashed;
}

std::optional<std::string> HashReviewFolder(const FileSystem& files, const std::string& folder,
                                            Diagnostics& diagnostics) {
  std::optional<HashedFolder> hashed = ReadAndHashReviewFolder(files, folder, diagnostics);
  if (!hashed) return std::nullopt;
  return std::move(hashed->sha256);
}

std::string OutputOptions() { return std::string("clerk ") + CLERK_VERSION + "; pdf"; }

}  // namespace clerk::cli
