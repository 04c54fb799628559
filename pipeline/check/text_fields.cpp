#include "check/text_fields.h"

namespace clerk::check {

namespace {

class TextCollector {
 public:
  void Add(const LocatedText& text) { texts_.push_back(&text); }
  void Add(const std::optional<LocatedText>& text) {
    if (text) Add(*text);
  }
  void Add(const std::vector<LocatedText>& texts) {
    for (const LocatedText& text : texts) Add(text);
  }
  void Add(const TimescaleWords& words) { Add(words.words); }
  void Add(const std::optional<TimescaleChange>& change) {
    if (!change) return;
    Add(change->timescale);
    Add(change->reason);
  }
  void Add(const Person& person) {
    Add(person.name);
    Add(person.title);
    Add(person.telephone);
  }
  void Add(const Appendix& appendix) {
    Add(appendix.key);
    Add(appendix.title);
    Add(appendix.intro);
    Add(appendix.response_heading);
    Add(appendix.recommendations);
    Add(appendix.updates);
    Add(appendix.report);
  }

  std::vector<const LocatedText*> Take() { return std::move(texts_); }

 private:
  std::vector<const LocatedText*> texts_;
};

void AddReport(const ReportDefinition& report, TextCollector& texts) {
  texts.Add(report.id);
  texts.Add(report.template_name);
  texts.Add(report.committee);
  texts.Add(report.previous);
  texts.Add(report.author);
  texts.Add(report.title);
  texts.Add(report.purpose);
  texts.Add(report.recommendation_intro);
  texts.Add(report.recommendation);
  texts.Add(report.recommendation_style);
  for (const Section& section : report.sections) {
    texts.Add(section.heading);
    texts.Add(section.paragraphs);
  }
  texts.Add(report.signatory);
  texts.Add(report.contact);
  texts.Add(report.local_members);
  texts.Add(report.background_documents);
  texts.Add(report.document_reference);
  for (const Appendix& appendix : report.appendices) texts.Add(appendix);
  if (report.published) {
    for (const PublishedChange& change : report.published->changes) texts.Add(change.school);
    for (const PublishedMeasure& measure : report.published->measures) {
      texts.Add(measure.measure);
      for (const PublishedRow& row : measure.rows) texts.Add(row.school);
    }
  }
}

}  // namespace

std::vector<const LocatedText*> ReviewTexts(const Review& review) {
  TextCollector texts;
  texts.Add(review.info.title);
  texts.Add(review.info.council);
  texts.Add(review.info.language);
  for (const Recommendation& recommendation : review.recommendations) {
    texts.Add(recommendation.id);
    texts.Add(recommendation.text);
    for (const RecommendationPart& part : recommendation.parts) {
      texts.Add(part.id);
      texts.Add(part.text);
    }
  }
  for (const Action& action : review.actions) {
    texts.Add(action.id);
    texts.Add(action.recommendation);
    texts.Add(action.part);
    texts.Add(action.text);
    for (const Revision& revision : action.revisions) texts.Add(revision.text);
    if (action.withdrawn) texts.Add(action.withdrawn->reason);
    for (const ProgressUpdate& update : action.updates) texts.Add(update.text);
  }
  for (const TimescaleRecord& record : review.timescales) {
    texts.Add(record.action);
    texts.Add(record.planned);
    texts.Add(record.revised);
    texts.Add(record.actual);
    texts.Add(record.note);
  }
  for (const Measure& measure : review.attainment.measures) {
    texts.Add(measure.id);
    texts.Add(measure.name);
  }
  for (const School& school : review.attainment.schools) texts.Add(school.name);
  for (const ReportDefinition& report : review.reports) AddReport(report, texts);
  return texts.Take();
}

}  // namespace clerk::check
