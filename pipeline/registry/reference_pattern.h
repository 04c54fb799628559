#pragma once

#include <optional>
#include <string>
#include <vector>

/// Reference numbers and the file names made from them.
namespace clerk::registry {

/// A committee's pattern for reference numbers, parsed. Placeholders: {code} (the committee
/// code), {year} (four digits), {yy} (two digits), {seq} (the sequence within the year) or
/// {seq:0N} (zero-padded to N digits, 1 <= N <= 9). Everything else is literal text.
/// Exactly one sequence placeholder is required: without it two reports would get one number.
class ReferencePattern {
 public:
  /// nullopt with *error set to a sentence when `text` is not a valid pattern.
  static std::optional<ReferencePattern> Parse(const std::string& text, std::string* error);

  /// The reference: Format("CSSC", 2011, 7) with "{code}/{year}/{seq:02}" -> "CSSC/2011/07".
  std::string Format(const std::string& code, int year, int sequence) const;

 private:
  enum class Kind { kLiteral, kCode, kYear, kShortYear, kSequence };
  struct Piece {
    Kind kind = Kind::kLiteral;
    std::string text;  ///< kLiteral
    int width = 0;     ///< kSequence: zero-pad to this many digits
  };
  std::vector<Piece> pieces_;
};

/// A file name stem for the reference: characters other than letters, digits, '.', '_' and '-'
/// become '-' ("CSSC/2011/07" -> "CSSC-2011-07").
std::string FileStem(const std::string& reference);

/// "CSSC-2011-07-draft-v2.pdf": each draft version has its own file.
std::string DraftFileName(const std::string& reference, int version);

/// "CSSC-2011-07.pdf" for a report's first final; a later approval (after the report changed)
/// gets "CSSC-2011-07-v3.pdf", so that no final is ever overwritten.
std::string FinalFileName(const std::string& reference, int draft_version, int earlier_finals);

}  // namespace clerk::registry
