// The pages that only read: the report list, a report, its PDFs, a build started from the page.

#include <fstream>
#include <sstream>

#include "registry/registry.h"
#include "web/app.h"

namespace clerk::web {

namespace {

constexpr int kReportsPerPage = 50;
// Pages of the report list kept rendered (each a few tens of KiB).
constexpr size_t kCachedListPages = 256;
// What a redirect after an action may ask the report page to say (never text from the request).
const std::map<std::string, std::string> kMessages = {
    {"approved", "Approved. The final PDF is published."},
    {"rejected", "Rejected. The clerk sees your comment in the history."},
};

std::string StateText(const registry::ReportListItem& item) {
  std::string version = "v" + std::to_string(item.latest_version);
  switch (item.state) {
    case registry::ReportState::kNoDraft:
      return "no draft";
    case registry::ReportState::kDraft:
      return "draft " + version;
    case registry::ReportState::kApproved:
      return "approved (" + version + ")";
    case registry::ReportState::kRejected:
      return "rejected (" + version + ")";
    case registry::ReportState::kChangedSinceApproval:
      return "changed since approval (draft " + version + ")";
  }
  return "";
}

std::string StateClass(registry::ReportState state) {
  switch (state) {
    case registry::ReportState::kApproved:
      return "approved";
    case registry::ReportState::kRejected:
      return "rejected";
    case registry::ReportState::kChangedSinceApproval:
      return "changed";
    default:
      return "draft";
  }
}

// A committee code as committees.yaml spells them; anything else is ignored.
bool IsCommitteeCode(const std::string& text) {
  if (text.empty() || text.size() > 32) return false;
  for (char c : text) {
    bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_';
    if (!allowed) return false;
  }
  return true;
}

std::string BuildSummary(const registry::BuildLog& log) {
  if (log.finished_at.empty())
    return "Started by " + log.started_by + " at " + log.started_at + "; still running.";
  std::string how = log.exit_status == 0 ? "succeeded"
                    : log.exit_status == 2
                        ? "stopped on errors"
                        : "failed (exit status " + std::to_string(log.exit_status) + ")";
  return "Started by " + log.started_by + " at " + log.started_at + "; " + how + " at " +
         log.finished_at + ".";
}

}  // namespace

void WebApp::ReportList(Exchange& exchange) {
  auto query = ParseForm(QueryOf(exchange.request.getURI()));
  std::string committee = query["committee"];
  if (!IsCommitteeCode(committee)) committee.clear();
  int page_number = 1;
  const std::string& page_text = query["page"];
  if (!page_text.empty() && page_text.size() < 7 &&
      page_text.find_first_not_of("0123456789") == std::string::npos) {
    page_number = std::max(1, std::stoi(page_text));
  }
  std::string key = committee + "|" + std::to_string(page_number);
  std::int64_t mark = store_.ChangeMark();
  std::optional<std::string> cached_body;
  {
    std::lock_guard<std::mutex> lock(list_cache_mutex_);
    auto cached = list_cache_.find(key);
    if (cached != list_cache_.end() && cached->second.first == mark) {
      cached_body = cached->second.second;
    }
  }
  if (cached_body) {
    return Send(exchange, 200, "text/html; charset=utf-8",
                templates_.RenderLayout(*cached_body, LayoutData(exchange, "Reports")));
  }
  registry::ReportListPage list =
      store_.ListReports(committee, (page_number - 1) * kReportsPerPage, kReportsPerPage);
  PageData page;
  PageData committees{PageData::type::list};
  for (const std::string& code : store_.Committees()) {
    PageData entry;
    entry.set("code", code);
    entry.set("selected", code == committee);
    committees.push_back(entry);
  }
  page.set("committees", committees);
  PageData rows{PageData::type::list};
  for (const registry::ReportListItem& item : list.items) {
    PageData row;
    row.set("id", std::to_string(item.id));
    row.set("reference", item.reference);
    row.set("review", item.review_key);
    row.set("report", item.report_id);
    row.set("state", StateText(item));
    row.set("state_class", StateClass(item.state));
    rows.push_back(row);
  }
  page.set("reports", rows);
  page.set("has_reports", !list.items.empty());
  if (!committee.empty()) page.set("committee", committee);
  page.set("summary", list.total == 0 ? std::string("No reports yet.")
                                      : std::to_string(list.total) +
                                            (list.total == 1 ? " report." : " reports."));
  int page_count = (list.total + kReportsPerPage - 1) / kReportsPerPage;
  if (page_count > 1) {
    std::string base = "/?" + (committee.empty() ? "" : "committee=" + committee + "&") + "page=";
    PageData pages;
    pages.set("page", std::to_string(page_number));
    pages.set("page_count", std::to_string(page_count));
    if (page_number > 1) pages.set("previous", base + std::to_string(page_number - 1));
    if (page_number < page_count) pages.set("next", base + std::to_string(page_number + 1));
    page.set("pages", pages);
  }
  std::string body = templates_.RenderBody("reports", page);
  {
    std::lock_guard<std::mutex> lock(list_cache_mutex_);
    if (list_cache_.size() >= kCachedListPages) list_cache_.clear();
    list_cache_[key] = {mark, body};
  }
  Send(exchange, 200, "text/html; charset=utf-8",
       templates_.RenderLayout(body, LayoutData(exchange, "Reports")));
}

void WebApp::ReportPage(Exchange& exchange, int status, const std::string& problem,
                        const std::string& problem_detail) {
  std::optional<registry::ReportDetail> detail = store_.Report(exchange.route.report);
  if (!detail) return SendMessage(exchange, 404, "Not found", "There is no such report.");
  const registry::ReportListItem& item = detail->item;
  PageData page;
  page.set("id", std::to_string(item.id));
  page.set("reference", item.reference);
  page.set("review", item.review_key);
  page.set("report", item.report_id);
  page.set("state", StateText(item));
  page.set("state_class", StateClass(item.state));
  page.set("csrf", exchange.csrf);
  bool has_draft = item.latest_version > 0;
  page.set("has_draft", has_draft);
  page.set("version", std::to_string(item.latest_version));
  page.set("content", detail->draft_content_sha256);
  page.set("draft_at", detail->draft_created_at);
  page.set("has_final", !detail->final_path.empty());
  page.set("can_decide", has_draft && item.state != registry::ReportState::kApproved &&
                             exchange.user->role == registry::UserRole::kDirector);
  page.set("can_rebuild", exchange.user->role != registry::UserRole::kDirector);
  if (std::optional<registry::BuildLog> log = store_.LatestBuildLog(item.id)) {
    PageData build;
    build.set("build_id", std::to_string(log->id));
    build.set("build_summary", BuildSummary(*log));
    if (!log->output.empty()) build.set("build_output", log->output);
    page.set("build", build);
  } else if (!detail->last_build_outcome.empty()) {
    page.set("outcome", detail->last_build_outcome);
    page.set("outcome_at", detail->last_build_at);
  }
  PageData history{PageData::type::list};
  for (const registry::Event& event : detail->history) {
    PageData row;
    row.set("at", event.at);
    row.set("kind", event.kind);
    row.set("version", event.draft_version > 0 ? "v" + std::to_string(event.draft_version) : "");
    row.set("by", event.by);
    row.set("detail", event.detail);
    history.push_back(row);
  }
  page.set("history", history);
  PageData layout = LayoutData(exchange, item.reference);
  auto query = ParseForm(QueryOf(exchange.request.getURI()));
  auto message = kMessages.find(query["message"]);
  if (message != kMessages.end()) layout.set("message", message->second);
  if (!problem.empty()) layout.set("problem", problem);
  if (!problem_detail.empty()) layout.set("problem_detail", problem_detail);
  SendPage(exchange, status, "report", page, layout);
}

void WebApp::Pdf(Exchange& exchange, bool final) {
  std::optional<registry::ReportDetail> detail = store_.Report(exchange.route.report);
  // The file is the one the registry records for this report: no name from the request is used.
  std::string path = !detail ? "" : final ? detail->final_path : detail->draft_path;
  if (path.empty()) return SendMessage(exchange, 404, "Not found", "There is no such PDF.");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return SendMessage(exchange, 404, "Not found",
                       "The registry records this PDF but its file is missing; rebuilding the "
                       "report restores a draft.");
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string name = detail->item.reference;
  for (char& c : name) {
    if (c == '/') c = '-';
  }
  name += final ? ".pdf" : "-draft-v" + std::to_string(detail->item.latest_version) + ".pdf";
  bool download = ParseForm(QueryOf(exchange.request.getURI())).count("download") > 0;
  exchange.response.set("Content-Disposition", std::string(download ? "attachment" : "inline") +
                                                   "; filename=\"" + name + "\"");
  // Chromium's own PDF viewer must run inside the page's frame: only who may frame it is set.
  exchange.response.set("Content-Security-Policy", "frame-ancestors 'self'");
  Send(exchange, 200, "application/pdf", bytes.str());
}

void WebApp::BuildPage(Exchange& exchange) {
  std::optional<registry::ReportDetail> detail = store_.Report(exchange.route.report);
  std::optional<registry::BuildLog> log = store_.FindBuildLog(exchange.route.build);
  if (!detail || !log || log->report != detail->item.id) {
    return SendMessage(exchange, 404, "Not found", "There is no such build.");
  }
  PageData page;
  page.set("id", std::to_string(detail->item.id));
  page.set("reference", detail->item.reference);
  bool running = log->finished_at.empty();
  page.set("running", running);
  page.set("by", log->started_by);
  page.set("started", log->started_at);
  page.set("summary", BuildSummary(*log) + " The report is now " + StateText(detail->item) + ".");
  if (!log->output.empty()) page.set("output", log->output);
  PageData layout = LayoutData(exchange, "Build of " + detail->item.reference);
  if (running) layout.set("refresh", "2");
  SendPage(exchange, 200, "build", page, layout);
}

}  // namespace clerk::web
