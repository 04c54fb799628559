#pragma once

#include <functional>
#include <optional>
#include <string>

#include "compute/facts.h"
#include "core/diagnostic.h"
#include "core/model.h"
#include "markup/document.h"
#include "merge/merge.h"

namespace clerk::cli {

/// Merges report `report_id` (merge::MergeReport) and parses its markup (markup::ParseMarkup,
/// naming it `markup_name`) at once: a thread of its own parses the markup while the merge writes
/// it, so the two no longer take one after the other (scale 45: 49 ms of merging, 85 of parsing),
/// and the markup is never held whole. The diagnostics are those of the two run one after the
/// other: when the merge fails, the parse's are dropped. `merged`, when given, is called as soon
/// as the merge has succeeded: the review is not read after it.
std::optional<markup::Document> MergeAndParse(
    const Review& review, const compute::ReviewFacts& facts, const std::string& report_id,
    const merge::TemplateSet& templates, const merge::MergeOptions& options,
    const std::string& markup_name, const std::function<void()>& merged, Diagnostics& diagnostics);

}  // namespace clerk::cli
