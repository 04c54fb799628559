#pragma once

#include <hpdf.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "render/deflater.h"

/// Internal to render: libharu types never leave pipeline/render/.
namespace clerk::render {

/// Memory for one libharu document: small blocks from malloc, each handed out piece by piece,
/// all freed together when the arena is destroyed; what libharu frees before then is not reused
/// (scale 45: 19.5 MB handed out, in about 250,000 pieces). libharu freed each of its pieces
/// with free() (HPDF_Free at scale 45: 45 million instructions, about 40 ms); from an arena its
/// frees cost nothing and HPDF_Free only visits its objects (9 million), then about 4,300 blocks
/// and large pieces are freed. The blocks are small so that, like libharu's pieces from malloc
/// before, they fill the room the pages' items leave as they are freed while drawing (blocks mapped
/// apart raised scale 45's peak RSS by 17 MB). Every piece is aligned as malloc's would be.
class LibharuArena {
 public:
  LibharuArena() = default;
  ~LibharuArena();
  LibharuArena(const LibharuArena&) = delete;
  LibharuArena& operator=(const LibharuArena&) = delete;

  /// `size` bytes, aligned to alignof(std::max_align_t); nullptr when malloc has none.
  void* Allocate(size_t size);

  /// Bytes taken from malloc so far (blocks and large pieces), for measuring.
  size_t TakenBytes() const { return taken_; }

  /// Bytes handed out so far (each piece rounded up to the alignment).
  size_t AllocatedBytes() const { return allocated_; }

  /// While one is alive, libharu documents made or worked on by this thread take their memory
  /// from `arena` (the one made before is used again when it ends). libharu's allocation
  /// callback is given no context, so the arena is found through the thread: a libharu call
  /// that allocates with no Use alive on its thread fails as if memory ran out.
  class Use {
   public:
    explicit Use(LibharuArena& arena);
    ~Use();
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;

   private:
    LibharuArena* previous_;
  };

 private:
  /// `size` bytes from malloc, kept until the end; nullptr when there are none.
  char* Take(size_t size);

  std::vector<char*> pieces_;  // from malloc, freed at the end
  char* free_ = nullptr;       // the unused rest of the current block
  size_t left_ = 0;
  size_t taken_ = 0;
  size_t allocated_ = 0;
};

/// One libharu document. Owns the HPDF_Doc; libharu reports errors through a C callback, which
/// only records the codes (nothing may be thrown through libharu's C frames). Callers check
/// every call with Check(), which remembers the first failure together with what was being done.
///
/// The document's memory is a LibharuArena of its own: every libharu call on it must be made
/// while the Use that Allocating() gives is alive on the calling thread (the constructor and
/// destructor see to their own).
class PdfWriter {
 public:
  PdfWriter();
  /// Frees libharu's objects (their own frees cost nothing), then the arena's blocks.
  ~PdfWriter();
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  HPDF_Doc doc() const { return doc_; }

  /// Makes libharu calls on this thread take their memory from this document's arena, for as
  /// long as the result lives.
  LibharuArena::Use Allocating() { return LibharuArena::Use(arena_); }

  /// The document's arena, for measuring.
  const LibharuArena& Arena() const { return arena_; }

  /// True while no libharu call has failed.
  bool Ok() const { return failure_.empty(); }

  /// Call after each libharu call: `succeeded` is what its return value said. When it failed,
  /// or libharu's error state is set, records "<doing>: <sentence>" (the first failure only)
  /// and returns false. `file`: the file the failure is about, if any (a font file).
  bool Check(bool succeeded, const std::string& doing, const std::string& file = "");

  /// Records a failure libharu did not report itself (the first failure only); returns false.
  bool Fail(const std::string& failure, const std::string& file = "");

  /// The first failure, as a sentence; empty while Ok().
  const std::string& Failure() const { return failure_; }

  /// The file the first failure is about; empty when it is about no file.
  const std::string& FailureFile() const { return failure_file_; }

  /// A PDF text string holding `utf8`: plain when it is ASCII, UTF-16 otherwise. Not yet in any
  /// container; nullptr (and a recorded failure) when libharu cannot make it.
  HPDF_String NewTextString(const std::string& utf8);

  /// Gives the new `page` a content stream that keeps what is drawn in one string, instead of
  /// libharu's memory stream. Returns false (and records a failure) when it cannot.
  bool CollectPageContents(HPDF_Page page, const std::string& doing);

  /// Compresses the content stream of `page` (from CollectPageContents), which must be complete
  /// (nothing more is drawn on it), on the Deflater's thread while the caller goes on, at
  /// kPageCompressionLevel. Returns false (and records a failure) when it cannot.
  bool CompressPageContents(HPDF_Page page, const std::string& doing);

  /// Gives `dict` (a stream dictionary libharu made) a stream holding `contents` instead of the
  /// one it has, for CompressStream. Returns false (and records a failure) when it cannot.
  bool ReplaceStream(HPDF_Dict dict, const std::string& contents, const std::string& doing);

  /// Compresses the stream of `dict` (a stream dictionary whose contents are complete, in
  /// libharu's memory stream or from ReplaceStream) on the Deflater's thread, at
  /// kPageCompressionLevel instead of libharu's level when saving. Returns false (and records a
  /// failure) when it cannot.
  bool CompressStream(HPDF_Dict dict, const std::string& doing);

  /// Makes libharu's table of objects grow by `count` entries at a time (from its next growth
  /// on), for a document expected to make about `count` objects. libharu grows the table by a
  /// fixed 1,024 entries, copying it byte by byte each time: quadratic in the objects of a long
  /// document (tens of thousands, with the structure tree).
  void ReserveObjects(size_t count);

  /// The whole document as bytes, once every stream is compressed; nullopt (and a recorded
  /// failure) when saving or compressing fails.
  std::optional<std::string> Save();

  /// Called from libharu's C error handler only.
  void RecordError(HPDF_STATUS error, HPDF_STATUS detail);

 private:
  /// Queues the bytes of `dict`'s stream (a DeflatedStream) and names its filter.
  void Deflate(HPDF_Dict dict, const std::string& doing);

  // First, so destroyed last: libharu's objects live in it.
  LibharuArena arena_;
  // Each compressed stream shares its job with jobs_ (and, while compressing, the thread).
  Deflater deflater_;
  std::vector<std::pair<std::shared_ptr<DeflateJob>, std::string>> jobs_;  // with their `doing`
  HPDF_Doc doc_ = nullptr;

  HPDF_STATUS last_error_ = HPDF_OK;
  HPDF_STATUS last_detail_ = HPDF_OK;
  std::string failure_;
  std::string failure_file_;
};

/// Runs `free` (which frees a document: its PdfWriter, libharu's objects, the Deflater's thread)
/// on a thread of its own, so that the caller need not wait for it (scale 45: HPDF_Free takes a
/// fifth of what it took before LibharuArena; the Tagger's elements now take longer than it),
/// then gives what was freed back to the system (malloc_trim). One runs at a time: the call
/// first waits for the one before; the last is waited for when the process exits, so
/// everything is still freed. Without a thread (none can be made), runs `free` at once.
void FreeInBackground(std::function<void()> free);

/// Waits until FreeInBackground has freed every document given to it.
void WaitForBackgroundFree();

/// A sentence for a libharu error code, such as "the file cannot be opened" for 0x1017.
std::string LibharuErrorSentence(unsigned long code);

}  // namespace clerk::render
