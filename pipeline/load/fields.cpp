#include "load/fields.h"

#include <algorithm>
#include <cctype>

#include "load/suggest.h"

namespace clerk::load {

namespace {

const std::vector<YamlNode> kNoItems;

bool IsDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Text shown inside a message: long values are cut so that the message stays one line.
std::string Shown(const std::string& text) {
  std::string shown = text.substr(0, text.find('\n'));
  if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
  return shown;
}

// The scalar text of a present field, or nullopt after reporting what it is instead.
std::optional<std::string> ScalarText(const Field& field, Diagnostics& diagnostics) {
  if (!field.Present()) return std::nullopt;
  if (!field.value->IsScalar()) {
    if (field.value->IsNull()) {
      diagnostics.Error(field.Where(), field.label + " is empty");
    } else {
      diagnostics.Error(field.Where(),
                        field.label + " should be text, not " + KindName(field.value->kind));
    }
    return std::nullopt;
  }
  return field.value->text;
}

}  // namespace

SourceLocation Field::Where() const {
  if (value != nullptr && !value->IsNull()) return value->where;
  if (key != nullptr) return key->where;
  return value != nullptr ? value->where : SourceLocation{};
}

Field Item(const YamlNode& node, std::string label) {
  return Field{std::move(label), nullptr, &node};
}

MapFields::MapFields(const YamlNode& node, std::string what, const std::vector<std::string>& known,
                     Diagnostics& diagnostics)
    : node_(node), what_(std::move(what)), diagnostics_(diagnostics) {
  if (!node.IsMap()) {
    std::string sentence =
        what_ + " should be a map of fields (name: value), not " + KindName(node.kind);
    diagnostics.Error(node.where, sentence);
    return;
  }
  for (const YamlEntry& entry : node.entries) {
    if (std::find(known.begin(), known.end(), entry.key.text) != known.end()) continue;
    diagnostics.Error(entry.key.where, "unknown field '" + entry.key.text + "' in " + what_,
                      DidYouMean(entry.key.text, known));
  }
}

Field MapFields::Get(std::string_view key) const {
  Field field{"'" + std::string(key) + "'", nullptr, nullptr};
  for (const YamlEntry& entry : node_.entries) {
    if (entry.key.text == key) {
      field.key = &entry.key;
      field.value = &entry.value;
      break;
    }
  }
  return field;
}

Field MapFields::Require(std::string_view key) const {
  Field field = Get(key);
  if (!field.Present() && node_.IsMap()) {
    diagnostics_.Error(node_.where, what_ + " has no '" + std::string(key) + "'");
  }
  return field;
}

std::string PeekText(const YamlNode& map, std::string_view key) {
  if (!map.IsMap()) return "";
  for (const YamlEntry& entry : map.entries) {
    if (entry.key.text == key && entry.value.IsScalar()) return Shown(entry.value.text);
  }
  return "";
}

std::optional<LocatedText> ReadText(const Field& field, Diagnostics& diagnostics) {
  auto text = ScalarText(field, diagnostics);
  if (!text) return std::nullopt;
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    diagnostics.Error(field.Where(), field.label + " is empty");
    return std::nullopt;
  }
  return LocatedText{*text, field.value->where};
}

std::optional<LocatedText> ReadId(const Field& field, Diagnostics& diagnostics) {
  auto id = ReadText(field, diagnostics);
  if (!id) return std::nullopt;
  bool clean = std::all_of(id->value.begin(), id->value.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' ||
           c == '_';
  });
  if (!clean) {
    diagnostics.Error(id->where, field.label + " '" + Shown(id->value) +
                                     "' may hold only letters, digits and . - + _");
    return std::nullopt;
  }
  return id;
}

const std::vector<YamlNode>* ReadList(const Field& field, Diagnostics& diagnostics) {
  if (!field.Present()) return nullptr;
  if (field.value->IsNull()) return &kNoItems;
  if (!field.value->IsList()) {
    diagnostics.Error(field.Where(),
                      field.label + " should be a list, not " + KindName(field.value->kind));
    return nullptr;
  }
  return &field.value->items;
}

const YamlNode* ReadMap(const Field& field, Diagnostics& diagnostics) {
  if (!field.Present()) return nullptr;
  if (!field.value->IsMap()) {
    diagnostics.Error(field.Where(), field.label +
                                         " should be a map of fields (name: value), "
                                         "not " +
                                         KindName(field.value->kind));
    return nullptr;
  }
  return field.value;
}

std::optional<std::vector<LocatedText>> ReadTextList(const Field& field,
                                                     const std::string& item_label,
                                                     Diagnostics& diagnostics) {
  if (!field.Present()) return std::nullopt;
  std::vector<LocatedText> texts;
  if (field.value->IsScalar()) {
    if (auto text = ReadText(field, diagnostics)) texts.push_back(*text);
    return texts;
  }
  const std::vector<YamlNode>* items = ReadList(field, diagnostics);
  if (items == nullptr) return std::nullopt;
  for (const YamlNode& item : *items) {
    if (auto text = ReadText(Item(item, item_label), diagnostics)) texts.push_back(*text);
  }
  return texts;
}

std::optional<Located<Date>> ReadDate(const Field& field, const std::string& what, bool whole_day,
                                      Diagnostics& diagnostics) {
  auto text = ReadText(field, diagnostics);
  if (!text) return std::nullopt;
  const std::string& value = text->value;
  std::optional<Date> date = whole_day ? ParseIsoDay(value) : ParseIsoDate(value);
  if (date) return Located<Date>{*date, text->where};
  std::string expected = whole_day ? "(expected YYYY-MM-DD)" : "(expected YYYY-MM or YYYY-MM-DD)";
  std::string sentence = what + " '" + Shown(value) + "' ";
  auto month = ParseIsoDate(value.substr(0, 7));
  if (whole_day && value.size() == 7 && month) {
    sentence += "is a month, not a day " + expected;
  } else if (value.size() == 7 && IsDigits(value.substr(0, 4)) && value[4] == '-') {
    sentence += "is not a month " + expected;
  } else if (value.size() == 10 && month && value[7] == '-' && IsDigits(value.substr(8))) {
    sentence += "is not a date: " + std::string(MonthName(month->month)) + " " +
                std::to_string(month->year) + " has " +
                std::to_string(DaysInMonth(month->year, month->month)) + " days";
  } else {
    sentence += "is not a date " + expected;
  }
  diagnostics.Error(text->where, sentence);
  return std::nullopt;
}

std::optional<Located<int>> ReadYear(const YamlNode& node, Diagnostics& diagnostics) {
  if (!node.IsScalar()) {
    diagnostics.Error(node.where, std::string("a year should be four digits, like 2010, not ") +
                                      KindName(node.kind));
    return std::nullopt;
  }
  if (node.text.size() != 4 || !IsDigits(node.text)) {
    diagnostics.Error(node.where, "year '" + Shown(node.text) +
                                      "' is not a year (expected four digits, like 2010)");
    return std::nullopt;
  }
  return Located<int>{std::stoi(node.text), node.where};
}

std::optional<Located<int>> ReadYearField(const Field& field, Diagnostics& diagnostics) {
  auto text = ScalarText(field, diagnostics);
  if (!text) return std::nullopt;
  return ReadYear(*field.value, diagnostics);
}

std::optional<Located<int>> ReadInteger(const Field& field, const std::string& what,
                                        Diagnostics& diagnostics) {
  auto text = ScalarText(field, diagnostics);
  if (!text) return std::nullopt;
  std::string_view digits = *text;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  if (!IsDigits(digits) || digits.size() > 9) {
    diagnostics.Error(field.Where(), what + " '" + Shown(*text) + "' is not a whole number");
    return std::nullopt;
  }
  return Located<int>{std::stoi(*text), field.value->where};
}

std::optional<Located<int>> ReadCohort(const Field& field, Diagnostics& diagnostics) {
  auto text = ScalarText(field, diagnostics);
  if (!text) return std::nullopt;
  auto number = Decimal::Parse(*text);
  std::string sentence;
  if (!number) {
    sentence = "cohort '" + Shown(*text) + "' is not a number of pupils";
  } else if (number->hundredths % 100 != 0) {
    sentence = "cohort " + *text + " is not a whole number of pupils";
  } else if (number->hundredths <= 0) {
    sentence = "cohort " + *text + " is not a positive number of pupils";
  } else if (number->hundredths > 100000000) {
    sentence = "cohort " + *text + " is more pupils than a school can have";
  } else {
    return Located<int>{static_cast<int>(number->hundredths / 100), field.value->where};
  }
  diagnostics.Error(field.Where(), sentence, "a cohort is a whole number of pupils, at least 1");
  return std::nullopt;
}

std::optional<Located<Decimal>> ReadDecimal(const Field& field, const std::string& what,
                                            Diagnostics& diagnostics) {
  auto text = ScalarText(field, diagnostics);
  if (!text) return std::nullopt;
  auto number = Decimal::Parse(*text);
  if (!number) {
    diagnostics.Error(field.Where(),
                      what + " '" + Shown(*text) + "' is not a number (up to two decimal places)");
    return std::nullopt;
  }
  return Located<Decimal>{*number, field.value->where};
}

std::optional<Located<Decimal>> ReadPercentage(const Field& field, Diagnostics& diagnostics) {
  auto text = ScalarText(field, diagnostics);
  if (!text) return std::nullopt;
  auto number = Decimal::Parse(*text);
  if (!number) {
    bool percent_sign = !text->empty() && text->back() == '%';
    diagnostics.Error(field.Where(),
                      "percentage '" + Shown(*text) +
                          "' is not a number from 0 to 100 (up to two decimal places)",
                      percent_sign ? "write the number without the % sign" : "");
    return std::nullopt;
  }
  if (number->hundredths < 0 || number->hundredths > 10000) {
    diagnostics.Error(field.Where(), "percentage " + *text + " is outside 0-100");
    return std::nullopt;
  }
  return Located<Decimal>{*number, field.value->where};
}

}  // namespace clerk::load
