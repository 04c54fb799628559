#include "load/timescale.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/period.h"

using clerk::Period;
using clerk::load::ParseTimescale;

namespace {

// Every field of a period, so one string comparison asserts kind, recurrence, start and end:
// "dated from 2010-09-01 to 2010-09-30", "recurring termly from 2010-09-01", "open-ended",
// or "not understood".
std::string Describe(const std::optional<Period>& period) {
  if (!period) return "not understood";
  std::string text = clerk::PeriodKindName(period->kind);
  if (period->recurrence != clerk::Recurrence::kNone) {
    text += std::string(" ") + clerk::RecurrenceName(period->recurrence);
  }
  if (period->start) text += " from " + period->start->ToIso();
  if (period->end) text += " to " + period->end->ToIso();
  return text;
}

std::string Parse(std::string_view words) { return Describe(ParseTimescale(words)); }

struct Case {
  const char* words;
  const char* meaning;
};

void CheckAll(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO("words: \"" << c.words << "\"");
    CHECK(Parse(c.words) == c.meaning);
  }
}

constexpr const char* kNo = "not understood";

}  // namespace

TEST_CASE("A month with its year is the whole month", "[timescale]") {
  CheckAll({
      {"September 2010", "dated from 2010-09-01 to 2010-09-30"},
      {"Sept 2010", "dated from 2010-09-01 to 2010-09-30"},
      {"Sep 2010", "dated from 2010-09-01 to 2010-09-30"},
      {"Sept. 2010", "dated from 2010-09-01 to 2010-09-30"},
      {"september 2010", "dated from 2010-09-01 to 2010-09-30"},
      {"SEPTEMBER 2010", "dated from 2010-09-01 to 2010-09-30"},
      {"  September   2010  ", "dated from 2010-09-01 to 2010-09-30"},
      {"September\t2010\n", "dated from 2010-09-01 to 2010-09-30"},
      {"September\u00A02010", "dated from 2010-09-01 to 2010-09-30"},  // no-break space
      {"September 2010.", "dated from 2010-09-01 to 2010-09-30"},
      {"June 2010", "dated from 2010-06-01 to 2010-06-30"},
      {"August 2010", "dated from 2010-08-01 to 2010-08-31"},
      {"February 2011", "dated from 2011-02-01 to 2011-02-28"},
      {"Feb 2012", "dated from 2012-02-01 to 2012-02-29"},
      {"Jan 2011", "dated from 2011-01-01 to 2011-01-31"},
      {"Mar 2011", "dated from 2011-03-01 to 2011-03-31"},
      {"Apr 2011", "dated from 2011-04-01 to 2011-04-30"},
      {"May 2011", "dated from 2011-05-01 to 2011-05-31"},
      {"Jun 2011", "dated from 2011-06-01 to 2011-06-30"},
      {"Jul 2011", "dated from 2011-07-01 to 2011-07-31"},
      {"Aug 2011", "dated from 2011-08-01 to 2011-08-31"},
      {"Oct 2011", "dated from 2011-10-01 to 2011-10-31"},
      {"Nov 2011", "dated from 2011-11-01 to 2011-11-30"},
      {"Dec 2011", "dated from 2011-12-01 to 2011-12-31"},
      {"(2011) September", kNo},
      {"September (2010)", "dated from 2010-09-01 to 2010-09-30"},
  });
}

TEST_CASE("A year alone is the calendar year", "[timescale]") {
  CheckAll({
      {"2011", "dated from 2011-01-01 to 2011-12-31"},
      {"2011.", "dated from 2011-01-01 to 2011-12-31"},
      {"1899", kNo},
      {"2100", kNo},
      {"20100", kNo},
      {"211", kNo},
  });
}

TEST_CASE("Ranges of months, with any dash or 'to'", "[timescale]") {
  CheckAll({
      {"September 2010 – July 2011", "dated from 2010-09-01 to 2011-07-31"},  // en dash
      {"September 2010 — July 2011", "dated from 2010-09-01 to 2011-07-31"},  // em dash
      {"September 2010 - July 2011", "dated from 2010-09-01 to 2011-07-31"},
      {"September 2010- July 2011", "dated from 2010-09-01 to 2011-07-31"},
      {"September 2010 -July 2011", "dated from 2010-09-01 to 2011-07-31"},
      {"September 2010-July 2011", "dated from 2010-09-01 to 2011-07-31"},
      {"September 2010–July 2011", "dated from 2010-09-01 to 2011-07-31"},
      {"September 2010 ‐ July 2011", "dated from 2010-09-01 to 2011-07-31"},  // U+2010 hyphen
      {"September 2010 − July 2011", "dated from 2010-09-01 to 2011-07-31"},  // U+2212 minus
      {"September 2010 to July 2011", "dated from 2010-09-01 to 2011-07-31"},
      {"September 2010 TO July 2011.", "dated from 2010-09-01 to 2011-07-31"},
      {"November 2010 to December 2011", "dated from 2010-11-01 to 2011-12-31"},
      {"September 2010 – August 2012", "dated from 2010-09-01 to 2012-08-31"},
      {"September 2011 – July 2012", "dated from 2011-09-01 to 2012-07-31"},
      {"November 2010 – July 2011", "dated from 2010-11-01 to 2011-07-31"},
      {"Sept 2010 - Feb 2011", "dated from 2010-09-01 to 2011-02-28"},
      {"September 2010 – September 2010", "dated from 2010-09-01 to 2010-09-30"},
  });
}

TEST_CASE("A range's start without a year takes the end's year", "[timescale]") {
  CheckAll({
      {"September – December 2010", "dated from 2010-09-01 to 2010-12-31"},
      {"September-December 2010", "dated from 2010-09-01 to 2010-12-31"},
      {"January to March 2011", "dated from 2011-01-01 to 2011-03-31"},
      // Read in the end's year, November comes after February: not understood, not guessed.
      {"November – February 2011", kNo},
      {"Spring – Summer 2011", "dated from 2011-01-01 to 2011-07-31"},
      {"14 March – 2 April 2011", "dated from 2011-03-14 to 2011-04-02"},
  });
}

TEST_CASE("Broken and backward ranges are not understood", "[timescale]") {
  CheckAll({
      {"- July 2011", kNo},
      {"– July 2011", kNo},
      {"— July 2011", kNo},
      {"to July 2011", kNo},
      {"November 2010 –", kNo},
      {"September 2010 –", kNo},
      {"September 2010 – July", kNo},
      {"July 2011 – September 2010", kNo},
      {"December 2011 to November 2011", kNo},
      {"Summer 2011 – Spring 2011", kNo},
      {"September 2010 – – July 2011", kNo},
      {"September 2010 – July 2011 – August 2012", kNo},
      // A year alone is too loose to be a range's end.
      {"September 2010 – 2011", kNo},
      {"2010 – July 2011", kNo},
      {"2010 – 2012", kNo},
      {"2010 to 2011", kNo},
  });
}

TEST_CASE("Terms of the school year, with a calendar or academic year", "[timescale]") {
  CheckAll({
      {"Autumn 2010", "dated from 2010-09-01 to 2010-12-31"},
      {"Spring 2011", "dated from 2011-01-01 to 2011-03-31"},
      {"Summer 2010", "dated from 2010-04-01 to 2010-07-31"},
      {"Summer term 2011", "dated from 2011-04-01 to 2011-07-31"},
      {"the spring term 2011", "dated from 2011-01-01 to 2011-03-31"},
      {"The Autumn Term 2010.", "dated from 2010-09-01 to 2010-12-31"},
      {"Autumn 2010-11", "dated from 2010-09-01 to 2010-12-31"},
      {"Spring 2010-11", "dated from 2011-01-01 to 2011-03-31"},
      {"Summer term 2010/11", "dated from 2011-04-01 to 2011-07-31"},
      {"Spring (2010 – 11)", "dated from 2011-01-01 to 2011-03-31"},
      {"Autumn 2010 – Spring 2011", "dated from 2010-09-01 to 2011-03-31"},
      {"Autumn 2010 to Summer 2011", "dated from 2010-09-01 to 2011-07-31"},
      {"Spring 2011 - July 2011", "dated from 2011-01-01 to 2011-07-31"},
      // Without a year a term cannot be dated.
      {"summer term", kNo},
      {"Summer", kNo},
      {"the spring term", kNo},
      {"Spring / Summer 2011", kNo},
      // Read in 2011, the autumn term follows the spring term.
      {"Autumn – Spring 2011", kNo},
  });
}

TEST_CASE("Half terms and numbered terms", "[timescale]") {
  CheckAll({
      {"Autumn 1 2010", "dated from 2010-09-01 to 2010-10-31"},
      {"Autumn 2 2010", "dated from 2010-11-01 to 2010-12-31"},
      {"Spring 1 2011", "dated from 2011-01-01 to 2011-02-28"},
      {"Spring 2 2011", "dated from 2011-03-01 to 2011-03-31"},
      {"Summer 1 2011", "dated from 2011-04-01 to 2011-05-31"},
      {"Summer 2 2011", "dated from 2011-06-01 to 2011-07-31"},
      {"Autumn term 1 2010", "dated from 2010-09-01 to 2010-10-31"},
      {"Spring 1 2010-11", "dated from 2011-01-01 to 2011-02-28"},
      {"Term 1 2010-11", "dated from 2010-09-01 to 2010-10-31"},
      {"Term 2 2010-11", "dated from 2010-11-01 to 2010-12-31"},
      {"Term 3 2010-11", "dated from 2011-01-01 to 2011-02-28"},
      {"Term 4 2010-11", "dated from 2011-03-01 to 2011-03-31"},
      {"Term 5 2010-11", "dated from 2011-04-01 to 2011-05-31"},
      {"Term 6 2010-11", "dated from 2011-06-01 to 2011-07-31"},
      {"Term 5 2011", "dated from 2011-04-01 to 2011-05-31"},
      {"Term 2 (2010-11)", "dated from 2010-11-01 to 2010-12-31"},
      {"Terms 2-3 (2010 – 11)", "dated from 2010-11-01 to 2011-02-28"},
      {"Terms 2-3 (2010 – 11).", "dated from 2010-11-01 to 2011-02-28"},
      {"terms 2 to 3 2010-2011", "dated from 2010-11-01 to 2011-02-28"},
      {"Terms 2/3/4 (2010-11)", "dated from 2010-11-01 to 2011-03-31"},
      {"Terms 5 and 6 2010-11", "dated from 2011-04-01 to 2011-07-31"},
      {"Terms 5 & 6 2010-11", "dated from 2011-04-01 to 2011-07-31"},
      {"Terms 1, 2 2010-11", "dated from 2010-09-01 to 2010-12-31"},
      {"Term 2 – Term 4 2010-11", "dated from 2010-11-01 to 2011-03-31"},
      {"Autumn 2 – Spring 1 2010-11", "dated from 2010-11-01 to 2011-02-28"},
      {"Summer 1 – Summer 2 2011", "dated from 2011-04-01 to 2011-07-31"},
      // A calendar year puts term 2 (November) after term 3 (February).
      {"Terms 2-3 2010", kNo},
      // Gaps and nonsense.
      {"Terms 2/4 (2010-11)", kNo},
      {"Terms 3-2 (2010-11)", kNo},
      {"Term 7 2010-11", kNo},
      {"Term 0 2010-11", kNo},
      {"Spring 3 2011", kNo},
      // No year: not datable (the liaison paper's "Autumn 1" ... "Summer 2", "Term 1", "Term 3").
      {"Autumn 1", kNo},
      {"Autumn 2", kNo},
      {"Spring 1", kNo},
      {"Spring 2", kNo},
      {"Summer 1", kNo},
      {"Summer 2", kNo},
      {"Term 1", kNo},
      {"Term 3", kNo},
      {"Terms 2-3", kNo},
      {"terms 2-4", kNo},
      {"terms 5 and 6", kNo},
      {"terms 2/3/4", kNo},
      {"terms 1 and 2", kNo},
  });
}

TEST_CASE("Academic years run from 1 September to 31 July", "[timescale]") {
  CheckAll({
      {"2011-12", "dated from 2011-09-01 to 2012-07-31"},
      {"2011–12", "dated from 2011-09-01 to 2012-07-31"},
      {"2011 – 12", "dated from 2011-09-01 to 2012-07-31"},
      {"2011-2012", "dated from 2011-09-01 to 2012-07-31"},
      {"2011/12", "dated from 2011-09-01 to 2012-07-31"},
      {"2010-11", "dated from 2010-09-01 to 2011-07-31"},
      {"2009-10", "dated from 2009-09-01 to 2010-07-31"},
      {"1999-00", "dated from 1999-09-01 to 2000-07-31"},
      {"academic year 2010-11", "dated from 2010-09-01 to 2011-07-31"},
      {"Academic Year 2011-12", "dated from 2011-09-01 to 2012-07-31"},
      {"the academic year 2011-2012", "dated from 2011-09-01 to 2012-07-31"},
      {"academic years 2010-12", "dated from 2010-09-01 to 2012-07-31"},
      {"academic years 2010-11", "dated from 2010-09-01 to 2011-07-31"},
      // Not one academic year: an ISO month, a two-year span without "academic years".
      {"2010-12", kNo},
      {"2011-05", kNo},
      {"2011-2013", kNo},
      {"academic year 2010-12", kNo},
      {"academic year 2011", kNo},
      {"academic years 2010-25", kNo},
      {"the 2010-11", kNo},
  });
}

TEST_CASE("Recurring timescales", "[timescale]") {
  CheckAll({
      {"Termly", "recurring termly"},
      {"termly.", "recurring termly"},
      {"Quarterly", "recurring quarterly"},
      {"Annually", "recurring annually"},
      {"Yearly", "recurring annually"},
      {"Monthly", "recurring monthly"},
      {"Weekly", "recurring weekly"},
      {"Half-termly", "recurring half-termly"},
      {"Half termly", "recurring half-termly"},
      {"Half–termly", "recurring half-termly"},
      {"Halftermly", "recurring half-termly"},
      {"Each term", "recurring termly"},
      {"Every term", "recurring termly"},
      {"Every half-term", "recurring half-termly"},
      {"every half term", "recurring half-termly"},
      {"Once a term", "recurring termly"},
      {"Once per year", "recurring annually"},
      {"Every week", "recurring weekly"},
      {"Each month", "recurring monthly"},
      {"Every quarter", "recurring quarterly"},
      {"Termly from September 2010", "recurring termly from 2010-09-01"},
      {"Quarterly from Spring 2011", "recurring quarterly from 2011-01-01"},
      {"Termly (alternating venues)", "recurring termly"},
      {"Termly from", kNo},
      {"Termly from October", kNo},
      {"Termly from September 2010 – July 2011", kNo},
      {"Termly meetings", kNo},
      {"Fortnightly", kNo},
      {"Every", kNo},
      {"Half", kNo},
      {"Termly (from 2011)", kNo},
  });
}

TEST_CASE("Open-ended timescales", "[timescale]") {
  CheckAll({
      {"From September 2010", "open-ended from 2010-09-01"},
      {"From October 2010", "open-ended from 2010-10-01"},
      {"from september 2010.", "open-ended from 2010-09-01"},
      {"From September 2010 (4 meetings initially)", "open-ended from 2010-09-01"},
      {"From September 2010 (4 meetings initially).", "open-ended from 2010-09-01"},
      {"From Spring 2011", "open-ended from 2011-01-01"},
      {"From the spring term 2011", "open-ended from 2011-01-01"},
      {"From 14 March 2011", "open-ended from 2011-03-14"},
      {"From 3/11/10", "open-ended from 2010-11-03"},
      {"From 2011", "open-ended from 2011-01-01"},
      {"From academic year 2011-12", "open-ended from 2011-09-01"},
      {"From September 2011", "open-ended from 2011-09-01"},
      {"September 2010 onwards", "open-ended from 2010-09-01"},
      {"From September 2010 onwards", "open-ended from 2010-09-01"},
      {"Ongoing", "open-ended"},
      {"ongoing.", "open-ended"},
      {"On-going", "open-ended"},
      {"On going", "open-ended"},
      {"Ongoing from September 2010", "open-ended from 2010-09-01"},
      {"From October", kNo},
      {"From", kNo},
      {"From Spring", kNo},
      {"Ongoing from", kNo},
      {"Onwards", kNo},
  });
}

TEST_CASE("'From' with an end is a dated range", "[timescale]") {
  CheckAll({
      {"From November 2010-July 2011", "dated from 2010-11-01 to 2011-07-31"},
      {"From November 2010 – July 2011", "dated from 2010-11-01 to 2011-07-31"},
      {"From November 2010 to July 2011", "dated from 2010-11-01 to 2011-07-31"},
      {"From September – December 2010", "dated from 2010-09-01 to 2010-12-31"},
      {"From July 2011 - November 2010", kNo},
  });
}

TEST_CASE("Unscheduled timescales", "[timescale]") {
  CheckAll({
      {"To be confirmed", "unscheduled"},
      {"TBC", "unscheduled"},
      {"tbc.", "unscheduled"},
      {"To be completed", "unscheduled"},
      {"To be completed.", "unscheduled"},
      {"To be agreed", "unscheduled"},
      {"TBA", "unscheduled"},
      {"TBD", "unscheduled"},
      {"To be arranged", "unscheduled"},
      {"To be announced", "unscheduled"},
      {"To be decided", "unscheduled"},
      {"To be determined", "unscheduled"},
      {"To be confirmed (awaiting funding)", "unscheduled"},
      {"To be", kNo},
      {"To be continued", kNo},
      {"TBC 2011", kNo},
      {"To be confirmed September 2011", kNo},
  });
}

TEST_CASE("A full date is one day and a range of days runs from the first to the last",
          "[timescale]") {
  CheckAll({
      {"14 March 2011", "dated from 2011-03-14 to 2011-03-14"},
      {"14th March 2011", "dated from 2011-03-14 to 2011-03-14"},
      {"14th of March 2011", "dated from 2011-03-14 to 2011-03-14"},
      {"1st Sept 2010", "dated from 2010-09-01 to 2010-09-01"},
      {"2nd May 2011", "dated from 2011-05-02 to 2011-05-02"},
      {"3rd May 2011", "dated from 2011-05-03 to 2011-05-03"},
      {"14th December 2010", "dated from 2010-12-14 to 2010-12-14"},
      {"14 June 2011", "dated from 2011-06-14 to 2011-06-14"},
      {"14/03/2011", "dated from 2011-03-14 to 2011-03-14"},
      {"14/3/2011", "dated from 2011-03-14 to 2011-03-14"},
      {"8/11/10", "dated from 2010-11-08 to 2010-11-08"},
      {"29/9/10", "dated from 2010-09-29 to 2010-09-29"},
      {"24/11/10", "dated from 2010-11-24 to 2010-11-24"},
      {"29 February 2012", "dated from 2012-02-29 to 2012-02-29"},
      {"14th-25th March 2011", "dated from 2011-03-14 to 2011-03-25"},
      {"14th–25th March 2011", "dated from 2011-03-14 to 2011-03-25"},
      {"14 - 25 March 2011", "dated from 2011-03-14 to 2011-03-25"},
      {"14th to 25th March 2011", "dated from 2011-03-14 to 2011-03-25"},
      {"14/03/2011 - 25/03/2011", "dated from 2011-03-14 to 2011-03-25"},
      {"14 March 2011 – July 2011", "dated from 2011-03-14 to 2011-07-31"},
      {"September 2010 – 11 July 2011", "dated from 2010-09-01 to 2011-07-11"},
      {"Scheduled for 14th-25th March 2011.", kNo},
      {"14th-25th March", kNo},
      {"25th-14th March 2011", kNo},
      {"14th", kNo},
      {"14th – July 2011", kNo},
      {"31 February 2011", kNo},
      {"29 February 2011", kNo},
      {"31/04/2011", kNo},
      {"14/13/2011", kNo},
      {"14/03/211", kNo},
      {"32 March 2011", kNo},
      {"0 March 2011", kNo},
      {"14 March", kNo},
      {"14th of 2011", kNo},
  });
}

TEST_CASE("Everything else is not understood", "[timescale]") {
  CheckAll({
      {"", kNo},
      {"   ", kNo},
      {".", kNo},
      {"Soon", kNo},
      {"June 20100", kNo},
      {"Febtember 2011", kNo},
      {"31 February 2011", kNo},
      {"September", kNo},
      {"2010s", kNo},
      {"By July 2011", kNo},
      {"until April 2011", kNo},
      {"end of term 2", kNo},
      {"In Spring 2011", kNo},
      {"September 2010 (revised July 2011)", kNo},
      {"September 2010 (postponed)", kNo},
      {"September 2010 (cancelled)", kNo},
      {"September 2010 (4 meetings termly)", kNo},
      {"September 2010 ()", kNo},
      {"September 2010 (4 (meetings))", kNo},
      {"September 2010 (4 meetings", kNo},
      {"September 2010 (May)", kNo},
      {"September 2010 (8/11/10)", kNo},
      {"September 2010 2011", kNo},
      {"September 2010, July 2011", kNo},
      {"Spring 2011 and Summer 2011", kNo},
      {"2011-03-14", kNo},
      {"September 2010?", kNo},
      // Words that qualify or undo a date are never skipped.
      {"Early 2011", kNo},
      {"Mid-2011", kNo},
      {"Late Spring 2011", kNo},
      {"End of March 2011", kNo},
      {"w/c 14 March 2011", kNo},
      {"Not before September 2010", kNo},
      {"No later than July 2011", kNo},
      {"Before September 2010", kNo},
      {"Postponed to September 2011", kNo},
      {"Originally September 2010", kNo},
      {"September 2010 or later", kNo},
      {"(2010-11)", kNo},
      {"Summer '11", kNo},
  });
}

// The decisions docs/timescales.md records under "Notes on ambiguous forms".
TEST_CASE("Ambiguous forms are read as documented", "[timescale]") {
  CheckAll({
      {"2011-12", "dated from 2011-09-01 to 2012-07-31"},  // never the ISO month December 2011
      {"Autumn 2010 – 2011", "dated from 2010-09-01 to 2010-12-31"},
      {"Summer 2010 – 2011", "dated from 2011-04-01 to 2011-07-31"},
      {"Autumn term 2010/11", "dated from 2010-09-01 to 2010-12-31"},
      {"September 2010 – 11 July 2011", "dated from 2010-09-01 to 2011-07-11"},
      {"September 2010-11", kNo},
      {"14/3/11", "dated from 2011-03-14 to 2011-03-14"},  // day/month/year, 20yy
      {"03/14/2011", kNo},                                 // not month/day/year
      {"September 2010 (a ) b)", kNo},
  });
}

// Every timescale in shared/reference/scrutiny-update-report-2011-06.txt, as the cells read,
// including the cells the PDF conversion split or joined.
TEST_CASE("Every timescale in the June 2011 update report", "[timescale]") {
  SECTION("Appendix 1: the action plan to May 2011") {
    CheckAll({
        {"Quarterly", "recurring quarterly"},
        {"September 2010", "dated from 2010-09-01 to 2010-09-30"},
        {"Spring 2011", "dated from 2011-01-01 to 2011-03-31"},
        {"September 2011 – July 2012", "dated from 2011-09-01 to 2012-07-31"},
        {"November 2010 to December 2011", "dated from 2010-11-01 to 2011-12-31"},
        // Planned and actual in one cell: clerk keeps them apart (planned:, actual:).
        {"September 2011 – July 2012 Actual timescale – November 2010 to December 2011", kNo},
        {"Actual timescale – November 2010 to December 2011", kNo},
        // The reason is not a timescale; "Rescheduled from" must not read as "From".
        {"Rescheduled from September 2010 due to budget pressures", kNo},
        {"Rescheduled from September 2010 due to budget pressures.", kNo},
        {"Rescheduled from September 2010 due to budget pressures. To be completed. Additional "
         "actions identified in italics.",
         kNo},
        {"To be completed.", "unscheduled"},
        {"From September 2010 (4 meetings initially)", "open-ended from 2010-09-01"},
        {"Summer 2010", "dated from 2010-04-01 to 2010-07-31"},
        {"September 2010- July 2011", "dated from 2010-09-01 to 2011-07-31"},
        {"June 2010", "dated from 2010-06-01 to 2010-06-30"},
        // The note belongs in note:; with it the cell is not understood.
        {"To run 3 times Terms 2-3 (2010 – 11) for 90 teachers", kNo},
        {"Terms 2-3 (2010 – 11)", "dated from 2010-11-01 to 2011-02-28"},
        {"Terms 2-3 (2010 – 11) for 90 teachers", kNo},
        {"To run 3 times", kNo},
        {"From September 2010", "open-ended from 2010-09-01"},
        // "From October" and "2010" were split over two lines by the conversion.
        {"From October 2010", "open-ended from 2010-10-01"},
        {"From October", kNo},
        {"2010", "dated from 2010-01-01 to 2010-12-31"},
        {"August 2010", "dated from 2010-08-01 to 2010-08-31"},
        // "September 2010" and "– July 2011" were split over two cells.
        {"September 2010 – July 2011", "dated from 2010-09-01 to 2011-07-31"},
        {"– July 2011", kNo},
        {"- July 2011", kNo},
        {"Termly", "recurring termly"},
        {"September 2010 – August 2012", "dated from 2010-09-01 to 2012-08-31"},
    });
  }
  SECTION("Appendix 3: the action plan to November 2010") {
    CheckAll({
        {"Quarterly", "recurring quarterly"},
        {"September 2010", "dated from 2010-09-01 to 2010-09-30"},
        {"Spring 2011", "dated from 2011-01-01 to 2011-03-31"},
        {"September 2011 – July 2012 From November 2010-July 2011", kNo},
        {"September 2011 – July 2012", "dated from 2011-09-01 to 2012-07-31"},
        {"From November 2010-July 2011", "dated from 2010-11-01 to 2011-07-31"},
        {"From September 2010 (4 meetings initially)", "open-ended from 2010-09-01"},
        {"Summer 2010", "dated from 2010-04-01 to 2010-07-31"},
        {"September 2010- July 2011", "dated from 2010-09-01 to 2011-07-31"},
        {"June 2010 To run 3 times", kNo},
        {"June 2010", "dated from 2010-06-01 to 2010-06-30"},
        {"Terms 2-3 (2010 – 11) for 90 teachers", kNo},
        {"From September 2010", "open-ended from 2010-09-01"},
        {"From October 2010", "open-ended from 2010-10-01"},
        {"August 2010", "dated from 2010-08-01 to 2010-08-31"},
        {"September 2010 – July 2011", "dated from 2010-09-01 to 2011-07-31"},
        {"Termly", "recurring termly"},
        {"September 2010 – August 2012", "dated from 2010-09-01 to 2012-08-31"},
        {"November 2010 – July 2011", "dated from 2010-11-01 to 2011-07-31"},
        // Two cells joined, and one split over a page.
        {"November 2010 – July 2011 November 2010 – July 2011", kNo},
        {"November 2010 –", kNo},
        {"July 2011", "dated from 2011-07-01 to 2011-07-31"},
    });
  }
  SECTION("Periods the narrative and the updates mention") {
    CheckAll({
        {"academic year 2011-12", "dated from 2011-09-01 to 2012-07-31"},
        {"academic years 2010-12", "dated from 2010-09-01 to 2012-07-31"},
        {"2010-11", "dated from 2010-09-01 to 2011-07-31"},
        {"2011-2012", "dated from 2011-09-01 to 2012-07-31"},
        {"2009-10", "dated from 2009-09-01 to 2010-07-31"},
        {"14th-25th March 2011", "dated from 2011-03-14 to 2011-03-25"},
        {"14th-25th March", kNo},
        {"November 2010 - May 2011", "dated from 2010-11-01 to 2011-05-31"},
        {"From September 2011", "open-ended from 2011-09-01"},
        {"from 3/11/10", "open-ended from 2010-11-03"},
        {"12/11/10", "dated from 2010-11-12 to 2010-11-12"},
        {"29/11/10", "dated from 2010-11-29 to 2010-11-29"},
        {"14 June 2011", "dated from 2011-06-14 to 2011-06-14"},
        {"14th December 2010", "dated from 2010-12-14 to 2010-12-14"},
        {"July 2010", "dated from 2010-07-01 to 2010-07-31"},
        {"spring term", kNo},
        {"summer term", kNo},
        {"the spring / summer terms", kNo},
        {"until April 2011", kNo},
        {"end of term 2", kNo},
        {"terms 2-4", kNo},
        {"terms 5 and 6", kNo},
        {"terms 2/3/4", kNo},
    });
  }
}

TEST_CASE("Pathological input is refused quickly", "[timescale]") {
  CHECK(Parse(std::string(100000, '-')) == kNo);
  CHECK(Parse(std::string(100000, '(')) == kNo);
  CHECK(Parse(std::string(100000, '9')) == kNo);
  CHECK(Parse(std::string(100000, 'a')) == kNo);
  CHECK(Parse(std::string(100000, '\xE2')) == kNo);
  std::string months;
  for (int i = 0; i < 10000; ++i) months += "September 2010 – ";
  CHECK(Parse(months) == kNo);
  std::string spaces(100000, ' ');
  CHECK(Parse(spaces + "Termly" + spaces) == "recurring termly");
  // A cut-off UTF-8 dash and stray bytes are simply not understood.
  CHECK(Parse("September 2010 \xE2\x80") == kNo);
  CHECK(Parse("September 2010 \xFF July 2011") == kNo);
  CHECK(Parse(std::string("Termly\0", 7)) == kNo);
}
