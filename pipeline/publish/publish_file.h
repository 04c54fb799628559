#pragma once

#include <string>
#include <string_view>

#include "core/diagnostic.h"

/// Publish: puts what the pipeline made into outputs/. This part writes files atomically.
namespace clerk::publish {

/// What PublishFile may do when a file is already at the path.
enum class OverwritePolicy {
  kNever,         ///< fail when anything is there
  kReplaceDraft,  ///< replace a file unless it is marked final
};

/// How PublishFile marks the file it writes. A final file (a signed-off report) has no write
/// permission (mode 0444): PublishFile refuses to replace it, and so do other tools for anyone
/// but root. A draft is 0644.
enum class FileMark { kDraft, kFinal };

/// Writes `bytes` to `path` so that a reader finds the old file or the whole new one, never a
/// part of it: a temporary file in the same directory (".<name>.tmp-XXXXXX") is written,
/// flushed to disk with fsync, then renamed over `path` (kReplaceDraft), or hard-linked to it
/// (kNever: fails, atomically, when `path` exists); the directory is then synced so that the
/// new name survives a crash. The temporary file is removed whether this succeeds or fails.
/// The directory must exist. Returns false, with an error about `path`, on any failure.
bool PublishFile(const std::string& path, std::string_view bytes, OverwritePolicy policy,
                 Diagnostics& diagnostics, FileMark mark = FileMark::kDraft);

/// True when a file is at `path` and it is marked final (no one has write permission).
bool IsMarkedFinal(const std::string& path);

}  // namespace clerk::publish
