#include "merge/partial_expansion.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>
#include <vector>

namespace clerk::merge {

namespace {

// A template that would grow past this by splicing keeps its partial tags: a set whose partials
// each include the next twice would otherwise double at every level.
constexpr std::size_t kMaxExpandedBytes = std::size_t{1} << 20;

// A partial tag: where it starts and ends (one past its "}}") in its template, and its name.
struct PartialTag {
  std::size_t start;
  std::size_t end;
  std::string_view name;
};

// kainjow's trim: std::isspace on either side.
std::string_view Trim(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// The partial tags of `text`, found as kainjow's parser finds tags with the default delimiters:
// the leftmost "{{"; "{{{" opens a tag ending at "}}}"; any other ends at the next "}}"; a tag
// whose trimmed contents start with ">" is a partial. nullopt when the text sets delimiters (or
// has an unclosed tag, which a checked template does not).
std::optional<std::vector<PartialTag>> FindPartialTags(std::string_view text) {
  std::vector<PartialTag> tags;
  std::size_t position = 0;
  while ((position = text.find("{{", position)) != std::string_view::npos) {
    std::size_t contents = position + 2;
    bool triple = contents < text.size() && text[contents] == '{';
    if (triple) ++contents;
    std::string_view closing = triple ? "}}}" : "}}";
    std::size_t end = text.find(closing, contents);
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view inside = Trim(text.substr(contents, end - contents));
    if (!inside.empty() && inside.front() == '=') return std::nullopt;
    if (!triple && !inside.empty() && inside.front() == '>') {
      tags.push_back({position, end + closing.size(), Trim(inside.substr(1))});
    }
    position = end + closing.size();
  }
  return tags;
}

// Whether `insert` may stand in for a partial tag. The character before a tag is never "{" (the
// parser would have started the tag there), and a checked partial closes all its tags; what is
// left is the two joins: "\r" then "\n" would become one line end instead of two, and "{" then
// a following "{" a tag.
bool JoinsCleanly(std::string_view insert) {
  return !insert.empty() && insert.front() != '\n' && insert.back() != '\r' && insert.back() != '{';
}

class Expander {
 public:
  explicit Expander(const std::map<std::string, std::string>& texts) : texts_(texts) {}

  // The text of `name` with its partials spliced in; `open` holds the partials being expanded
  // on the way here, `name` last.
  std::string Expand(const std::string& name, std::vector<std::string>& open) const {
    const std::string& text = texts_.at(name);
    std::optional<std::vector<PartialTag>> tags = FindPartialTags(text);
    if (!tags) return text;
    std::string out;
    std::size_t copied = 0;
    for (const PartialTag& tag : *tags) {
      std::optional<std::string> insert = Insert(std::string(tag.name), open);
      if (!insert || out.size() + insert->size() + (text.size() - copied) > kMaxExpandedBytes) {
        continue;
      }
      out.append(text, copied, tag.start - copied);
      out += *insert;
      copied = tag.end;
    }
    out.append(text, copied, std::string::npos);
    return out;
  }

 private:
  // The expansion of partial `name` to splice in place of its tag, or nullopt to keep the tag.
  std::optional<std::string> Insert(const std::string& name, std::vector<std::string>& open) const {
    auto found = texts_.find(name);
    if (found == texts_.end()) return std::nullopt;
    if (std::find(open.begin(), open.end(), name) != open.end()) return std::nullopt;
    if (!FindPartialTags(found->second)) return std::nullopt;
    open.push_back(name);
    std::string insert = Expand(name, open);
    open.pop_back();
    if (!JoinsCleanly(insert)) return std::nullopt;
    return insert;
  }

  const std::map<std::string, std::string>& texts_;
};

}  // namespace

std::map<std::string, std::string> ExpandPartials(const std::map<std::string, std::string>& texts) {
  Expander expander(texts);
  std::map<std::string, std::string> expanded;
  for (const auto& entry : texts) {
    std::vector<std::string> open{entry.first};
    expanded.emplace(entry.first, expander.Expand(entry.first, open));
  }
  return expanded;
}

}  // namespace clerk::merge
