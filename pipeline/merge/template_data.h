#pragma once

#include "compute/facts.h"
#include "core/diagnostic.h"
#include "core/model.h"
#include "merge/merge.h"
#include "merge/template_value.h"

/// Builds the data a report's templates are rendered with (the shape of template_schema.h):
/// every number of the paper (sections, paragraphs, appendices, anchors) is computed here.
namespace clerk::merge {

/// How much of the data BuildReportData makes.
enum class DataScope {
  kWhole,        ///< all of it, fitting ReportShape()
  kDiagnostics,  ///< only what can raise a diagnostic: no action-plan rows, progress summary or
                 ///< attainment tables (so it does not fit the shape); for checking, at less cost
};

/// The data for `report`, whose facts are `facts.Find(report.id)`. Appendices of kind `report`
/// hold the reproduced report's own data, built from its own definition and facts, with anchors
/// under its appendix's ("appendix-3-section-1", "appendix-3-1"). Problems (an unknown
/// placeholder, appendix key, report, recommendation or analysis; a report that reproduces
/// itself) are diagnosed where the review says them, whatever the scope.
Value BuildReportData(const Review& review, const compute::ReviewFacts& facts,
                      const ReportDefinition& report, const MergeOptions& options,
                      Diagnostics& diagnostics, DataScope scope = DataScope::kWhole);

/// `name` in capitals, for the signature block: ASCII and Latin-1 letters ("Zoë" -> "ZOË"); other
/// characters are kept as written.
std::string Capitals(const std::string& name);

}  // namespace clerk::merge
