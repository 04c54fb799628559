// The actions that change things: approve and reject (directors), rebuild (clerks and admins).
// Approving and rebuilding run the clerk program itself (`clerk sign-off`, `clerk build`), so
// the page goes through exactly the code the command line does, each run in a process of its
// own: what it prints is captured for the page, and a failure in it cannot take the server down.

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include "registry/registry.h"
#include "web/app.h"

namespace clerk::web {

namespace {

// A review key names a folder under the inputs: one plain name, never a path.
bool IsPlainName(const std::string& name) {
  if (name.empty() || name == "." || name == "..") return false;
  return name.find('/') == std::string::npos && name.find('\\') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

std::string Trimmed(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

ChildResult WebApp::RunClerk(const std::vector<std::string>& arguments) const {
  Poco::Pipe input;
  Poco::Pipe output;
  Poco::ProcessHandle child =
      Poco::Process::launch(settings_.clerk_program, arguments, &input, &output, &output);
  input.close();
  Poco::PipeInputStream stream(output);
  ChildResult result;
  char buffer[4096];
  while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
    result.output.append(buffer, static_cast<size_t>(stream.gcount()));
  }
  result.exit_status = child.wait();
  return result;
}

bool WebApp::DraftUnchanged(Exchange& exchange, const registry::ReportDetail& detail) {
  std::string seen = exchange.form["version"];
  std::string current = std::to_string(detail.item.latest_version);
  if (seen == current && exchange.form["content"] == detail.draft_content_sha256) return true;
  ReportPage(exchange, 409,
             "The draft changed since you opened the page: it is now draft v" + current +
                 ". Read it before you decide; nothing was recorded.");
  return false;
}

void WebApp::Approve(Exchange& exchange) {
  std::optional<registry::ReportDetail> detail = store_.Report(exchange.route.report);
  if (!detail) return SendMessage(exchange, 404, "Not found", "There is no such report.");
  if (!DraftUnchanged(exchange, *detail)) return;
  if (!IsPlainName(detail->item.review_key)) {
    return ReportPage(exchange, 409, "The report's review has a name that is not a folder name.");
  }
  const registry::UserRecord& user = *exchange.user;
  std::vector<std::string> arguments{
      "sign-off",   detail->item.reference,
      "--by",       user.name,
      "--role",     user.title.empty() ? "Director" : user.title,
      "--draft",    std::to_string(detail->item.latest_version),
      "--registry", settings_.registry_path,
      "--review",   settings_.inputs_dir + "/" + detail->item.review_key};
  std::string comment = Trimmed(exchange.form["comment"]);
  if (!comment.empty()) {
    arguments.push_back("--comment");
    arguments.push_back(comment);
  }
  if (!settings_.paper_templates.empty()) {
    arguments.push_back("--templates");
    arguments.push_back(settings_.paper_templates);
  }
  ChildResult result = RunClerk(arguments);
  if (result.exit_status != 0) {
    return ReportPage(exchange, 409, "The sign-off was refused; nothing was approved.",
                      result.output);
  }
  Redirect(exchange, "/reports/" + std::to_string(detail->item.id) + "?message=approved");
}

void WebApp::Reject(Exchange& exchange) {
  std::optional<registry::ReportDetail> detail = store_.Report(exchange.route.report);
  if (!detail) return SendMessage(exchange, 404, "Not found", "There is no such report.");
  if (!DraftUnchanged(exchange, *detail)) return;
  std::string comment = Trimmed(exchange.form["comment"]);
  if (comment.empty()) {
    return ReportPage(exchange, 400, "A rejection needs a comment saying what must change.");
  }
  registry::DecisionRequest request;
  request.reference = detail->item.reference;
  request.by = exchange.user->name;
  request.role = exchange.user->title;
  request.comment = comment;
  request.at = registry::NowUtc();
  request.draft_version = detail->item.latest_version;
  // The same registry call as `clerk reject`.
  Diagnostics diagnostics;
  auto registry = registry::Registry::Open(settings_.registry_path, diagnostics);
  if (!registry || !registry->Reject(request, diagnostics)) {
    std::string why;
    for (const Diagnostic& diagnostic : diagnostics.Items()) why += diagnostic.message + "\n";
    return ReportPage(exchange, 409, "The rejection was refused; nothing was recorded.", why);
  }
  Redirect(exchange, "/reports/" + std::to_string(detail->item.id) + "?message=rejected");
}

void WebApp::Rebuild(Exchange& exchange) {
  std::optional<registry::ReportDetail> detail = store_.Report(exchange.route.report);
  if (!detail) return SendMessage(exchange, 404, "Not found", "There is no such report.");
  if (!IsPlainName(detail->item.review_key)) {
    return ReportPage(exchange, 409, "The report's review has a name that is not a folder name.");
  }
  std::int64_t report = detail->item.id;
  std::string prefix = "/reports/" + std::to_string(report) + "/builds/";
  std::lock_guard<std::mutex> lock(builds_mutex_);
  // One build of a report at a time: asking again shows the one running.
  auto running = running_.find(report);
  if (running != running_.end())
    return Redirect(exchange, prefix + std::to_string(running->second));
  std::int64_t log = store_.StartBuildLog(report, exchange.user->name, registry::NowUtc());
  std::vector<std::string> arguments{
      "build",        settings_.inputs_dir + "/" + detail->item.review_key,
      "--report",     detail->item.report_id,
      "--registry",   settings_.registry_path,
      "--output-dir", settings_.output_dir};
  if (!settings_.paper_templates.empty()) {
    arguments.push_back("--templates");
    arguments.push_back(settings_.paper_templates);
  }
  if (!settings_.committees_path.empty()) {
    arguments.push_back("--committees");
    arguments.push_back(settings_.committees_path);
  }
  running_[report] = log;
  ++builds_running_;
  std::thread([this, report, log, arguments] {
    ChildResult result;
    try {
      result = RunClerk(arguments);
    } catch (const std::exception& error) {
      result.exit_status = 70;
      result.output = std::string("the build could not be started: ") + error.what();
    }
    try {
      store_.FinishBuildLog(log, registry::NowUtc(), result.exit_status, result.output);
    } catch (const std::exception&) {
      // The registry is unusable: the page shows the build as unfinished.
    }
    std::lock_guard<std::mutex> done(builds_mutex_);
    running_.erase(report);
    --builds_running_;
    builds_done_.notify_all();
  }).detach();
  Redirect(exchange, prefix + std::to_string(log));
}

}  // namespace clerk::web
