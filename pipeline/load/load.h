#pragma once

#include <string>

#include "core/diagnostic.h"
#include "core/file_system.h"
#include "core/model.h"

/// Stage "load": a review folder on disk -> Review (plain values with source locations).
/// Only this stage (and publish) reads the disk, through FileSystem; only this stage knows yaml-cpp.
namespace clerk::load {

/// Reads review.yaml, recommendations.yaml, responses.yaml, timescales.yaml, attainment.yaml and
/// reports/*.yaml under `folder`. Never throws: every problem (unreadable file, YAML syntax, missing,
/// unknown or wrongly typed field, bad date or number) becomes a diagnostic, and loading goes on
/// with what could be read so that all problems are reported at once.
Review LoadReview(const FileSystem& files, const std::string& folder, Diagnostics& diagnostics);

}  // namespace clerk::load
