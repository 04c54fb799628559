#pragma once

#include <Poco/Util/Application.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <memory>
#include <string>
#include <vector>

namespace clerk::cli {

/// Exit statuses shared by every verb.
constexpr int kExitOk = 0;
constexpr int kExitWarnings = 1;  ///< warnings, with --strict
constexpr int kExitErrors = 2;    ///< errors in the inputs; nothing written
constexpr int kExitUsage = 64;    ///< the command line itself is wrong (as sysexits' EX_USAGE)
constexpr int kExitFailure = 70;  ///< an internal failure

/// One verb of the clerk program ("check", "facts", "build" ...). Options go through Poco::Util:
/// each verb declares them in DefineCommandOptions with .binding("name") so that their values
/// land in config(); --help is common to all verbs, and a verb whose progress goes through the
/// "clerk" logger adds QuietOption() and VerboseOption() saying what they leave out or add.
class Command : public Poco::Util::Application {
 public:
  /// name: the verb; summary: one line for `clerk --help`; usage: arguments after the options,
  /// e.g. "<review-folder>"; description: a paragraph for `clerk <verb> --help`.
  Command(std::string name, std::string summary, std::string usage, std::string description);

  const std::string& Name() const { return name_; }
  const std::string& Summary() const { return summary_; }

  /// Runs the verb: argv[0] is the verb, the rest its options and arguments. Returns the exit
  /// status: kExitUsage when the options are wrong, kExitFailure when the verb throws.
  virtual int Run(int argc, char** argv);

  /// A usage error: prints "clerk <verb>: <message>" and a pointer to --help; returns kExitUsage.
  int UsageError(const std::string& message);

 protected:
  /// An option a verb cannot do without, and what its value says, for the message when it is
  /// missing: {"by", "the name of who makes it"}.
  struct NeededOption {
    std::string name;
    std::string what;
  };

  /// "" when each of `needed` was given a value that is not blank; otherwise the usage message
  /// naming every one missing, e.g. for deed "a sign-off": "a sign-off needs the name of who
  /// makes it (--by <name>) and their role (--role <role>)".
  std::string MissingOptions(const std::string& deed,
                             const std::vector<NeededOption>& needed) const;

  /// The verb's own options.
  virtual void DefineCommandOptions(Poco::Util::OptionSet& options) {}
  /// Runs the verb with the arguments left after the options; returns the exit status.
  virtual int Execute(const std::vector<std::string>& arguments) = 0;

  void initialize(Poco::Util::Application& self) override;
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& arguments) override;

 private:
  /// `clerk <verb> --help`: the usage line, the summary, the description and every option of
  /// the verb's OptionSet, wrapped to kHelpWidth columns.
  std::string HelpText() const;

  std::string name_;
  std::string summary_;
  std::string usage_;
  std::string description_;
  bool help_requested_ = false;
};

/// The width of `clerk <verb> --help`, in columns.
constexpr int kHelpWidth = 100;

/// An optional, unrepeatable option that takes a value, bound to the config key of its own name:
/// the shape of nearly every option of every verb.
Poco::Util::Option ValueOption(const std::string& name, const std::string& short_name,
                               const std::string& description, const std::string& argument);

/// -q, --quiet, bound to config key "quiet": the "clerk" logger prints only warnings and errors.
/// `description` says what that leaves out for this verb.
Poco::Util::Option QuietOption(const std::string& description);

/// -v, --verbose, bound to config key "verbose": the "clerk" logger prints its debug messages
/// too. `description` says what that adds for this verb.
Poco::Util::Option VerboseOption(const std::string& description);

/// The --registry option of every verb that reads or writes the registry; its value lands in
/// config key "registry.path".
Poco::Util::Option RegistryOption();

/// Makes one verb's command. Poco allows one Application object at a time, so verbs are made one
/// by one, never all at once.
using CommandFactory = std::unique_ptr<Command> (*)();

/// Every verb's factory, in the order `clerk --help` lists them (the table generated for each
/// program from its verb files: all of them for clerk, one for a verb's own program).
std::vector<CommandFactory> AllCommands();

}  // namespace clerk::cli
