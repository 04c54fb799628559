#include "load/timescale.h"

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "core/date.h"

// A small hand-written tokenizer and a recursive-descent grammar over at most kMaxTokens tokens.
// docs/timescales.md lists the forms, the school calendar and what is not understood.
namespace clerk::load {

namespace {

constexpr int kSeptember = 9;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;
// "academic years 2010-12": at most this many years in one span.
constexpr int kMaxAcademicSpan = 10;
// A timescale is a short phrase. Refusing longer token runs also bounds the parser's work on
// pathological input.
constexpr size_t kMaxTokens = 48;

// ---------------------------------------------------------------------------------------------
// Tokens

enum class TokenKind { kWord, kNumber, kDash, kSlash, kOpen, kClose, kComma, kDot, kAmp, kOther };

struct Token {
  TokenKind kind = TokenKind::kOther;
  std::string_view text;  // a word's letters, a number's digits, or the character(s) as written
  int value = 0;          // a number's value
  bool ordinal = false;   // a number written with its suffix: "14th"
};

struct Tokens {
  std::array<Token, kMaxTokens> items;
  size_t count = 0;
};

char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsLetter(char c) { return ToLower(c) >= 'a' && ToLower(c) <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

unsigned Byte(std::string_view s, size_t pos) {
  return pos < s.size() ? static_cast<unsigned char>(s[pos]) : 0u;
}

// Bytes taken by a Unicode space at `pos` (no-break U+00A0, U+2000..U+200B, U+202F), or 0.
size_t UnicodeSpaceLength(std::string_view s, size_t pos) {
  if (Byte(s, pos) == 0xC2 && Byte(s, pos + 1) == 0xA0) return 2;
  if (Byte(s, pos) == 0xE2 && Byte(s, pos + 1) == 0x80 &&
      ((Byte(s, pos + 2) >= 0x80 && Byte(s, pos + 2) <= 0x8B) || Byte(s, pos + 2) == 0xAF)) {
    return 3;
  }
  return 0;
}

// Bytes taken by a Unicode hyphen or dash at `pos` (U+2010..U+2015, minus U+2212), or 0.
size_t UnicodeDashLength(std::string_view s, size_t pos) {
  if (Byte(s, pos) != 0xE2) return 0;
  if (Byte(s, pos + 1) == 0x80 && Byte(s, pos + 2) >= 0x90 && Byte(s, pos + 2) <= 0x95) return 3;
  if (Byte(s, pos + 1) == 0x88 && Byte(s, pos + 2) == 0x92) return 3;
  return 0;
}

// Bytes in the UTF-8 sequence led by the byte at `pos`: the lead byte and the continuation bytes
// that follow it, so that a stray byte never swallows the ASCII after it.
size_t Utf8Length(std::string_view s, size_t pos) {
  unsigned lead = Byte(s, pos);
  size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  size_t taken = 1;
  while (taken < length && (Byte(s, pos + taken) & 0xC0u) == 0x80u) ++taken;
  return taken;
}

TokenKind PunctuationKind(char c) {
  switch (c) {
    case '-':
      return TokenKind::kDash;
    case '/':
      return TokenKind::kSlash;
    case '(':
      return TokenKind::kOpen;
    case ')':
      return TokenKind::kClose;
    case ',':
      return TokenKind::kComma;
    case '.':
      return TokenKind::kDot;
    case '&':
      return TokenKind::kAmp;
    default:
      return TokenKind::kOther;
  }
}

// Reads digits at `pos`, with a joined ordinal suffix ("14th"); other joined letters ("2010s")
// make the whole run an unknown token.
size_t ReadNumber(std::string_view s, size_t pos, Token* token) {
  size_t end = pos;
  while (end < s.size() && IsDigit(s[end])) ++end;
  size_t letters_end = end;
  while (letters_end < s.size() && IsLetter(s[letters_end])) ++letters_end;
  std::string_view suffix = s.substr(end, letters_end - end);
  bool ordinal = EqualsIgnoreCase(suffix, "st") || EqualsIgnoreCase(suffix, "nd") ||
                 EqualsIgnoreCase(suffix, "rd") || EqualsIgnoreCase(suffix, "th");
  // Six digits is more than any day, month or year needs, and keeps the value in an int.
  if ((!suffix.empty() && !ordinal) || end - pos > 6) {
    token->kind = TokenKind::kOther;
    token->text = s.substr(pos, letters_end - pos);
    return letters_end;
  }
  token->kind = TokenKind::kNumber;
  token->text = s.substr(pos, end - pos);
  token->ordinal = ordinal;
  for (char digit : token->text) token->value = token->value * 10 + (digit - '0');
  return letters_end;
}

// Splits `s` into tokens; false when there are more than kMaxTokens.
bool Tokenize(std::string_view s, Tokens* tokens) {
  size_t pos = 0;
  while (pos < s.size()) {
    if (IsAsciiSpace(s[pos])) {
      ++pos;
      continue;
    }
    if (size_t length = UnicodeSpaceLength(s, pos)) {
      pos += length;
      continue;
    }
    if (tokens->count == kMaxTokens) return false;
    Token& token = tokens->items[tokens->count++];
    token = Token{};
    size_t start = pos;
    if (IsLetter(s[pos])) {
      while (pos < s.size() && IsLetter(s[pos])) ++pos;
      token.kind = TokenKind::kWord;
    } else if (IsDigit(s[pos])) {
      pos = ReadNumber(s, pos, &token);
      continue;
    } else if (size_t length = UnicodeDashLength(s, pos)) {
      pos += length;
      token.kind = TokenKind::kDash;
    } else {
      token.kind = PunctuationKind(s[pos]);
      pos += Utf8Length(s, pos);
    }
    token.text = s.substr(start, pos - start);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Words

// 1-12 for a month's name, its first three letters, or "Sept"; else 0.
int MonthOfWord(std::string_view word) {
  for (int month = 1; month <= 12; ++month) {
    std::string_view name = MonthName(month);
    if (EqualsIgnoreCase(word, name) || EqualsIgnoreCase(word, name.substr(0, 3))) return month;
  }
  return EqualsIgnoreCase(word, "sept") ? kSeptember : 0;
}

enum class Season { kAutumn, kSpring, kSummer };

std::optional<Season> SeasonOfWord(std::string_view word) {
  if (EqualsIgnoreCase(word, "autumn")) return Season::kAutumn;
  if (EqualsIgnoreCase(word, "spring")) return Season::kSpring;
  if (EqualsIgnoreCase(word, "summer")) return Season::kSummer;
  return std::nullopt;
}

bool IsMonthWord(const Token* token) {
  return token != nullptr && token->kind == TokenKind::kWord && MonthOfWord(token->text) != 0;
}

// Words that make a parenthesised remark more than a remark: dates, recurrences, and words that
// change or undo the timescale before them.
constexpr std::string_view kRemarkStopWords[] = {
    "term",      "terms",       "termly",    "half",      "week",        "weeks",
    "weekly",    "month",       "months",    "monthly",   "quarter",     "quarterly",
    "year",      "years",       "yearly",    "annual",    "annually",    "academic",
    "from",      "until",       "till",      "by",        "before",      "after",
    "since",     "onwards",     "onward",    "ongoing",   "end",         "start",
    "tbc",       "tba",         "tbd",       "confirmed", "provisional", "provisionally",
    "tentative", "tentatively", "cancelled", "canceled",  "postponed",   "delayed",
    "deferred",  "rescheduled", "withdrawn", "abandoned", "replaced",    "superseded",
    "revised",   "moved",       "not",       "no",        "never"};

bool IsDateMaterial(const Token& token) {
  switch (token.kind) {
    case TokenKind::kNumber:
      return token.ordinal || token.text.size() >= 3;
    case TokenKind::kSlash:
      return true;
    case TokenKind::kWord:
      if (MonthOfWord(token.text) != 0 || SeasonOfWord(token.text)) return true;
      for (std::string_view word : kRemarkStopWords) {
        if (EqualsIgnoreCase(token.text, word)) return true;
      }
      return false;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The school calendar

struct Months {
  int first;  // 1-12
  int last;   // 1-12, in the same calendar year as `first`
};

// Half terms in school-year order; "Term N" is kHalfTerms[N - 1]. A season's term is its two
// half terms: Autumn = 1-2, Spring = 3-4, Summer = 5-6.
constexpr Months kHalfTerms[] = {{9, 10}, {11, 12}, {1, 2}, {3, 3}, {4, 5}, {6, 7}};
constexpr int kHalfTermCount = 6;

// ---------------------------------------------------------------------------------------------
// What the words name, before years are settled

/// The year a point is read in: a calendar year, or academic years (September to July).
struct YearContext {
  bool academic = false;
  int first = 0;  // the calendar year; or the year the first academic year starts
  int last = 0;   // the calendar year; or the year the last academic year ends
};

enum class SpecKind {
  kBareDay,   // "14th" in "14th-25th March 2011": takes its month and year from the range's end
  kDay,       // "14 March 2011", "14/03/2011"
  kMonth,     // "September 2010"
  kSchool,    // a term, half term or run of numbered terms: "Spring 2011", "Terms 2-3 (2010-11)"
  kYear,      // "2011"
  kAcademic,  // "2011-12", "academic year 2010-11"
};

/// A point as written: the months (and days) it names, and its year if the words give one.
struct Spec {
  SpecKind kind = SpecKind::kMonth;
  int first_month = 0;
  int last_month = 0;
  int first_day = 0;  // 0: the first day of first_month
  int last_day = 0;   // 0: the last day of last_month
  std::optional<YearContext> year;
};

struct Span {
  Date start;
  Date end;
};

int YearOfMonth(const YearContext& year, int month) {
  if (!year.academic) return year.first;
  return month >= kSeptember ? year.first : year.first + 1;
}

std::optional<Span> ResolveMonths(const Spec& spec, const YearContext& year) {
  int first_year = YearOfMonth(year, spec.first_month);
  int last_year = YearOfMonth(year, spec.last_month);
  int first_day = spec.first_day == 0 ? 1 : spec.first_day;
  int last_day = spec.last_day == 0 ? DaysInMonth(last_year, spec.last_month) : spec.last_day;
  if (first_day > DaysInMonth(first_year, spec.first_month) ||
      last_day > DaysInMonth(last_year, spec.last_month)) {
    return std::nullopt;
  }
  return Span{Date{first_year, spec.first_month, first_day},
              Date{last_year, spec.last_month, last_day}};
}

// The days a spec names when read in `year`; nullopt when they do not exist or run backwards.
std::optional<Span> Resolve(const Spec& spec, const YearContext& year) {
  std::optional<Span> span;
  switch (spec.kind) {
    case SpecKind::kBareDay:
      return std::nullopt;
    case SpecKind::kYear:
      if (year.academic) return std::nullopt;
      span = Span{Date{year.first, 1, 1}, Date{year.first, 12, 31}};
      break;
    case SpecKind::kAcademic:
      if (!year.academic) return std::nullopt;
      span = Span{Date{year.first, kSeptember, 1}, Date{year.last, 7, 31}};
      break;
    case SpecKind::kDay:
    case SpecKind::kMonth:
      // "September 2010-11" could be a range or an academic year: not understood.
      if (year.academic) return std::nullopt;
      span = ResolveMonths(spec, year);
      break;
    case SpecKind::kSchool:
      span = ResolveMonths(spec, year);
      break;
  }
  if (!span || span->end < span->start) return std::nullopt;
  return span;
}

// A range "first - last": a start without a year (or without a month) takes it from the end.
std::optional<Span> ResolveRange(Spec first, const Spec& last) {
  auto is_whole_year = [](const Spec& spec) {
    return spec.kind == SpecKind::kYear || spec.kind == SpecKind::kAcademic;
  };
  // "2010 - July 2011" and "September 2010 - 2011" are too loose to date.
  if (!last.year || is_whole_year(first) || is_whole_year(last)) return std::nullopt;
  if (first.kind == SpecKind::kBareDay) {
    if (last.kind != SpecKind::kDay) return std::nullopt;
    first.kind = SpecKind::kDay;
    first.first_month = first.last_month = last.first_month;
  }
  std::optional<Span> start = Resolve(first, first.year.value_or(*last.year));
  std::optional<Span> end = Resolve(last, *last.year);
  if (!start || !end || end->start < start->start || end->end < start->end) return std::nullopt;
  return Span{start->start, end->end};
}

Period Dated(const Span& span) {
  Period period;
  period.kind = PeriodKind::kDated;
  period.start = span.start;
  period.end = span.end;
  return period;
}

Period OpenEnded(std::optional<Date> start) {
  Period period;
  period.kind = PeriodKind::kOpenEnded;
  period.start = start;
  return period;
}

Period Recurring(Recurrence recurrence, std::optional<Date> start) {
  Period period;
  period.kind = PeriodKind::kRecurring;
  period.recurrence = recurrence;
  period.start = start;
  return period;
}

Period Unscheduled() {
  Period period;
  period.kind = PeriodKind::kUnscheduled;
  return period;
}

// ---------------------------------------------------------------------------------------------
// The grammar

class Parser {
 public:
  explicit Parser(const Tokens& tokens) : tokens_(tokens) {}

  // Tries each form from the first token; the first that also reaches the end wins.
  std::optional<Period> Parse() {
    using Form = std::optional<Period> (Parser::*)();
    static constexpr Form kForms[] = {&Parser::ParseUnscheduled, &Parser::ParseOngoing,
                                      &Parser::ParseRecurring, &Parser::ParseFrom,
                                      &Parser::ParseDated};
    for (Form form : kForms) {
      pos_ = 0;
      std::optional<Period> period = (this->*form)();
      if (period && FinishTail()) return period;
    }
    return std::nullopt;
  }

 private:
  // --- Tokens

  const Token* Peek(size_t ahead = 0) const {
    return pos_ + ahead < tokens_.count ? &tokens_.items[pos_ + ahead] : nullptr;
  }

  bool Accept(TokenKind kind) {
    const Token* token = Peek();
    if (token == nullptr || token->kind != kind) return false;
    ++pos_;
    return true;
  }

  bool AcceptWord(std::string_view word) {
    const Token* token = Peek();
    if (token == nullptr || token->kind != TokenKind::kWord ||
        !EqualsIgnoreCase(token->text, word)) {
      return false;
    }
    ++pos_;
    return true;
  }

  bool AcceptAnyWord(std::initializer_list<std::string_view> words) {
    for (std::string_view word : words) {
      if (AcceptWord(word)) return true;
    }
    return false;
  }

  bool AcceptRangeSeparator() { return Accept(TokenKind::kDash) || AcceptWord("to"); }

  // A plain number (no ordinal suffix) of `min_digits`..`max_digits` digits in [min, max].
  std::optional<int> AcceptNumber(size_t min_digits, size_t max_digits, int min, int max) {
    const Token* token = Peek();
    if (token == nullptr || token->kind != TokenKind::kNumber || token->ordinal ||
        token->text.size() < min_digits || token->text.size() > max_digits || token->value < min ||
        token->value > max) {
      return std::nullopt;
    }
    ++pos_;
    return token->value;
  }

  std::optional<int> AcceptYear() { return AcceptNumber(4, 4, kMinYear, kMaxYear); }

  // A month's name; an abbreviation may carry a full stop ("Sept. 2010").
  int AcceptMonth() {
    const Token* token = Peek();
    if (token == nullptr || token->kind != TokenKind::kWord) return 0;
    int month = MonthOfWord(token->text);
    if (month == 0) return 0;
    ++pos_;
    if (token->text.size() < std::string_view(MonthName(month)).size()) Accept(TokenKind::kDot);
    return month;
  }

  std::optional<Season> AcceptSeason() {
    const Token* token = Peek();
    if (token == nullptr || token->kind != TokenKind::kWord) return std::nullopt;
    std::optional<Season> season = SeasonOfWord(token->text);
    if (season) ++pos_;
    return season;
  }

  // After the form: an optional parenthesised remark free of dates, an optional full stop, the end.
  bool FinishTail() {
    if (Accept(TokenKind::kOpen)) {
      size_t remark_tokens = 0;
      for (;;) {
        const Token* token = Peek();
        if (token == nullptr || token->kind == TokenKind::kOpen) return false;
        ++pos_;
        if (token->kind == TokenKind::kClose) break;
        if (IsDateMaterial(*token)) return false;
        ++remark_tokens;
      }
      if (remark_tokens == 0) return false;
    }
    Accept(TokenKind::kDot);
    return pos_ == tokens_.count;
  }

  // --- Years

  // "2010-11", "2010–2011", "2010/11": one academic year; with `allow_span`, also several
  // ("2010-12"). Not when the second number is a day ("September 2010 – 11 July 2011").
  std::optional<YearContext> ParseAcademicYears(bool allow_span) {
    size_t saved = pos_;
    std::optional<int> first = AcceptYear();
    if (first && (Accept(TokenKind::kDash) || Accept(TokenKind::kSlash)) && !IsMonthWord(Peek(1))) {
      std::optional<int> last;
      if (std::optional<int> yy = AcceptNumber(2, 2, 0, 99)) {
        last = *first / 100 * 100 + *yy;
        if (*last <= *first) *last += 100;
      } else {
        last = AcceptYear();
      }
      bool fits = last && (allow_span ? *last > *first && *last - *first <= kMaxAcademicSpan
                                      : *last == *first + 1);
      if (fits) return YearContext{true, *first, *last};
    }
    pos_ = saved;
    return std::nullopt;
  }

  // "2011", "2010-11" or either in parentheses: the year a month, term or half term is read in.
  std::optional<YearContext> ParseYearContext() {
    size_t saved = pos_;
    bool parenthesised = Accept(TokenKind::kOpen);
    std::optional<YearContext> year = ParseAcademicYears(false);
    std::optional<int> calendar = year ? std::nullopt : AcceptYear();
    if (calendar) year = YearContext{false, *calendar, *calendar};
    if (year && (!parenthesised || Accept(TokenKind::kClose))) return year;
    pos_ = saved;
    return std::nullopt;
  }

  // --- Points

  std::optional<Spec> ParseSpec() {
    using SpecForm = std::optional<Spec> (Parser::*)();
    static constexpr SpecForm kSpecForms[] = {&Parser::ParseAcademicSpec, &Parser::ParseDaySpec,
                                              &Parser::ParseMonthSpec, &Parser::ParseSchoolSpec,
                                              &Parser::ParseYearSpec};
    for (SpecForm form : kSpecForms) {
      size_t saved = pos_;
      if (std::optional<Spec> spec = (this->*form)()) return spec;
      pos_ = saved;
    }
    return std::nullopt;
  }

  // "academic year 2010-11", "academic years 2010-12", "2011-12", "2011/2012".
  std::optional<Spec> ParseAcademicSpec() {
    bool the = AcceptWord("the");
    std::optional<YearContext> year;
    if (AcceptWord("academic")) {
      bool plural = AcceptWord("years");
      if (!plural && !AcceptWord("year")) return std::nullopt;
      year = ParseAcademicYears(plural);
    } else if (!the) {
      year = ParseAcademicYears(false);
    }
    if (!year) return std::nullopt;
    Spec spec;
    spec.kind = SpecKind::kAcademic;
    spec.year = year;
    return spec;
  }

  // "14 March 2011", "14th of March 2011", "14/03/2011", "3/11/10"; "14th" alone as a range start.
  std::optional<Spec> ParseDaySpec() {
    const Token* token = Peek();
    if (token == nullptr || token->kind != TokenKind::kNumber || token->text.size() > 2 ||
        token->value < 1 || token->value > 31) {
      return std::nullopt;
    }
    ++pos_;
    Spec spec;
    spec.kind = SpecKind::kDay;
    spec.first_day = spec.last_day = token->value;
    if (!token->ordinal && Accept(TokenKind::kSlash)) return ParseNumericDate(spec);
    bool of = AcceptWord("of");
    spec.first_month = spec.last_month = AcceptMonth();
    if (spec.first_month == 0) {
      if (of) return std::nullopt;
      spec.kind = SpecKind::kBareDay;
      return spec;
    }
    spec.year = ParseYearContext();
    return spec;
  }

  // The "03/2011" of "14/03/2011": day, month, year; a two-digit year is in 2000-2099.
  std::optional<Spec> ParseNumericDate(Spec spec) {
    std::optional<int> month = AcceptNumber(1, 2, 1, 12);
    if (!month || !Accept(TokenKind::kSlash)) return std::nullopt;
    std::optional<int> year = AcceptYear();
    if (!year) {
      std::optional<int> yy = AcceptNumber(2, 2, 0, 99);
      if (!yy) return std::nullopt;
      year = 2000 + *yy;
    }
    spec.first_month = spec.last_month = *month;
    spec.year = YearContext{false, *year, *year};
    return spec;
  }

  // "September 2010", "Sept. 2010"; "September" alone as a range start.
  std::optional<Spec> ParseMonthSpec() {
    int month = AcceptMonth();
    if (month == 0) return std::nullopt;
    Spec spec;
    spec.kind = SpecKind::kMonth;
    spec.first_month = spec.last_month = month;
    spec.year = ParseYearContext();
    return spec;
  }

  // "Spring 2011", "the summer term 2011", "Autumn 1 2010", "Term 5 2010-11",
  // "Terms 2-3 (2010 – 11)", "Terms 2/3/4 (2010-11)".
  std::optional<Spec> ParseSchoolSpec() {
    AcceptWord("the");
    std::optional<Months> months;
    if (std::optional<Season> season = AcceptSeason()) {
      AcceptWord("term");
      int first_half = 2 * static_cast<int>(*season);
      if (std::optional<int> half = AcceptNumber(1, 1, 1, 2)) {
        months = kHalfTerms[first_half + *half - 1];
      } else {
        months = Months{kHalfTerms[first_half].first, kHalfTerms[first_half + 1].last};
      }
    } else if (AcceptAnyWord({"term", "terms"})) {
      months = ParseTermNumbers();
    }
    if (!months) return std::nullopt;
    Spec spec;
    spec.kind = SpecKind::kSchool;
    spec.first_month = months->first;
    spec.last_month = months->last;
    spec.year = ParseYearContext();
    return spec;
  }

  std::optional<int> AcceptTermNumber() { return AcceptNumber(1, 1, 1, kHalfTermCount); }

  // "2", "2-3", "2 to 3", "2/3/4", "5 and 6", "5 & 6": consecutive terms, as their months.
  std::optional<Months> ParseTermNumbers() {
    std::optional<int> first = AcceptTermNumber();
    if (!first) return std::nullopt;
    int last = *first;
    size_t saved = pos_;
    if (AcceptRangeSeparator()) {
      std::optional<int> end = AcceptTermNumber();
      if (end && *end > *first) {
        last = *end;
      } else {
        pos_ = saved;  // "Term 2 – Term 3 2010-11": the dash belongs to a range of points
      }
    } else {
      for (;;) {
        saved = pos_;
        bool joined = Accept(TokenKind::kSlash) || Accept(TokenKind::kComma) ||
                      Accept(TokenKind::kAmp) || AcceptWord("and");
        std::optional<int> next = joined ? AcceptTermNumber() : std::nullopt;
        if (!next) {
          pos_ = saved;
          break;
        }
        // "Terms 2/4" names two periods with a gap, not one period.
        if (*next != last + 1) return std::nullopt;
        last = *next;
      }
    }
    return Months{kHalfTerms[*first - 1].first, kHalfTerms[last - 1].last};
  }

  std::optional<Spec> ParseYearSpec() {
    std::optional<int> year = AcceptYear();
    if (!year) return std::nullopt;
    Spec spec;
    spec.kind = SpecKind::kYear;
    spec.year = YearContext{false, *year, *year};
    return spec;
  }

  // A point that carries its own year, as days.
  std::optional<Span> ParsePoint() {
    std::optional<Spec> spec = ParseSpec();
    if (!spec || !spec->year) return std::nullopt;
    return Resolve(*spec, *spec->year);
  }

  // "September 2010 – July 2011", "September – December 2010", "14th-25th March 2011".
  std::optional<Span> ParseRange() {
    std::optional<Spec> first = ParseSpec();
    if (!first || !AcceptRangeSeparator()) return std::nullopt;
    std::optional<Spec> last = ParseSpec();
    if (!last) return std::nullopt;
    return ResolveRange(*first, *last);
  }

  bool AcceptOnwards() { return AcceptAnyWord({"onwards", "onward"}); }

  // --- Forms

  std::optional<Period> ParseUnscheduled() {
    if (AcceptAnyWord({"tbc", "tba", "tbd"})) return Unscheduled();
    if (AcceptWord("to") && AcceptWord("be") &&
        AcceptAnyWord({"confirmed", "agreed", "completed", "arranged", "announced", "decided",
                       "determined"})) {
      return Unscheduled();
    }
    return std::nullopt;
  }

  // "Ongoing", "On-going", "Ongoing from September 2010".
  std::optional<Period> ParseOngoing() {
    bool ongoing = AcceptWord("ongoing");
    if (!ongoing && AcceptWord("on")) {
      Accept(TokenKind::kDash);
      ongoing = AcceptWord("going");
    }
    if (!ongoing) return std::nullopt;
    return ParseOptionalStart(OpenEnded(std::nullopt));
  }

  // "Termly", "Half-termly", "Every term", "Once a year", "Termly from September 2010".
  std::optional<Period> ParseRecurring() {
    std::optional<Recurrence> recurrence = ParseRecurrence();
    if (!recurrence) return std::nullopt;
    return ParseOptionalStart(Recurring(*recurrence, std::nullopt));
  }

  std::optional<Period> ParseOptionalStart(Period period) {
    if (!AcceptWord("from")) return period;
    std::optional<Span> start = ParsePoint();
    if (!start) return std::nullopt;
    period.start = start->start;
    return period;
  }

  std::optional<Recurrence> ParseRecurrence() {
    static constexpr struct {
      std::string_view word;
      Recurrence recurrence;
    } kAdverbs[] = {{"weekly", Recurrence::kWeekly},         {"monthly", Recurrence::kMonthly},
                    {"halftermly", Recurrence::kHalfTermly}, {"termly", Recurrence::kTermly},
                    {"quarterly", Recurrence::kQuarterly},   {"annually", Recurrence::kAnnually},
                    {"yearly", Recurrence::kAnnually}};
    for (const auto& adverb : kAdverbs) {
      if (AcceptWord(adverb.word)) return adverb.recurrence;
    }
    if (AcceptWord("half")) {
      Accept(TokenKind::kDash);
      if (AcceptWord("termly")) return Recurrence::kHalfTermly;
      return std::nullopt;
    }
    bool every = AcceptAnyWord({"each", "every"}) ||
                 (AcceptWord("once") && AcceptAnyWord({"a", "per", "each", "every"}));
    if (!every) return std::nullopt;
    return ParseRecurrenceUnit();
  }

  // The "term" of "every term".
  std::optional<Recurrence> ParseRecurrenceUnit() {
    static constexpr struct {
      std::string_view word;
      Recurrence recurrence;
    } kUnits[] = {{"week", Recurrence::kWeekly},         {"month", Recurrence::kMonthly},
                  {"halfterm", Recurrence::kHalfTermly}, {"term", Recurrence::kTermly},
                  {"quarter", Recurrence::kQuarterly},   {"year", Recurrence::kAnnually}};
    for (const auto& unit : kUnits) {
      if (AcceptWord(unit.word)) return unit.recurrence;
    }
    if (AcceptWord("half")) {
      Accept(TokenKind::kDash);
      if (AcceptWord("term")) return Recurrence::kHalfTermly;
    }
    return std::nullopt;
  }

  // "From September 2010" (open-ended), "From November 2010-July 2011" (dated).
  std::optional<Period> ParseFrom() {
    if (!AcceptWord("from")) return std::nullopt;
    size_t saved = pos_;
    if (std::optional<Span> span = ParseRange()) return Dated(*span);
    pos_ = saved;
    std::optional<Span> start = ParsePoint();
    if (!start) return std::nullopt;
    AcceptOnwards();
    return OpenEnded(start->start);
  }

  // A range or a point; "September 2010 onwards" is open-ended.
  std::optional<Period> ParseDated() {
    size_t saved = pos_;
    if (std::optional<Span> span = ParseRange()) return Dated(*span);
    pos_ = saved;
    std::optional<Span> span = ParsePoint();
    if (!span) return std::nullopt;
    if (AcceptOnwards()) return OpenEnded(span->start);
    return Dated(*span);
  }

  const Tokens& tokens_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<Period> ParseTimescale(std::string_view words) {
  Tokens tokens;
  if (!Tokenize(words, &tokens)) return std::nullopt;
  return Parser(tokens).Parse();
}

}  // namespace clerk::load
