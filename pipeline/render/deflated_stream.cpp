#include "render/deflated_stream.h"

#include <hpdf_streams.h>

#include <algorithm>
#include <cstring>
#include <utility>

namespace clerk::render {

namespace {

// The stream's attr.
struct DeflatedStream {
  explicit DeflatedStream(Deflater& to) : deflater(&to) {}
  Deflater* deflater;
  std::string plain;                // what is written, until DeflateStream
  std::shared_ptr<DeflateJob> job;  // from DeflateStream on
  bool sized = false;
  size_t size = 0;  // of the compressed bytes, kept when they are freed
  size_t read = 0;  // how many of them libharu has read
};

DeflatedStream& StateOf(HPDF_Stream stream) { return *static_cast<DeflatedStream*>(stream->attr); }

extern "C" HPDF_STATUS AppendPlain(HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) {
  StateOf(stream).plain.append(reinterpret_cast<const char*>(bytes), size);
  return HPDF_OK;
}

// Waits for the compressed bytes; false (with libharu's error set) when compressing failed.
bool WaitForJob(HPDF_Stream stream) {
  DeflatedStream& state = StateOf(stream);
  if (!state.job || !state.deflater->Wait(*state.job)) {
    HPDF_SetError(stream->error, HPDF_ZLIB_ERROR, 0);
    return false;
  }
  if (!state.sized) state.size = state.job->packed.size();
  state.sized = true;
  return true;
}

extern "C" HPDF_STATUS ReadPacked(HPDF_Stream stream, HPDF_BYTE* bytes, HPDF_UINT* size) {
  if (!WaitForJob(stream)) {
    *size = 0;
    return HPDF_ZLIB_ERROR;
  }
  DeflatedStream& state = StateOf(stream);
  size_t count = std::min<size_t>(*size, state.size - state.read);
  std::memcpy(bytes, state.job->packed.data() + state.read, count);
  state.read += count;
  bool end = count < *size;
  *size = static_cast<HPDF_UINT>(count);
  if (end) std::string().swap(state.job->packed);  // written: not needed again
  return end ? HPDF_STREAM_EOF : HPDF_OK;
}

extern "C" HPDF_STATUS SeekPacked(HPDF_Stream stream, HPDF_INT position, HPDF_WhenceMode mode) {
  // libharu only ever rewinds a stream, before writing it out.
  if (position != 0 || mode != HPDF_SEEK_SET) {
    return HPDF_SetError(stream->error, HPDF_INVALID_OPERATION, 0);
  }
  StateOf(stream).read = 0;
  return HPDF_OK;
}

extern "C" HPDF_UINT32 SizeOfPacked(HPDF_Stream stream) {
  return WaitForJob(stream) ? static_cast<HPDF_UINT32>(StateOf(stream).size) : 0;
}

extern "C" void FreeState(HPDF_Stream stream) { delete &StateOf(stream); }

}  // namespace

HPDF_Stream NewDeflatedStream(HPDF_MMgr mmgr, Deflater& deflater) {
  auto* stream = static_cast<HPDF_Stream>(HPDF_GetMem(mmgr, sizeof(HPDF_Stream_Rec)));
  if (!stream) return nullptr;
  std::memset(stream, 0, sizeof *stream);
  stream->sig_bytes = HPDF_STREAM_SIG_BYTES;
  stream->type = HPDF_STREAM_CALLBACK;
  stream->mmgr = mmgr;
  stream->error = mmgr->error;
  stream->write_fn = AppendPlain;
  stream->free_fn = FreeState;
  stream->attr = new DeflatedStream(deflater);
  return stream;
}

bool IsCollecting(HPDF_Stream stream) {
  return stream && stream->free_fn == FreeState && stream->write_fn == AppendPlain;
}

bool MoveIntoCollecting(HPDF_Stream stream, std::string& bytes) {
  if (!IsCollecting(stream) || stream->size != 0 || bytes.empty()) return false;
  DeflatedStream& state = StateOf(stream);
  state.plain = std::move(bytes);
  bytes.clear();  // a moved-from string is valid but unspecified
  // As HPDF_Stream_Write counts what its write function takes.
  stream->size = static_cast<HPDF_UINT>(state.plain.size());
  return true;
}

std::shared_ptr<DeflateJob> DeflateStream(HPDF_Stream stream) {
  DeflatedStream& state = StateOf(stream);
  state.job = state.deflater->Submit(std::move(state.plain));
  // libharu takes a stream with a write function for one it is still writing (its size is then
  // the bytes written); without, it asks size_fn, and reads with read_fn.
  stream->write_fn = nullptr;
  stream->size = 0;
  stream->read_fn = ReadPacked;
  stream->seek_fn = SeekPacked;
  stream->size_fn = SizeOfPacked;
  return state.job;
}

}  // namespace clerk::render
