#include "registry/reference_pattern.h"

#include <cctype>

namespace clerk::registry {

namespace {

const char* const kPlaceholders = "{code}, {year}, {yy}, {seq} or {seq:0N}";

std::string ZeroPadded(int value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  }
  return digits;
}

}  // namespace

std::optional<ReferencePattern> ReferencePattern::Parse(const std::string& text,
                                                        std::string* error) {
  auto fail = [&](const std::string& message) {
    *error = "the reference pattern '" + text + "' " + message;
    return std::nullopt;
  };
  ReferencePattern pattern;
  int sequences = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '}') return fail("has a '}' without a '{' before it");
    if (text[i] != '{') {
      size_t end = text.find_first_of("{}", i);
      if (end == std::string::npos) end = text.size();
      pattern.pieces_.push_back({Kind::kLiteral, text.substr(i, end - i), 0});
      i = end;
      continue;
    }
    size_t close = text.find('}', i);
    if (close == std::string::npos) return fail("has a '{' that is not closed");
    std::string name = text.substr(i + 1, close - i - 1);
    Piece piece;
    if (name == "code") {
      piece.kind = Kind::kCode;
    } else if (name == "year") {
      piece.kind = Kind::kYear;
    } else if (name == "yy") {
      piece.kind = Kind::kShortYear;
    } else if (name == "seq") {
      piece.kind = Kind::kSequence;
    } else if (name.size() == 6 && name.compare(0, 5, "seq:0") == 0 && name[5] >= '1' &&
               name[5] <= '9') {
      piece.kind = Kind::kSequence;
      piece.width = name[5] - '0';
    } else {
      return fail("has an unknown placeholder '{" + name + "}': use " + kPlaceholders);
    }
    if (piece.kind == Kind::kSequence) ++sequences;
    pattern.pieces_.push_back(piece);
    i = close + 1;
  }
  if (sequences == 0) {
    return fail("has no {seq}: every report of a year would get the same reference");
  }
  if (sequences > 1) return fail("has more than one {seq}");
  return pattern;
}

std::string ReferencePattern::Format(const std::string& code, int year, int sequence) const {
  std::string out;
  for (const Piece& piece : pieces_) {
    switch (piece.kind) {
      case Kind::kLiteral:
        out += piece.text;
        break;
      case Kind::kCode:
        out += code;
        break;
      case Kind::kYear:
        out += ZeroPadded(year, 4);
        break;
      case Kind::kShortYear:
        out += ZeroPadded(year % 100, 2);
        break;
      case Kind::kSequence:
        out += ZeroPadded(sequence, piece.width);
        break;
    }
  }
  return out;
}

std::string FileStem(const std::string& reference) {
  std::string stem;
  for (char c : reference) {
    bool kept = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    stem += kept ? c : '-';
  }
  // A leading '.' would hide the file.
  if (!stem.empty() && stem[0] == '.') stem[0] = '-';
  return stem.empty() ? "report" : stem;
}

std::string DraftFileName(const std::string& reference, int version) {
  return FileStem(reference) + "-draft-v" + std::to_string(version) + ".pdf";
}

std::string FinalFileName(const std::string& reference, int draft_version, int earlier_finals) {
  if (earlier_finals == 0) return FileStem(reference) + ".pdf";
  return FileStem(reference) + "-v" + std::to_string(draft_version) + ".pdf";
}

}  // namespace clerk::registry
