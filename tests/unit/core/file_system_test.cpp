#include "core/file_system.h"

#include <catch2/catch.hpp>
#include <string>

#include "run_program.h"

using clerk::DiskFileSystem;
using clerk::testing::TemporaryDirectory;
using clerk::testing::WriteWholeFile;

TEST_CASE("DiskFileSystem reads a file's bytes whole, whatever they are") {
  TemporaryDirectory folder;
  DiskFileSystem files;
  std::string binary("a\0b\r\n\xff", 6);
  std::string long_text;
  for (int i = 0; i < 20000; ++i) long_text += "line " + std::to_string(i) + "\n";
  for (const std::string& bytes : {std::string(), std::string("x"), binary, long_text}) {
    std::string path = folder.Path() + "/f.yaml";
    WriteWholeFile(path, bytes);
    std::string error;
    auto read = files.ReadFile(path, &error);
    REQUIRE(read);
    CHECK(read->size() == bytes.size());
    CHECK(*read == bytes);
    CHECK(error.empty());
  }
}

TEST_CASE("DiskFileSystem says why a file cannot be read") {
  TemporaryDirectory folder;
  std::string error;
  CHECK_FALSE(DiskFileSystem().ReadFile(folder.Path() + "/none.yaml", &error));
  CHECK(error == "no such file");
  CHECK_FALSE(DiskFileSystem().ReadFile(folder.Path(), &error));
  CHECK(error == "is a directory, not a file");
  WriteWholeFile(folder.Path() + "/big.yaml", std::string(3 * 1024 * 1024, 'x'));
  CHECK_FALSE(DiskFileSystem(2 * 1024 * 1024).ReadFile(folder.Path() + "/big.yaml", &error));
  CHECK(error == "is 3 MB, larger than the 2 MB a review file may be");
}
