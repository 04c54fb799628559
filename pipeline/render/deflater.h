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

/// zlib's level for pages' content streams and the fonts' streams: its fastest. For the ~1,000-page
/// bench review, level 2 took 40% of the CPU time of libharu's level 6 for content 27% larger
/// (bench/zlib_levels.py measures it). Since the pages' strings are literal (half the bytes of
/// hexadecimal ones), level 1 makes smaller PDFs than level 2 made of hexadecimal strings, in
/// fewer instructions than level 2 takes for the same literal ones (scale-9 plan: 2.90 MB
/// against 2.95 MB; deflating 145 M instructions against 148 M at level 2 and 166 M before).
/// Output stays the same for the same input.
inline constexpr int kPageCompressionLevel = 1;

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
/// same whatever the timing and whichever thread compresses it. At most kMaxWaiting jobs wait
/// uncompressed: beyond that, Submit compresses the oldest on the caller's thread, so a fast
/// caller neither holds a whole document's pages uncompressed nor idles. Wait, too, compresses
/// queued jobs rather than idle.
class Deflater {
 public:
  Deflater() = default;
  /// Stops the thread; jobs not yet compressed are marked failed.
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  /// Queues `plain` for compression (the thread starts with the first job).
  std::shared_ptr<DeflateJob> Submit(std::string plain);

  /// Returns once `job` is done, compressing queued jobs (oldest first) meanwhile; false when it
  /// failed. Call from the thread that submitted it.
  bool Wait(const DeflateJob& job);

  static constexpr size_t kMaxWaiting = 8;

 private:
  void Run();
  /// Under mutex_: gives the jobs done, oldest first, their exact size (the caller's thread).
  void TrimDone();
  /// Under mutex_ (held by `lock`, released while compressing): takes the oldest queued job
  /// and compresses it, on the calling thread.
  void CompressOldest(std::unique_lock<std::mutex>& lock);

  std::deque<std::shared_ptr<DeflateJob>> untrimmed_;  // the caller's thread's only
  std::mutex mutex_;
  std::condition_variable changed_;  // a job queued or done, or stopping
  std::deque<std::shared_ptr<DeflateJob>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace clerk::render
