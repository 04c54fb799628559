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
/// land in config(); --help, --quiet and --verbose are common to all verbs.
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
  /// The verb's own options.
  virtual void DefineCommandOptions(Poco::Util::OptionSet& options) {}
  /// Runs the verb with the arguments left after the options; returns the exit status.
  virtual int Execute(const std::vector<std::string>& arguments) = 0;

  void initialize(Poco::Util::Application& self) override;
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& arguments) override;

 private:
  void PrintHelp();

  std::string name_;
  std::string summary_;
  std::string usage_;
  std::string description_;
  bool help_requested_ = false;
};

/// An optional, unrepeatable option that takes a value, bound to the config key of its own name:
/// the shape of nearly every option of every verb.
Poco::Util::Option ValueOption(const std::string& name, const std::string& short_name,
                               const std::string& description, const std::string& argument);

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
