#pragma once

#include "core/diagnostic.h"
#include "core/model.h"

/// Stage "check": Review -> diagnostics about how its records fit together (references that point
/// nowhere, duplicate ids, recommendations without a response, missing years, ...).
namespace clerk::check {

void CheckReview(const Review& review, Diagnostics& diagnostics);

}  // namespace clerk::check
