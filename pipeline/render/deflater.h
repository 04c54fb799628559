#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

/// Internal to render: compressing the PDF's streams, on a second thread.
namespace clerk::render {

/// zlib's level for pages' content streams and the fonts' streams. For the ~1,000-page bench
/// review, level 2 takes 40% of the CPU time of libharu's level 6 for content 27% larger (2.4 MB
/// against 1.9 MB, in a PDF of 10 MB): bench/zlib_levels.py measures it. Output stays the same
/// for the same input.
inline constexpr int kPageCompressionLevel = 2;

/// Writes `plain` to `packed` in the zlib format (what /FlateDecode reads), at
/// kPageCompressionLevel, in one call to zlib, using the room `packed` has (made larger when
/// zlib needs more); false when zlib fails (it runs out of memory).
bool Deflate(std::string_view plain, std::string& packed);

/// One stream's bytes on their way through a Deflater.
struct DeflateJob {
  std::string plain;   ///< what to compress; emptied once compressed
  std::string packed;  ///< the compressed bytes, once done
  bool done = false;
  bool failed = false;  ///< zlib failed, or the Deflater stopped first
};

/// Compresses streams on one thread of its own while the caller goes on (drawing the next page
/// on the other core). Every job's result depends on its own bytes alone, so the output is the
/// same whatever the timing. At most kMaxWaiting jobs wait uncompressed: Submit waits for the
/// thread beyond that, so a fast caller does not hold a whole document's pages uncompressed.
class Deflater {
 public:
  Deflater() = default;
  /// Stops the thread; jobs not yet compressed are marked failed.
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  /// Queues `plain` for compression (the thread starts with the first job).
  std::shared_ptr<DeflateJob> Submit(std::string plain);

  /// Waits until `job` is done; returns false when it failed. Call from the thread that
  /// submitted it.
  bool Wait(const DeflateJob& job);

  static constexpr size_t kMaxWaiting = 8;

 private:
  void Run();
  /// Under mutex_: gives the jobs done, oldest first, their exact size (the caller's thread).
  void TrimDone();

  std::deque<std::shared_ptr<DeflateJob>> untrimmed_;  // the caller's thread's only
  std::mutex mutex_;
  std::condition_variable changed_;  // a job queued or done, or stopping
  std::deque<std::shared_ptr<DeflateJob>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace clerk::render
