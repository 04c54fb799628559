#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "core/diagnostic.h"
#include "web/request_text.h"

/// `clerk serve`: the sign-off web page on the registry (docs/web.md).
namespace clerk::web {

struct ServeSettings {
  std::string address = "127.0.0.1";  ///< where to listen: loopback unless told
  int port = 8080;                    ///< 0: any free port (printed when listening)
  std::string registry_path;
  std::string inputs_dir = "inputs";   ///< the folder of review folders (inputs/<review>)
  std::string output_dir;              ///< where rebuilds write drafts (the registry's folder)
  std::string paper_templates;         ///< --templates for builds and sign-offs; "" for theirs
  std::string committees_path;         ///< --committees for builds; "" for theirs
  std::string web_templates;           ///< templates/web
  std::string clerk_program;           ///< the clerk binary that builds and signs off
  int threads = 16;                    ///< requests served at once; more wait in a queue
  int timeout_seconds = 30;            ///< a client silent this long while sending is dropped
  int session_hours = 8;               ///< a session ends this long after sign-in
  bool secure_cookies = false;         ///< behind a TLS proxy: cookies only over HTTPS
  std::size_t body_limit = 64 * 1024;  ///< larger request bodies get 413
  LoginLimits limits;
};

/// Serves until SIGTERM or SIGINT, then stops taking connections, lets running requests and
/// builds finish and returns 0. `listening` is called with the URL once the socket is bound
/// (port 0: the port chosen). Returns kExitErrors (2) when it cannot start, with diagnostics.
int Serve(const ServeSettings& settings, const std::function<void(const std::string&)>& listening,
          Diagnostics& diagnostics);

}  // namespace clerk::web
