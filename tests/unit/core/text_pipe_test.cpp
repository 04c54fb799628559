#include "core/text_pipe.h"

#include <catch2/catch.hpp>
#include <iterator>
#include <string>
#include <thread>

using clerk::ClosePipeOnExit;
using clerk::TextPipe;

namespace {

std::string ReadAll(std::istream& in) {
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("What one thread writes into a pipe, in pieces of any size, another reads whole") {
  // Pieces of odd sizes, several kPieceSize in all, so that hand-overs fall inside them.
  std::string written;
  for (int i = 0; written.size() < 5 * TextPipe::kPieceSize; ++i) {
    written += std::string(static_cast<size_t>(i % 977 + 1), static_cast<char>('a' + i % 26));
  }
  TextPipe pipe;
  std::string read;
  std::thread reader([&] { read = ReadAll(pipe.Reader()); });
  {
    ClosePipeOnExit closing(pipe);
    for (size_t at = 0; at < written.size(); at += 313) pipe.Write(written.substr(at, 313));
  }
  reader.join();
  CHECK(read.size() == written.size());
  CHECK(read == written);
}

TEST_CASE("A pipe closed with nothing written reads as empty, and closing twice is harmless") {
  TextPipe pipe;
  pipe.Close();
  pipe.Close();
  CHECK(ReadAll(pipe.Reader()).empty());
  CHECK(pipe.Reader().peek() == std::char_traits<char>::eof());
}

TEST_CASE("A reader waits for the writer: text short of a piece arrives when the pipe closes") {
  TextPipe pipe;
  std::string read;
  std::thread reader([&] { read = ReadAll(pipe.Reader()); });
  pipe.Write("<document>");
  pipe.Write("</document>");
  pipe.Close();
  reader.join();
  CHECK(read == "<document></document>");
}
