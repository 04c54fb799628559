#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/file_system.h"
#include "core/source_location.h"

/// The council's committees file (committees.yaml): for each committee, the name reports give in
/// their `committee:` field, the short code of its papers and the pattern of its reference numbers.
/// One file serves every review; docs/registry.md describes it.
namespace clerk::load {

/// Where clerk looks for the committees file when the command line names none: committees.yaml
/// in the current folder when it has one (a council's own), else the one clerk was built with.
std::string DefaultCommitteesPath(const FileSystem& files);

/// One committee, each value with where it was read.
struct Committee {
  LocatedText name;       ///< "Children's Services Scrutiny Committee", as reports spell it
  LocatedText code;       ///< "CSSC": letters and digits
  LocatedText reference;  ///< the pattern of its reference numbers, "{code}/{year}/{seq:02}"
};

/// Every committee of the file, in file order.
struct Committees {
  std::string file;  ///< the path it was read from
  std::vector<Committee> committees;

  /// The committee called exactly `name`, or nullptr.
  const Committee* Find(const std::string& name) const;
};

/// Reads `path`. Every problem (unreadable file, YAML syntax, a missing or unknown field, a code
/// that is not letters and digits, a pattern that is not valid, a name or code given twice) is an
/// error at file:line:column, all reported at once; nullopt when there was any.
std::optional<Committees> LoadCommittees(const FileSystem& files, const std::string& path,
                                         Diagnostics& diagnostics);

/// The committee a report names in its `committee:` field (`committee`), whose code and pattern
/// number its papers. When the file has none of that name: nullptr, and an error at the field,
/// naming the file and the nearest committee name. `clerk build` and `clerk check` both find a
/// report's committee here, so that check passes only what build can number.
const Committee* FindReportCommittee(const Committees& committees, const LocatedText& committee,
                                     Diagnostics& diagnostics);

}  // namespace clerk::load
