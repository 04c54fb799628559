#include "schedule/recurrence.h"

#include <algorithm>
#include <cctype>

namespace clerk::schedule {

namespace {

constexpr long kSearchDays = 3660;  // ten years and a little

struct Token {
  std::string text;  // lower-cased
  size_t offset = 0;
};

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size()) break;
    Token token;
    token.offset = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) {
      token.text += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
      ++i;
    }
    tokens.push_back(token);
  }
  return tokens;
}

std::optional<int> WeekdayNamed(const std::string& word) {
  static const char* const kNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
  for (int i = 0; i < 7; ++i) {
    if (word == kNames[i] || word == std::string(kNames[i]).substr(0, 3)) return i;
  }
  return std::nullopt;
}

std::optional<int> SmallNumber(const std::string& word) {
  if (word.empty() || word.size() > 4) return std::nullopt;
  for (char c : word) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoi(word);
}

// Reads the tokens as a grammar, one expectation at a time.
class WhenParser {
 public:
  WhenParser(std::string_view text, RecurrenceError& error)
      : text_(text), tokens_(Tokenize(text)), error_(error) {}

  std::optional<Recurrence> Parse() {
    if (tokens_.empty()) return Fail("is empty", 0);
    const std::string& first = tokens_[0].text;
    Recurrence recurrence;
    next_ = 1;
    if (first == "cron") return ParseCronFields();
    if (first == "daily") {
      recurrence.kind = RecurrenceKind::kDaily;
    } else if (first == "weekly") {
      if (!Expect("on", "'on' and a day of the week")) return std::nullopt;
      std::optional<int> weekday = ExpectWeekday();
      if (!weekday) return std::nullopt;
      recurrence.kind = RecurrenceKind::kWeekly;
      recurrence.weekday = *weekday;
    } else if (first == "monthly") {
      if (!Expect("on", "'on day N', 'on the last working day' or 'on the first Monday'")) {
        return std::nullopt;
      }
      if (!ParseMonthlyDay(recurrence)) return std::nullopt;
    } else {
      return Fail("should begin with daily, weekly, monthly or cron, not '" + tokens_[0].text + "'",
                  tokens_[0].offset);
    }
    if (next_ < tokens_.size()) {
      if (tokens_[next_].text != "at") {
        return Fail("expected 'at HH:MM' or the end, not '" + tokens_[next_].text + "'",
                    tokens_[next_].offset);
      }
      ++next_;
      if (next_ >= tokens_.size()) return Fail("'at' needs a time, HH:MM", text_.size());
      std::optional<int> time = ParseTimeOfDay(tokens_[next_].text);
      if (!time) {
        return Fail("'" + tokens_[next_].text + "' is not a time of day (HH:MM or HH:MM:SS)",
                    tokens_[next_].offset);
      }
      recurrence.time = *time;
      ++next_;
      if (next_ < tokens_.size()) {
        return Fail("unexpected '" + tokens_[next_].text + "' after the time",
                    tokens_[next_].offset);
      }
    }
    return recurrence;
  }

 private:
  std::nullopt_t Fail(std::string message, size_t offset) {
    error_.message = std::move(message);
    error_.offset = offset;
    return std::nullopt;
  }

  size_t EndOffset() const { return text_.size(); }

  bool Expect(const std::string& word, const std::string& what) {
    if (next_ >= tokens_.size()) {
      Fail("expected " + what + " after '" + tokens_[next_ - 1].text + "'", EndOffset());
      return false;
    }
    if (tokens_[next_].text != word) {
      Fail("expected " + what + ", not '" + tokens_[next_].text + "'", tokens_[next_].offset);
      return false;
    }
    ++next_;
    return true;
  }

  std::optional<int> ExpectWeekday() {
    if (next_ >= tokens_.size()) {
      Fail("expected a day of the week (Monday ... Sunday)", EndOffset());
      return std::nullopt;
    }
    std::optional<int> weekday = WeekdayNamed(tokens_[next_].text);
    if (!weekday) {
      Fail("'" + tokens_[next_].text + "' is not a day of the week (Monday ... Sunday)",
           tokens_[next_].offset);
      return std::nullopt;
    }
    ++next_;
    return weekday;
  }

  bool ParseMonthlyDay(Recurrence& recurrence) {
    if (next_ >= tokens_.size()) {
      Fail("expected 'day N', 'the last working day' or 'the first Monday' after 'on'",
           EndOffset());
      return false;
    }
    const Token& word = tokens_[next_];
    if (word.text == "day") {
      ++next_;
      std::optional<int> day =
          next_ < tokens_.size() ? SmallNumber(tokens_[next_].text) : std::nullopt;
      if (!day || *day < 1 || *day > 31) {
        Fail("expected a day of the month from 1 to 31 after 'day'",
             next_ < tokens_.size() ? tokens_[next_].offset : EndOffset());
        return false;
      }
      ++next_;
      recurrence.kind = RecurrenceKind::kMonthlyDay;
      recurrence.day = *day;
      return true;
    }
    if (word.text != "the") {
      Fail(
          "expected 'day N', 'the last working day' or 'the first Monday', not '" + word.text + "'",
          word.offset);
      return false;
    }
    ++next_;
    static const char* const kOrdinals[] = {"first", "second", "third", "fourth"};
    if (next_ >= tokens_.size()) {
      Fail("expected first, second, third, fourth or last after 'the'", EndOffset());
      return false;
    }
    const Token& ordinal = tokens_[next_];
    int nth = 0;
    for (int i = 0; i < 4; ++i) {
      if (ordinal.text == kOrdinals[i]) nth = i + 1;
    }
    if (ordinal.text == "last") nth = -1;
    if (nth == 0) {
      Fail("expected first, second, third, fourth or last, not '" + ordinal.text + "'",
           ordinal.offset);
      return false;
    }
    ++next_;
    if (nth == -1 && next_ < tokens_.size() && tokens_[next_].text == "working") {
      ++next_;
      if (!Expect("day", "'day' after 'working'")) return false;
      recurrence.kind = RecurrenceKind::kMonthlyLastWorkingDay;
      return true;
    }
    std::optional<int> weekday = ExpectWeekday();
    if (!weekday) return false;
    recurrence.kind = RecurrenceKind::kMonthlyWeekday;
    recurrence.nth = nth;
    recurrence.weekday = *weekday;
    return true;
  }

  // One cron field: "*", "*/n", "a", "a-b", "a-b/n", and lists of them joined by commas.
  // Values are numbers or (months, weekdays) three-letter names.
  template <size_t N>
  bool CronField(const Token& token, const char* name, int low, int high,
                 const std::vector<std::string>& names, std::bitset<N>& out, bool& restricted) {
    restricted = token.text != "*";
    size_t start = 0;
    const std::string& text = token.text;
    while (start <= text.size()) {
      size_t comma = text.find(',', start);
      if (comma == std::string::npos) comma = text.size();
      std::string part = text.substr(start, comma - start);
      size_t at = token.offset + start;
      int step = 1;
      size_t slash = part.find('/');
      if (slash != std::string::npos) {
        std::optional<int> value = SmallNumber(part.substr(slash + 1));
        if (!value || *value < 1) {
          Fail(std::string("the step in the ") + name + " field should be a number of 1 or more",
               at + slash + 1);
          return false;
        }
        step = *value;
        part = part.substr(0, slash);
      }
      int from = low, to = high;
      if (part != "*") {
        size_t dash = part.find('-');
        auto value_of = [&](const std::string& word) -> std::optional<int> {
          for (size_t i = 0; i < names.size(); ++i) {
            if (word == names[i]) return low + static_cast<int>(i);
          }
          return SmallNumber(word);
        };
        std::optional<int> a = value_of(part.substr(0, dash));
        std::optional<int> b = dash == std::string::npos ? a : value_of(part.substr(dash + 1));
        if (!a || !b || *a < low || *b > high || *a > *b) {
          Fail("'" + part + "' is not a " + name + " (" + std::to_string(low) + "-" +
                   std::to_string(high) + ")",
               at);
          return false;
        }
        from = *a;
        to = dash == std::string::npos && slash == std::string::npos ? *a : *b;
        if (dash == std::string::npos && slash != std::string::npos) to = high;
      }
      for (int value = from; value <= to; value += step) out.set(static_cast<size_t>(value));
      if (comma == text.size()) break;
      start = comma + 1;
    }
    return true;
  }

  std::optional<Recurrence> ParseCronFields() {
    if (tokens_.size() != 6) {
      return Fail(
          "a cron expression has five fields (minute hour day-of-month month "
          "day-of-week), not " +
              std::to_string(tokens_.size() - 1),
          tokens_.size() > 6 ? tokens_[6].offset : EndOffset());
    }
    Recurrence recurrence;
    recurrence.kind = RecurrenceKind::kCron;
    CronFields& cron = recurrence.cron;
    bool ignored = false;
    static const std::vector<std::string> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec"};
    static const std::vector<std::string> kDays = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    std::bitset<8> weekdays;  // cron's own numbering: 0 and 7 are Sunday
    if (!CronField(tokens_[1], "minute", 0, 59, {}, cron.minutes, ignored) ||
        !CronField(tokens_[2], "hour", 0, 23, {}, cron.hours, ignored) ||
        !CronField(tokens_[3], "day of the month", 1, 31, {}, cron.days, cron.days_restricted) ||
        !CronField(tokens_[4], "month", 1, 12, kMonths, cron.months, ignored) ||
        !CronField(tokens_[5], "day of the week", 0, 7, kDays, weekdays,
                   cron.weekdays_restricted)) {
      return std::nullopt;
    }
    for (int day = 0; day <= 7; ++day) {
      if (weekdays.test(static_cast<size_t>(day))) cron.weekdays.set((day + 6) % 7);
    }
    return recurrence;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  RecurrenceError& error_;
  size_t next_ = 0;
};

int LastWorkingDay(int year, int month) {
  int day = DaysInMonth(year, month);
  while (Weekday(Date{year, month, day}) >= 5) --day;
  return day;
}

bool FallsOn(const Recurrence& recurrence, const Date& day) {
  switch (recurrence.kind) {
    case RecurrenceKind::kDaily:
      return true;
    case RecurrenceKind::kWeekly:
      return Weekday(day) == recurrence.weekday;
    case RecurrenceKind::kMonthlyDay:
      return day.day == std::min(recurrence.day, DaysInMonth(day.year, day.month));
    case RecurrenceKind::kMonthlyWeekday:
      if (Weekday(day) != recurrence.weekday) return false;
      if (recurrence.nth == -1) return day.day + 7 > DaysInMonth(day.year, day.month);
      return (day.day - 1) / 7 + 1 == recurrence.nth;
    case RecurrenceKind::kMonthlyLastWorkingDay:
      return day.day == LastWorkingDay(day.year, day.month);
    case RecurrenceKind::kCron: {
      const CronFields& cron = recurrence.cron;
      if (!cron.months.test(static_cast<size_t>(day.month))) return false;
      bool by_day = cron.days.test(static_cast<size_t>(day.day));
      bool by_weekday = cron.weekdays.test(static_cast<size_t>(Weekday(day)));
      // cron's rule: when both day fields are restricted, either one matching is enough.
      if (cron.days_restricted && cron.weekdays_restricted) return by_day || by_weekday;
      if (cron.days_restricted) return by_day;
      if (cron.weekdays_restricted) return by_weekday;
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Recurrence> ParseRecurrence(std::string_view text, RecurrenceError& error) {
  return WhenParser(text, error).Parse();
}

std::vector<int> OccurrencesOn(const Recurrence& recurrence, const Date& day) {
  std::vector<int> times;
  if (!FallsOn(recurrence, day)) return times;
  if (recurrence.kind != RecurrenceKind::kCron) {
    times.push_back(recurrence.time);
    return times;
  }
  for (int hour = 0; hour < 24; ++hour) {
    if (!recurrence.cron.hours.test(static_cast<size_t>(hour))) continue;
    for (int minute = 0; minute < 60; ++minute) {
      if (recurrence.cron.minutes.test(static_cast<size_t>(minute))) {
        times.push_back(hour * 3600 + minute * 60);
      }
    }
  }
  return times;
}

std::optional<WallTime> NextOccurrence(const Recurrence& recurrence, const WallTime& after) {
  for (long offset = 0; offset <= kSearchDays; ++offset) {
    Date day = AddDays(after.day, offset);
    for (int time : OccurrencesOn(recurrence, day)) {
      WallTime candidate{day, time};
      if (candidate > after) return candidate;
    }
  }
  return std::nullopt;
}

std::optional<WallTime> LatestOccurrence(const Recurrence& recurrence, const WallTime& at) {
  for (long offset = 0; offset <= kSearchDays; ++offset) {
    Date day = AddDays(at.day, -offset);
    std::vector<int> times = OccurrencesOn(recurrence, day);
    for (auto it = times.rbegin(); it != times.rend(); ++it) {
      WallTime candidate{day, *it};
      if (candidate <= at) return candidate;
    }
  }
  return std::nullopt;
}

std::vector<WallTime> OccurrencesBetween(const Recurrence& recurrence, const WallTime& after,
                                         const WallTime& until, size_t limit) {
  std::vector<WallTime> found;
  if (until <= after) return found;
  long first = after.day.DaysSinceEpoch();
  long last = until.day.DaysSinceEpoch();
  // Never look further back than the search window: older periods are beyond any catch-up.
  if (last - first > kSearchDays) first = last - kSearchDays;
  for (long days = first; days <= last; ++days) {
    Date day = AddDays(Date{1970, 1, 1}, days);
    for (int time : OccurrencesOn(recurrence, day)) {
      WallTime candidate{day, time};
      if (candidate > after && candidate <= until) found.push_back(candidate);
    }
  }
  if (found.size() > limit) found.erase(found.begin(), found.end() - static_cast<long>(limit));
  return found;
}

}  // namespace clerk::schedule
