#include <catch2/catch.hpp>

#include "core/diagnostic.h"

using clerk::Diagnostics;

TEST_CASE("AddAll appends another collection's diagnostics after these, in their order") {
  Diagnostics mine;
  mine.Warning({"a.yaml", 3, 1}, "first");
  Diagnostics other;
  other.Error({"b.yaml", 1, 1}, "second");
  other.Note({"a.yaml", 1, 1}, "third");
  mine.AddAll(other);
  REQUIRE(mine.Items().size() == 3);
  CHECK(mine.Items()[0].message == "first");
  CHECK(mine.Items()[1].message == "second");
  CHECK(mine.Items()[2].message == "third");
  CHECK(mine.ErrorCount() == 1);
  CHECK(mine.WarningCount() == 1);
  CHECK(other.Items().size() == 2);  // copied, not taken
}

TEST_CASE("The closing count names notes only when there are some") {
  clerk::MemoryFileSystem files;
  Diagnostics none;
  CHECK(clerk::FormatDiagnostics(none, files) == "");
  Diagnostics warned;
  warned.Warning({"a.yaml", 0, 0}, "w");
  warned.Error({"a.yaml", 0, 0}, "e");
  CHECK(clerk::CountDiagnostics(warned) == "1 error, 1 warning");
  CHECK(clerk::FormatDiagnostics(warned, files) ==
        "a.yaml: warning: w\na.yaml: error: e\n1 error, 1 warning\n");
  Diagnostics noted;
  noted.Note({"a.yaml", 0, 0}, "n");
  CHECK(clerk::FormatDiagnostics(noted, files) ==
        "a.yaml: note: n\n0 errors, 0 warnings, 1 note\n");
  for (int i = 0; i < 5; ++i) noted.Warning({"a.yaml", 0, 0}, "w");
  noted.Note({"a.yaml", 0, 0}, "n");
  CHECK(noted.NoteCount() == 2);
  CHECK(clerk::CountDiagnostics(noted) == "0 errors, 5 warnings, 2 notes");
}

TEST_CASE("The excerpt prints bytes that are not UTF-8 as U+FFFD, the caret under its column") {
  clerk::MemoryFileSystem files;
  // Latin-1 "café: ça" : each stray byte is one column, as load counts them.
  files.Add("a.yaml",
            "x: 1\ncaf\xE9: \xE7"
            "a va\n");
  Diagnostics diagnostics;
  diagnostics.Error({"a.yaml", 2, 4}, "not UTF-8");
  diagnostics.Error({"a.yaml", 2, 7}, "not UTF-8 either");
  CHECK(clerk::FormatDiagnostics(diagnostics, files) ==
        "a.yaml:2:4: error: not UTF-8\n"
        "  caf\xEF\xBF\xBD: \xEF\xBF\xBD"
        "a va\n"
        "     ^\n"
        "a.yaml:2:7: error: not UTF-8 either\n"
        "  caf\xEF\xBF\xBD: \xEF\xBF\xBD"
        "a va\n"
        "        ^\n"
        "2 errors, 0 warnings\n");
}

TEST_CASE("The excerpt keeps UTF-8 and tabs, and hides what a terminal would obey") {
  clerk::MemoryFileSystem files;
  // A cut-short euro sign, an escape sequence and a C1 control (CSI); é and € stay as they are.
  files.Add("b.yaml", "é\t€ \xE2\x82 \x1B[2J \xC2\x9B x\n");
  clerk::Diagnostic diagnostic{clerk::Severity::kWarning, {"b.yaml", 1, 14}, "here", "hint"};
  CHECK(clerk::FormatDiagnostic(diagnostic, files) ==
        "b.yaml:1:14: warning: here\n"
        "  é\t€ \xEF\xBF\xBD \xEF\xBF\xBD[2J \xEF\xBF\xBD x\n"
        "   \t           ^\n"
        "  hint: hint\n");
}

TEST_CASE("A stray continuation byte prints as U+FFFD in the column load gives it") {
  clerk::MemoryFileSystem files;
  // Load counts a continuation byte in the column of the character before it (column 1 at the
  // start of a line): "\x80" is column 1 with "k", and "é\xA9" is one column.
  files.Add("c.yaml", "\x80k: caf\xC3\xA9\xA9!\n");
  Diagnostics diagnostics;
  diagnostics.Error({"c.yaml", 1, 1}, "start");
  diagnostics.Error({"c.yaml", 1, 8}, "after");
  CHECK(clerk::FormatDiagnostics(diagnostics, files) ==
        "c.yaml:1:1: error: start\n"
        "  \xEF\xBF\xBDk: caf\xEF\xBF\xBD!\n"
        "  ^\n"
        "c.yaml:1:8: error: after\n"
        "  \xEF\xBF\xBDk: caf\xEF\xBF\xBD!\n"
        "          ^\n"
        "2 errors, 0 warnings\n");
}
