#pragma once

#include "core/diagnostic.h"
#include "core/model.h"
#include "load/load.h"

/// Stage "check": Review -> diagnostics about how its records fit together: duplicate ids;
/// responses, timescales and appendices that name something that does not exist; recommendations
/// without a response; actions without exactly one timescale; reports whose previous report is
/// missing or later; schools missing a year or a cohort that a report's comparison needs; updates
/// out of date order. (Shapes, types and narrative placeholders are checked by load.)
namespace clerk::check {

/// Adds a diagnostic for every rule the review breaks. Rules that need records listed in `gaps`
/// (files that could not be read at all) are skipped: those files are reported already.
void CheckReview(const Review& review, Diagnostics& diagnostics,
                 const load::LoadGaps& gaps = load::LoadGaps{});

}  // namespace clerk::check
