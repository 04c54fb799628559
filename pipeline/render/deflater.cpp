#include "render/deflater.h"

#include <libdeflate.h>

#include <algorithm>

namespace clerk::render {

namespace {

// libdeflate's compressors may not be shared between threads; making one for each stream would
// cost its tables' allocation and page faults every time. So each thread that compresses keeps
// one, freed when the thread ends.
struct ThreadCompressor {
  libdeflate_compressor* compressor = libdeflate_alloc_compressor(kPageCompressionLevel);
  ~ThreadCompressor() { libdeflate_free_compressor(compressor); }
};

libdeflate_compressor* CompressorOfThisThread() {
  thread_local ThreadCompressor mine;
  return mine.compressor;
}

}  // namespace

size_t DeflateBound(size_t plain_size) {
  return libdeflate_zlib_compress_bound(nullptr, plain_size);
}

bool Deflate(std::string_view plain, std::string& packed) {
  libdeflate_compressor* compressor = CompressorOfThisThread();
  if (!compressor) return false;  // out of memory
  packed.resize(std::max(packed.size(), DeflateBound(plain.size())));
  size_t size = libdeflate_zlib_compress(compressor, plain.data(), plain.size(), packed.data(),
                                         packed.size());
  packed.resize(size);
  return size != 0;  // 0: no room, which the bound rules out
}

Deflater::~Deflater() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (const auto& job : queue_) {
      job->failed = true;
      job->done = true;
    }
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::shared_ptr<DeflateJob> Deflater::Submit(std::string plain) {
  auto job = std::make_shared<DeflateJob>();
  // The room is made here, so that the bytes kept until saving are allocated by this thread
  // (glibc gives the other thread an arena of its own, which this one's freed memory never
  // serves) and the other thread allocates nothing it keeps.
  job->packed.resize(DeflateBound(plain.size()));
  job->plain = std::move(plain);
  {
    std::unique_lock<std::mutex> lock(mutex_);
    // With kMaxWaiting jobs waiting, the other thread is behind: this one compresses the oldest
    // rather than idle until the other takes it.
    while (queue_.size() >= kMaxWaiting) CompressOldest(lock);
    queue_.push_back(job);
    if (!thread_.joinable()) thread_ = std::thread(&Deflater::Run, this);
    TrimDone();
  }
  changed_.notify_all();
  untrimmed_.push_back(job);
  return job;
}

bool Deflater::Wait(const DeflateJob& job) {
  std::unique_lock<std::mutex> lock(mutex_);
  // Jobs still queued are compressed here too, oldest first, rather than waited for.
  while (!job.done) {
    if (queue_.empty()) {
      changed_.wait(lock);  // the other thread is compressing it
    } else {
      CompressOldest(lock);
    }
  }
  TrimDone();
  return !job.failed;
}

void Deflater::TrimDone() {
  while (!untrimmed_.empty() && untrimmed_.front()->done) {
    untrimmed_.front()->packed.shrink_to_fit();
    untrimmed_.pop_front();
  }
}

void Deflater::CompressOldest(std::unique_lock<std::mutex>& lock) {
  std::shared_ptr<DeflateJob> job = queue_.front();
  queue_.pop_front();
  changed_.notify_all();  // room for one more
  lock.unlock();
  // Outside the lock: nothing else touches a job that is neither queued nor done.
  bool packed = Deflate(job->plain, job->packed);
  lock.lock();
  std::string().swap(job->plain);
  job->failed = !packed;
  job->done = true;
  changed_.notify_all();
}

void Deflater::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    CompressOldest(lock);
  }
}

}  // namespace clerk::render
