// Files that go with a recorded PDF (its HTML twin), written with the PDF's crash protocol.
#include "registry/database.h"
#include "registry/pending_file.h"
#include "registry/registry.h"
#include "registry/registry_impl.h"

namespace clerk::registry {

bool Registry::PublishCompanion(const std::string& path, std::string_view bytes, bool final,
                                Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  try {
    // Holding the write lock while the pending file exists is what lets Recover, which runs
    // under the same lock, remove any pending file it finds unrecorded: its writer is dead. So
    // no other process places this file (no hash to compare with), and since nothing records
    // it, its pending name need not survive a power cut: only its bytes, before the rename.
    // The transaction writes only the placed marks below, which Recover can make again: no sync.
    WriteTransaction transaction(impl.session, Durability::kDeferred);
    std::string pending = PendingPathFor(path);
    std::string error;
    if (!WritePendingFile(pending, bytes, final ? kFinalFileMode : kDraftFileMode, &error,
                          PendingSync::kBeforeRename) ||
        !PlacePendingFile(pending, path, final ? Placement::kNever : Placement::kReplace, "",
                          &error)) {
      diagnostics.Error({path, 0, 0}, "cannot be written: " + error);
      return false;
    }
    // The folder sync after the rename also made the PDF's rename before it durable (CommitDraft
    // leaves it to this one): its row can be marked placed now.
    impl.FolderSynced(FolderOf(path));
    impl.MarkSyncedPlaced();
    transaction.Commit();
    return true;
  } catch (const Poco::Exception& failure) {
    impl.Error(diagnostics,
               "cannot take the write lock to write " + path + ": " + DatabaseErrorText(failure));
    return false;
  }
}

}  // namespace clerk::registry
