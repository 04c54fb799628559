#include "load/files.h"
#include "load/timescale.h"

// timescales.yaml: when each action was planned, and any revised or actual timescale.
namespace clerk::load {

namespace {

const std::vector<std::string> kTimescaleFields = {"action", "planned", "revised", "actual",
                                                   "note"};
const std::vector<std::string> kChangeFields = {"date", "text", "reason"};

// The words as written, and their period when they are understood (a warning when not).
std::optional<TimescaleWords> ReadTimescaleWords(const Field& field, Diagnostics& diagnostics) {
  auto words = ReadText(field, diagnostics);
  if (!words) return std::nullopt;
  TimescaleWords timescale{*words, ParseTimescale(words->value)};
  if (!timescale.period) {
    diagnostics.Warning(
        words->where,
        "timescale '" + words->value + "' is not understood; it will be printed as written",
        "docs/timescales.md lists the forms clerk understands");
  }
  return timescale;
}

std::optional<TimescaleChange> ReadChange(const Field& field, const std::string& owner,
                                          Diagnostics& diagnostics) {
  const YamlNode* node = ReadMap(field, diagnostics);
  if (node == nullptr) return std::nullopt;
  std::string which = field.label.substr(1, field.label.size() - 2);  // "'revised'" -> "revised"
  MapFields fields(*node, field.label + " of " + owner, kChangeFields, diagnostics);
  auto date = ReadDate(fields.Require("date"), which + " date", false, diagnostics);
  auto words = ReadTimescaleWords(fields.Require("text"), diagnostics);
  auto reason = ReadText(fields.Get("reason"), diagnostics);
  if (!date || !words) return std::nullopt;
  return TimescaleChange{*date, *words, reason};
}

}  // namespace

bool LoadTimescales(const YamlDocument& document, Diagnostics& diagnostics,
                    std::vector<TimescaleRecord>& timescales, bool& unread_ids) {
  const YamlNode* root = FileMap(document, "timescales: and a list", diagnostics);
  if (root == nullptr) return false;
  MapFields file(*root, "timescales.yaml", {"timescales"}, diagnostics);
  const std::vector<YamlNode>* list = ReadList(file.Require("timescales"), diagnostics);
  if (list == nullptr) return false;
  for (const YamlNode& node : *list) {
    std::string action = PeekText(node, "action");
    std::string name = action.empty() ? "a timescale" : "the timescale of action " + action;
    MapFields fields(node, name, kTimescaleFields, diagnostics);
    if (!fields.IsMap()) continue;
    TimescaleRecord record;
    record.where = fields.Where();
    if (auto value = ReadText(fields.Require("action"), diagnostics)) record.action = *value;
    if (auto planned = ReadTimescaleWords(fields.Require("planned"), diagnostics)) {
      record.planned = *planned;
    }
    record.revised = ReadChange(fields.Get("revised"), name, diagnostics);
    record.actual = ReadChange(fields.Get("actual"), name, diagnostics);
    record.note = ReadText(fields.Get("note"), diagnostics);
    unread_ids = unread_ids || record.action.value.empty();
    timescales.push_back(std::move(record));
  }
  unread_ids = unread_ids || timescales.size() < list->size();
  return true;
}

}  // namespace clerk::load
