#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/decimal.h"
#include "core/diagnostic.h"
#include "core/source_location.h"
#include "load/yaml_tree.h"

/// Reading typed values out of the YAML tree (internal to load). Every reader reports what is
/// wrong, in a sentence, at the value's line and column, and returns nullopt (or nullptr) so that
/// the caller can go on with the next value.
namespace clerk::load {

/// One value to read: a map's field (with its key) or a list's item (no key).
struct Field {
  std::string label;                ///< how messages name it: "'text'" or "a paragraph"
  const YamlNode* key = nullptr;    ///< nullptr for a list item
  const YamlNode* value = nullptr;  ///< nullptr when the field is absent

  bool Present() const { return value != nullptr; }
  /// The value, or its key when the value is empty (YAML marks an empty value on the next line).
  SourceLocation Where() const;
};

/// A list item as a Field: `label` names it in messages ("a paragraph").
Field Item(const YamlNode& node, std::string label);

/// The fields of one map. Reports a node that is not a map, and every key that is not one of the
/// `known` fields ("unknown field 'recomendation' in response 1.1", with "did you mean ...?").
class MapFields {
 public:
  /// `what` names the record in messages: "response 1.1", "a response", "review.yaml".
  MapFields(const YamlNode& node, std::string what, const std::vector<std::string>& known,
            Diagnostics& diagnostics);

  bool IsMap() const { return node_.IsMap(); }
  const std::string& What() const { return what_; }
  /// The map's first key (or the node itself): where the record begins.
  SourceLocation Where() const { return node_.where; }

  /// The field, or one with value == nullptr when the map has no such key.
  Field Get(std::string_view key) const;
  /// As Get, and reports "<what> has no '<key>'" when the field is absent.
  Field Require(std::string_view key) const;

 private:
  const YamlNode& node_;
  std::string what_;
  Diagnostics& diagnostics_;
};

/// The text of `key` in a map node when it is a non-empty scalar, else "" (for naming records in
/// messages before they are read).
std::string PeekText(const YamlNode& map, std::string_view key);

/// Text (any scalar, read as written: `id: 1.10` is the text "1.10"). Empty text is an error.
std::optional<LocatedText> ReadText(const Field& field, Diagnostics& diagnostics);
/// An id: text of letters, digits and . - + _ only.
std::optional<LocatedText> ReadId(const Field& field, Diagnostics& diagnostics);
/// The items of a list. An empty value is an empty list. nullptr when absent or not a list.
const std::vector<YamlNode>* ReadList(const Field& field, Diagnostics& diagnostics);
/// A map node. nullptr when absent, empty or not a map (reported unless absent).
const YamlNode* ReadMap(const Field& field, Diagnostics& diagnostics);
/// A list of text; a single text counts as a list of one.
std::optional<std::vector<LocatedText>> ReadTextList(const Field& field,
                                                     const std::string& item_label,
                                                     Diagnostics& diagnostics);

/// "YYYY-MM" or "YYYY-MM-DD"; with `whole_day`, "YYYY-MM-DD" only. `what` names it in messages:
/// "update date '2011-13' is not a month (expected YYYY-MM or YYYY-MM-DD)".
std::optional<Located<Date>> ReadDate(const Field& field, const std::string& what, bool whole_day,
                                      Diagnostics& diagnostics);
/// A four-digit year, from a scalar (often a map key: `2010: {L4+: 68}`).
std::optional<Located<int>> ReadYear(const YamlNode& node, Diagnostics& diagnostics);
/// A year as a field's value.
std::optional<Located<int>> ReadYearField(const Field& field, Diagnostics& diagnostics);
/// A whole number, negative allowed ("improved: -1").
std::optional<Located<int>> ReadInteger(const Field& field, const std::string& what,
                                        Diagnostics& diagnostics);
/// A number of pupils: a whole number of at least 1.
std::optional<Located<int>> ReadCohort(const Field& field, Diagnostics& diagnostics);
/// A decimal with up to two places, negative allowed ("change: -2", "headline: 12.4").
std::optional<Located<Decimal>> ReadDecimal(const Field& field, const std::string& what,
                                            Diagnostics& diagnostics);
/// A percentage: a decimal from 0 to 100 with up to two places.
std::optional<Located<Decimal>> ReadPercentage(const Field& field, Diagnostics& diagnostics);

}  // namespace clerk::load
