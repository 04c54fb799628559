#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <istream>
#include <mutex>
#include <streambuf>
#include <string>
#include <string_view>

/// Text handed from the thread that writes it to a thread that reads it as a stream, piece by
/// piece, so that the reader works on the start while the writer makes the rest. A build merges
/// a paper's markup on one core while the other parses it.
namespace clerk {

class TextPipe {
 public:
  /// The writer hands the reader a piece once it has gathered this many bytes.
  static constexpr size_t kPieceSize = 64 * 1024;

  TextPipe();
  TextPipe(const TextPipe&) = delete;
  TextPipe& operator=(const TextPipe&) = delete;

  /// The writer's end: appends `text`.
  void Write(std::string_view text);
  /// The writer's end: hands over what is gathered; the reader then reaches the end of the
  /// stream. Call once, whatever happened, or the reader waits for ever (ClosePipeOnExit).
  void Close();

  /// The reader's end, for one thread: blocks until there is text or the pipe is closed.
  std::istream& Reader() { return reader_; }

 private:
  class ReadBuffer : public std::streambuf {
   public:
    explicit ReadBuffer(TextPipe& pipe) : pipe_(pipe) {}

   protected:
    int_type underflow() override;

   private:
    TextPipe& pipe_;
    std::string piece_;  // the piece being read
  };

  void Hand(std::string piece);

  std::mutex mutex_;
  std::condition_variable handed_;
  std::deque<std::string> pieces_;  // handed over, not yet read
  bool closed_ = false;
  std::string gathering_;  // the writer's, not yet handed over
  ReadBuffer buffer_;
  std::istream reader_;
};

/// Closes a pipe when it goes out of scope, however the writer's scope is left.
class ClosePipeOnExit {
 public:
  explicit ClosePipeOnExit(TextPipe& pipe) : pipe_(pipe) {}
  ~ClosePipeOnExit() { pipe_.Close(); }
  ClosePipeOnExit(const ClosePipeOnExit&) = delete;
  ClosePipeOnExit& operator=(const ClosePipeOnExit&) = delete;

 private:
  TextPipe& pipe_;
};

}  // namespace clerk
