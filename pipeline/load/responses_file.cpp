#include "load/files.h"

// responses.yaml: the actions taken in response, with their revisions and dated updates.
namespace clerk::load {

namespace {

const std::vector<std::string> kActionFields = {
    "id", "recommendation", "part", "action", "revisions", "completed", "withdrawn", "updates"};
const std::vector<std::string> kDatedTextFields = {"date", "text"};
const std::vector<std::string> kWithdrawnFields = {"date", "reason"};

// A list of {date, text} records: revisions and updates. `kind` names one: "an update".
template <typename Record>
std::vector<Record> LoadDatedTexts(const Field& field, const std::string& kind,
                                   const std::string& date_name, const std::string& owner,
                                   Diagnostics& diagnostics) {
  std::vector<Record> records;
  const std::vector<YamlNode>* list = ReadList(field, diagnostics);
  if (list == nullptr) return records;
  for (const YamlNode& node : *list) {
    MapFields fields(node, kind + " of " + owner, kDatedTextFields, diagnostics);
    if (!fields.IsMap()) continue;
    auto date = ReadDate(fields.Require("date"), date_name, false, diagnostics);
    auto text = ReadText(fields.Require("text"), diagnostics);
    if (date && text) records.push_back(Record{*date, *text});
  }
  return records;
}

}  // namespace

bool LoadResponses(const YamlDocument& document, Diagnostics& diagnostics,
                   std::vector<Action>& actions, bool& unread_ids) {
  const YamlNode* root = FileMap(document, "responses: and a list", diagnostics);
  if (root == nullptr) return false;
  MapFields file(*root, "responses.yaml", {"responses"}, diagnostics);
  const std::vector<YamlNode>* list = ReadList(file.Require("responses"), diagnostics);
  if (list == nullptr) return false;
  for (const YamlNode& node : *list) {
    std::string id = PeekText(node, "id");
    std::string name = id.empty() ? "a response" : "response " + id;
    MapFields fields(node, name, kActionFields, diagnostics);
    if (!fields.IsMap()) continue;
    Action action;
    action.where = fields.Where();
    if (auto value = ReadId(fields.Require("id"), diagnostics)) action.id = *value;
    if (auto value = ReadText(fields.Require("recommendation"), diagnostics)) {
      action.recommendation = *value;
    }
    if (auto value = ReadText(fields.Get("part"), diagnostics)) action.part = *value;
    if (auto value = ReadText(fields.Require("action"), diagnostics)) action.text = *value;
    action.revisions = LoadDatedTexts<Revision>(fields.Get("revisions"), "a revision",
                                                "revision date", name, diagnostics);
    action.completed = ReadDate(fields.Get("completed"), "completion date", false, diagnostics);
    if (const YamlNode* withdrawn = ReadMap(fields.Get("withdrawn"), diagnostics)) {
      MapFields withdrawal(*withdrawn, "'withdrawn' of " + name, kWithdrawnFields, diagnostics);
      auto date = ReadDate(withdrawal.Require("date"), "withdrawal date", false, diagnostics);
      auto reason = ReadText(withdrawal.Require("reason"), diagnostics);
      if (date && reason) action.withdrawn = Withdrawal{*date, *reason};
    }
    action.updates = LoadDatedTexts<ProgressUpdate>(fields.Get("updates"), "an update",
                                                    "update date", name, diagnostics);
    unread_ids = unread_ids || action.id.value.empty();
    actions.push_back(std::move(action));
  }
  unread_ids = unread_ids || actions.size() < list->size();
  return true;
}

}  // namespace clerk::load
