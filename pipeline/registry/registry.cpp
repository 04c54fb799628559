#include "registry/registry.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <system_error>
#include <utility>

#include "registry/database.h"
#include "registry/migrations.h"
#include "registry/reference_pattern.h"
#include "registry/registry_impl.h"

namespace clerk::registry {

using namespace Poco::Data::Keywords;
namespace fs = std::filesystem;

namespace {

constexpr char kSqliteMagic[] = "SQLite format 3";  // 16 bytes with its '\0'
constexpr const char* kLeftAsItWas = "check the path (--registry); clerk left the file as it was";

// A descriptor this process already has open on the file `file` describes (SQLite's, for a
// registry open in it already), or -1 when there is none.
int OpenDescriptorOf(const struct stat& file) {
  DIR* descriptors = ::opendir("/proc/self/fd");
  if (descriptors == nullptr) return -1;
  int found = -1;
  while (const dirent* entry = ::readdir(descriptors)) {
    int descriptor = std::atoi(entry->d_name);
    struct stat described {};
    if (entry->d_name[0] == '.' || descriptor == ::dirfd(descriptors) ||
        ::fstat(descriptor, &described) != 0) {
      continue;
    }
    if (described.st_dev == file.st_dev && described.st_ino == file.st_ino) {
      found = descriptor;
      break;
    }
  }
  ::closedir(descriptors);
  return found;
}

// The first 16 bytes of the file (fewer when it is shorter); nullopt, with errno set, when it
// cannot be read. Closing a descriptor of a file drops every POSIX lock the process holds on it,
// SQLite's included: opened and closed here while this process has the registry open already
// (the web page's store, when a rejection opens it again), SQLite's locks would go, and another
// process closing its connection would then take itself for the last one and checkpoint and
// delete the log this process still writes to, corrupting the registry. So when the process has
// the file open, the bytes are read through that descriptor, which is left open.
std::optional<std::string> ReadHeader(const std::string& path, const struct stat& file) {
  std::string header(16, '\0');
  int held = OpenDescriptorOf(file);
  if (held >= 0) {
    ssize_t got = ::pread(held, header.data(), header.size(), 0);
    if (got >= 0) {
      header.resize(static_cast<size_t>(got));
      return header;
    }
    // The descriptor was closed meanwhile: then there are no locks of this process to lose.
  }
  int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return std::nullopt;
  ssize_t got = ::pread(descriptor, header.data(), header.size(), 0);
  int error = errno;
  ::close(descriptor);
  if (got < 0) {
    errno = error;
    return std::nullopt;
  }
  header.resize(static_cast<size_t>(got));
  return header;
}

std::string FolderOfFile(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

// Checks on the file itself, before SQLite touches it; false with an error when it must not be
// opened. *missing: there is no file at `path` yet.
bool CheckFile(const std::string& path, bool read_only, Diagnostics& diagnostics, bool* missing) {
  SourceLocation where{path, 0, 0};
  struct stat status {};
  *missing = ::stat(path.c_str(), &status) != 0;
  if (*missing) {
    if (read_only) {
      diagnostics.Error(where, "there is no registry here yet",
                        "the first 'clerk build' creates it; give --registry if it is elsewhere");
      return false;
    }
    std::error_code error;
    fs::create_directories(FolderOfFile(path), error);
    if (error) {
      diagnostics.Error(where,
                        "cannot create the folder " + FolderOfFile(path) + ": " + error.message());
      return false;
    }
  } else {
    if (S_ISDIR(status.st_mode)) {
      diagnostics.Error(where, "is a folder, not a registry file",
                        "give the registry file's path, such as outputs/registry.db");
      return false;
    }
    if (!S_ISREG(status.st_mode)) {
      diagnostics.Error(where, "is not a regular file, so it cannot be a registry", kLeftAsItWas);
      return false;
    }
    auto header = ReadHeader(path, status);
    if (!header) {
      diagnostics.Error(where, std::string("cannot be read: ") + std::strerror(errno));
      return false;
    }
    if (!header->empty() && *header != std::string(kSqliteMagic, sizeof kSqliteMagic)) {
      diagnostics.Error(where, "is not a clerk registry: it is not an SQLite database",
                        kLeftAsItWas);
      return false;
    }
    // Mode bits, not only access(2): root may write anything, but a file nobody may write was
    // made read-only on purpose.
    constexpr mode_t kAnyWrite = S_IWUSR | S_IWGRP | S_IWOTH;
    if (!read_only && ((status.st_mode & kAnyWrite) == 0 || ::access(path.c_str(), W_OK) != 0)) {
      diagnostics.Error(where, "is read-only, so clerk cannot record builds and sign-offs in it",
                        "make it writable (chmod u+w) or give another --registry; clerk left "
                        "the file as it was");
      return false;
    }
  }
  if (!read_only && ::access(FolderOfFile(path).c_str(), W_OK) != 0) {
    diagnostics.Error(where, "cannot be written: its folder " + FolderOfFile(path) +
                                 " is read-only, and SQLite keeps its journal beside the file");
    return false;
  }
  return true;
}

}  // namespace

Registry::Registry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Registry::~Registry() {
  if (impl_ == nullptr || impl_->read_only) return;
  try {
    std::string ignored;
    // Normally done by the twin or FinishBuild; if a folder cannot be synced now, the rows stay
    // pending and the next Open finishes them.
    impl_->FinishPlacing(&ignored);
  } catch (const Poco::Exception&) {
    // As above: Recover marks them placed.
  } catch (const std::exception&) {
    // Likewise; a destructor must not throw.
  }
}

RegistryMaker::RegistryMaker(std::string path) : path_(std::move(path)) {
  struct stat status {};
  if (path_.empty() || ::stat(path_.c_str(), &status) == 0 ||
      ::stat(FolderOfFile(path_).c_str(), &status) != 0 || !S_ISDIR(status.st_mode)) {
    return;
  }
  try {
    thread_ = std::thread(
        [this] { made_ = MakeRegistryFile(path_, RegistryMigrations(), NowUtc(), &error_); });
  } catch (const std::system_error&) {
    // No thread to be had: Open makes the file itself, as without a maker.
  }
}

RegistryMaker::~RegistryMaker() {
  std::string ignored;
  std::string unused = Take(path_, &ignored);
  if (!unused.empty()) ::unlink(unused.c_str());
}

std::string RegistryMaker::Take(const std::string& path, std::string* error) {
  if (thread_.joinable()) thread_.join();
  if (path != path_) return "";
  if (!error_.empty()) *error = error_;
  return std::exchange(made_, "");
}

std::unique_ptr<Registry> Registry::Open(const std::string& path, Diagnostics& diagnostics,
                                         const OpenOptions& options, RegistryMaker* maker) {
  SourceLocation where{path, 0, 0};
  auto fail = [&](const std::string& message, const std::string& hint = "") {
    diagnostics.Error(where, message, hint);
    return nullptr;
  };
  if (path.empty()) return fail("no registry path was given");
  bool read_only = options.mode == OpenMode::kReadOnly;
  bool missing = false;
  if (!CheckFile(path, read_only, diagnostics, &missing)) return nullptr;
  try {
    const std::vector<Migration>& migrations = RegistryMigrations();
    std::string error;
    if (missing && !read_only) {
      // Waits for the maker's thread first: it may be making a file under the same name.
      std::string made = maker != nullptr ? maker->Take(path, &error) : "";
      bool created = made.empty() ? CreateRegistryFile(path, migrations, NowUtc(), &error)
                                  : LinkRegistryFile(made, path, &error);
      if (!created) return fail("cannot be created: " + error);
    }
    Poco::Data::Session session = OpenSession(path, read_only, options.busy_timeout_ms);
    int latest = LatestVersion(migrations);
    int version = ReadSchemaVersion(session);
    if (version == kNotRegistry) {
      return fail(
          "is an SQLite database but not a clerk registry (it has no schema_version "
          "table)",
          kLeftAsItWas);
    }
    if (version > latest) {
      return fail("was written by a newer clerk (schema version " + std::to_string(version) +
                      "; this clerk knows versions up to " + std::to_string(latest) + ")",
                  "use the newer clerk; this one left the file as it was");
    }
    if (read_only && version < latest) {
      return fail(version == 0
                      ? "is empty: nothing has been built yet"
                      : "was written by an older clerk (schema version " + std::to_string(version) +
                            ") and needs upgrading to " + std::to_string(latest),
                  "run 'clerk build', which upgrades it");
    }
    if (!read_only) {
      PrepareForWriting(session);
      // Up to date (always, for a registry just made): no write transaction to take.
      if (version < latest) version = ApplyMigrations(session, migrations, NowUtc());
    }
    auto impl = std::make_unique<Impl>(path, std::move(session), read_only);
    impl->schema_version = version;
    std::unique_ptr<Registry> registry(new Registry(std::move(impl)));
    if (!read_only && !registry->Recover(diagnostics)) return nullptr;
    if (!read_only) RemoveAbandonedRegistryFiles(path);
    return registry;
  } catch (const Poco::Exception& error) {
    return fail("cannot be opened: " + DatabaseErrorText(error));
  }
}

const std::string& Registry::Path() const { return impl_->path; }

int Registry::SchemaVersion() const { return impl_->schema_version; }

std::string Registry::IntegrityCheck() const {
  try {
    std::vector<std::string> lines;
    impl_->session << "PRAGMA integrity_check", into(lines), now;
    std::string result;
    for (const std::string& line : lines) result += (result.empty() ? "" : "\n") + line;
    return result;
  } catch (const Poco::Exception& error) {
    return "cannot check: " + DatabaseErrorText(error);
  }
}

std::optional<ReferenceResult> Registry::ReferenceFor(const ReferenceRequest& request,
                                                      Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  if (impl.read_only) {
    impl.Error(diagnostics, "is open read-only: no reference can be given");
    return std::nullopt;
  }
  if (request.review_key.empty() || request.report_id.empty() || request.committee_code.empty() ||
      request.at.empty()) {
    impl.Error(diagnostics, "a reference needs a review, a report id, a committee code and a time");
    return std::nullopt;
  }
  if (request.year < 1 || request.year > 9999) {
    impl.Error(diagnostics, "the year " + std::to_string(request.year) +
                                " is not a year a reference can count in");
    return std::nullopt;
  }
  std::string error;
  auto pattern = ReferencePattern::Parse(request.pattern, &error);
  if (!pattern) {
    impl.Error(diagnostics, error + " (committee " + request.committee_code + ")");
    return std::nullopt;
  }
  try {
    WriteTransaction transaction(impl.session, Durability::kDeferred);
    std::vector<std::string> references;
    std::vector<int> sequences;
    std::string review = request.review_key, report = request.report_id;
    impl.session << "SELECT reference, sequence FROM reports WHERE review_key = ? AND "
                    "report_id = ?",
        into(references), into(sequences), use(review), use(report), now;
    if (!references.empty()) return ReferenceResult{references[0], sequences[0], false};

    std::string code = request.committee_code;
    int year = request.year;
    int sequence = 0;
    impl.session << "SELECT coalesce(max(sequence), 0) + 1 FROM reports WHERE committee_code = ? "
                    "AND year = ?",
        into(sequence), use(code), use(year), now;
    std::string reference = pattern->Format(code, year, sequence);
    std::vector<std::string> holder_reviews, holder_reports;
    impl.session << "SELECT review_key, report_id FROM reports WHERE reference = ?",
        into(holder_reviews), into(holder_reports), use(reference), now;
    if (!holder_reviews.empty()) {
      impl.Error(diagnostics,
                 "the pattern '" + request.pattern + "' makes the reference " + reference +
                     " for report " + report + " of " + review + ", but report " +
                     holder_reports[0] + " of " + holder_reviews[0] + " already has it",
                 "put {code} and {year} in the committee's pattern so that references differ");
      return std::nullopt;
    }
    std::string by = request.by, at = request.at;
    impl.session << "INSERT INTO reports (review_key, report_id, committee_code, year, sequence, "
                    "reference, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        use(review), use(report), use(code), use(year), use(sequence), use(reference), use(by),
        use(at), now;
    std::int64_t id = 0;
    impl.session << "SELECT last_insert_rowid()", into(id), now;
    impl.AddEvent(at, "reference", id, 0, by,
                  "reference " + reference + " given to report " + report + " of " + review +
                      " (committee " + code + ", " + std::to_string(year) + ", number " +
                      std::to_string(sequence) + ")");
    transaction.Commit();
    return ReferenceResult{reference, sequence, true};
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics, "cannot give report " + request.report_id +
                                " a reference: " + DatabaseErrorText(error));
    return std::nullopt;
  }
}

std::int64_t Registry::StartBuild(const BuildStart& start, Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  if (impl.read_only || start.review_key.empty() || start.at.empty()) {
    impl.Error(diagnostics, impl.read_only ? "is open read-only: no build can be recorded"
                                           : "a build needs a review and a time");
    return 0;
  }
  try {
    WriteTransaction transaction(impl.session, Durability::kDeferred);
    BuildStart values = start;
    impl.session << "INSERT INTO builds (review_key, started_by, started_at, options, "
                    "clerk_version) VALUES (?, ?, ?, ?, ?)",
        use(values.review_key), use(values.by), use(values.at), use(values.options),
        use(values.clerk_version), now;
    std::int64_t id = 0;
    impl.session << "SELECT last_insert_rowid()", into(id), now;
    transaction.Commit();
    return id;
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics, "cannot record the build: " + DatabaseErrorText(error));
    return 0;
  }
}

bool Registry::FinishBuild(std::int64_t build_id, const std::string& at, const std::string& outcome,
                           Diagnostics& diagnostics) {
  return FinishBuild(build_id, at, outcome, {}, 0, "", diagnostics);
}

bool Registry::FinishBuild(std::int64_t build_id, const std::string& at, const std::string& outcome,
                           const std::vector<std::string>& references, int exit_status,
                           const std::string& log, Diagnostics& diagnostics) {
  Impl& impl = *impl_;
  try {
    std::string error;
    if (!impl.SyncRenamedFolders(&error)) {
      impl.Error(diagnostics,
                 "a draft is recorded but its name may not survive a power cut: " + error);
      return false;
    }
    WriteTransaction transaction(impl.session, Durability::kDeferred);
    std::int64_t id = build_id;
    std::string when = at, text = outcome;
    impl.session << "UPDATE builds SET finished_at = ?, outcome = ? WHERE id = ?", use(when),
        use(text), use(id), now;
    int changed = 0;
    impl.session << "SELECT changes()", into(changed), now;
    if (changed != 1) {
      impl.Error(diagnostics, "no build " + std::to_string(build_id) + " is recorded");
      return false;
    }
    impl.MarkSyncedPlaced();
    for (const std::string& reference : references) {
      std::string ref = reference, output = log;
      int status = exit_status;
      impl.session << "INSERT INTO build_logs (report, started_by, started_at, finished_at, "
                      "exit_status, output) "
                      "SELECT reports.id, builds.started_by, builds.started_at, ?, ?, ? "
                      "FROM reports, builds WHERE reports.reference = ? AND builds.id = ?",
          use(when), use(status), use(output), use(ref), use(id), now;
    }
    transaction.Commit();
    return true;
  } catch (const Poco::Exception& error) {
    impl.Error(diagnostics, "cannot record the end of the build: " + DatabaseErrorText(error));
    return false;
  }
}

std::string ReviewKeyOf(const std::string& review_folder) {
  fs::path path = fs::path(review_folder).lexically_normal();
  if (!path.has_filename()) path = path.parent_path();
  if (path.empty() || path.filename() == "." || path.filename() == "..") {
    path = fs::absolute(path).lexically_normal();
    if (!path.has_filename()) path = path.parent_path();
  }
  return path.filename().string();
}

std::string NowUtc() {
  return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%SZ");
}

std::string CurrentUserName() {
  if (const passwd* entry = ::getpwuid(::geteuid()); entry != nullptr && entry->pw_name[0]) {
    return entry->pw_name;
  }
  if (const char* user = std::getenv("USER"); user != nullptr && user[0] != '\0') return user;
  return "unknown";
}

const char* ReportStateName(ReportState state) {
  switch (state) {
    case ReportState::kNoDraft:
      return "no draft";
    case ReportState::kDraft:
      return "draft";
    case ReportState::kApproved:
      return "approved";
    case ReportState::kRejected:
      return "rejected";
    case ReportState::kChangedSinceApproval:
      return "changed since approval";
  }
  return "draft";
}

}  // namespace clerk::registry
