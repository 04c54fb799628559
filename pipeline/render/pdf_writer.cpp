#include "render/pdf_writer.h"

#include <hpdf_objects.h>

#include <cstdio>

namespace clerk::render {

namespace {

// libharu calls this from C: it must only record, never throw.
extern "C" void OnLibharuError(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  static_cast<PdfWriter*>(user_data)->RecordError(error, detail);
}

std::string Hex(unsigned long code) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%04lX", code);
  return buffer;
}

}  // namespace

PdfWriter::PdfWriter() {
  doc_ = HPDF_New(OnLibharuError, this);
  if (!doc_) {
    failure_ = "starting libharu: there is not enough memory";
  }
}

PdfWriter::~PdfWriter() {
  if (doc_) HPDF_Free(doc_);
}

void PdfWriter::RecordError(HPDF_STATUS error, HPDF_STATUS detail) {
  if (last_error_ != HPDF_OK) return;  // the first error explains the rest
  last_error_ = error;
  last_detail_ = detail;
}

bool PdfWriter::Fail(const std::string& failure, const std::string& file) {
  if (failure_.empty()) {
    failure_ = failure;
    failure_file_ = file;
  }
  return false;
}

bool PdfWriter::Check(bool succeeded, const std::string& doing, const std::string& file) {
  if (!failure_.empty()) return false;
  HPDF_STATUS code = last_error_;
  HPDF_STATUS detail = last_detail_;
  if (code == HPDF_OK && doc_) {
    code = HPDF_GetError(doc_);
    detail = HPDF_GetErrorDetail(doc_);
  }
  if (succeeded && code == HPDF_OK) return true;
  failure_file_ = file;
  failure_ =
      doing + ": " +
      (code == HPDF_OK ? std::string("libharu failed without saying why")
                       : LibharuErrorSentence(code) + " (libharu error " + Hex(code) +
                             (detail != 0 ? ", detail " + std::to_string(detail) : "") + ")");
  return false;
}

HPDF_String PdfWriter::NewTextString(const std::string& utf8) {
  bool ascii = true;
  for (char c : utf8) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  HPDF_Encoder encoder = nullptr;
  if (!ascii) {
    encoder = HPDF_GetEncoder(doc_, "UTF-8");
    if (!Check(encoder != nullptr, "finding libharu's UTF-8 encoder")) return nullptr;
  }
  HPDF_String text = HPDF_String_New(doc_->mmgr, utf8.c_str(), encoder);
  Check(text != nullptr, "making a text string");
  return text;
}

std::optional<std::string> PdfWriter::Save() {
  if (!Ok()) return std::nullopt;
  if (!Check(HPDF_SaveToStream(doc_) == HPDF_OK, "writing the PDF")) return std::nullopt;
  HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
  std::string bytes(size, '\0');
  // Reading exactly the stream's size: asking for more makes libharu raise an end-of-stream error.
  HPDF_UINT32 read = size;
  HPDF_STATUS status = HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  if (!Check(status == HPDF_OK && read == size, "reading back the PDF")) return std::nullopt;
  return bytes;
}

std::string LibharuErrorSentence(unsigned long code) {
  switch (code) {
    case HPDF_FAILD_TO_ALLOC_MEM:
      return "there is not enough memory";
    case HPDF_FILE_IO_ERROR:
      return "the file cannot be read";
    case HPDF_FILE_OPEN_ERROR:
      return "the file cannot be opened";
    case HPDF_INVALID_FONTDEF_DATA:
    case HPDF_TTF_INVALID_FOMAT:
      return "the file is not a TrueType font";
    case HPDF_TTF_MISSING_TABLE:
      return "the file is not a usable TrueType font (a table libharu needs is missing)";
    case HPDF_TTF_INVALID_CMAP:
      return "the font has no Unicode character map libharu can use";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
      return "the font's licence does not allow embedding it";
    case HPDF_INVALID_TTC_FILE:
    case HPDF_INVALID_TTC_INDEX:
      return "the font collection cannot be read";
    case HPDF_UNSUPPORTED_FONT_TYPE:
      return "the font type is not supported";
    case HPDF_PAGE_INVALID_SIZE:
      return "the page size is outside what PDF allows (3 to 14400 points)";
    case HPDF_PAGE_INVALID_FONT_SIZE:
      return "the font size is outside what PDF allows (above 0, at most 600 points)";
    case HPDF_PAGE_INVALID_FONT:
    case HPDF_PAGE_FONT_NOT_FOUND:
    case HPDF_INVALID_FONT:
      return "the font is not usable";
    case HPDF_PAGE_OUT_OF_RANGE:
      return "a gray level, line width or other drawing value is outside the range PDF allows";
    case HPDF_REAL_OUT_OF_RANGE:
      return "a number is outside the range PDF allows";
    case HPDF_INVALID_PARAMETER:
      return "a value is outside what libharu accepts";
    case HPDF_INVALID_DATE_TIME:
      return "the date is not a valid date";
    case HPDF_INVALID_DESTINATION:
      return "the link or bookmark destination is not valid";
    case HPDF_INVALID_OUTLINE:
      return "the bookmark is not valid";
    case HPDF_PAGE_INVALID_GMODE:
      return "a drawing operation came in the wrong order";
    case HPDF_STRING_OUT_OF_RANGE:
      return "a text is longer than PDF allows";
    case HPDF_ZLIB_ERROR:
      return "compressing the PDF failed";
    case HPDF_INVALID_ENCODER:
    case HPDF_INVALID_ENCODING_NAME:
      return "the UTF-8 text encoder is not available";
    default:
      return "libharu reported an internal error";
  }
}

}  // namespace clerk::render
