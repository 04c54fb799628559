#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "registry/web_store.h"
#include "web/pages.h"
#include "web/request_text.h"
#include "web/server.h"

/// Inside pipeline/web: what each request goes through (app.cpp), the pages that read
/// (report_pages.cpp) and the actions that change things (actions.cpp).
namespace clerk::web {

/// One request and what is known about it so far.
struct Exchange {
  Poco::Net::HTTPServerRequest& request;
  Poco::Net::HTTPServerResponse& response;
  Route route;
  std::string address;                       ///< the client's IP address
  std::optional<registry::UserRecord> user;  ///< signed in
  std::string token;                         ///< the session token (from the cookie)
  std::string csrf;                          ///< the session's CSRF token
  std::map<std::string, std::string> form;   ///< a POST's fields
};

/// What a child clerk process printed and how it ended.
struct ChildResult {
  int exit_status = -1;
  std::string output;  ///< standard output and standard error, interleaved
};

class WebApp {
 public:
  WebApp(ServeSettings settings, registry::WebStore& store, PageTemplates templates);
  ~WebApp();

  /// Serves one request; never throws.
  void Handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
  /// Waits for builds started from the page to finish.
  void JoinBuilds();

 private:
  void Dispatch(Exchange& exchange);
  bool ReadForm(Exchange& exchange);
  void FindSession(Exchange& exchange);

  // app.cpp: sign-in and sign-out.
  void LoginPage(Exchange& exchange, int status, const std::string& problem,
                 const std::string& login);
  void Login(Exchange& exchange);
  void Logout(Exchange& exchange);

  // report_pages.cpp
  void ReportList(Exchange& exchange);
  void ReportPage(Exchange& exchange, int status = 200, const std::string& problem = "",
                  const std::string& problem_detail = "");
  void Pdf(Exchange& exchange, bool final);
  void BuildPage(Exchange& exchange);

  // actions.cpp
  void Approve(Exchange& exchange);
  void Reject(Exchange& exchange);
  void Rebuild(Exchange& exchange);
  /// Checks the form's draft version and content hash against the latest draft; on a mismatch
  /// sends 409 and returns false.
  bool DraftUnchanged(Exchange& exchange, const registry::ReportDetail& detail);
  ChildResult RunClerk(const std::vector<std::string>& arguments) const;

  // Responses.
  PageData LayoutData(const Exchange& exchange, const std::string& title) const;
  void SendPage(Exchange& exchange, int status, const std::string& name, const PageData& page,
                PageData layout);
  void SendMessage(Exchange& exchange, int status, const std::string& heading,
                   const std::string& text);
  void Redirect(Exchange& exchange, const std::string& location);
  void Send(Exchange& exchange, int status, const std::string& content_type,
            const std::string& body);

  ServeSettings settings_;
  registry::WebStore& store_;
  PageTemplates templates_;
  std::string dummy_hash_;  ///< verified against when a login is unknown, so timing tells nothing
  std::mutex builds_mutex_;
  std::condition_variable builds_done_;
  int builds_running_ = 0;
  std::map<std::int64_t, std::int64_t> running_;  ///< report -> its running build log
  /// The report list's HTML by "committee|page", with the registry's ChangeMark it was made at:
  /// the list is the same for every user until the registry changes.
  std::mutex list_cache_mutex_;
  std::map<std::string, std::pair<std::int64_t, std::string>> list_cache_;
};

/// The time now, in Unix seconds.
std::int64_t NowUnix();

}  // namespace clerk::web
