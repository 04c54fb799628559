#pragma once

#include <hpdf.h>

#include <memory>
#include <string>

#include "render/deflater.h"

/// Internal to render: libharu streams whose bytes clerk keeps, in place of libharu's memory
/// streams (which copy every byte in and out of 4 KB blocks one at a time).
namespace clerk::render {

/// A libharu stream that first collects what is written to it (a page's drawing) in a
/// std::string, then, once DeflateStream has handed those bytes to `deflater`, is read by
/// libharu when it saves: the compressed bytes, waited for then, and freed once written (libharu
/// writes each stream once). Free it with HPDF_Stream_Free, as a document does its streams;
/// `deflater` must outlive it. nullptr when libharu has no memory for it.
HPDF_Stream NewDeflatedStream(HPDF_MMgr mmgr, Deflater& deflater);

/// True for a stream NewDeflatedStream made that is still collecting its bytes.
bool IsCollecting(HPDF_Stream stream);

/// When `stream` is one NewDeflatedStream made, still collecting and with nothing written yet,
/// makes `bytes` what was written to it, without copying them, and empties `bytes`; otherwise
/// false, and nothing is taken.
bool MoveIntoCollecting(HPDF_Stream stream, std::string& bytes);

/// Ends the collecting of `stream` (from NewDeflatedStream): queues what was written to it for
/// compression and returns the job. From here on libharu can only read it.
std::shared_ptr<DeflateJob> DeflateStream(HPDF_Stream stream);

}  // namespace clerk::render
