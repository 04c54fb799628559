#include "cli/command.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>

#include <iostream>

#include "registry/registry.h"

namespace clerk::cli {

using Poco::Util::Option;
using Poco::Util::OptionSet;

Command::Command(std::string name, std::string summary, std::string usage, std::string description)
    : name_(std::move(name)),
      summary_(std::move(summary)),
      usage_(std::move(usage)),
      description_(std::move(description)) {
  setUnixOptions(true);
}

void Command::initialize(Poco::Util::Application& self) {
  // Messages go to standard error as plain text: the clerk reads them, not a log collector.
  Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel(std::cerr));
  Poco::AutoPtr<Poco::PatternFormatter> pattern(new Poco::PatternFormatter("%t"));
  Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(pattern, console));
  Poco::Logger& root = Poco::Logger::root();
  root.setChannel(channel);
  int level = Poco::Message::PRIO_INFORMATION;
  if (config().hasProperty("quiet")) level = Poco::Message::PRIO_WARNING;
  if (config().hasProperty("verbose")) level = Poco::Message::PRIO_DEBUG;
  root.setLevel(level);
  Poco::Logger::get("clerk").setChannel(channel);
  Poco::Logger::get("clerk").setLevel(level);
  Poco::Util::Application::initialize(self);
}

void Command::defineOptions(OptionSet& options) {
  Poco::Util::Application::defineOptions(options);
  options.addOption(
      Option("help", "h", "Show this help and exit.").required(false).repeatable(false));
  options.addOption(Option("quiet", "q", "Print only warnings and errors.")
                        .required(false)
                        .repeatable(false)
                        .binding("quiet"));
  options.addOption(Option("verbose", "v", "Print progress in detail.")
                        .required(false)
                        .repeatable(false)
                        .binding("verbose"));
  DefineCommandOptions(options);
}

void Command::handleOption(const std::string& name, const std::string& value) {
  Poco::Util::Application::handleOption(name, value);
  if (name == "help") {
    help_requested_ = true;
    stopOptionsProcessing();
  }
}

int Command::main(const std::vector<std::string>& arguments) {
  if (help_requested_) {
    PrintHelp();
    return kExitOk;
  }
  return Execute(arguments);
}

int Command::Run(int argc, char** argv) {
  try {
    init(argc, argv);
  } catch (const Poco::Exception& e) {
    return UsageError(e.displayText());
  }
  try {
    return run();
  } catch (const std::exception& e) {
    std::cerr << "clerk " << name_ << ": internal error: " << e.what() << "\n";
    return kExitFailure;
  }
}

int Command::UsageError(const std::string& message) {
  std::cerr << "clerk " << name_ << ": " << message << "\n"
            << "Run 'clerk " << name_ << " --help' for its options.\n";
  return kExitUsage;
}

void Command::PrintHelp() {
  Poco::Util::HelpFormatter help(options());
  help.setCommand("clerk " + name_);
  help.setUsage("[options] " + usage_);
  help.setHeader(summary_ + "\n\n" + description_ + "\n\nOptions:");
  help.setUnixStyle(true);
  help.setWidth(100);
  help.format(std::cout);
}

Option ValueOption(const std::string& name, const std::string& short_name,
                   const std::string& description, const std::string& argument) {
  return Option(name, short_name, description)
      .required(false)
      .repeatable(false)
      .argument(argument)
      .binding(name);
}

Option RegistryOption() {
  return Option("registry", "",
                std::string("The registry file (default ") + registry::kDefaultRegistryPath + ").")
      .required(false)
      .repeatable(false)
      .argument("path")
      .binding("registry.path");
}

}  // namespace clerk::cli
