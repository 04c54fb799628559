#include "web/request_text.h"

#include <algorithm>

namespace clerk::web {

namespace {

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string FormDecode(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && HexDigit(text[i + 1]) >= 0 &&
               HexDigit(text[i + 2]) >= 0) {
      out += static_cast<char>(HexDigit(text[i + 1]) * 16 + HexDigit(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// A registry number: 1 to 18 digits, no leading zero, so it fits an int64 and has one spelling.
bool ParseNumber(const std::string& text, std::int64_t& number) {
  if (text.empty() || text.size() > 18 || text[0] == '0') return false;
  if (text.find_first_not_of("0123456789") != std::string::npos) return false;
  number = std::stoll(text);
  return true;
}

}  // namespace

std::map<std::string, std::string> ParseCookies(const std::string& header) {
  std::map<std::string, std::string> cookies;
  size_t start = 0;
  while (start <= header.size()) {
    size_t end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(start, end - start);
    size_t equals = pair.find('=');
    if (equals != std::string::npos) {
      std::string name = Trim(pair.substr(0, equals));
      std::string value = Trim(pair.substr(equals + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      if (!name.empty()) cookies.emplace(name, value);
    }
    start = end + 1;
  }
  return cookies;
}

std::string CookieHeader(const std::string& name, const std::string& value, int max_age_seconds,
                         bool secure) {
  return name + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age_seconds) +
         "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::map<std::string, std::string> ParseForm(const std::string& body) {
  std::map<std::string, std::string> fields;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    std::string pair = body.substr(start, end - start);
    if (!pair.empty()) {
      size_t equals = pair.find('=');
      std::string name = FormDecode(pair.substr(0, equals));
      std::string value = equals == std::string::npos ? "" : FormDecode(pair.substr(equals + 1));
      fields.emplace(name, value);
    }
    start = end + 1;
  }
  return fields;
}

std::string QueryOf(const std::string& target) {
  size_t question = target.find('?');
  return question == std::string::npos ? "" : target.substr(question + 1);
}

Route ParseRoute(const std::string& target) {
  using Kind = Route::Kind;
  Route route;
  std::string path = target.substr(0, target.find('?'));
  if (path.empty() || path[0] != '/') return {Kind::kBadPath};
  for (char c : path) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '/' || c == '.' || c == '-' || c == '_';
    if (!allowed) return {Kind::kBadPath};
  }
  std::vector<std::string> segments;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  // "/" gives one empty segment; a trailing slash elsewhere is not one of our paths.
  if (segments.size() == 1 && segments[0].empty()) return {Kind::kHome};
  for (const std::string& segment : segments) {
    if (segment.empty() || segment == "." || segment == "..") return {Kind::kBadPath};
  }
  if (segments.size() == 1 && segments[0] == "login") return {Kind::kLogin};
  if (segments.size() == 1 && segments[0] == "logout") return {Kind::kLogout};
  if (segments.size() == 2 && segments[0] == "static" && segments[1] == "style.css") {
    return {Kind::kStyle};
  }
  if (segments[0] != "reports" || segments.size() < 2) return route;
  if (!ParseNumber(segments[1], route.report)) return route;
  if (segments.size() == 2) {
    route.kind = Kind::kReport;
  } else if (segments.size() == 3) {
    const std::string& leaf = segments[2];
    if (leaf == "draft.pdf") route.kind = Kind::kDraftPdf;
    if (leaf == "final.pdf") route.kind = Kind::kFinalPdf;
    if (leaf == "approve") route.kind = Kind::kApprove;
    if (leaf == "reject") route.kind = Kind::kReject;
    if (leaf == "rebuild") route.kind = Kind::kRebuild;
  } else if (segments.size() == 4 && segments[2] == "builds" &&
             ParseNumber(segments[3], route.build)) {
    route.kind = Kind::kBuild;
  }
  return route;
}

std::int64_t SecondsUntilAllowed(const std::vector<std::int64_t>& failures, int allowed,
                                 int window_seconds, std::int64_t now) {
  std::vector<std::int64_t> recent;
  for (std::int64_t at : failures) {
    if (at > now - window_seconds) recent.push_back(at);
  }
  if (static_cast<int>(recent.size()) < allowed) return 0;
  std::sort(recent.begin(), recent.end());
  // Once this failure leaves the window, one fewer than `allowed` remain.
  std::int64_t oldest_that_counts = recent[recent.size() - static_cast<size_t>(allowed)];
  return std::max<std::int64_t>(1, oldest_that_counts + window_seconds - now);
}

}  // namespace clerk::web
