#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "compute/facts.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "core/model.h"
#include "core/source_location.h"

/// Stage "merge": Review + Facts + a template set -> document markup (docs/markup.md), as text.
/// Only this stage knows Mustache (kainjow). Every value from the review reaches the markup
/// escaped, so no YAML value can change the document's structure; narrative placeholders
/// ({{appendix:KEY}}, {{figure:PATH}}) are replaced by merge, not by Mustache.
/// Template sets and the names they may use: templates/council-report/README.md.
namespace clerk::merge {

/// The main template of every set; every other *.mustache file of the set is a partial, named
/// by its file name without the extension ({{> cover}} is cover.mustache).
inline constexpr char kMainTemplate[] = "report";

/// One template file as read.
struct TemplateFile {
  std::string path;  ///< for diagnostics: "templates/council-report/cover.mustache"
  std::string text;
};

/// A template set, templates/<name>/, as loaded and checked by LoadTemplates.
struct TemplateSet {
  std::string name;                           ///< "council-report"
  std::string directory;                      ///< "templates/council-report"
  std::map<std::string, TemplateFile> files;  ///< by partial name; kMainTemplate is the root
  bool valid = false;  ///< read and checked without errors: MergeReport may use it
};

/// Reads every *.mustache file of `templates_dir`/`name` and checks each: Mustache syntax
/// (kainjow's errors, converted from byte offsets to line:column), every name a template uses
/// against the data it will be given (in the scope where it is used, following partials), every
/// partial it includes, and that no partial includes itself without going deeper into the data
/// (which would render for ever). Every problem is an error at file:line:column. `requested_at` is
/// where the set was asked for (a report's `template:` field), for the errors about the set itself
/// (no such folder, no report.mustache).
TemplateSet LoadTemplates(const FileSystem& files, const std::string& templates_dir,
                          const std::string& name, Diagnostics& diagnostics,
                          const SourceLocation& requested_at = {});

/// What the run adds to the paper beyond the review's data.
struct MergeOptions {
  std::string draft;   ///< the draft mark ("DRAFT v2"); empty for a signed-off paper
  std::string footer;  ///< the reference printed at the foot of every page ("CSSC/2011/07")
  // The members below have initialisers so that MergeOptions{draft, footer} stays complete
  // for -Wmissing-field-initializers.
  /// The paper's reference, printed on the cover ("CSSC/2011/07"); empty when it has none yet.
  std::string reference = {};
  /// A signed-off paper's approval, printed on the cover ("Approved by Jane Smith, Director of
  /// Children's Services, 25 November 2026"); empty for a draft.
  std::string approval = {};
};

/// Finds every error in the review's data or the templates that MergeReport would report for
/// `report_id`, without making the markup: the report and its templates exist and are valid, and
/// its data has no errors (built only as far as anything can be wrong with it: the action-plan
/// rows and attainment tables are computed figures, left out). The marks of MergeOptions are
/// plain text and cannot add errors. What is left to MergeReport is clerk's own check that the
/// whole data fits the shape the templates were checked against ("internal error"). Returns true
/// when there are none. For checking inputs before a run commits to anything, at a small
/// fraction of a merge's cost.
bool CheckReport(const Review& review, const compute::ReviewFacts& facts,
                 const std::string& report_id, const TemplateSet& templates,
                 Diagnostics& diagnostics);

/// The document markup of report `report_id`: its cover and its appendices in the order the
/// report attaches them, numbered (sections 1., 2.; paragraphs 1.1, 1.2; Appendix 1, 2, 3), with
/// a reproduced report (appendix kind `report`) made from its own definition and facts, its own
/// appendices nested inside with anchors of their own ("appendix-3-1"). Problems in the data
/// (an unknown placeholder, appendix, report or analysis) are errors at their source; returns ""
/// when `templates` is not valid or the report is unknown.
std::string MergeReport(const Review& review, const compute::ReviewFacts& facts,
                        const std::string& report_id, const TemplateSet& templates,
                        const MergeOptions& options, Diagnostics& diagnostics);

/// MergeReport's markup handed to `write` piece by piece as it is made, for a reader that works
/// on it meanwhile; the pieces joined are MergeReport's result when this returns true. On false
/// (an error), what was written is to be dropped.
bool MergeReportInto(const Review& review, const compute::ReviewFacts& facts,
                     const std::string& report_id, const TemplateSet& templates,
                     const MergeOptions& options,
                     const std::function<void(std::string_view)>& write, Diagnostics& diagnostics);

}  // namespace clerk::merge
