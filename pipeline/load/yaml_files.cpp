#include "load/yaml_files.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <iterator>
#include <mutex>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "load/yaml_piece.h"
#include "load/yaml_split.h"
#include "load/yaml_tree.h"

namespace clerk::load {

namespace {

// yaml-cpp stops at 500 nested nodes; a piece is parsed without the nodes around it, so a file
// nested this deeply is parsed whole, for the same diagnostics.
constexpr int kMaxPieceDepth = 200;

// One stretch of one file, parsed by one thread.
struct Job {
  size_t file = 0;
  size_t piece = 0;
  size_t begin = 0;
  size_t end = 0;
};

// One file on its way through: its text, its pieces, and what they gave.
struct Work {
  std::optional<YamlDocument> document;  ///< holds the text while the pieces are parsed
  Diagnostics diagnostics;
  size_t base = 0;     ///< where the YAML begins (after a byte-order mark)
  bool parse = false;  ///< false when CheckEncoding refused it, or it is blank
  YamlSplit split;
  std::vector<std::optional<YamlPiece>> pieces;
  std::vector<Diagnostics> piece_diagnostics;
  std::vector<char> piece_threw;  ///< 1 where parsing threw (out of memory): parse again here
  std::atomic<size_t> unparsed{0};  ///< pieces not parsed yet: the thread that parses the last
                                    ///< one finishes the file
  bool finished = false;
};

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

int ThreadCount(const ParseOptions& options, size_t jobs) {
  int threads = options.threads;
  if (threads <= 0) threads = std::min(4, static_cast<int>(std::thread::hardware_concurrency()));
  return std::max(1, std::min(threads, static_cast<int>(jobs)));
}

// Runs run(0) ... run(count - 1), each once, on `threads` threads (this one among them).
void RunAll(size_t count, int threads, const std::function<void(size_t)>& run) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < count; i = next++) run(i);
  };
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads; ++t) {
    try {
      helpers.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the others share the work
    }
  }
  worker();
  for (std::thread& helper : helpers) helper.join();
}

// The jobs for one file: the whole file, or one per piece.
void AddJobs(size_t file, Work& work, size_t piece_bytes, std::vector<Job>& jobs) {
  const std::string& text = work.document->source.Text();
  work.split = FindYamlSplit(text, work.base, piece_bytes);
  std::vector<size_t> starts = {work.base};
  starts.insert(starts.end(), work.split.cuts.begin(), work.split.cuts.end());
  for (size_t i = 0; i < starts.size(); ++i) {
    // A piece ends after the next item's indentation, not before it: an empty value at the end
    // of the piece is then marked where it is in the whole file, at the next item's '-'.
    size_t end = i + 1 < starts.size() ? starts[i + 1] + work.split.indent : text.size();
    jobs.push_back(Job{file, i, starts[i], end});
  }
  work.pieces.resize(starts.size());
  work.piece_diagnostics.resize(starts.size());
  work.piece_threw.resize(starts.size());
  work.unparsed = starts.size();
}

bool AnyThrew(const Work& work) {
  return std::find(work.piece_threw.begin(), work.piece_threw.end(), 1) != work.piece_threw.end();
}

// The list node on the last branch of `node`'s tree that begins at byte `offset`: the list that
// was still open where the first piece ends.
YamlNode* OpenListAt(YamlNode& node, size_t offset) {
  YamlNode* at = &node;
  while (true) {
    if (at->IsList() && at->offset == offset) return at;
    if (at->IsList() && !at->items.empty()) {
      at = &at->items.back();
    } else if (at->IsMap() && !at->entries.empty()) {
      at = &at->entries.back().value;
    } else {
      return nullptr;
    }
  }
}

// Whether the scalar that begins at `offset` (at its tag or anchor, if any) ends before `end`.
// yaml-cpp accepts a quoted scalar left open at the end of its input when only a line break and
// blanks follow, so a piece cut inside a quoted text can parse cleanly: its closing quote is
// looked for here. Other scalars end at a line as little indented as the cut, or (inside [] or
// {}) leave the brackets open, which yaml-cpp does report.
bool ScalarEndsBefore(const std::string& text, size_t offset, size_t end) {
  size_t at = SkipProperties(text, offset, end);
  if (at >= end || text[at] == '#') return false;  // not worth understanding: parse whole
  if (text[at] != '"' && text[at] != '\'') return true;
  return QuotedScalarEnd(text, at, end) != std::string::npos;
}

// Puts the pieces of a split file together as the parser would have built the whole, or returns
// false when they do not fit together cleanly (then the file is parsed whole).
bool JoinPieces(Work& work) {
  size_t nodes = 0;
  int deepest = 0;
  for (size_t i = 0; i < work.pieces.size(); ++i) {
    const std::optional<YamlPiece>& piece = work.pieces[i];
    if (!piece || !piece->has_root || !work.piece_diagnostics[i].Empty()) return false;
    nodes += piece->node_offsets.size();
    if (i > 0) deepest = std::max(deepest, piece->depth);
  }
  if (nodes > kMaxYamlNodes || work.pieces[0]->depth + deepest > kMaxPieceDepth) return false;
  const std::string& text = work.document->source.Text();
  for (size_t i = 0; i + 1 < work.pieces.size(); ++i) {
    size_t last = work.pieces[i]->last_scalar;
    size_t end = work.split.cuts[i] + work.split.indent;
    if (last != std::string::npos && !ScalarEndsBefore(text, last, end)) return false;
  }
  YamlPiece& first = *work.pieces[0];
  YamlNode* list = OpenListAt(first.root, work.split.first_dash);
  if (list == nullptr) return false;
  for (size_t i = 1; i < work.pieces.size(); ++i) {
    const YamlNode& root = work.pieces[i]->root;
    // Each later piece is a list of items of `list`, beginning at its first item's '-'.
    if (!root.IsList() || root.offset != work.split.cuts[i - 1] + work.split.indent) return false;
  }
  std::vector<size_t>& offsets = first.node_offsets;
  offsets.reserve(nodes);
  for (size_t i = 1; i < work.pieces.size(); ++i) {
    YamlPiece& piece = *work.pieces[i];
    std::move(piece.root.items.begin(), piece.root.items.end(), std::back_inserter(list->items));
    // The piece's own root list is not a node of the whole file: only its items are.
    offsets.insert(offsets.end(), piece.node_offsets.begin() + 1, piece.node_offsets.end());
    piece = YamlPiece{};
  }
  work.document->root = std::move(first.root);
  work.document->node_offsets = std::move(offsets);
  return true;
}

// The file parsed in one piece, as ParseYaml does.
void ParseWhole(Work& work) {
  SourceText::Cursor cursor;
  const SourceText& source = work.document->source;
  auto piece = ParsePiece(source, work.base, source.Text().size(), cursor, work.diagnostics);
  if (!piece) {
    work.document.reset();
    return;
  }
  if (piece->has_root) work.document->root = std::move(piece->root);
  work.document->node_offsets = std::move(piece->node_offsets);
}

// Returns how many pieces the document was put together from.
size_t Finish(Work& work) {
  if (!work.parse) return 1;
  bool threw = AnyThrew(work);
  if (!threw && work.pieces.size() == 1) {  // parsed whole already
    for (const Diagnostic& diagnostic : work.piece_diagnostics[0].Items()) {
      work.diagnostics.Add(diagnostic);
    }
    if (!work.pieces[0]) {
      work.document.reset();
      return 1;
    }
    if (work.pieces[0]->has_root) work.document->root = std::move(work.pieces[0]->root);
    work.document->node_offsets = std::move(work.pieces[0]->node_offsets);
    return 1;
  }
  if (!threw && JoinPieces(work)) return work.pieces.size();
  ParseWhole(work);
  return 1;
}

}  // namespace

std::vector<ParsedYaml> ParseYamlFiles(std::vector<YamlFile> files, const ParseOptions& options,
                                       const OnParsed& on_parsed) {
  std::vector<Work> works(files.size());
  std::vector<Job> jobs;
  for (size_t i = 0; i < files.size(); ++i) {
    Work& work = works[i];
    work.document = YamlDocument{
        SourceText(std::move(files[i].path), std::move(files[i].bytes)), YamlNode{}, {}};
    work.document->root.where = work.document->source.WholePlace();
    std::optional<size_t> base = CheckEncoding(work.document->source, work.diagnostics);
    if (!base) {
      work.document.reset();
      continue;
    }
    work.base = *base;
    if (IsBlank(std::string_view(work.document->source.Text()).substr(work.base))) continue;
    work.parse = true;
    AddJobs(i, work, std::max<size_t>(options.piece_bytes, 1), jobs);
  }
  // The largest file first, its pieces in order, so that it is finished (and on_parsed can work
  // on it) while the other files are parsed; then the others, largest first, so that no thread
  // is left with a long job when the others are done.
  std::vector<size_t> file_bytes(works.size());
  for (const Job& job : jobs) file_bytes[job.file] += job.end - job.begin;
  std::stable_sort(jobs.begin(), jobs.end(), [&](const Job& a, const Job& b) {
    return file_bytes[a.file] > file_bytes[b.file];
  });

  std::vector<ParsedYaml> parsed(works.size());
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto finish = [&](size_t file) {
    Work& work = works[file];
    work.finished = true;
    try {
      parsed[file].pieces = Finish(work);
      parsed[file].document = std::move(work.document);
      parsed[file].diagnostics = std::move(work.diagnostics);
      if (on_parsed) on_parsed(file, parsed[file]);
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  RunAll(jobs.size(), ThreadCount(options, jobs.size()), [&](size_t index) {
    const Job& job = jobs[index];
    Work& work = works[job.file];
    SourceText::Cursor cursor;
    try {
      work.pieces[job.piece] = ParsePiece(work.document->source, job.begin, job.end, cursor,
                                          work.piece_diagnostics[job.piece]);
    } catch (...) {
      // The file is parsed whole again in the calling thread once every thread is done; what
      // goes wrong then (out of memory) is thrown to the caller, as ParseYaml would.
      work.piece_threw[job.piece] = 1;
    }
    if (work.unparsed.fetch_sub(1) == 1 && !AnyThrew(work)) finish(job.file);
  });
  for (size_t i = 0; i < works.size(); ++i) {
    if (!works[i].finished) finish(i);  // not parsed at all, or to be parsed again here
  }
  if (failure) std::rethrow_exception(failure);
  return parsed;
}

}  // namespace clerk::load
