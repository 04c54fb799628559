#include "render/pdf_writer.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace clerk::render {
namespace {

bool Aligned(const void* piece) {
  return reinterpret_cast<std::uintptr_t>(piece) % alignof(std::max_align_t) == 0;
}

TEST_CASE("pieces of any size are aligned, distinct and counted") {
  LibharuArena arena;
  char* last = nullptr;
  size_t asked = 0;
  for (size_t size : {1, 13, 16, 17, 136, 999}) {
    auto* piece = static_cast<char*>(arena.Allocate(size));
    REQUIRE(piece != nullptr);
    CHECK(Aligned(piece));
    std::memset(piece, 0xAB, size);  // the whole piece is usable
    if (last) CHECK(piece != last);
    last = piece;
    asked += size;
  }
  // Rounded up to the alignment: 16 + 16 + 16 + 32 + 144 + 1008 with a 16-byte alignment.
  CHECK(arena.AllocatedBytes() >= asked);
  CHECK(arena.AllocatedBytes() % alignof(std::max_align_t) == 0);
  CHECK(arena.TakenBytes() >= arena.AllocatedBytes());
}

TEST_CASE("a piece larger than a quarter of a block is taken on its own") {
  LibharuArena arena;
  void* small = arena.Allocate(100);
  size_t taken_for_small = arena.TakenBytes();
  void* large = arena.Allocate(800 * 1024);
  REQUIRE(large != nullptr);
  CHECK(Aligned(large));
  std::memset(large, 0, 800 * 1024);
  CHECK(arena.TakenBytes() == taken_for_small + 800 * 1024);
  // The block the small piece came from still serves the next small one.
  auto* next = static_cast<char*>(arena.Allocate(100));
  CHECK(next == static_cast<char*>(small) + 112);
}

TEST_CASE("a Use makes libharu take memory from the arena, and the one before comes back") {
  PdfWriter first;
  REQUIRE(first.Ok());
  size_t made = first.Arena().AllocatedBytes();
  CHECK(made > 0);  // the document itself
  {
    LibharuArena::Use use = first.Allocating();
    PdfWriter second;  // its constructor uses its own arena, then gives the thread back
    REQUIRE(second.Ok());
    HPDF_Page page = HPDF_AddPage(first.doc());
    CHECK(first.Check(page != nullptr, "making a page"));
    CHECK(first.Arena().AllocatedBytes() > made);
  }
}

TEST_CASE("a libharu call with no arena in use fails as if memory ran out") {
  PdfWriter pdf;
  REQUIRE(pdf.Ok());
  HPDF_Page page = HPDF_AddPage(pdf.doc());
  CHECK(page == nullptr);
  CHECK_FALSE(pdf.Check(page != nullptr, "making a page"));
  CHECK(pdf.Failure() == "making a page: there is not enough memory (libharu error 0x1015)");
}

// A write callback that writes all of its dictionary's entries, as the structure tree's do.
HPDF_STATUS WriteOwnEntries(HPDF_Dict dict, HPDF_Stream stream) {
  (void)dict;
  return HPDF_Stream_WriteStr(stream, "/Type /Example\n/Count 3\n");
}

// What libharu's own save (HPDF_GetContents) writes for `doc` now.
std::string SavedByLibharu(HPDF_Doc doc, size_t expected_size) {
  // Room for more than expected, so that a longer document is not cut to the same length.
  std::string bytes(expected_size + 64, '\0');
  auto size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_GetContents(doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  bytes.resize(size);
  return bytes;
}

TEST_CASE("Save writes what libharu's own save writes, byte for byte") {
  PdfWriter pdf;
  REQUIRE(pdf.Ok());
  LibharuArena::Use use = pdf.Allocating();
  HPDF_Doc doc = pdf.doc();
  REQUIRE(HPDF_SetCompressionMode(doc, HPDF_COMP_ALL) == HPDF_OK);
  for (int i = 0; i < 3; ++i) {
    HPDF_Page page = HPDF_AddPage(doc);
    REQUIRE(page != nullptr);
    REQUIRE(HPDF_Page_Rectangle(page, 10.0f * i, 20, 100, 50) == HPDF_OK);
    REQUIRE(HPDF_Page_Fill(page) == HPDF_OK);
  }
  // Written by its callback alone: Save puts its "<<" and ">>" with the lines around it.
  HPDF_Dict own = HPDF_Dict_New(doc->mmgr);
  REQUIRE(own != nullptr);
  REQUIRE(HPDF_Xref_Add(doc->xref, own) == HPDF_OK);
  own->write_fn = WriteOwnEntries;
  // Entries of its own and a callback: written by libharu.
  HPDF_Dict mixed = HPDF_Dict_New(doc->mmgr);
  REQUIRE(mixed != nullptr);
  REQUIRE(HPDF_Xref_Add(doc->xref, mixed) == HPDF_OK);
  REQUIRE(HPDF_Dict_AddName(mixed, "Kind", "Mixed") == HPDF_OK);
  mixed->write_fn = WriteOwnEntries;
  REQUIRE(HPDF_Dict_Add(doc->catalog, "Own", own) == HPDF_OK);
  REQUIRE(HPDF_Dict_Add(doc->catalog, "Mixed", mixed) == HPDF_OK);
  REQUIRE(HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, "Saved twice") == HPDF_OK);
  doc->pdf_version = HPDF_VER_17;

  std::optional<std::string> bytes = pdf.Save();
  REQUIRE(bytes);
  CHECK(bytes->rfind("%PDF-1.7\n", 0) == 0);
  CHECK(bytes->find(" obj\n<<\n/Type /Example\n/Count 3\n>>\nendobj\n") != std::string::npos);
  CHECK(bytes->find("<<\n/Kind /Mixed\n/Type /Example\n/Count 3\n>>") != std::string::npos);
  CHECK(*bytes == SavedByLibharu(doc, bytes->size()));
}

// A write callback that writes more than Save reserves for an object.
HPDF_STATUS WriteLongEntries(HPDF_Dict dict, HPDF_Stream stream) {
  (void)dict;
  std::string entries = "/Type /Long\n/Text (" + std::string(1000, 'x') + ")\n";
  return HPDF_Stream_WriteStr(stream, entries.c_str());
}

TEST_CASE("Save writes a document larger than it expected, byte for byte") {
  PdfWriter pdf;
  REQUIRE(pdf.Ok());
  LibharuArena::Use use = pdf.Allocating();
  HPDF_Doc doc = pdf.doc();
  REQUIRE(HPDF_AddPage(doc) != nullptr);
  HPDF_Array longs = HPDF_Array_New(doc->mmgr);
  REQUIRE(longs != nullptr);
  REQUIRE(HPDF_Dict_Add(doc->catalog, "Longs", longs) == HPDF_OK);
  for (int i = 0; i < 2000; ++i) {
    HPDF_Dict dict = HPDF_Dict_New(doc->mmgr);
    REQUIRE(dict != nullptr);
    REQUIRE(HPDF_Xref_Add(doc->xref, dict) == HPDF_OK);
    dict->write_fn = WriteLongEntries;
    REQUIRE(HPDF_Array_Add(longs, dict) == HPDF_OK);
  }

  std::optional<std::string> bytes = pdf.Save();
  REQUIRE(bytes);
  CHECK(bytes->size() > 2000 * 1000);
  CHECK(*bytes == SavedByLibharu(doc, bytes->size()));
}

TEST_CASE("Save writes a document with large streams, byte for byte") {
  // Written as they are, the pages' streams are made present in memory before they are written
  // (they are larger than the least Save does that for); compressed by libharu as it writes
  // them (to less than half), they are not.
  for (HPDF_UINT mode : {HPDF_COMP_NONE, HPDF_COMP_ALL}) {
    PdfWriter pdf;
    REQUIRE(pdf.Ok());
    LibharuArena::Use use = pdf.Allocating();
    HPDF_Doc doc = pdf.doc();
    REQUIRE(HPDF_SetCompressionMode(doc, mode) == HPDF_OK);
    for (int i = 0; i < 2; ++i) {
      HPDF_Page page = HPDF_AddPage(doc);
      REQUIRE(page != nullptr);
      for (int j = 0; j < 10000; ++j) {
        REQUIRE(HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(j % 500),
                                    static_cast<HPDF_REAL>(j % 700), static_cast<HPDF_REAL>(j % 37),
                                    5) == HPDF_OK);
      }
      REQUIRE(HPDF_Page_Fill(page) == HPDF_OK);
    }

    std::optional<std::string> bytes = pdf.Save();
    REQUIRE(bytes);
    bool compressed = bytes->find("/Filter [ /FlateDecode ]") != std::string::npos;
    CHECK(compressed == (mode == HPDF_COMP_ALL));
    CHECK(bytes->size() > (compressed ? 20000 : 300000));
    CHECK(*bytes == SavedByLibharu(doc, bytes->size()));
  }
}

TEST_CASE("Save refuses a document it does not write as libharu would") {
  PdfWriter pdf;
  REQUIRE(pdf.Ok());
  LibharuArena::Use use = pdf.Allocating();
  REQUIRE(HPDF_AddPage(pdf.doc()) != nullptr);
  REQUIRE(HPDF_SetPassword(pdf.doc(), "owner", "user") == HPDF_OK);
  CHECK_FALSE(pdf.Save());
  CHECK(pdf.Failure() ==
        "writing the PDF: the document is encrypted or has more than one cross-reference table");
}

}  // namespace
}  // namespace clerk::render
