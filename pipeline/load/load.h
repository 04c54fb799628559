#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/file_system.h"
#include "core/model.h"

/// Stage "load": a review folder on disk -> Review (plain values with source locations).
/// Only this stage (and publish) reads the disk, through FileSystem; only this stage knows
/// yaml-cpp. docs/inputs.md is the schema this stage accepts.
namespace clerk::load {

/// Record sets that could not be read at all: their file is missing, unreadable, not YAML, or not
/// the right shape. The check stage skips the rules that need them, so that one broken file is
/// one error rather than one more for every reference into it.
struct LoadGaps {
  bool recommendations = false;
  bool responses = false;
  bool timescales = false;
  bool attainment = false;  ///< attainment.yaml exists but could not be read
  /// Some records were read without the id that others name them by (reported): check does not
  /// say that a name pointing at one "does not exist", nor that its answer is missing.
  bool unread_recommendation_ids = false;
  bool unread_action_ids = false;
  bool unread_timescale_actions = false;
  /// Reports whose file could not be read, by the file's name without ".yaml".
  std::vector<std::string> reports;
  /// Schools with a result or cohort that is there but wrong (reported): check does not also
  /// say that they lack it.
  std::vector<std::string> schools_with_bad_values;
};

/// Reads review.yaml, recommendations.yaml, responses.yaml, timescales.yaml, attainment.yaml and
/// reports/*.yaml under `folder`. Never throws: every problem (unreadable file, YAML syntax,
/// missing, unknown or wrongly typed field, bad date or number) becomes a diagnostic, and loading
/// goes on with what could be read so that all problems are reported at once. Narrative
/// placeholders
/// ({{appendix:KEY}}, {{figure:PATH}}) are checked here too, because only here is the source text
/// at hand to point at the placeholder's own line and column. `gaps`, when given, is filled in.
Review LoadReview(const FileSystem& files, const std::string& folder, Diagnostics& diagnostics,
                  LoadGaps* gaps = nullptr);

}  // namespace clerk::load
