#include "load/source_text.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>

using clerk::SourceLocation;
using clerk::load::NodePlace;
using clerk::load::SourceText;

namespace {

// The line and column of byte `offset`, counted the slow way.
std::pair<int, int> Counted(const std::string& text, size_t offset) {
  int line = 1;
  int column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

TEST_CASE("Places are the same asked for in order, backwards or far apart") {
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += i % 7 == 0 ? "\n" : "- naïve café " + std::to_string(i) + ": é\n";
  }
  SourceText source("r/responses.yaml", text);
  auto check = [&](size_t offset, SourceText::Cursor& cursor) {
    INFO(offset);
    SourceLocation at = source.At(offset, cursor);
    CHECK(at.file == "r/responses.yaml");
    CHECK(std::make_pair(at.line, at.column) == Counted(text, offset));
  };
  SourceText::Cursor forward;
  for (size_t offset = 0; offset <= text.size(); offset += 3) check(offset, forward);
  SourceText::Cursor backward;
  for (size_t back = 0; back <= text.size(); back += 5) check(text.size() - back, backward);
  SourceText::Cursor jumping;
  for (size_t offset : {size_t{4000}, size_t{5}, text.size(), size_t{2000}, size_t{2001},
                        size_t{2600}, text.size() + 10}) {
    check(offset, jumping);
  }
}

TEST_CASE("A node's place shares the file's name and reads as a SourceLocation") {
  SourceText source("reports/long-name-of-a-report.yaml", "a: 1\nb: 2\n");
  SourceText::Cursor cursor;
  NodePlace first = source.PlaceAt(5, cursor);
  NodePlace second = source.PlaceAt(8, cursor);
  CHECK(first.file == second.file);  // one name, not a copy each
  CHECK(first.File() == "reports/long-name-of-a-report.yaml");
  SourceLocation where = second;
  CHECK(where.file == "reports/long-name-of-a-report.yaml");
  CHECK(where.line == 2);
  CHECK(where.column == 4);
  CHECK(SourceLocation(source.WholePlace()).line == 0);
  CHECK(NodePlace{}.File().empty());
}
