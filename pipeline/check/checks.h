#pragma once

#include <string>
#include <vector>

#include "check/check.h"
#include "load/suggest.h"

/// The rules of the check stage, one file per group (internal to check; CheckReview calls them).
namespace clerk::check {

/// Duplicate ids, keys and names.
void CheckDuplicates(const Review& review, Diagnostics& diagnostics);
/// Responses naming recommendations and parts; recommendations and parts with no response.
void CheckResponses(const Review& review, const load::LoadGaps& gaps, Diagnostics& diagnostics);
/// Exactly one timescale per action, naming an action that exists.
void CheckTimescales(const Review& review, const load::LoadGaps& gaps, Diagnostics& diagnostics);
/// Dated records in order; updates that no report will show yet.
void CheckDates(const Review& review, Diagnostics& diagnostics);
/// Reports: previous report, appendices, attainment data they need.
void CheckReports(const Review& review, const load::LoadGaps& gaps, Diagnostics& diagnostics);
/// Every school has the years and cohorts that the reports' comparisons need.
void CheckAttainment(const Review& review, const load::LoadGaps& gaps, Diagnostics& diagnostics);

/// "line 12" when `first` is in the same file as `here`, else "reports/a.yaml:12".
std::string PlaceOf(const SourceLocation& first, const SourceLocation& here);
/// "a, b and c".
std::string JoinWords(const std::vector<std::string>& words);
/// "did you mean 'X'?", or "the <kind_plural> are a, b, c" when there are a few, for a name that
/// points nowhere; "" once `known`'s budget is spent.
std::string NameHint(const std::string& name, load::Suggestions& known,
                     const std::string& kind_plural);

}  // namespace clerk::check
