#pragma once

#include <hpdf.h>

#include <optional>
#include <string>

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

  /// Compresses the content stream of `page`, which must be complete (nothing more is drawn on
  /// it), at once rather than when the document is saved, so that a long document holds each
  /// page's drawing compressed; at zlib level kPageCompressionLevel. Returns false (and records
  /// a failure) when it cannot.
  bool CompressPageContents(HPDF_Page page, const std::string& doing);

  /// Compresses the stream of `dict` (a stream dictionary whose contents are complete) now, at
  /// kPageCompressionLevel, instead of libharu's level when saving. Returns false (and records a
  /// failure) when it cannot.
  bool CompressStream(HPDF_Dict dict, const std::string& doing);

  /// The whole document as bytes; nullopt (and a recorded failure) when saving fails.
  std::optional<std::string> Save();

  /// Called from libharu's C error handler only.
  void RecordError(HPDF_STATUS error, HPDF_STATUS detail);

 private:
  HPDF_Doc doc_ = nullptr;
  HPDF_STATUS last_error_ = HPDF_OK;
  HPDF_STATUS last_detail_ = HPDF_OK;
  std::string failure_;
  std::string failure_file_;
};

/// zlib's level for pages' content streams and the fonts' streams. For the ~1,000-page bench
/// review, level 2 takes 40% of the CPU time of libharu's level 6 for content 27% larger (2.4 MB
/// against 1.9 MB, in a PDF of 10 MB): bench/zlib_levels.py measures it. Output stays the same
/// for the same input.
inline constexpr int kPageCompressionLevel = 2;

/// A sentence for a libharu error code, such as "the file cannot be opened" for 0x1017.
std::string LibharuErrorSentence(unsigned long code);

}  // namespace clerk::render
