#include "load/committees.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "load/fields.h"
#include "load/files.h"
#include "load/suggest.h"
#include "load/yaml_tree.h"
#include "registry/reference_pattern.h"

namespace clerk::load {

namespace {

constexpr char kCommitteesFile[] = "committees.yaml";

bool IsCode(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isalnum(c) != 0; });
}

std::optional<Committee> ReadCommittee(const YamlNode& node, Diagnostics& diagnostics) {
  std::string name = PeekText(node, "name");
  MapFields fields(node, name.empty() ? "a committee" : "committee '" + name + "'",
                   {"name", "code", "reference"}, diagnostics);
  if (!fields.IsMap()) return std::nullopt;
  auto read_name = ReadText(fields.Require("name"), diagnostics);
  auto code = ReadText(fields.Require("code"), diagnostics);
  auto reference = ReadText(fields.Require("reference"), diagnostics);
  if (code && !IsCode(code->value)) {
    diagnostics.Error(code->where,
                      "committee code '" + code->value + "' should be letters and digits only",
                      "it begins every reference and file name of the committee's papers");
    code.reset();
  }
  if (reference) {
    std::string error;
    if (!registry::ReferencePattern::Parse(reference->value, &error)) {
      diagnostics.Error(reference->where, error,
                        "for example \"{code}/{year}/{seq:02}\" makes CSSC/2011/07");
      reference.reset();
    }
  }
  if (!read_name || !code || !reference) return std::nullopt;
  return Committee{*read_name, *code, *reference};
}

// Two committees with one name would leave a report's committee ambiguous; two with one code
// would share a sequence of references.
void CheckUnique(const std::vector<Committee>& committees, Diagnostics& diagnostics) {
  std::map<std::string, const Committee*> names, codes;
  for (const Committee& committee : committees) {
    auto [name, new_name] = names.emplace(committee.name.value, &committee);
    if (!new_name) {
      const SourceLocation& first = name->second->name.where;
      diagnostics.Error(committee.name.where, "committee '" + committee.name.value +
                                                  "' is listed twice (first at line " +
                                                  std::to_string(first.line) + ")");
    }
    auto [code, new_code] = codes.emplace(committee.code.value, &committee);
    if (!new_code) {
      diagnostics.Error(committee.code.where,
                        "code '" + committee.code.value + "' is already the code of '" +
                            code->second->name.value + "'",
                        "each committee needs a code of its own: it numbers its own papers");
    }
  }
}

}  // namespace

std::string DefaultCommitteesPath(const FileSystem& files) {
  return files.IsFile(kCommitteesFile) ? kCommitteesFile
                                       : JoinPath(CLERK_SOURCE_DIR, kCommitteesFile);
}

const Committee* Committees::Find(const std::string& name) const {
  for (const Committee& committee : committees) {
    if (committee.name.value == name) return &committee;
  }
  return nullptr;
}

std::optional<Committees> LoadCommittees(const FileSystem& files, const std::string& path,
                                         Diagnostics& diagnostics) {
  Diagnostics found;
  auto document =
      ReadYamlFile(files, path, true, "the council's committees and their references", found);
  Committees result;
  result.file = path;
  if (document) {
    const YamlNode* root = FileMap(*document, "committees: and a list", found);
    if (root) {
      MapFields top(*root, path, {"committees"}, found);
      if (const auto* list = ReadList(top.Require("committees"), found)) {
        for (const YamlNode& item : *list) {
          if (auto committee = ReadCommittee(item, found)) {
            result.committees.push_back(std::move(*committee));
          }
        }
      }
      CheckUnique(result.committees, found);
    }
  }
  bool failed = found.HasErrors() || !document;
  diagnostics.AddAll(found);
  if (failed) return std::nullopt;
  return result;
}

const Committee* FindReportCommittee(const Committees& committees, const LocatedText& committee,
                                     Diagnostics& diagnostics) {
  if (const Committee* found = committees.Find(committee.value)) return found;
  std::vector<std::string> names;
  for (const Committee& known : committees.committees) names.push_back(known.name.value);
  std::string hint = DidYouMean(committee.value, names, false);
  if (hint.empty()) hint = "add it, with its code and reference pattern, to " + committees.file;
  diagnostics.Error(committee.where,
                    "committee '" + committee.value + "' is not in " + committees.file +
                        ", so its papers cannot be numbered",
                    hint);
  return nullptr;
}

}  // namespace clerk::load
