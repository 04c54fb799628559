#include "cli/approval.h"

#include "core/date.h"

namespace clerk::cli {

std::string DayInWords(const std::string& at) {
  std::optional<Date> day = ParseIsoDay(at.substr(0, 10));
  return day ? day->ToWords() : at;
}

std::string ApprovalLine(const std::string& by, const std::string& role, const std::string& at) {
  return "Approved by " + by + ", " + role + ", " + DayInWords(at);
}

std::string SupersededWarning(const std::string& reference, const registry::Decision& approval,
                              int version) {
  return reference + " was approved by " + approval.by + " on " + DayInWords(approval.at) +
         "; these inputs have changed since, so the approval does not cover draft v" +
         std::to_string(version);
}

}  // namespace clerk::cli
