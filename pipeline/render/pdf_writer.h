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

/// A sentence for a libharu error code, such as "the file cannot be opened" for 0x1017.
std::string LibharuErrorSentence(unsigned long code);

}  // namespace clerk::render
