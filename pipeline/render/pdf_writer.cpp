#include "render/pdf_writer.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iterator>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "render/deflated_stream.h"
#include "render/digit_pairs.h"

namespace clerk::render {

namespace {

// The arena libharu's allocations on this thread come from (LibharuArena::Use).
thread_local LibharuArena* current_arena = nullptr;

// Blocks are taken this large; a piece larger than a quarter of one is taken on its own, so
// that starting a new block never leaves more than a quarter of the last one unused. 4 KB:
// scale 45's peak as with malloc alone; 16 KB blocks raised it by 4 MB (fewer holes fit them).
constexpr size_t kArenaBlockSize = size_t{4} << 10;
constexpr size_t kArenaAlignment = alignof(std::max_align_t);

// libharu's memory callbacks (HPDF_NewEx): its frees are left to the arena's end.
extern "C" void* AllocateFromArena(HPDF_UINT size) {
  return current_arena ? current_arena->Allocate(size) : nullptr;
}

extern "C" void FreeIntoArena(void* piece) { (void)piece; }

// libharu calls this from C: it must only record, never throw.
extern "C" void OnLibharuError(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  static_cast<PdfWriter*>(user_data)->RecordError(error, detail);
}

// Makes the pages of `size` bytes from `begin` present and writable, on a thread of its own,
// while the caller writes them from the start. Written into for the first time, each 4 KB page
// of the PDF stopped the main thread for a page fault (scale 9: about 700, of a few microseconds
// each here); MADV_POPULATE_WRITE takes them in bulk, ahead of the writing, on the other core.
// It never changes a byte, so the caller may write while it runs (and should the caller's string
// move, populating the pages it left costs only their memory until the process frees them).
// Where the kernel has no MADV_POPULATE_WRITE (before Linux 5.14) or no thread can be made, the
// pages fault as before.
class Prefault {
 public:
  Prefault(char* begin, size_t size) {
    // madvise takes whole pages: from the page that holds `begin`.
    auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
    uintptr_t first = reinterpret_cast<uintptr_t>(begin) & ~(page - 1);
    size_t length = reinterpret_cast<uintptr_t>(begin) + size - first;
    try {
      thread_ = std::thread([first, length] {
        madvise(reinterpret_cast<void*>(first), length, MADV_POPULATE_WRITE);
      });
    } catch (const std::system_error&) {
    }
  }
  ~Prefault() {
    if (thread_.joinable()) thread_.join();
  }
  Prefault(const Prefault&) = delete;
  Prefault& operator=(const Prefault&) = delete;

 private:
  std::thread thread_;
};

// libharu's write callback for Save(): the stream's attr is the std::string being written.
extern "C" HPDF_STATUS AppendToSaved(HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) {
  try {
    static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(bytes), size);
  } catch (const std::exception&) {  // nothing may be thrown through libharu's C frames
    return HPDF_SetError(stream->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
  }
  return HPDF_OK;
}

// How large the saved PDF will be, about, once every stream is compressed: `streams` bytes of
// streams written as they are (compressed already), `filtered` bytes of streams libharu
// compresses as it writes them (at most about as many after), and `objects` objects.
struct SizeEstimate {
  size_t streams = 0;
  size_t filtered = 0;
  size_t objects = 0;
};

SizeEstimate EstimateSize(HPDF_Xref xref) {
  SizeEstimate estimate;
  estimate.objects = xref->entries->count;
  for (HPDF_UINT i = 1; i < xref->entries->count; ++i) {
    auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(xref->entries, i));
    auto* dict = static_cast<HPDF_Dict>(entry->obj);
    if ((dict->header.obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT || !dict->stream) continue;
    // libharu's own HPDF_Stream_Size records an error for a stream it cannot size.
    HPDF_Stream stream = dict->stream;
    if (!stream->write_fn && !stream->size_fn) continue;
    (dict->filter == HPDF_STREAM_FILTER_NONE ? estimate.streams : estimate.filtered) +=
        HPDF_Stream_Size(stream);
  }
  return estimate;
}

// Written into a page's content dictionary after its other entries: the stream's bytes are
// deflated already, so libharu writes them as they are (its filter is none) and this says how.
// libharu itself would write the same entry, in the same place.
extern "C" HPDF_STATUS WriteFlateFilter(HPDF_Dict dict, HPDF_Stream stream) {
  (void)dict;
  return HPDF_Stream_WriteStr(stream, "/Filter [/FlateDecode]\012");
}

// Bytes reserved for each object besides its stream's: its dictionary, its first and last
// lines and its cross-reference entry. clerk's papers take 116 (December) to 174 (scale 45)
// bytes an object, most of them structure elements; a paper that takes more makes the string
// grow as strings do (doubling).
constexpr size_t kReservedPerObject = 256;

// Of those, how many are made present in memory before they are written (Prefault): fewer than
// a long paper takes (167 at scale 9, 174 at scale 45), so that what is made present is about
// all written; what is not stays in the process until the PDF is freed (the June paper, at 123
// bytes an object: 13 pages).
constexpr size_t kPrefaultedPerObject = 150;

// Below this, the page faults (one every 4 KB) cost about what starting a thread does (about
// 0.1 ms here).
constexpr size_t kPrefaultMinimum = size_t{256} << 10;

// What libharu writes first, by HPDF_PDFVer (HPDF_VERSION_STR in its hpdf_doc.c).
constexpr const char* kVersionHeaders[] = {
    "%PDF-1.2\012%\267\276\255\252\012", "%PDF-1.3\012%\267\276\255\252\012",
    "%PDF-1.4\012%\267\276\255\252\012", "%PDF-1.5\012%\267\276\255\252\012",
    "%PDF-1.6\012%\267\276\255\252\012", "%PDF-1.7\012%\267\276\255\252\012",
};

HPDF_STATUS WriteBytes(HPDF_Stream stream, const char* begin, const char* end) {
  return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(begin),
                           static_cast<HPDF_UINT>(end - begin));
}

HPDF_STATUS WriteText(HPDF_Stream stream, std::string_view text) {
  return WriteBytes(stream, text.data(), text.data() + text.size());
}

// `value` in exactly `width` digits, padded with zeros, as a cross-reference entry has them.
// (32 bits: every offset and generation libharu keeps fits, and dividing is cheaper.)
char* PutPadded(char* at, uint32_t value, int width) {
  char* digit = at + width;
  for (; digit - at >= 2; value /= 100) {
    digit -= 2;
    std::memcpy(digit, &kDecimalDigitPairs[2 * (value % 100)], 2);
  }
  if (digit > at) *--digit = static_cast<char>('0' + value % 10);
  return at + width;
}

// Whether HPDF_Dict_Write writes `object` as "<<\n", what its write callback writes, ">>": a
// dictionary with a write callback and no entries, stream or other callbacks of its own (the
// structure tree's: see Tagger).
bool WrittenByCallbackAlone(void* object) {
  auto* dict = static_cast<HPDF_Dict>(object);
  return (dict->header.obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT && dict->write_fn &&
         dict->list->count == 0 && !dict->stream && !dict->before_write_fn && !dict->after_write_fn;
}

// Writes the part of the cross-reference table after its header: an entry per object, each
// "<offset, 10 digits> <generation, 5 digits> <n or f>\r\n" (as libharu writes it), a few
// hundred entries at a time.
HPDF_STATUS WriteCrossReferenceEntries(HPDF_Xref xref, HPDF_Stream stream) {
  constexpr size_t kEntryLength = 20;
  char entries[200 * kEntryLength];
  char* at = entries;
  for (HPDF_UINT i = 0; i < xref->entries->count; ++i) {
    if (at == std::end(entries)) {
      HPDF_STATUS status = WriteBytes(stream, entries, at);
      if (status != HPDF_OK) return status;
      at = entries;
    }
    auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(xref->entries, i));
    at = PutPadded(at, entry->byte_offset, HPDF_BYTE_OFFSET_LEN);
    *at++ = ' ';
    // Every object but the first has generation 0.
    at = entry->gen_no == 0 ? std::copy_n("00000", HPDF_GEN_NO_LEN, at)
                            : PutPadded(at, entry->gen_no, HPDF_GEN_NO_LEN);
    *at++ = ' ';
    *at++ = entry->entry_typ;
    *at++ = '\015';
    *at++ = '\012';
  }
  return WriteBytes(stream, entries, at);
}

// Writes `doc` to `stream` as HPDF_SaveToStream does, byte for byte, for a document with one
// cross-reference section and no encryption (every document clerk makes): the header; each
// object as "<number> <generation> obj\n", what HPDF_Obj_WriteValue writes, "\nendobj\n"; the
// table; the trailer. libharu writes each of an object's first and last lines and each line of
// the table through a string copy, a length counted byte by byte and a write of its own (scale
// 9, 13,291 objects: 14 million instructions); here each object's last line is put together
// with the next one's first and written with it, and the table a few hundred lines at a time. A
// dictionary only its write callback writes (12,570 of the 13,291) has its "<<" and ">>" go
// with those lines too.
HPDF_STATUS WriteDocument(HPDF_Doc doc, HPDF_Stream stream) {
  HPDF_Xref xref = doc->xref;
  HPDF_STATUS status = WriteText(stream, kVersionHeaders[doc->pdf_version]);
  if (status != HPDF_OK) return status;
  // libharu's PrepareTrailer.
  if ((status = HPDF_Dict_Add(xref->trailer, "Root", doc->catalog)) != HPDF_OK ||
      (status = HPDF_Dict_Add(xref->trailer, "Info", doc->info)) != HPDF_OK) {
    return status;
  }
  constexpr std::string_view kObjectEnd = "\012endobj\012";
  constexpr std::string_view kDictionaryEnd = ">>\012endobj\012";
  std::string_view before = "";  // the end of the object before
  for (HPDF_UINT i = 1; i < xref->entries->count; ++i) {
    auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(xref->entries, i));
    bool callback_alone = WrittenByCallbackAlone(entry->obj);
    // At most 12 + 10 + 1 + 5 + 5 + 3 characters.
    char lines[40];
    char* at = std::copy(before.begin(), before.end(), lines);
    at = std::to_chars(at, at + 10, i).ptr;
    *at++ = ' ';
    at = std::to_chars(at, at + 5, entry->gen_no).ptr;
    at = std::copy_n(" obj\012", 5, at);
    if (callback_alone) at = std::copy_n("<<\012", 3, at);
    entry->byte_offset = stream->size + static_cast<HPDF_UINT32>(before.size());
    if ((status = WriteBytes(stream, lines, at)) != HPDF_OK) return status;
    if (callback_alone) {
      auto* dict = static_cast<HPDF_Dict>(entry->obj);
      status = dict->write_fn(dict, stream);
      before = kDictionaryEnd;
    } else {
      status = HPDF_Obj_WriteValue(entry->obj, stream, nullptr);
      before = kObjectEnd;
    }
    if (status != HPDF_OK) return status;
  }
  if ((status = WriteText(stream, before)) != HPDF_OK) return status;

  xref->addr = stream->size;
  char header[64];
  int length = std::snprintf(header, sizeof header, "xref\n0 %u\n", xref->entries->count);
  if ((status = WriteBytes(stream, header, header + length)) != HPDF_OK ||
      (status = WriteCrossReferenceEntries(xref, stream)) != HPDF_OK) {
    return status;
  }
  // libharu's WriteTrailer.
  if ((status = HPDF_Dict_AddNumber(xref->trailer, "Size",
                                    static_cast<HPDF_INT32>(xref->entries->count))) != HPDF_OK ||
      (status = WriteText(stream, "trailer\012")) != HPDF_OK ||
      (status = HPDF_Dict_Write(xref->trailer, stream, nullptr)) != HPDF_OK) {
    return status;
  }
  length = std::snprintf(header, sizeof header, "\nstartxref\n%u\n%%%%EOF\n", xref->addr);
  return WriteBytes(stream, header, header + length);
}

std::string Hex(unsigned long code) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%04lX", code);
  return buffer;
}

}  // namespace

LibharuArena::~LibharuArena() {
  for (char* piece : pieces_) std::free(piece);
}

char* LibharuArena::Take(size_t size) {
  void* piece = std::malloc(size);
  if (!piece) return nullptr;
  pieces_.push_back(static_cast<char*>(piece));
  taken_ += size;
  return static_cast<char*>(piece);
}

void* LibharuArena::Allocate(size_t size) {
  size = (std::max<size_t>(size, 1) + kArenaAlignment - 1) / kArenaAlignment * kArenaAlignment;
  if (size > kArenaBlockSize / 4) {
    char* piece = Take(size);
    if (piece) allocated_ += size;
    return piece;
  }
  if (size > left_) {
    free_ = Take(kArenaBlockSize);
    left_ = free_ ? kArenaBlockSize : 0;
    if (!free_) return nullptr;
  }
  char* piece = free_;
  free_ += size;
  left_ -= size;
  allocated_ += size;
  return piece;
}

LibharuArena::Use::Use(LibharuArena& arena) : previous_(current_arena) { current_arena = &arena; }

LibharuArena::Use::~Use() { current_arena = previous_; }

PdfWriter::PdfWriter() {
  LibharuArena::Use use(arena_);
  // Not libharu's own memory pool (its last argument): its pieces are not aligned (Debian's
  // 2.3.0 is built without HPDF_ALINMENT_SIZ), a block's rest is dropped whenever a piece does
  // not fit, and it never gives a block back before HPDF_Free. Scale 45 with a pool of 1 MB
  // blocks: peak RSS 10 MB higher.
  doc_ = HPDF_NewEx(OnLibharuError, AllocateFromArena, FreeIntoArena, 0, this);
  if (!doc_) {
    failure_ = "starting libharu: there is not enough memory";
  }
}

PdfWriter::~PdfWriter() {
  // HPDF_Free still visits every object: streams of clerk's own free what they hold (the
  // compressed pages' buffers, the mapped font files).
  LibharuArena::Use use(arena_);
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

bool PdfWriter::CollectPageContents(HPDF_Page page, const std::string& doing) {
  auto* attr = static_cast<HPDF_PageAttr>(page->attr);
  HPDF_Dict contents = attr->contents;
  if (!contents || contents->stream != attr->stream || attr->stream->size != 0) {
    return Fail(doing + ": the page has no empty content stream of its own");
  }
  HPDF_Stream collecting = NewDeflatedStream(doc_->mmgr, deflater_);
  if (!Check(collecting != nullptr, doing)) return false;
  HPDF_Stream_Free(contents->stream);
  contents->stream = attr->stream = collecting;
  return true;
}

bool PdfWriter::CompressPageContents(HPDF_Page page, const std::string& doing) {
  if (!Ok()) return false;
  auto* attr = static_cast<HPDF_PageAttr>(page->attr);
  if (!attr->contents || attr->contents->stream != attr->stream || !IsCollecting(attr->stream)) {
    return Fail(doing + ": the page's content stream is not one CollectPageContents made");
  }
  Deflate(attr->contents, doing);
  return true;
}

bool PdfWriter::ReplaceStream(HPDF_Dict dict, const std::string& contents,
                              const std::string& doing) {
  if (!Ok()) return false;
  if (!dict || !dict->stream) return Fail(doing + ": the dictionary has no stream to replace");
  HPDF_Stream collecting = NewDeflatedStream(doc_->mmgr, deflater_);
  if (!Check(collecting != nullptr, doing)) return false;
  if (!Check(HPDF_Stream_Write(collecting, reinterpret_cast<const HPDF_BYTE*>(contents.data()),
                               static_cast<HPDF_UINT>(contents.size())) == HPDF_OK,
             doing)) {
    HPDF_Stream_Free(collecting);
    return false;
  }
  HPDF_Stream_Free(dict->stream);
  dict->stream = collecting;
  return true;
}

bool PdfWriter::CompressStream(HPDF_Dict dict, const std::string& doing) {
  if (!Ok()) return false;
  HPDF_Stream stream = dict ? dict->stream : nullptr;
  if (IsCollecting(stream) && !dict->write_fn) {
    Deflate(dict, doing);
    return true;
  }
  if (!stream || dict->write_fn || stream->type != HPDF_STREAM_MEMORY) {
    return Fail(doing + ": the stream is not one libharu keeps in memory");
  }
  HPDF_Stream collecting = NewDeflatedStream(doc_->mmgr, deflater_);
  if (!Check(collecting != nullptr, doing)) return false;
  // The blocks of libharu's stream, in order: every block is full but the last, which holds
  // w_pos bytes (libharu's reads would copy them byte by byte).
  auto* memory = static_cast<HPDF_MemStreamAttr>(stream->attr);
  for (HPDF_UINT i = 0; i < memory->buf->count; ++i) {
    HPDF_UINT length = i + 1 == memory->buf->count ? memory->w_pos : memory->buf_siz;
    HPDF_Stream_Write(collecting, static_cast<const HPDF_BYTE*>(HPDF_List_ItemAt(memory->buf, i)),
                      length);
  }
  if (collecting->size != stream->size) {
    HPDF_Stream_Free(collecting);
    return Fail(doing + ": libharu's stream is not as expected");
  }
  HPDF_Stream_Free(stream);
  dict->stream = collecting;
  Deflate(dict, doing);
  return true;
}

void PdfWriter::ReserveObjects(size_t count) {
  if (!doc_) return;
  HPDF_List entries = doc_->xref->entries;
  // The next step of growth is then one of `count` entries (and later ones too: harmless).
  entries->items_per_block =
      std::max<HPDF_UINT>(entries->items_per_block, static_cast<HPDF_UINT>(count));
}

void PdfWriter::Deflate(HPDF_Dict dict, const std::string& doing) {
  jobs_.emplace_back(DeflateStream(dict->stream), doing);
  // The bytes will be deflated already, so libharu writes them as they are (no filter), and
  // WriteFlateFilter names the filter where libharu would have.
  dict->filter = HPDF_STREAM_FILTER_NONE;
  dict->write_fn = WriteFlateFilter;
}

std::optional<std::string> PdfWriter::Save() {
  if (!Ok()) return std::nullopt;
  for (const auto& [job, doing] : jobs_) {
    if (!deflater_.Wait(*job)) {
      Fail(doing + ": compressing failed");
      return std::nullopt;
    }
  }
  // libharu saves into the document's stream, by default a stream in memory that would then be
  // copied out byte by byte: this one appends the bytes to `saved`, the string returned, with
  // room reserved up front from an estimate of the PDF's size. So it is neither grown (a grown
  // string doubles and copies its buffer, holding both at once: scale 45's 15 MB PDF took 24 MB
  // as it grew) nor copied once written (into one string from blocks of 1 MB, before: scale 9,
  // 2 ms). What is reserved and not written is never touched, so it adds nothing to the
  // process's memory. The document frees the stream.
  std::string saved;
  if (!doc_->stream) {
    doc_->stream = HPDF_CallbackWriter_New(doc_->mmgr, AppendToSaved, &saved);
    if (!Check(doc_->stream != nullptr, "writing the PDF")) return std::nullopt;
  }
  if (!Check(HPDF_HasDoc(doc_), "writing the PDF")) return std::nullopt;
  if (doc_->encrypt_on || doc_->xref->prev || doc_->xref->start_offset != 0) {
    Fail("writing the PDF: the document is encrypted or has more than one cross-reference table");
    return std::nullopt;
  }
  SizeEstimate estimate = EstimateSize(doc_->xref);
  try {
    saved.reserve(estimate.streams + estimate.filtered + kReservedPerObject * estimate.objects);
  } catch (const std::exception&) {
    Fail("writing the PDF: there is not enough memory");
    return std::nullopt;
  }
  doc_->stream->attr = &saved;
  HPDF_STATUS status;
  {
    std::optional<Prefault> prefault;
    size_t expected = estimate.streams + kPrefaultedPerObject * estimate.objects;
    if (expected >= kPrefaultMinimum) prefault.emplace(saved.data(), expected);
    status = WriteDocument(doc_, doc_->stream);
  }
  doc_->stream->attr = nullptr;
  if (!Check(status == HPDF_OK, "writing the PDF")) return std::nullopt;
  return std::optional<std::string>(std::move(saved));
}

namespace {

// The thread freeing the last document given to FreeInBackground, joined by the next call and,
// as a static, when the process exits.
class BackgroundFree {
 public:
  ~BackgroundFree() { Wait(); }

  void Start(std::function<void()> free) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (thread_.joinable()) thread_.join();
    // glibc keeps what is freed for reuse: give it back to the system, so that what the process
    // allocates next in one piece (the twin, the next paper) does not add to its peak.
    auto free_and_trim = [free = std::move(free)] {
      free();
      malloc_trim(0);
    };
    try {
      thread_ = std::thread(free_and_trim);
    } catch (const std::system_error&) {
      free_and_trim();
    }
  }

  void Wait() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::mutex mutex_;
  std::thread thread_;
};

BackgroundFree& TheBackgroundFree() {
  static BackgroundFree freeing;
  return freeing;
}

}  // namespace

void FreeInBackground(std::function<void()> free) { TheBackgroundFree().Start(std::move(free)); }

void WaitForBackgroundFree() { TheBackgroundFree().Wait(); }

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
