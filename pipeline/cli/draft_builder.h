#pragma once

#include <string>

#include "cli/paper_maker.h"
#include "core/file_system.h"

/// `clerk build` with the registry: every report of a review (or one) gets its reference, and a
/// new draft version when its content changed (docs/registry.md, "The calls a build makes").
namespace clerk::cli {

/// What one build is asked to do.
struct DraftBuildSettings {
  std::string review_folder;
  std::string report_id;        ///< one report; empty: every report of the review
  std::string output_dir;       ///< where new drafts are written (created when missing)
  std::string registry_path;    ///< the registry file
  std::string committees_path;  ///< the committees file (codes and reference patterns)
  PaperSettings paper;
};

/// Builds the drafts. Before the registry is opened, the review is loaded, checked and merged,
/// the committees read and the hashes computed, so an error in the inputs or templates leaves
/// the registry as it was. Then each report gets its reference and its plan, every paper that
/// must be written is rendered, and only then are they committed one by one (a commit that
/// another process overtook is planned and rendered again). Prints one line per report (Poco
/// logger "clerk", information), a loud warning for a report changed since its approval, and
/// every diagnostic on standard error. Returns the exit status: kExitOk, kExitErrors (inputs,
/// templates or the registry), kExitFailure (a PDF could not be written).
int BuildDrafts(const FileSystem& files, const DraftBuildSettings& settings);

}  // namespace clerk::cli
