#include "cli/paper_maker.h"

#include <malloc.h>

#include <future>
#include <string_view>

#include "check/check.h"
#include "check/text_fields.h"
#include "cli/content_hash.h"
#include "cli/merge_and_parse.h"
#include "html/html.h"
#include "html/packed_html.h"
#include "layout/layout.h"
#include "layout/missing_glyphs.h"
#include "load/load.h"
#include "markup/dump.h"
#include "registry/hashing.h"
#include "render/render.h"

namespace clerk::cli {

namespace {

// Adds `found` (what layout or render found in a paper) to `diagnostics`, but for warnings of
// characters PaperMaker::CheckGlyphs reported at their YAML field already. A character layout
// still reports came from a template: the hint says how to see the markup it points into.
void AddPaperDiagnostics(const Diagnostics& found, const std::set<char32_t>& reported,
                         const std::string& markup_command, Diagnostics& diagnostics) {
  for (const Diagnostic& diagnostic : found.Items()) {
    char32_t glyph = diagnostic.character;
    if (glyph != 0 && reported.count(glyph) > 0) continue;
    if (glyph != 0 && !diagnostic.where.file.empty()) {
      Diagnostic shown = diagnostic;
      shown.hint += "; to see the text it is in, run '" + markup_command +
                    "', which prints the markup this line and column point into";
      diagnostics.Add(std::move(shown));
      continue;
    }
    diagnostics.Add(diagnostic);
  }
}

}  // namespace

std::string ReviewFolderProblem(const FileSystem& files, const std::string& folder) {
  if (files.IsDirectory(folder)) return "";
  return files.IsFile(folder) ? "'" + folder + "' is a file, not a review folder"
                              : "there is no folder '" + folder + "'";
}

std::optional<PreparedReview> PrepareReview(const FileSystem& files, const std::string& folder,
                                            Diagnostics& diagnostics) {
  PreparedReview prepared;
  // Check runs even after load errors (skipping what could not be read), so that every problem
  // is reported in one go, as `clerk check` reports it.
  load::LoadGaps gaps;
  prepared.review = load::LoadReview(files, folder, diagnostics, &gaps);
  check::CheckReview(prepared.review, diagnostics, gaps);
  if (diagnostics.HasErrors()) return std::nullopt;
  prepared.facts = compute::ComputeFacts(prepared.review, diagnostics);
  if (diagnostics.HasErrors()) return std::nullopt;
  compute::AuditPublished(prepared.review, prepared.facts, diagnostics);
  return prepared;
}

PaperSettings DefaultPaperSettings(const FileSystem& files) {
  std::string root = files.IsDirectory("templates") ? "." : CLERK_SOURCE_DIR;
  return PaperSettings{JoinPath(root, "templates"), JoinPath(root, "templates/style.yaml")};
}

TemplateSets::TemplateSets(const FileSystem& files, std::string templates_dir)
    : files_(&files), templates_dir_(std::move(templates_dir)) {}

const merge::TemplateSet& TemplateSets::For(const ReportDefinition& report,
                                            Diagnostics& diagnostics) {
  const std::string& name = report.template_name.value;
  auto found = sets_.find(name);
  if (found == sets_.end()) {
    merge::TemplateSet set = merge::LoadTemplates(*files_, templates_dir_, name, diagnostics,
                                                  report.template_name.where);
    found = sets_.emplace(name, std::move(set)).first;
  }
  return found->second;
}

bool TemplateSets::Check(const PreparedReview& prepared, const std::string& report_id,
                         Diagnostics& diagnostics) {
  const ReportDefinition* report = FindReport(prepared.review, report_id);
  if (!report) {
    diagnostics.Error({prepared.review.folder, 0, 0},
                      "the review has no report '" + report_id + "'");
    return false;
  }
  const merge::TemplateSet& templates = For(*report, diagnostics);
  return templates.valid &&
         merge::CheckReport(prepared.review, prepared.facts, report_id, templates, diagnostics);
}

PaperMaker::PaperMaker(const FileSystem& files, PaperSettings settings, layout::Style style,
                       layout::FontSet fonts)
    : files_(&files),
      settings_(std::move(settings)),
      style_(std::move(style)),
      fonts_(std::move(fonts)),
      template_sets_(files, settings_.templates_dir) {}

namespace {

// `files`, keeping the SHA-256 of every file read through it: the fonts are measured and hashed
// from one reading (they are the largest files a paper is made with).
class HashingFileSystem : public FileSystem {
 public:
  explicit HashingFileSystem(const FileSystem& files) : files_(files) {}

  std::optional<std::string> ReadFile(const std::string& path, std::string* error) const override {
    std::optional<std::string> bytes = files_.ReadFile(path, error);
    if (bytes) sha256_[path] = registry::Sha256Hex(*bytes);
    return bytes;
  }
  std::optional<std::vector<std::string>> ListDirectory(const std::string& path) const override {
    return files_.ListDirectory(path);
  }
  bool IsDirectory(const std::string& path) const override { return files_.IsDirectory(path); }
  bool IsFile(const std::string& path) const override { return files_.IsFile(path); }

  /// Path -> SHA-256 of the bytes read, for every file read so far.
  std::map<std::string, std::string> TakeHashes() { return std::move(sha256_); }

 private:
  const FileSystem& files_;
  mutable std::map<std::string, std::string> sha256_;
};

}  // namespace

std::optional<PaperMaker> PaperMaker::Create(const FileSystem& files, PaperSettings settings,
                                             Diagnostics& diagnostics) {
  layout::Style style = layout::LoadStyle(files, settings.style_path, diagnostics);
  if (diagnostics.HasErrors()) return std::nullopt;
  HashingFileSystem hashing(files);
  layout::FontSet fonts = layout::FontSet::Load(style, hashing, diagnostics);
  if (diagnostics.HasErrors()) return std::nullopt;
  PaperMaker maker(files, std::move(settings), std::move(style), std::move(fonts));
  maker.font_sha256_ = hashing.TakeHashes();
  return maker;
}

namespace {

render::FontFiles FontFilesOf(const layout::Style& style) {
  render::FontFiles files;
  for (const auto& [family, faces] : style.fonts) {
    for (layout::FontStyle face : {layout::FontStyle::kRegular, layout::FontStyle::kBold,
                                   layout::FontStyle::kItalic, layout::FontStyle::kBoldItalic}) {
      const std::string& path = faces.For(face);
      if (!path.empty()) files[render::FontFace{family, face}] = path;
    }
  }
  return files;
}

}  // namespace

std::string HtmlTwinPath(const std::string& pdf_path) {
  constexpr std::string_view kPdf = ".pdf";
  std::string_view stem = pdf_path;
  if (stem.size() >= kPdf.size() && stem.substr(stem.size() - kPdf.size()) == kPdf) {
    stem.remove_suffix(kPdf.size());
  }
  return std::string(stem) + ".html";
}

const ReportDefinition* FindReport(const Review& review, const std::string& report_id) {
  for (const ReportDefinition& report : review.reports) {
    if (report.id.value == report_id) return &report;
  }
  return nullptr;
}

std::optional<std::string> PaperMaker::TemplatesSha256(const ReportDefinition& report,
                                                       Diagnostics& diagnostics) {
  // A set that cannot be used has had its say (at the report's `template:` field, or in its
  // files): hashing it would only report again that it cannot be read.
  if (!template_sets_.For(report, diagnostics).valid) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> named;
  std::string set_dir = JoinPath(settings_.templates_dir, report.template_name.value);
  bool ok = CollectFolderFiles(*files_, set_dir, "templates/", named, diagnostics);
  std::string error;
  if (auto style = files_->ReadFile(settings_.style_path, &error)) {
    named.emplace_back("style.yaml", std::move(*style));
  } else {
    diagnostics.Error({settings_.style_path, 0, 0}, "cannot be read: " + error);
    ok = false;
  }
  for (const auto& [family, faces] : style_.fonts) {
    for (layout::FontStyle face : {layout::FontStyle::kRegular, layout::FontStyle::kBold,
                                   layout::FontStyle::kItalic, layout::FontStyle::kBoldItalic}) {
      const std::string& path = faces.For(face);
      if (path.empty()) continue;
      // Hashed once per run however many reports (and faces) use the file, from the bytes
      // Create measured: its whole contents are hashed, never judged by its size or date, since
      // sign-off relies on this hash.
      auto known = font_sha256_.find(path);
      if (known == font_sha256_.end()) {
        // A font is large: DiskFileSystem's limit for YAML is not meant for it.
        auto sha = registry::Sha256OfFile(path, &error);
        if (!sha) {
          diagnostics.Error({path, 0, 0}, "cannot be read: " + error);
          ok = false;
          continue;
        }
        known = font_sha256_.emplace(path, std::move(*sha)).first;
      }
      named.emplace_back("fonts/" + family + "/" + render::FontStyleName(face), known->second);
    }
  }
  if (!ok) return std::nullopt;
  return registry::HashNamedFiles(named);
}

void PaperMaker::CheckGlyphs(const Review& review, Diagnostics& diagnostics) {
  std::set<char32_t> reported =
      layout::CheckTextGlyphs(check::ReviewTexts(review), style_, fonts_, diagnostics);
  reported_glyphs_.insert(reported.begin(), reported.end());
}

bool PaperMaker::Check(const PreparedReview& prepared, const std::string& report_id,
                       Diagnostics& diagnostics) {
  return template_sets_.Check(prepared, report_id, diagnostics);
}

std::optional<Paper> PaperMaker::Make(const PreparedReview& prepared, const std::string& report_id,
                                      const merge::MergeOptions& options, Emit emit,
                                      Diagnostics& diagnostics, const MakeHooks& hooks) {
  const ReportDefinition* report = FindReport(prepared.review, report_id);
  if (!report) {
    diagnostics.Error({prepared.review.folder, 0, 0},
                      "the review has no report '" + report_id + "'");
    return std::nullopt;
  }
  const merge::TemplateSet& templates = template_sets_.For(*report, diagnostics);
  if (!templates.valid) return std::nullopt;

  Paper paper;
  paper.report_id = report_id;
  // How to see the markup a warning points into (made now: `prepared` may be freed once merged).
  std::string markup_command = "clerk build " + prepared.review.folder + " --report " + report_id;
  if (settings_.templates_dir != DefaultPaperSettings(*files_).templates_dir) {
    markup_command += " --templates " + settings_.templates_dir;
  }
  markup_command += " --emit markup";
  if (emit == Emit::kMarkup) {
    paper.markup = merge::MergeReport(prepared.review, prepared.facts, report_id, templates,
                                      options, diagnostics);
    if (diagnostics.HasErrors()) return std::nullopt;
    return paper;
  }
  // Markup errors are the template's fault: name the report so the clerk knows which paper.
  std::string markup_name = report_id + ".markup.xml";
  // Once merged, `prepared` (and `report`, which points into it) may be freed.
  std::function<void()> merged = emit == Emit::kPdf ? hooks.merged : nullptr;
  std::optional<markup::Document> document =
      MergeAndParse(prepared.review, prepared.facts, report_id, templates, options, markup_name,
                    merged, diagnostics);
  if (!document || diagnostics.HasErrors()) return std::nullopt;
  if (emit == Emit::kTree) {
    paper.dump = markup::DumpDocument(*document);
    return paper;
  }

  if (emit != Emit::kPdf) {
    Diagnostics laying;
    layout::LaidOutDocument laid = layout::Layout(*document, style_, fonts_, laying);
    AddPaperDiagnostics(laying, reported_glyphs_, markup_command, diagnostics);
    if (diagnostics.HasErrors()) return std::nullopt;
    paper.pages = static_cast<int>(laid.pages.size());
    paper.dump = layout::DumpLayout(laid);
    return paper;
  }

  // The twin needs only the document tree, the PDF the laid-out pages: the machine's second core
  // writes the twin while this one lays the pages out (layout takes several times longer). Both
  // only read the document, the style and the fonts.
  html::HtmlSettings twin;
  twin.style = &style_;
  twin.fonts = &fonts_;
  // The twin is held packed until the PDF is drawn and saved, the run's largest moment; it is
  // deflated as it is written, so that its text is never held whole.
  std::future<html::PackedHtml> html = std::async(
      std::launch::async, [&document, twin] { return html::RenderPackedHtml(*document, twin); });
  Diagnostics laying;
  layout::LaidOutDocument laid = layout::Layout(*document, style_, fonts_, laying);
  AddPaperDiagnostics(laying, reported_glyphs_, markup_command, diagnostics);
  html::PackedHtml twin_html = html.get();
  if (diagnostics.HasErrors()) return std::nullopt;
  paper.pages = static_cast<int>(laid.pages.size());
  // Only the pages are drawn: the text and tree they came from go first, to lower the peak.
  // Freeing them takes a while at a thousand pages (about 10 ms): the second core does it while
  // this one starts drawing, long before the PDF's peak.
  auto free_text = [tree = std::move(document)]() mutable {
    tree.reset();
    // glibc keeps freed memory for reuse, the twin thread's in a heap of that thread's own,
    // which the drawing (on the other thread) never reuses: give the twin's and the tree's back
    // to the system before the PDF's peak (scale 45: peak RSS 145 -> 135 MiB).
    malloc_trim(0);
  };
  // std::async's future waits for its thread however this function is left.
  std::future<void> freeing = std::async(std::launch::async, std::move(free_text));
  // Render frees each page once drawn.
  Diagnostics drawing;
  paper.pdf = render::RenderPdf(std::move(laid), FontFilesOf(style_), drawing);
  AddPaperDiagnostics(drawing, reported_glyphs_, markup_command, diagnostics);
  freeing.get();
  if (diagnostics.HasErrors() || paper.pdf.empty()) return std::nullopt;
  if (hooks.keep_twin_packed) {
    paper.packed_html = std::move(twin_html);
  } else {
    paper.html = twin_html.Unpack();
  }
  return paper;
}

}  // namespace clerk::cli
