#include "load/diagnostic_limit.h"
#include "load/files.h"
#include "load/suggest.h"

// reports/<id>.yaml: one paper made from the review, as of a date.
namespace clerk::load {

namespace {

const std::vector<std::string> kReportFields = {"id",
                                                "template",
                                                "committee",
                                                "date",
                                                "as_of",
                                                "previous",
                                                "author",
                                                "title",
                                                "purpose",
                                                "recommendation_intro",
                                                "recommendation",
                                                "recommendation_style",
                                                "sections",
                                                "signatory",
                                                "contact",
                                                "local_members",
                                                "background_documents",
                                                "document_reference",
                                                "appendices",
                                                "published"};
const std::vector<std::string> kSectionFields = {"heading", "paragraphs"};
const std::vector<std::string> kPersonFields = {"name", "title", "telephone"};
const std::vector<std::string> kRecommendationStyles = {"paragraphs", "numbered"};

// The scalar nodes of a text or list-of-text field, for the placeholder check.
void CollectScalars(const Field& field, std::vector<const YamlNode*>& out) {
  if (!field.Present()) return;
  if (field.value->IsScalar()) out.push_back(field.value);
  if (!field.value->IsList()) return;
  for (const YamlNode& item : field.value->items) {
    if (item.IsScalar()) out.push_back(&item);
  }
}

std::optional<Person> ReadPerson(const Field& field, const std::string& owner,
                                 Diagnostics& diagnostics) {
  const YamlNode* node = ReadMap(field, diagnostics);
  if (node == nullptr) return std::nullopt;
  MapFields fields(*node, field.label + " of " + owner, kPersonFields, diagnostics);
  Person person;
  auto name = ReadText(fields.Require("name"), diagnostics);
  auto title = ReadText(fields.Require("title"), diagnostics);
  person.telephone = ReadText(fields.Get("telephone"), diagnostics);
  if (!name || !title) return std::nullopt;
  person.name = *name;
  person.title = *title;
  return person;
}

std::vector<Section> ReadSections(const Field& field, const std::string& owner,
                                  std::vector<const YamlNode*>& narrative,
                                  Diagnostics& diagnostics) {
  std::vector<Section> sections;
  const std::vector<YamlNode>* list = ReadList(field, diagnostics);
  if (list == nullptr) return sections;
  for (const YamlNode& node : *list) {
    std::string heading = PeekText(node, "heading");
    MapFields fields(node, heading.empty() ? "a section of " + owner : "section '" + heading + "'",
                     kSectionFields, diagnostics);
    if (!fields.IsMap()) continue;
    Section section;
    if (auto value = ReadText(fields.Require("heading"), diagnostics)) section.heading = *value;
    Field paragraphs = fields.Require("paragraphs");
    if (auto texts = ReadTextList(paragraphs, "a paragraph", diagnostics)) {
      section.paragraphs = *texts;
    }
    CollectScalars(fields.Get("heading"), narrative);
    CollectScalars(paragraphs, narrative);
    sections.push_back(std::move(section));
  }
  return sections;
}

}  // namespace

std::optional<ReportDefinition> LoadReport(const YamlDocument& document, const std::string& name,
                                           const NarrativeScope& scope, Diagnostics& diagnostics) {
  const YamlNode* root =
      FileMap(document, "the fields of a report: id:, committee:, ...", diagnostics);
  if (root == nullptr) return std::nullopt;
  std::string owner = "report " + name;
  MapFields fields(*root, owner, kReportFields, diagnostics);
  ReportDefinition report;
  report.file = document.source.Path();
  report.where = fields.Where();
  std::vector<const YamlNode*> narrative;

  report.id = LocatedText{name, document.source.Whole()};
  if (auto id = ReadId(fields.Require("id"), diagnostics)) {
    report.id = *id;
    if (id->value != name) {
      diagnostics.Warning(
          id->where,
          "report id '" + id->value + "' does not match its file name '" + name + ".yaml'",
          "name the file after the id, or the id after the file");
    }
  }
  auto text = [&](const char* key, bool required, LocatedText& out) {
    Field field = required ? fields.Require(key) : fields.Get(key);
    if (auto value = ReadText(field, diagnostics)) out = *value;
  };
  text("template", true, report.template_name);
  text("committee", true, report.committee);
  if (auto date = ReadDate(fields.Require("date"), "meeting date", true, diagnostics)) {
    report.date = *date;
  }
  if (auto as_of = ReadDate(fields.Require("as_of"), "as-of date", true, diagnostics)) {
    report.as_of = *as_of;
  }
  report.previous = ReadId(fields.Get("previous"), diagnostics);
  text("author", true, report.author);
  text("title", true, report.title);
  text("purpose", true, report.purpose);
  CollectScalars(fields.Get("title"), narrative);
  CollectScalars(fields.Get("purpose"), narrative);

  Field recommendation = fields.Require("recommendation");
  if (auto paragraphs = ReadTextList(recommendation, "a recommendation paragraph", diagnostics)) {
    report.recommendation = *paragraphs;
  }
  CollectScalars(recommendation, narrative);
  report.recommendation_style = LocatedText{"paragraphs", report.where};
  if (auto style = ReadText(fields.Get("recommendation_style"), diagnostics)) {
    if (style->value == "paragraphs" || style->value == "numbered") {
      report.recommendation_style = *style;
    } else {
      diagnostics.Error(
          style->where,
          "recommendation_style '" + style->value + "' is neither 'paragraphs' nor 'numbered'",
          DidYouMean(style->value, kRecommendationStyles));
    }
  }
  report.sections = ReadSections(fields.Get("sections"), owner, narrative, diagnostics);
  if (auto person = ReadPerson(fields.Require("signatory"), owner, diagnostics)) {
    report.signatory = *person;
  }
  if (auto person = ReadPerson(fields.Require("contact"), owner, diagnostics)) {
    report.contact = *person;
  }
  text("local_members", true, report.local_members);
  if (auto documents =
          ReadTextList(fields.Get("background_documents"), "a background document", diagnostics)) {
    report.background_documents = *documents;
  }
  report.document_reference = ReadText(fields.Get("document_reference"), diagnostics);
  report.recommendation_intro = ReadText(fields.Get("recommendation_intro"), diagnostics);

  Field appendices = fields.Get("appendices");
  report.appendices = LoadAppendices(appendices, diagnostics);
  // Keys as written, even of appendices with other problems, so that a placeholder naming one is
  // not reported as well.
  std::vector<std::string> appendix_keys;
  if (appendices.Present() && appendices.value->IsList()) {
    for (const YamlNode& item : appendices.value->items) {
      if (!item.IsMap()) continue;
      appendix_keys.push_back(PeekText(item, "key"));
      for (const YamlEntry& entry : item.entries) {
        if (entry.key.text == "title" || entry.key.text == "intro") {
          CollectScalars(Field{"", &entry.key, &entry.value}, narrative);
        }
      }
    }
  }
  report.published = LoadPublished(fields.Get("published"), scope, diagnostics);

  int hints_left = kMaxDiagnosticsPerFile;
  for (const YamlNode* node : narrative) {
    CheckPlaceholders(document, *node, appendix_keys, scope, hints_left, diagnostics);
  }
  return report;
}

}  // namespace clerk::load
