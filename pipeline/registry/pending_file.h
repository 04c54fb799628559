#pragma once

#include <string>
#include <string_view>
#include <vector>

/// The files side of the registry's crash-consistency protocol (docs/registry.md): a PDF is
/// written whole under a temporary name beside its final name and synced before the transaction
/// that records it commits, and given its name only after. These functions do the file steps.
namespace clerk::registry {

/// Permissions: a draft can be replaced by a rebuild; a final has no write permission, which
/// PublishFile and the registry both take to mean "never overwrite".
inline constexpr unsigned kDraftFileMode = 0644;
inline constexpr unsigned kFinalFileMode = 0444;

/// The temporary name for `path`: ".<name>.clerk-pending" in the same folder (so that the
/// rename is atomic, and hidden from a folder listing).
std::string PendingPathFor(const std::string& path);

/// True for a name PendingPathFor makes.
bool IsPendingName(const std::string& file_name);

/// The folder of `path` ("." when it has none).
std::string FolderOf(const std::string& path);

/// When a pending file must be durable: before a commit records it (a PDF: the folder is synced
/// too, so that the file is there under its pending name after a power cut), or only before it
/// is renamed (a file nothing records, such as an HTML twin: its bytes are synced, so that the
/// rename never puts a torn file at the name, and PlacePendingFile syncs the folder after).
enum class PendingSync { kBeforeCommit, kBeforeRename };

/// Writes `bytes` to a new file at `pending_path` (replacing a leftover one) with `mode`, and
/// syncs it as `sync` says, so that it survives a crash once this returns true. The disk starts
/// writing each piece as soon as it is written, so most of the writing overlaps the copying (and
/// the hashing). `sha256`, when given, is set to the bytes' SHA-256, computed on the way: hashing
/// a large PDF then costs hardly more than writing it. On failure removes what it wrote and sets
/// *error to a sentence.
bool WritePendingFile(const std::string& pending_path, std::string_view bytes, unsigned mode,
                      std::string* error, PendingSync sync = PendingSync::kBeforeCommit,
                      std::string* sha256 = nullptr);

/// fsync(2) of a folder: a rename, link or new file in it is durable only once this returns
/// true. False with *error set to a sentence.
bool SyncFolder(const std::string& folder, std::string* error);

enum class Placement {
  kReplace,  ///< rename(2): replaces a file at the name (drafts)
  kNever,    ///< link(2) then unlink: fails if a file is at the name (finals)
};

/// Whether PlacePendingFile syncs the folder after the rename: kNow; or kLater, when the caller
/// syncs it itself (SyncFolder) before anything depends on the new name being durable. Until
/// then a power cut may undo the rename and leave the synced pending file (Recover finishes it).
enum class FolderSync { kNow, kLater };

/// Gives the pending file its name and syncs the folder (as `folder` says). Safe to race with
/// another process doing the same (recovery): when the pending file is gone but the file at `path`
/// has `expected_sha256`, the work is done and this returns true. An empty `expected_sha256` says
/// no other process can be placing it (the caller holds the write lock): nothing is hashed.
bool PlacePendingFile(const std::string& pending_path, const std::string& path, Placement placement,
                      const std::string& expected_sha256, std::string* error,
                      FolderSync folder = FolderSync::kNow);

/// The pending files (full paths) in `folder`; empty when it cannot be read.
std::vector<std::string> PendingFilesIn(const std::string& folder);

/// True when a file is at `path` and its SHA-256 is `sha256`.
bool FileHasSha(const std::string& path, const std::string& sha256);

}  // namespace clerk::registry
