#pragma once

#include <string>

#include "registry/records.h"

/// How an approval reads, on a final's cover and in messages.
namespace clerk::cli {

/// The day of a registry time ("2026-11-25T10:30:00Z") in words: "25 November 2026"; the text
/// itself when it does not begin with a date.
std::string DayInWords(const std::string& at);

/// "Approved by Jane Smith, Director of Children's Services, 25 November 2026": the line on a
/// final's cover, dated with the day the sign-off is recorded.
std::string ApprovalLine(const std::string& by, const std::string& role, const std::string& at);

/// "CSSC/2011/01 was approved by Jane Smith on 25 November 2026; these inputs have changed since,
/// so the approval does not cover draft v3": what a build says when the report changed after an
/// approval.
std::string SupersededWarning(const std::string& reference, const registry::Decision& approval,
                              int version);

}  // namespace clerk::cli
