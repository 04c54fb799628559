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

/// The compression level, on libdeflate's scale, for pages' content streams and the fonts'
/// streams: its fastest. libdeflate compresses these streams in about half zlib's time at zlib's
/// fastest (level 1), and smaller: June's 37 streams (520 KB) in 2.3-3.2 ms against 5.8-6.7 ms,
/// to 162 KB against 169 KB; the 223-page plan's 235 streams (3.4 MB) in 10-12 ms against
/// 19-21 ms, to 625 KB against 678 KB. libdeflate's level 2 is slower than zlib's level 1.
/// Output stays the same for the same input.
inline constexpr int kPageCompressionLevel = 1;

/// The most bytes Deflate can make of `plain_size` bytes.
size_t DeflateBound(size_t plain_size);

/// Writes `plain` to `packed` in the zlib format (what /FlateDecode reads), at
/// kPageCompressionLevel, with libdeflate, using the room `packed` has (made DeflateBound when
/// it has less); false when libdeflate fails (it runs out of memory).
bool Deflate(std::string_view plain, std::string& packed);

/// One stream's bytes on their way through a Deflater.
struct DeflateJob {
  std::string plain;   ///< what to compress; emptied once compressed
  std::string packed;  ///< the compressed bytes, once done
  bool done = false;
  bool failed = false;  ///< compressing failed, or the Deflater stopped first
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
