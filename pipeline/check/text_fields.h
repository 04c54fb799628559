#pragma once

#include <vector>

#include "core/model.h"

namespace clerk::check {

/// Every text field of `review` that a paper may print, each with where it was read: the review's
/// title and council, recommendations and their parts, actions with their revisions, updates and
/// withdrawal reasons, timescales as written (with their reasons and notes), measure and school
/// names, and every text field of every report (sections, people, appendices and published
/// school names). In file order within each kind of record. The pointers point into `review`.
std::vector<const LocatedText*> ReviewTexts(const Review& review);

}  // namespace clerk::check
