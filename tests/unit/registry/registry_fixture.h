#pragma once

// Helpers for the registry tests: a scratch folder, whole-file reads and writes, requests with
// test values, and a real registry file in the scratch folder.

#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "registry/hashing.h"
#include "registry/reference_pattern.h"
#include "registry/registry.h"

#include "run_program.h"

namespace clerk::registry::test {

/// A fresh folder under the system's temporary folder, removed with everything in it.
class Scratch {
 public:
  Scratch() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "clerk-registry-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : "";
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Shared with every test executable (tests/support).
using clerk::testing::ReadWholeFile;
using clerk::testing::WriteWholeFile;

/// The names in a folder, sorted.
inline std::vector<std::string> Listing(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// The names in an outputs folder, sorted, without the registry and SQLite's files beside it.
inline std::vector<std::string> OutputFiles(const std::string& folder) {
  std::vector<std::string> names;
  for (const std::string& name : Listing(folder)) {
    if (name.rfind("registry.db", 0) != 0) names.push_back(name);
  }
  return names;
}

/// Every diagnostic message, one a line, with its hint after " | ".
inline std::string Messages(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.Items()) {
    out += std::string(SeverityName(d.severity)) + ": " + d.message;
    if (!d.hint.empty()) out += " | " + d.hint;
    out += "\n";
  }
  return out;
}

inline std::unique_ptr<Registry> OpenOrFail(const std::string& path,
                                            OpenMode mode = OpenMode::kReadWrite) {
  Diagnostics diagnostics;
  auto registry = Registry::Open(path, diagnostics, {mode, 30000});
  if (!registry) throw std::runtime_error("cannot open the registry: " + Messages(diagnostics));
  return registry;
}

inline ReferenceRequest Reference(const std::string& report_id, int year = 2011,
                                  const std::string& code = "CSSC",
                                  const std::string& review = "ks2-maths-scrutiny") {
  return {review, report_id, code, "{code}/{year}/{seq:02}", year, "clerk", "2011-06-01T09:00:00Z"};
}

/// A draft request whose content is made from `inputs` (templates fixed).
inline DraftRequest Draft(const std::string& reference, const std::string& inputs,
                          const std::string& at = "2011-06-01T10:00:00Z") {
  DraftRequest request;
  request.reference = reference;
  request.inputs_sha256 = Sha256Hex(inputs);
  request.templates_sha256 = Sha256Hex("templates");
  request.content_sha256 = ContentHash(request.inputs_sha256, request.templates_sha256, "");
  request.by = "clerk";
  request.at = at;
  return request;
}

/// Bytes standing for a rendered PDF of `content` at `version`.
inline std::string PdfBytes(const std::string& content, int version, size_t size = 4096) {
  std::string bytes = "%PDF-1.7\n% " + content + " v" + std::to_string(version) + "\n";
  while (bytes.size() < size) bytes += static_cast<char>('a' + bytes.size() % 26);
  return bytes + "\n%%EOF\n";
}

/// Plans and commits one build of `request`; the plan. Throws when anything fails.
inline DraftPlan BuildDraft(Registry& registry, const DraftRequest& request,
                            const std::string& folder) {
  Diagnostics diagnostics;
  auto plan = registry.PlanDraft(request, diagnostics);
  if (!plan) throw std::runtime_error("plan: " + Messages(diagnostics));
  if (plan->action == DraftAction::kUnchanged) {
    if (!registry.RecordUnchangedBuild(*plan, request, diagnostics)) {
      throw std::runtime_error("unchanged: " + Messages(diagnostics));
    }
    return *plan;
  }
  std::string path = plan->action == DraftAction::kRestore
                         ? plan->pdf_path
                         : folder + "/" + DraftFileName(request.reference, plan->version);
  CommitResult result = registry.CommitDraft(
      *plan, request, path, PdfBytes(request.content_sha256, plan->version), diagnostics);
  if (result != CommitResult::kDone) throw std::runtime_error("commit: " + Messages(diagnostics));
  return *plan;
}

}  // namespace clerk::registry::test
