#include <map>
#include <set>

#include "check/checks.h"

// Responses answer recommendations (and their parts) that exist; every recommendation, and every
// part, is answered by at least one action.
namespace clerk::check {

namespace {

std::vector<std::string> PartIds(const Recommendation& recommendation) {
  std::vector<std::string> ids;
  for (const RecommendationPart& part : recommendation.parts) ids.push_back(part.id.value);
  return ids;
}

bool HasPart(const Recommendation& recommendation, const std::string& id) {
  for (const RecommendationPart& part : recommendation.parts) {
    if (part.id.value == id) return true;
  }
  return false;
}

}  // namespace

void CheckResponses(const Review& review, const load::LoadGaps& gaps, Diagnostics& diagnostics) {
  std::map<std::string, const Recommendation*> recommendations;
  std::vector<std::string> recommendation_ids;
  for (const Recommendation& recommendation : review.recommendations) {
    if (recommendation.id.value.empty()) continue;
    recommendations.emplace(recommendation.id.value, &recommendation);
    recommendation_ids.push_back(recommendation.id.value);
  }

  std::set<std::string> answered;                                // recommendation ids
  std::set<std::pair<std::string, std::string>> answered_parts;  // (recommendation, part)
  load::Suggestions recommendation_names(recommendation_ids);
  bool unread_answer = false;  // an action whose recommendation could not be read may answer any
  for (const Action& action : review.actions) {
    const std::string& named = action.recommendation.value;
    unread_answer = unread_answer || named.empty();
    if (named.empty()) continue;
    answered.insert(named);
    if (action.part) answered_parts.emplace(named, action.part->value);
    if (gaps.recommendations || gaps.unread_recommendation_ids) continue;
    // Messages are only worked out for the few actions that need one: a review has thousands.
    auto who = [&action] {
      return action.id.value.empty() ? std::string("a response") : "response " + action.id.value;
    };
    auto found = recommendations.find(named);
    if (found == recommendations.end()) {
      diagnostics.Error(action.recommendation.where,
                        who() + " names recommendation '" + named + "', which does not exist",
                        NameHint(named, recommendation_names, "recommendations"));
      continue;
    }
    const Recommendation& recommendation = *found->second;
    bool has_parts = !recommendation.parts.empty();
    if (!action.part && has_parts) {
      diagnostics.Error(action.recommendation.where,
                        "recommendation " + named + " has parts (" +
                            JoinWords(PartIds(recommendation)) + "): " + who() +
                            " should name one with 'part:'");
    } else if (action.part && !has_parts) {
      diagnostics.Error(action.part->where, "recommendation " + named + " has no parts, so " +
                                                who() + " should not name part '" +
                                                action.part->value + "'");
    } else if (action.part && !HasPart(recommendation, action.part->value)) {
      load::Suggestions part_names(PartIds(recommendation));
      diagnostics.Error(action.part->where,
                        "recommendation " + named + " has no part '" + action.part->value + "'",
                        NameHint(action.part->value, part_names, "parts"));
    }
  }

  if (gaps.responses || unread_answer) return;
  for (const Recommendation& recommendation : review.recommendations) {
    const std::string& id = recommendation.id.value;
    if (id.empty()) continue;
    if (!answered.count(id)) {
      diagnostics.Error(recommendation.id.where,
                        "recommendation " + id +
                            " has no response: no action in responses.yaml "
                            "answers it",
                        "add its actions to responses.yaml with 'recommendation: \"" + id + "\"'");
      continue;
    }
    for (const RecommendationPart& part : recommendation.parts) {
      if (part.id.value.empty() || answered_parts.count({id, part.id.value})) continue;
      diagnostics.Error(part.id.where, "part " + part.id.value + " of recommendation " + id +
                                           " has no response: no action in responses.yaml "
                                           "answers it");
    }
  }
}

}  // namespace clerk::check
