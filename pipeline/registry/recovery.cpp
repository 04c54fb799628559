// Recover: finishes what a process killed between its commit and its rename left behind.

#include <filesystem>

#include "registry/database.h"
#include "registry/pending_file.h"
#include "registry/registry.h"
#include "registry/registry_impl.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;

bool Registry::Recover(Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  if (impl.read_only) return true;
  try {
    // Under the write lock no other process is between writing its pending file and its
    // commit; one between its commit and its rename may race us, which PlacePendingFile allows.
    WriteTransaction transaction(impl.session);
    std::vector<std::int64_t> ids, reports;
    std::vector<std::string> paths, shas;
    std::vector<int> finals, versions;
    impl.session << "SELECT f.id, f.path, f.sha256, f.final, "
                    "coalesce(d.report, ad.report, 0), coalesce(d.version, ad.version, 0) "
                    "FROM files f LEFT JOIN drafts d ON d.file = f.id "
                    "LEFT JOIN finals fi ON fi.file = f.id "
                    "LEFT JOIN decisions de ON de.id = fi.decision "
                    "LEFT JOIN drafts ad ON ad.id = de.draft "
                    "WHERE f.state = 'pending' ORDER BY f.id",
        into(ids), into(paths), into(shas), into(finals), into(reports), into(versions), now;
    std::string at = NowUtc();
    for (size_t i = 0; i < ids.size(); ++i) {
      std::string path = impl.ShownPath(paths[i]);
      std::string pending = PendingPathFor(path);
      std::int64_t id = ids[i];
      std::string what = finals[i] == 1 ? "the final" : "draft v" + std::to_string(versions[i]);
      if (FileHasSha(path, shas[i])) {
        // Renamed, then killed before marking it: a final's link may leave the pending name.
        std::error_code ignored;
        std::filesystem::remove(pending, ignored);
        impl.MarkPlaced(id);
        continue;
      }
      if (FileHasSha(pending, shas[i])) {
        std::string error;
        Placement placement = finals[i] == 1 ? Placement::kNever : Placement::kReplace;
        if (!PlacePendingFile(pending, path, placement, shas[i], &error)) {
          impl.Warning(diagnostics, what + " at " + path +
                                        " is recorded but cannot be put in "
                                        "place: " +
                                        error);
          continue;
        }
        impl.MarkPlaced(id);
        impl.AddEvent(at, "file-placed", reports[i], versions[i], "clerk",
                      "an interrupted run recorded " + what +
                          " but had not given it its name; "
                          "done now: " +
                          path);
        diagnostics.Note({impl.path, 0, 0},
                         "finished putting " + path + " in place after an interrupted run");
        continue;
      }
      std::error_code ignored;
      std::filesystem::remove(pending, ignored);
      impl.session << "UPDATE files SET state = 'missing' WHERE id = ?", use(id), now;
      std::string next = finals[i] == 1 ? "" : "; the next build writes it again";
      impl.AddEvent(at, "file-missing", reports[i], versions[i], "clerk",
                    what + " was recorded at " + path + " but its file was lost" + next);
      impl.Warning(diagnostics,
                   what + " was recorded at " + path + " but its file was lost" + next);
    }
    for (const std::string& folder : impl.Folders()) impl.RemoveOrphans(folder);
    transaction.Commit();
    return true;
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics, "cannot finish interrupted runs: " + DatabaseErrorText(error));
    return false;
  }
}

}  // namespace clerk::registry
