#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/file_system.h"

/// What decides whether a build makes a new draft: SHA-256 hashes of the review's files and of
/// the templates, style and fonts a paper is made with (docs/registry.md, "Drafts").
namespace clerk::cli {

/// The three hashes a draft is recorded with.
struct ContentHashes {
  std::string inputs;     ///< every file of the review folder
  std::string templates;  ///< the template set, the style and the fonts it names
  std::string content;    ///< registry::ContentHash of both and OutputOptions()
};

/// Every file under `folder`, at any depth, as (name relative to `folder`, contents), sorted by
/// name; `prefix` is put before each name ("templates/"). Adds the files to `out`. False, with an
/// error at the file, when one cannot be read.
bool CollectFolderFiles(const FileSystem& files, const std::string& folder,
                        const std::string& prefix,
                        std::vector<std::pair<std::string, std::string>>& out,
                        Diagnostics& diagnostics);

/// registry::HashNamedFiles over every file of the review folder: renaming, adding or editing
/// any file (a comment too) makes a new draft. nullopt, with an error, when one cannot be read.
std::optional<std::string> HashReviewFolder(const FileSystem& files, const std::string& folder,
                                            Diagnostics& diagnostics);

/// Every file of a review folder as it was hashed, and the hash.
struct HashedFolder {
  std::string sha256;  ///< as HashReviewFolder
  /// (name relative to the folder, contents), as CollectFolderFiles gives them.
  std::vector<std::pair<std::string, std::string>> files;
};

/// HashReviewFolder, keeping the bytes it hashed: what a build loads again, when it must, is then
/// what its content hash was made from. nullopt, with an error, when a file cannot be read.
std::optional<HashedFolder> ReadAndHashReviewFolder(const FileSystem& files,
                                                    const std::string& folder,
                                                    Diagnostics& diagnostics);

/// The options that change a paper beyond its inputs and templates, as text: clerk's version,
/// since another clerk may set the same inputs differently, and a sign-off must reproduce the
/// draft the director saw.
std::string OutputOptions();

}  // namespace clerk::cli
