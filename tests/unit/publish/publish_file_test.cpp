#include "publish/publish_file.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../render/pdf_tools.h"

using clerk::Diagnostics;
using clerk::publish::FileMark;
using clerk::publish::IsMarkedFinal;
using clerk::publish::OverwritePolicy;
using clerk::publish::PublishFile;
using clerk::test::ReadWholeFile;
using clerk::test::ScratchDirectory;

namespace {

// The names in a directory, sorted.
std::vector<std::string> Entries(const std::string& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

mode_t ModeOf(const std::string& path) {
  struct stat status {};
  REQUIRE(::stat(path.c_str(), &status) == 0);
  return status.st_mode & 07777;
}

std::string OnlyMessage(const Diagnostics& diagnostics) {
  REQUIRE(diagnostics.Items().size() == 1);
  return diagnostics.Items()[0].message;
}

// Limits the size of files this process may write, for one test; SIGXFSZ is ignored meanwhile
// so that write() fails with EFBIG instead of ending the process.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    previous_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, previous_handler_);
  }

 private:
  rlimit saved_{};
  void (*previous_handler_)(int) = nullptr;
};

}  // namespace

TEST_CASE("PublishFile writes the bytes, as a draft, and leaves no temporary file") {
  ScratchDirectory scratch;
  std::string path = scratch.File("report.pdf");
  Diagnostics diagnostics;
  std::string bytes("%PDF-1.7\n\0binary\xff", 17);
  REQUIRE(PublishFile(path, bytes, OverwritePolicy::kNever, diagnostics));
  CHECK(diagnostics.Items().empty());
  CHECK(ReadWholeFile(path) == bytes);
  CHECK(ModeOf(path) == 0644);
  CHECK_FALSE(IsMarkedFinal(path));
  CHECK(Entries(scratch.path()) == std::vector<std::string>{"report.pdf"});
}

TEST_CASE("A draft is replaced whole: a reader of the old file keeps reading the old bytes") {
  ScratchDirectory scratch;
  std::string path = scratch.File("draft.pdf");
  Diagnostics diagnostics;
  REQUIRE(PublishFile(path, "first version", OverwritePolicy::kReplaceDraft, diagnostics));
  std::ifstream reader(path, std::ios::binary);  // opened before the replacement
  REQUIRE(PublishFile(path, "second, longer version", OverwritePolicy::kReplaceDraft, diagnostics));
  CHECK(diagnostics.Items().empty());
  std::string seen((std::istreambuf_iterator<char>(reader)), std::istreambuf_iterator<char>());
  CHECK(seen == "first version");  // a rename, not a rewrite in place
  CHECK(ReadWholeFile(path) == "second, longer version");
  CHECK(Entries(scratch.path()) == std::vector<std::string>{"draft.pdf"});
}

TEST_CASE("A final file is read-only and is never replaced") {
  ScratchDirectory scratch;
  std::string path = scratch.File("signed.pdf");
  Diagnostics diagnostics;
  REQUIRE(PublishFile(path, "signed off", OverwritePolicy::kNever, diagnostics, FileMark::kFinal));
  CHECK(ModeOf(path) == 0444);
  CHECK(IsMarkedFinal(path));

  SECTION("not as a draft") {
    Diagnostics refused;
    CHECK_FALSE(PublishFile(path, "changed", OverwritePolicy::kReplaceDraft, refused));
    CHECK(OnlyMessage(refused) == "is marked final (signed off) and is not replaced");
    CHECK(refused.Items()[0].where.file == path);
    CHECK(refused.Items()[0].hint ==
          "a signed-off report is never overwritten; publish a new version instead");
  }
  SECTION("not as another final") {
    Diagnostics refused;
    CHECK_FALSE(
        PublishFile(path, "changed", OverwritePolicy::kReplaceDraft, refused, FileMark::kFinal));
    CHECK(OnlyMessage(refused) == "is marked final (signed off) and is not replaced");
  }
  CHECK(ReadWholeFile(path) == "signed off");
  CHECK(Entries(scratch.path()) == std::vector<std::string>{"signed.pdf"});
}

TEST_CASE("kNever refuses any existing file, draft or not, and leaves it as it was") {
  ScratchDirectory scratch;
  std::string path = scratch.File("42.pdf");
  Diagnostics diagnostics;
  REQUIRE(PublishFile(path, "report 42", OverwritePolicy::kNever, diagnostics));
  CHECK_FALSE(PublishFile(path, "another report 42", OverwritePolicy::kNever, diagnostics));
  CHECK(OnlyMessage(diagnostics) == "already exists and is not replaced");
  CHECK(ReadWholeFile(path) == "report 42");
  CHECK(Entries(scratch.path()) == std::vector<std::string>{"42.pdf"});
}

TEST_CASE("A directory that does not exist is an error, and nothing is written") {
  ScratchDirectory scratch;
  std::string path = scratch.File("missing/report.pdf");
  Diagnostics diagnostics;
  CHECK_FALSE(PublishFile(path, "bytes", OverwritePolicy::kReplaceDraft, diagnostics));
  CHECK(OnlyMessage(diagnostics) == "cannot create a temporary file in " + scratch.File("missing") +
                                        ": No such file or directory");
  CHECK(Entries(scratch.path()).empty());
}

TEST_CASE("A directory that cannot be written is an error, and nothing is left in it") {
  ScratchDirectory scratch;
  std::string directory = scratch.File("locked");
  std::filesystem::create_directory(directory);
  // Root writes anywhere it can name; /sys refuses even root.
  if (::geteuid() == 0)
    directory = "/sys";
  else
    ::chmod(directory.c_str(), 0555);
  Diagnostics diagnostics;
  CHECK_FALSE(
      PublishFile(directory + "/report.pdf", "bytes", OverwritePolicy::kNever, diagnostics));
  std::string message = OnlyMessage(diagnostics);
  CHECK(message.rfind("cannot create a temporary file in " + directory + ": ", 0) == 0);
  for (const std::string& name : Entries(directory))
    CHECK(name.find("report.pdf") == std::string::npos);
}

TEST_CASE("A write that fails half way removes its temporary file and leaves the old file") {
  ScratchDirectory scratch;
  std::string path = scratch.File("report.pdf");
  Diagnostics diagnostics;
  REQUIRE(PublishFile(path, "old", OverwritePolicy::kReplaceDraft, diagnostics));
  bool published = true;
  {
    FileSizeLimit limit(1024);
    published =
        PublishFile(path, std::string(4096, 'x'), OverwritePolicy::kReplaceDraft, diagnostics);
  }
  CHECK_FALSE(published);
  std::string message = OnlyMessage(diagnostics);
  CHECK(message.rfind("cannot write the temporary file " + scratch.File(".report.pdf.tmp-"), 0) ==
        0);
  CHECK(message.find(": File too large") != std::string::npos);
  CHECK(ReadWholeFile(path) == "old");
  CHECK(Entries(scratch.path()) == std::vector<std::string>{"report.pdf"});
}

TEST_CASE("A name that cannot be given removes the temporary file") {
  ScratchDirectory scratch;
  std::string path = scratch.File("report.pdf");
  std::filesystem::create_directory(path);  // a directory where the file should go
  Diagnostics diagnostics;
  CHECK_FALSE(PublishFile(path, "bytes", OverwritePolicy::kReplaceDraft, diagnostics));
  CHECK(OnlyMessage(diagnostics) == "cannot give the file its name: Is a directory");
  CHECK(Entries(scratch.path()) == std::vector<std::string>{"report.pdf"});
  CHECK(std::filesystem::is_directory(path));
}
