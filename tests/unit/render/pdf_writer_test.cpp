#include "render/pdf_writer.h"

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdint>
#include <cstring>

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

}  // namespace
}  // namespace clerk::render
