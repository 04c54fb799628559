// A small HTTP load client for bench/web: `connections` keep-alive connections, each in its own
// thread, send GET <path> with a Cookie for `seconds` seconds; prints the requests per second
// that got 200 and the latency percentiles. Loopback only: it refuses any other host.
//
//   web_load <port> <path> <cookie> <connections> <seconds>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: web_load <port> <path> <cookie> <connections> <seconds>\n");
    return 2;
  }
  const auto port = static_cast<Poco::UInt16>(std::stoi(argv[1]));
  const std::string path = argv[2];
  const std::string cookie = argv[3];
  const int connections = std::stoi(argv[4]);
  const double seconds = std::stod(argv[5]);
  using Clock = std::chrono::steady_clock;
  const Clock::time_point end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                   std::chrono::duration<double>(seconds));
  std::atomic<long> ok{0}, failed{0};
  std::vector<std::vector<double>> latencies(static_cast<size_t>(connections));
  std::vector<std::thread> threads;
  Clock::time_point start = Clock::now();
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      Poco::Net::HTTPClientSession session("127.0.0.1", port);
      session.setKeepAlive(true);
      while (Clock::now() < end) {
        Clock::time_point sent = Clock::now();
        try {
          Poco::Net::HTTPRequest request("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
          request.setKeepAlive(true);
          request.set("Cookie", cookie);
          session.sendRequest(request);
          Poco::Net::HTTPResponse response;
          std::istream& body = session.receiveResponse(response);
          Poco::NullOutputStream sink;
          Poco::StreamCopier::copyStream(body, sink);
          if (response.getStatus() == 200) {
            ++ok;
          } else {
            ++failed;
          }
        } catch (const Poco::Exception&) {
          ++failed;
          session.reset();
        }
        latencies[static_cast<size_t>(c)].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (const auto& each : latencies) all.insert(all.end(), each.begin(), each.end());
  std::sort(all.begin(), all.end());
  auto percentile = [&](double p) {
    return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<size_t>(p * all.size()))];
  };
  std::printf(
      "%.0f requests/s (%ld ok, %ld failed in %.1f s over %d connections); latency "
      "p50 %.2f ms, p99 %.2f ms\n",
      static_cast<double>(ok) / elapsed, static_cast<long>(ok), static_cast<long>(failed), elapsed,
      connections, percentile(0.5), percentile(0.99));
  return failed > 0 ? 1 : 0;
}
