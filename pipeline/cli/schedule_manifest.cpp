#include "cli/schedule_manifest.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "publish/publish_file.h"

namespace clerk::cli {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr NewObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// Milliseconds, as a number of seconds with three decimals.
double Rounded(double seconds) { return std::round(seconds * 1000) / 1000; }

Array::Ptr DiagnosticsOf(const Diagnostics& diagnostics, Severity severity) {
  Array::Ptr list = new Array;
  for (const Diagnostic& diagnostic : diagnostics.Sorted()) {
    if (diagnostic.severity != severity) continue;
    Object::Ptr item = NewObject();
    item->set("file", diagnostic.where.file);
    item->set("line", diagnostic.where.line);
    item->set("column", diagnostic.where.column);
    item->set("message", diagnostic.message);
    if (!diagnostic.hint.empty()) item->set("hint", diagnostic.hint);
    list->add(item);
  }
  return list;
}

Object::Ptr ReportJson(const ReportOutcome& report) {
  Object::Ptr item = NewObject();
  item->set("id", report.report_id);
  if (!report.made_from.empty()) item->set("made_from", report.made_from);
  item->set("action", report.action);
  if (report.draft) {
    item->set("reference", report.draft->reference);
    item->set("draft_version", report.draft->version);
    item->set("pdf", report.draft->pdf_path);
    item->set("pdf_sha256", report.draft->pdf_sha256);
    item->set("content_sha256", report.draft->content_sha256);
    item->set("inputs_sha256", report.draft->inputs_sha256);
    item->set("templates_sha256", report.draft->templates_sha256);
  }
  item->set("exit_status", report.exit_status);
  item->set("seconds", Rounded(report.seconds));
  if (!report.output.empty()) item->set("output", report.output);
  return item;
}

}  // namespace

std::string ManifestJson(const RunOutcomeRecord& run) {
  Object::Ptr root = NewObject();
  root->set("run", static_cast<Poco::Int64>(run.id));
  root->set("run_as", run.run_as.ToIso());
  root->set("schedule", run.schedule);
  root->set("registry", run.registry);
  root->set("clerk_version", std::string(CLERK_VERSION));
  root->set("started_at", run.started_at);
  root->set("finished_at", run.finished_at);
  root->set("seconds", Rounded(run.seconds));
  root->set("summary", run.summary);
  root->set("failed", run.failed);
  root->set("stopped", run.stopped);
  Array::Ptr jobs = new Array;
  for (const PeriodOutcome& period : run.periods) {
    Object::Ptr item = NewObject();
    item->set("job", period.job);
    item->set("period", period.period.ToIso());
    item->set("state", period.state);
    item->set("detail", period.detail);
    item->set("review", period.review);
    item->set("output", period.output_dir);
    item->set("seconds", Rounded(period.seconds));
    Array::Ptr reports = new Array;
    for (const ReportOutcome& report : period.reports) reports->add(ReportJson(report));
    item->set("reports", reports);
    item->set("errors", DiagnosticsOf(period.diagnostics, Severity::kError));
    item->set("warnings", DiagnosticsOf(period.diagnostics, Severity::kWarning));
    jobs->add(item);
  }
  root->set("jobs", jobs);
  std::ostringstream out;
  root->stringify(out, 2);
  out << "\n";
  return out.str();
}

bool WriteManifest(const std::string& path, const RunOutcomeRecord& run, Diagnostics& diagnostics) {
  std::error_code ignored;
  std::filesystem::create_directories(ParentDirectory(path), ignored);
  return publish::PublishFile(path, ManifestJson(run), publish::OverwritePolicy::kReplaceDraft,
                              diagnostics);
}

}  // namespace clerk::cli
