// clerk's entries for the verbs that run as programs of their own (see verb_program.h). Only
// clerk links this file; each verb's program links the verb's own factory, from
// pipeline/cli/<verb>_command.cpp, instead.
#include <memory>

#include "cli/verb_program.h"

namespace clerk::cli {

std::unique_ptr<Command> MakeCheckPdfCommand() {
  return std::make_unique<VerbProgramCommand>("check-pdf", kCheckPdfSummary);
}

std::unique_ptr<Command> MakeServeCommand() {
  return std::make_unique<VerbProgramCommand>("serve", kServeSummary);
}

std::unique_ptr<Command> MakeUserCommand() {
  return std::make_unique<VerbProgramCommand>("user", kUserSummary);
}

}  // namespace clerk::cli
