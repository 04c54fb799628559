#include "core/text_pipe.h"

#include <utility>

namespace clerk {

TextPipe::TextPipe() : buffer_(*this), reader_(&buffer_) {}

void TextPipe::Write(std::string_view text) {
  gathering_.append(text);
  if (gathering_.size() < kPieceSize) return;
  std::string piece;
  piece.reserve(kPieceSize + kPieceSize / 4);
  piece.swap(gathering_);
  Hand(std::move(piece));
}

void TextPipe::Close() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_) return;
  if (!gathering_.empty()) pieces_.push_back(std::move(gathering_));
  gathering_ = std::string();
  closed_ = true;
  handed_.notify_one();
}

void TextPipe::Hand(std::string piece) {
  std::lock_guard<std::mutex> lock(mutex_);
  pieces_.push_back(std::move(piece));
  handed_.notify_one();
}

TextPipe::ReadBuffer::int_type TextPipe::ReadBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  do {
    std::unique_lock<std::mutex> lock(pipe_.mutex_);
    pipe_.handed_.wait(lock, [this] { return !pipe_.pieces_.empty() || pipe_.closed_; });
    if (pipe_.pieces_.empty()) return traits_type::eof();
    piece_ = std::move(pipe_.pieces_.front());
    pipe_.pieces_.pop_front();
  } while (piece_.empty());
  // Only read: std::streambuf's get area is typed char* but nothing writes through it.
  char* begin = piece_.data();
  setg(begin, begin, begin + piece_.size());
  return traits_type::to_int_type(*gptr());
}

}  // namespace clerk
