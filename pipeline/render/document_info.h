#pragma once

#include <vector>

#include "layout/pages.h"
#include "render/pdf_writer.h"

namespace clerk::render {

/// Sets the info dictionary: title, author, subject and keywords (those not empty), the
/// creator ("clerk <version>"), and the creation and modification dates from `info.date`
/// ("YYYY-MM-DD"; written as noon of that day, without a time zone; none when empty). Never
/// reads the clock.
bool SetDocumentInfo(PdfWriter& pdf, const layout::DocumentInfo& info);

/// Adds /PageLabels to the catalog: decimal numbers from each range's `start`, with its prefix
/// (any UTF-8). A default range (from 1, no prefix) covers the pages before the first range.
/// Nothing is added when `ranges` is empty. Ranges are in increasing order of first page.
bool AddPageLabels(PdfWriter& pdf, const std::vector<layout::PageLabelRange>& ranges);

}  // namespace clerk::render
