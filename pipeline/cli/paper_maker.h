#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "compute/facts.h"
#include "core/diagnostic.h"
#include "core/file_system.h"
#include "core/model.h"
#include "html/packed_html.h"
#include "layout/style.h"
#include "merge/merge.h"

/// The pipeline from a review folder to the bytes of its papers, with no disk writes: the verbs
/// that make papers (build, and later sign-off and the web page) all go through here, so a
/// paper is made the same way whoever asks for it.
namespace clerk::cli {

/// A review loaded, checked and computed.
struct PreparedReview {
  Review review;
  compute::ReviewFacts facts;
};

/// Why `folder` cannot be a review folder ("there is no folder 'x'"), or "" when it is a folder.
std::string ReviewFolderProblem(const FileSystem& files, const std::string& folder);

/// Loads, checks and computes the review in `folder`, and audits its published figures.
/// nullopt when any error was found (the diagnostics say what); warnings alone let it through.
std::optional<PreparedReview> PrepareReview(const FileSystem& files, const std::string& folder,
                                            Diagnostics& diagnostics);

/// The report `report_id` of the review, or nullptr.
const ReportDefinition* FindReport(const Review& review, const std::string& report_id);

/// How far to take a paper: printing an intermediate stage is how each one is inspected.
enum class Emit { kMarkup, kTree, kLayout, kPdf };

/// One report's paper, as far as it was taken.
struct Paper {
  std::string report_id;
  std::string markup;            ///< what the templates made, for Emit::kMarkup only
  std::string dump;              ///< the tree or layout dump, for Emit::kTree / kLayout
  std::string pdf;               ///< the PDF bytes, for Emit::kPdf
  std::string html;              ///< the accessible HTML twin (pipeline/html), for Emit::kPdf
  html::PackedHtml packed_html;  ///< the twin, when MakeHooks::keep_twin_packed: see there
  int pages = 0;
};

/// Where the HTML twin of the PDF at `pdf_path` goes: beside it, with ".html" for ".pdf"
/// ("outputs/CSSC-2011-01-draft-v1.pdf" -> "outputs/CSSC-2011-01-draft-v1.html").
std::string HtmlTwinPath(const std::string& pdf_path);

/// What a build asks of PaperMaker::Make besides the paper, to lower its peak memory. Both are
/// for Emit::kPdf only, and optional.
struct MakeHooks {
  /// Called once the paper's text is merged: from then on Make does not read the review it was
  /// given (nor the report id, when it points into it), and the caller may free it.
  std::function<void()> merged;
  /// Leave a large twin packed in Paper::packed_html (Paper::html is then empty), for the caller
  /// to unpack while it does something else (a build: while the PDF is recorded).
  bool keep_twin_packed = false;
};

/// Where the templates and the style are: `templates_dir`/<set>/*.mustache and `style_path`.
struct PaperSettings {
  std::string templates_dir;
  std::string style_path;
};

/// The settings a verb uses when the command line names none: templates/ in the current folder
/// when it has one (a clerk's own copy), else the templates clerk was built with.
PaperSettings DefaultPaperSettings(const FileSystem& files);

/// The template sets of a run, each read and checked the first time a report names it (its errors
/// are reported then, once), however many reports name it. Reads no style and no fonts.
class TemplateSets {
 public:
  /// Sets are the folders of `templates_dir`.
  TemplateSets(const FileSystem& files, std::string templates_dir);

  /// The set `report` names in its `template:` field, read and checked. When it cannot be used
  /// (TemplateSet::valid is false), its errors are at that field or in the set's files.
  const merge::TemplateSet& For(const ReportDefinition& report, Diagnostics& diagnostics);

  /// Finds every error that making the paper of `report_id` would find in the inputs and its
  /// template set up to its markup (merge::CheckReport), without making it. True when there are
  /// none. `clerk build` (through PaperMaker::Check) and `clerk check` both check reports here.
  bool Check(const PreparedReview& prepared, const std::string& report_id,
             Diagnostics& diagnostics);

 private:
  const FileSystem* files_;
  std::string templates_dir_;
  std::map<std::string, merge::TemplateSet> sets_;
};

/// Holds what every paper of a run shares (the style, the measured fonts, the template sets
/// read so far), so that making many papers reads each file once.
class PaperMaker {
 public:
  /// Reads the style and the fonts it names. nullopt, with errors, when either is unusable.
  static std::optional<PaperMaker> Create(const FileSystem& files, PaperSettings settings,
                                          Diagnostics& diagnostics);

  /// Makes the paper of `report_id` as far as `emit`. nullopt when any stage reported an error.
  std::optional<Paper> Make(const PreparedReview& prepared, const std::string& report_id,
                            const merge::MergeOptions& options, Emit emit, Diagnostics& diagnostics,
                            const MakeHooks& hooks = {});

  /// Warns, at its YAML field, of every character of `review`'s text that the style's fonts
  /// cannot draw (layout::CheckTextGlyphs), and remembers those characters: Make then does not
  /// warn of them again from the markup or the pages.
  void CheckGlyphs(const Review& review, Diagnostics& diagnostics);

  /// As TemplateSets::Check, with this maker's template sets.
  bool Check(const PreparedReview& prepared, const std::string& report_id,
             Diagnostics& diagnostics);

  /// The SHA-256 (registry::HashNamedFiles) of what a paper of `report` is made with besides
  /// its inputs: every file of its template set, the style file and the font files the style
  /// names (so a change in fonts/fonts.yaml counts when it changes a file). Names are relative
  /// ("templates/cover.mustache", "fonts/Liberation Sans/bold"), so a copy of the templates
  /// elsewhere hashes the same. nullopt, with an error, when a file cannot be read; nullopt when
  /// the report's template set cannot be used (its errors are reported once, by TemplateSets).
  std::optional<std::string> TemplatesSha256(const ReportDefinition& report,
                                             Diagnostics& diagnostics);

 private:
  PaperMaker(const FileSystem& files, PaperSettings settings, layout::Style style,
             layout::FontSet fonts);

  const FileSystem* files_;
  PaperSettings settings_;
  layout::Style style_;
  layout::FontSet fonts_;
  TemplateSets template_sets_;
  /// Characters CheckGlyphs reported, which layout and render do not report again.
  std::set<char32_t> reported_glyphs_;
  /// Font file path -> SHA-256 of its bytes, for every font Create read (and any read later).
  std::map<std::string, std::string> font_sha256_;
};

}  // namespace clerk::cli
