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

/// One libharu document. Owns the HPDF_Doc; libharu reports errors through a C callback, which
/// only records the codes (nothing may be thrown through libharu's C frames). Callers check
/// every call with Check(), which remembers the first failure together with what was being done.
class PdfWriter {
 public:
  PdfWriter();
  ~PdfWriter();
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  HPDF_Doc doc() const { return doc_; }

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
/// on a thread of its own, so that the caller need not wait for it (scale 45: 40 ms for 1,100
/// pages). One runs at a time: the call first waits for the one before; the last is waited for
/// when the process exits, so everything is still freed. Without a thread (none can be made),
/// runs `free` at once.
void FreeInBackground(std::function<void()> free);

/// Waits until FreeInBackground has freed every document given to it.
void WaitForBackgroundFree();

/// A sentence for a libharu error code, such as "the file cannot be opened" for 0x1017.
std::string LibharuErrorSentence(unsigned long code);

}  // namespace clerk::render
