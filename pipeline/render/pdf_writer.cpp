#include "render/pdf_writer.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>

#include "render/deflated_stream.h"

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

// The PDF as libharu writes it, in blocks of memory mapped for them alone, then copied into a
// string of its exact size, each block given back to the system once copied. A string grown as
// libharu writes doubles and copies its buffer, holding both at once (scale 45: a 15 MB PDF
// took 24 MB at the moment it grew, while libharu's objects were still held); blocks from malloc
// could stay in the process once freed. So the PDF is held about once at the peak.
class SavedBlocks {
 public:
  SavedBlocks() = default;
  ~SavedBlocks() {
    for (char* block : blocks_) munmap(block, kBlockSize);
  }
  SavedBlocks(const SavedBlocks&) = delete;
  SavedBlocks& operator=(const SavedBlocks&) = delete;

  /// False when no memory could be mapped.
  bool Append(const char* bytes, size_t size) {
    while (size > 0) {
      if (blocks_.empty() || used_ == kBlockSize) {
        void* block = mmap(nullptr, kBlockSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                           -1, 0);
        if (block == MAP_FAILED) return false;
        blocks_.push_back(static_cast<char*>(block));
        used_ = 0;
      }
      size_t count = std::min(size, kBlockSize - used_);
      std::memcpy(blocks_.back() + used_, bytes, count);
      used_ += count;
      bytes += count;
      size -= count;
    }
    return true;
  }

  /// Everything appended, as one string; the blocks are given back.
  std::string Take() {
    std::string bytes;
    if (blocks_.empty()) return bytes;
    bytes.reserve((blocks_.size() - 1) * kBlockSize + used_);
    for (size_t i = 0; i < blocks_.size(); ++i) {
      bytes.append(blocks_[i], i + 1 == blocks_.size() ? used_ : kBlockSize);
      munmap(blocks_[i], kBlockSize);
    }
    blocks_.clear();
    return bytes;
  }

 private:
  static constexpr size_t kBlockSize = size_t{1} << 20;
  std::vector<char*> blocks_;
  size_t used_ = 0;  // of the last block
};

// libharu's write callback for Save(): the stream's attr is the SavedBlocks being written.
extern "C" HPDF_STATUS AppendToBlocks(HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) {
  if (static_cast<SavedBlocks*>(stream->attr)->Append(reinterpret_cast<const char*>(bytes), size)) {
    return HPDF_OK;
  }
  return HPDF_SetError(stream->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
}

// Written into a page's content dictionary after its other entries: the stream's bytes are
// deflated already, so libharu writes them as they are (its filter is none) and this says how.
// libharu itself would write the same entry, in the same place.
extern "C" HPDF_STATUS WriteFlateFilter(HPDF_Dict dict, HPDF_Stream stream) {
  (void)dict;
  return HPDF_Stream_WriteStr(stream, "/Filter [/FlateDecode]\012");
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
  // copied out byte by byte: this one collects the bytes in SavedBlocks. The document frees it.
  SavedBlocks blocks;
  if (!doc_->stream) {
    doc_->stream = HPDF_CallbackWriter_New(doc_->mmgr, AppendToBlocks, &blocks);
    if (!Check(doc_->stream != nullptr, "writing the PDF")) return std::nullopt;
  }
  doc_->stream->attr = &blocks;
  HPDF_STATUS status = HPDF_SaveToStream(doc_);
  doc_->stream->attr = nullptr;
  if (!Check(status == HPDF_OK, "writing the PDF")) return std::nullopt;
  return blocks.Take();
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
