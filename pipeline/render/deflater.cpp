#include "render/deflater.h"

#include <zlib.h>

#include <algorithm>

#include "core/zlib_pack.h"

namespace clerk::render {

bool Deflate(std::string_view plain, std::string& packed) {
  // deflateInit's defaults, as Poco's DeflatingOutputStream, which wrote these streams before,
  // used them: the same bytes.
  return ZlibPack(plain, kPageCompressionLevel, packed);
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
  job->packed.resize(compressBound(static_cast<uLong>(plain.size())));
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
