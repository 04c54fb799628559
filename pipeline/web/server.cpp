#include "web/server.h"

#include <Poco/Crypto/Crypto.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "web/app.h"

namespace clerk::web {

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(WebApp& app) : app_(app) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    app_.Handle(request, response);
  }

 private:
  WebApp& app_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(WebApp& app) : app_(app) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(app_);
  }

 private:
  WebApp& app_;
};

int stop_pipe[2] = {-1, -1};

void RequestStop(int) {
  char byte = 1;
  // Only async-signal-safe calls here; a full pipe means a stop is already asked for.
  ssize_t ignored = write(stop_pipe[1], &byte, 1);
  (void)ignored;
}

}  // namespace

int Serve(const ServeSettings& settings, const std::function<void(const std::string&)>& listening,
          Diagnostics& diagnostics) {
  // Poco::Crypto starts and stops OpenSSL as its objects come and go, which is not safe across
  // threads; holding it started for the server's life makes every later start and stop a no-op.
  Poco::Crypto::initializeCrypto();
  std::optional<PageTemplates> templates = PageTemplates::Load(settings.web_templates, diagnostics);
  if (!templates) return 2;
  std::unique_ptr<registry::WebStore> store =
      registry::WebStore::Open(settings.registry_path, settings.threads, diagnostics);
  if (!store) return 2;

  // SIGTERM and SIGINT write a byte to a pipe that the main thread waits on. A handler rather
  // than a blocked mask and sigwait: the clerk processes the page starts for builds and
  // sign-offs would inherit a blocked mask, but exec resets handled signals to their default.
  if (pipe2(stop_pipe, O_CLOEXEC) != 0) {
    diagnostics.Error({settings.address, 0, 0}, "cannot make the pipe that stops the server");
    return 2;
  }
  struct sigaction on_stop {};
  on_stop.sa_handler = RequestStop;
  on_stop.sa_flags = SA_RESTART;
  sigemptyset(&on_stop.sa_mask);
  sigaction(SIGTERM, &on_stop, nullptr);
  sigaction(SIGINT, &on_stop, nullptr);

  Poco::Net::ServerSocket socket;
  try {
    socket.bind(
        Poco::Net::SocketAddress(settings.address, static_cast<Poco::UInt16>(settings.port)), true);
    socket.listen(64);
  } catch (const Poco::Exception& error) {
    diagnostics.Error({settings.address + ":" + std::to_string(settings.port), 0, 0},
                      "cannot listen there: " + error.displayText(),
                      "choose another --port, or stop what is using it");
    return 2;
  }
  WebApp app(settings, *store, std::move(*templates));
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(settings.threads);
  params->setMaxQueued(256);
  params->setTimeout(Poco::Timespan(settings.timeout_seconds, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setMaxKeepAliveRequests(1000);
  params->setServerName("clerk");
  Poco::ThreadPool pool("clerk-web", 2, settings.threads, 60);
  Poco::Net::HTTPServer server(new HandlerFactory(app), pool, socket, params);
  server.start();
  Poco::Net::SocketAddress bound = socket.address();
  std::string host = bound.host().toString();
  if (bound.family() == Poco::Net::SocketAddress::IPv6) host = "[" + host + "]";
  listening("http://" + host + ":" + std::to_string(bound.port()) + "/");

  char byte = 0;
  while (read(stop_pipe[0], &byte, 1) < 0 && errno == EINTR) {
  }
  server.stopAll(false);
  // stopAll stops accepting; wait for the requests being served, then the builds.
  pool.joinAll();
  app.JoinBuilds();
  Poco::Crypto::uninitializeCrypto();
  return 0;
}

}  // namespace clerk::web
