#include "load/files.h"
#include "load/suggest.h"

// recommendations.yaml: the recommendations of the review, with their lettered parts.
namespace clerk::load {

namespace {

const std::vector<std::string> kRecommendationFields = {"id", "text", "parts"};
const std::vector<std::string> kPartFields = {"id", "text"};

std::optional<RecommendationPart> LoadPart(const YamlNode& node, const std::string& owner,
                                           Diagnostics& diagnostics) {
  std::string id = PeekText(node, "id");
  MapFields fields(node, id.empty() ? "a part of " + owner : "part " + id + " of " + owner,
                   kPartFields, diagnostics);
  if (!fields.IsMap()) return std::nullopt;
  RecommendationPart part;
  if (auto value = ReadId(fields.Require("id"), diagnostics)) part.id = *value;
  if (auto text = ReadText(fields.Require("text"), diagnostics)) part.text = *text;
  return part;
}

}  // namespace

bool LoadRecommendations(const YamlDocument& document, Diagnostics& diagnostics,
                         std::vector<Recommendation>& recommendations, bool& unread_ids) {
  const YamlNode* root = FileMap(document, "recommendations: and a list", diagnostics);
  if (root == nullptr) return false;
  MapFields file(*root, "recommendations.yaml", {"recommendations"}, diagnostics);
  Field list_field = file.Require("recommendations");
  const std::vector<YamlNode>* list = ReadList(list_field, diagnostics);
  if (list == nullptr) return false;
  if (list->empty()) {
    diagnostics.Error(list_field.Where(), "there are no recommendations in the list");
  }
  for (const YamlNode& node : *list) {
    std::string id = PeekText(node, "id");
    std::string name = id.empty() ? "a recommendation" : "recommendation " + id;
    MapFields fields(node, name, kRecommendationFields, diagnostics);
    if (!fields.IsMap()) continue;
    Recommendation recommendation;
    recommendation.where = fields.Where();
    if (auto value = ReadId(fields.Require("id"), diagnostics)) recommendation.id = *value;
    if (auto text = ReadText(fields.Require("text"), diagnostics)) recommendation.text = *text;
    if (const auto* parts = ReadList(fields.Get("parts"), diagnostics)) {
      for (const YamlNode& part_node : *parts) {
        if (auto part = LoadPart(part_node, name, diagnostics)) {
          recommendation.parts.push_back(*part);
        }
      }
    }
    unread_ids = unread_ids || recommendation.id.value.empty();
    recommendations.push_back(std::move(recommendation));
  }
  unread_ids = unread_ids || recommendations.size() < list->size();
  return true;
}

}  // namespace clerk::load
