#include "cli/merge_and_parse.h"

#include <future>
#include <string_view>

#include "core/text_pipe.h"
#include "markup/parser.h"

namespace clerk::cli {

std::optional<markup::Document> MergeAndParse(
    const Review& review, const compute::ReviewFacts& facts, const std::string& report_id,
    const merge::TemplateSet& templates, const merge::MergeOptions& options,
    const std::string& markup_name, const std::function<void()>& merged, Diagnostics& diagnostics) {
  TextPipe pipe;
  Diagnostics parse_diagnostics;
  // Declared after the pipe, so destroyed (waiting for the parse) before it.
  std::future<std::optional<markup::Document>> parsed =
      std::async(std::launch::async, [&pipe, &markup_name, &parse_diagnostics] {
        return markup::ParseMarkup(pipe.Reader(), markup_name, parse_diagnostics);
      });
  bool merged_well = false;
  {
    // Closed however the merge ends, or the parse would wait for more markup for ever.
    ClosePipeOnExit closing(pipe);
    std::function<void(std::string_view)> write = [&pipe](std::string_view piece) {
      pipe.Write(piece);
    };
    merged_well =
        merge::MergeReportInto(review, facts, report_id, templates, options, write, diagnostics) &&
        !diagnostics.HasErrors();
  }
  if (merged_well && merged) merged();
  std::optional<markup::Document> document = parsed.get();
  if (!merged_well) return std::nullopt;
  diagnostics.AddAll(parse_diagnostics);
  return document;
}

}  // namespace clerk::cli
