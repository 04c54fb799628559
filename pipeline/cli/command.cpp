#include "cli/command.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "registry/registry.h"

namespace clerk::cli {

using Poco::Util::Option;
using Poco::Util::OptionSet;

namespace {

// An option's descriptions start in this column at most; a longer name and argument has its
// description on the next line.
constexpr size_t kMaxDescriptionColumn = 40;

// `lead`, then the words of `text` after it, broken at spaces into lines of at most `width`
// columns, every line after the first indented by `indent` spaces; a word longer than a line
// stands on a line of its own. Ends with a line break.
std::string Wrapped(const std::string& lead, const std::string& text, size_t indent, size_t width) {
  std::string out = lead;
  size_t column = lead.size();
  bool line_has_words = false;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    if (line_has_words && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
      line_has_words = false;
    }
    if (line_has_words) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    line_has_words = true;
  }
  return out + "\n";
}

// How an option is written, its value shown as <argument> apart from its name:
// "-r <id>, --report=<id>", "--registry=<path>", "-a, --all".
std::string OptionLabel(const Option& option) {
  std::string argument = option.takesArgument() ? "<" + option.argumentName() + ">" : "";
  bool optional = option.takesArgument() && !option.argumentRequired();
  std::string label;
  if (!option.shortName().empty()) {
    label += "-" + option.shortName();
    // Poco takes an optional value only when it is joined to the short name.
    if (!argument.empty()) label += optional ? "[" + argument + "]" : " " + argument;
    if (!option.fullName().empty()) label += ", ";
  }
  if (!option.fullName().empty()) {
    label += "--" + option.fullName();
    if (!argument.empty()) label += optional ? "[=" + argument + "]" : "=" + argument;
  }
  return label;
}

bool Blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

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
  // Poco's own logger (made by its logging subsystem, so at the level just set) logs the
  // subsystems' shutdown at debug level: nothing a clerk asked for with --verbose.
  logger().setLevel(std::min(level, static_cast<int>(Poco::Message::PRIO_INFORMATION)));
}

void Command::defineOptions(OptionSet& options) {
  Poco::Util::Application::defineOptions(options);
  options.addOption(
      Option("help", "h", "Show this help and exit.").required(false).repeatable(false));
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
    std::cout << HelpText();
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

std::string Command::MissingOptions(const std::string& deed,
                                    const std::vector<NeededOption>& needed) const {
  std::vector<std::string> missing;
  for (const NeededOption& each : needed) {
    const Option& option = options().getOption(each.name);
    if (!Blank(config().getString(option.binding(), ""))) continue;
    missing.push_back(each.what + " (--" + option.fullName() + " <" + option.argumentName() + ">)");
  }
  if (missing.empty()) return "";
  std::string text = deed + " needs ";
  for (size_t i = 0; i < missing.size(); ++i) {
    if (i > 0) text += i + 1 == missing.size() ? " and " : ", ";
    text += missing[i];
  }
  return text;
}

std::string Command::HelpText() const {
  std::string usage = "[options]" + (usage_.empty() ? "" : " " + usage_);
  std::string lead = "usage: clerk " + name_ + " ";
  std::string text = Wrapped(lead, usage, lead.size(), kHelpWidth);
  text += "\n" + Wrapped("", summary_, 0, kHelpWidth);
  if (!description_.empty()) text += "\n" + Wrapped("", description_, 0, kHelpWidth);
  text += "\nOptions:\n";
  size_t column = 0;
  for (const Option& option : options()) {
    column = std::max(column, std::min(2 + OptionLabel(option).size() + 2, kMaxDescriptionColumn));
  }
  for (const Option& option : options()) {
    std::string label = "  " + OptionLabel(option);
    if (label.size() + 2 > column) {
      text += label + "\n";
      label.clear();
    }
    label.resize(column, ' ');
    text += Wrapped(label, option.description(), column, kHelpWidth);
  }
  return text;
}

Option ValueOption(const std::string& name, const std::string& short_name,
                   const std::string& description, const std::string& argument) {
  return Option(name, short_name, description)
      .required(false)
      .repeatable(false)
      .argument(argument)
      .binding(name);
}

Option QuietOption(const std::string& description) {
  return Option("quiet", "q", description).required(false).repeatable(false).binding("quiet");
}

Option VerboseOption(const std::string& description) {
  return Option("verbose", "v", description).required(false).repeatable(false).binding("verbose");
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
