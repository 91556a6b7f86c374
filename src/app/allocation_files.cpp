#include "app/allocation_files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "io/csv_lines.h"
#include "io/csv_writer.h"

namespace jobintech::app {

namespace {

// As for a cohort of the platform (core/resources.cpp): no cohort seats more learners.
constexpr std::int32_t kMaxCohortCapacity = 10'000;


using admission::Score;

// A file's bytes. A regular file is mapped read-only rather than copied: at national scale
// (applications.csv is about 200 MB) copying it into fresh memory costs more than parsing it. Other
// files (pipes, /dev/stdin) are read. A mapped file that another process truncates while it is
// being read ends this one (SIGBUS), which is acceptable for a one-shot command.
class FileBytes {
 public:
  explicit FileBytes(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot read " + path);
    struct stat status {};
    if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0) {
      const auto size = static_cast<std::size_t>(status.st_size);
      void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (mapped != MAP_FAILED) {
        ::madvise(mapped, size, MADV_SEQUENTIAL);
        map_ = mapped;
        size_ = size;
        ::close(fd);
        return;
      }
    }
    char buffer[1 << 16];
    while (true) {
      const ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got == 0) break;
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        ::close(fd);
        throw std::runtime_error("cannot read " + path);
      }
      copy_.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
  }
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes() {
    if (map_ != nullptr) ::munmap(map_, size_);
  }

  std::string_view view() const {
    return map_ != nullptr ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(copy_);
  }

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string copy_;
};

std::string_view trim(std::string_view s) {
  if (s.empty() || (s.front() != ' ' && s.front() != '\t' && s.back() != ' ' && s.back() != '\t')) return s;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// `s` is a trimmed field.
template <typename Int>
std::optional<Int> parse_integer(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  // The common case by hand, a few digits that cannot overflow: from_chars was a tenth of the time
  // it took to read ten million applications.
  const bool negative = !s.empty() && s.front() == '-';
  const std::string_view digits = s.substr(negative ? 1 : 0);
  if (!digits.empty() && digits.size() <= static_cast<std::size_t>(std::numeric_limits<Int>::digits10)) {
    std::make_unsigned_t<Int> value = 0;  // unsigned: a stray character must not overflow
    bool all_digits = true;
    for (char c : digits) {
      all_digits = all_digits && c >= '0' && c <= '9';
      value = value * 10 + static_cast<unsigned char>(c - '0');
    }
    if (all_digits) return static_cast<Int>(negative ? -static_cast<Int>(value) : static_cast<Int>(value));
  }
  Int value{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

// One input file being read: its columns by name and the issues found in it.
class InputFile {
 public:
  InputFile(std::string name, const std::string& path, std::vector<AllocationInputIssue>& issues,
            std::size_t max_issues)
      : name_(std::move(name)), bytes_(path), lines_(bytes_.view()), issues_(issues), max_issues_(max_issues) {}

  // Reads the header and finds the columns; false (with an issue) when one is missing.
  bool open(std::initializer_list<std::string_view> columns) {
    if (!lines_.next()) {
      report(lines_.unterminated_quote() ? lines_.line() : 0, "",
             lines_.unterminated_quote() ? "csv_unterminated_quote" : "csv_empty_file");
      return false;
    }
    std::vector<std::string> header;
    for (std::string_view f : lines_.fields()) {
      std::string name(trim(f));
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      header.push_back(std::move(name));
    }
    width_ = header.size();
    bool complete = true;
    for (std::string_view column : columns) {
      const auto found = std::find(header.begin(), header.end(), column);
      if (found == header.end()) {
        report(1, std::string(column), "missing_column");
        complete = false;
      }
      index_.push_back(static_cast<std::size_t>(found - header.begin()));
    }
    return complete;
  }

  // Moves to the next data row with the right number of fields; rows of the wrong width are
  // reported and skipped.
  bool next() {
    while (lines_.next()) {
      if (lines_.fields().size() == width_) return true;
      report(lines_.line(), "", "csv_field_count",
             {{"detail", "expected " + std::to_string(width_) + ", got " + std::to_string(lines_.fields().size())}});
    }
    if (lines_.unterminated_quote()) report(lines_.line(), "", "csv_unterminated_quote");
    return false;
  }

  // Back to the start of the file, before its header.
  void restart() {
    lines_ = io::CsvLines(bytes_.view());
    width_ = 0;
    index_.clear();
  }

  std::string_view field(std::size_t column) const { return trim(lines_.fields()[index_[column]]); }
  std::size_t line() const { return lines_.line(); }
  std::size_t size() const { return bytes_.view().size(); }
  bool full() const { return issues_.size() >= max_issues_; }
  const std::string& name() const { return name_; }

  void report(std::size_t line, std::string column, std::string code, std::map<std::string, std::string> params = {}) {
    if (issues_.size() >= max_issues_) return;
    issues_.push_back(
        AllocationInputIssue{name_, line, core::FieldError{std::move(column), std::move(code), std::move(params)}});
  }

 private:
  std::string name_;
  FileBytes bytes_;
  io::CsvLines lines_;
  std::vector<AllocationInputIssue>& issues_;
  std::size_t max_issues_;
  std::size_t width_ = 0;
  std::vector<std::size_t> index_;
};

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// Names (region codes, cohort ids) to indexes in the order they were added, looked up by
// string_view: an open-addressing table whose slots hold each name's size and first 8 bytes, so
// that a name of up to 8 bytes, as ids and codes usually are, is found without touching the names
// themselves. At ten million applications, looking cohort ids up in a std::unordered_map through
// a copied std::string key was a seventh of the time it took to read them.
class NameIndex {
 public:
  static constexpr std::int32_t kAbsent = -1;

  std::int32_t find(std::string_view name) const {
    if (slots_.empty()) return kAbsent;
    const std::uint64_t head = first_bytes(name);
    for (std::size_t slot = hash(name, head) & mask();; slot = (slot + 1) & mask()) {
      const Slot& s = slots_[slot];
      if (s.index == kAbsent) return kAbsent;
      if (s.head == head && s.size == name.size() &&
          (name.size() <= 8 || names_[static_cast<std::size_t>(s.index)] == name)) {
        return s.index;
      }
    }
  }

  // The index of `name`, added if it is new.
  std::int32_t add(std::string_view name) {
    if (const std::int32_t index = find(name); index != kAbsent) return index;
    if (4 * (names_.size() + 1) > 3 * slots_.size()) grow();
    names_.emplace_back(name);
    place(names_.size() - 1);
    return static_cast<std::int32_t>(names_.size() - 1);
  }

  std::vector<std::string>& names() { return names_; }

 private:
  // 16 bytes: with 5,000 cohorts the table stays in the core's own cache, where a lookup does not
  // wait for memory.
  struct Slot {
    std::uint64_t head = 0;  // first_bytes()
    std::uint32_t size = 0;
    std::int32_t index = kAbsent;
  };

  // The first 8 bytes of a name, in a form that tells apart any two names of the same size up to
  // 8 bytes (overlapping loads: no copy of a variable size, no loop).
  static std::uint64_t first_bytes(std::string_view name) {
    const auto* p = reinterpret_cast<const unsigned char*>(name.data());
    const std::size_t n = name.size();
    const auto load = [](const unsigned char* at, auto word) {
      std::memcpy(&word, at, sizeof word);
      return static_cast<std::uint64_t>(word);
    };
    if (n >= 8) return load(p, std::uint64_t{});
    if (n >= 4) return load(p, std::uint32_t{}) | load(p + n - 4, std::uint32_t{}) << 32;
    if (n > 0) return p[0] | std::uint64_t{p[n / 2]} << 8 | std::uint64_t{p[n - 1]} << 16;
    return 0;
  }
  static std::size_t hash(std::string_view name, std::uint64_t head) {
    std::uint64_t h = head ^ name.size();
    for (std::size_t i = 8; i < name.size(); ++i) h = (h ^ static_cast<unsigned char>(name[i])) * 0x100000001b3ULL;
    // MurmurHash3's finaliser: every bit of the name moves the low bits that pick the slot.
    h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;
    h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    return static_cast<std::size_t>(h ^ (h >> 33));
  }
  std::size_t mask() const { return slots_.size() - 1; }
  void place(std::size_t index) {
    const std::string_view name = names_[index];
    const std::uint64_t head = first_bytes(name);
    std::size_t slot = hash(name, head) & mask();
    while (slots_[slot].index != kAbsent) slot = (slot + 1) & mask();
    slots_[slot] = Slot{head, static_cast<std::uint32_t>(name.size()), static_cast<std::int32_t>(index)};
  }
  void grow() {
    slots_.assign(std::max<std::size_t>(16, 2 * slots_.size()), Slot{});
    for (std::size_t i = 0; i < names_.size(); ++i) place(i);
  }

  std::vector<std::string> names_;
  std::vector<Slot> slots_;  // a power of two, at most three quarters full
};

// Candidate ids to indexes: a plain vector when the ids are dense enough, a hash map otherwise.
class CandidateIndex {
 public:
  // False when an id repeats (the index then holds one of them).
  bool build(const std::vector<admission::Candidate>& candidates) {
    if (candidates.empty()) return true;
    const auto [lo, hi] = std::minmax_element(candidates.begin(), candidates.end(),
                                              [](const auto& a, const auto& b) { return a.id < b.id; });
    min_ = lo->id;
    const auto span = static_cast<unsigned long long>(hi->id) - static_cast<unsigned long long>(lo->id);
    bool distinct = true;
    if (span < 4ULL * candidates.size() + 1024) {
      dense_.assign(span + 1, kNone);
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        std::uint32_t& slot = dense_[candidates[i].id - min_];
        distinct = distinct && slot == kNone;
        slot = static_cast<std::uint32_t>(i);
      }
    } else {
      sparse_.reserve(candidates.size());
      for (std::size_t i = 0; i < candidates.size(); ++i)
        distinct = sparse_.emplace(candidates[i].id, static_cast<std::uint32_t>(i)).second && distinct;
    }
    return distinct;
  }
  std::optional<std::uint32_t> find(std::int64_t id) const {
    if (!dense_.empty()) {
      // Unsigned difference: id - min_ in signed arithmetic overflows for ids far apart (fuzzing found it).
      const auto offset = static_cast<std::uint64_t>(id) - static_cast<std::uint64_t>(min_);
      if (id < min_ || offset >= dense_.size()) return std::nullopt;
      const std::uint32_t i = dense_[offset];
      return i == kNone ? std::nullopt : std::optional<std::uint32_t>(i);
    }
    const auto found = sparse_.find(id);
    return found == sparse_.end() ? std::nullopt : std::optional<std::uint32_t>(found->second);
  }

 private:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::int64_t min_ = 0;
  std::vector<std::uint32_t> dense_;
  std::unordered_map<std::int64_t, std::uint32_t> sparse_;
};

struct Application {
  std::uint32_t candidate;
  std::int32_t cohort;
  std::int32_t rank;
  std::uint32_t line;
  Score score;
};

// Reads the rows of applications.csv one by one, checking each; bad rows are reported and skipped.
class ApplicationRows {
 public:
  ApplicationRows(InputFile& f, const CandidateIndex& candidates, const NameIndex& cohorts)
      : f_(f), candidates_(candidates), cohorts_(cohorts) {}

  // The next good row; nullopt at the end of the file or when the issues are full.
  std::optional<Application> next() {
    while (f_.next() && !f_.full()) {
      bool ok = true;
      std::optional<std::uint32_t> candidate;
      const std::string_view id_text = f_.field(0);
      if (!id_text.empty() && id_text == last_id_text_) {
        // A candidate's rows usually come together: the same text is the same id.
        candidate = last_candidate_;
      } else if (const auto id = parse_integer<std::int64_t>(id_text); !id) {
        ok = (f_.report(f_.line(), "candidate_id", "integer_format"), false);
      } else {
        last_id_text_.assign(id_text);
        last_candidate_ = candidate = candidates_.find(*id);
      }
      if (ok && !candidate)
        ok = (f_.report(f_.line(), "candidate_id", "unknown_reference", {{"value", std::string(id_text)}}), false);
      const std::string_view cohort_text = f_.field(1);
      const std::int32_t cohort = cohorts_.find(cohort_text);
      if (cohort == NameIndex::kAbsent) {
        ok = (f_.report(f_.line(), "cohort_id", cohort_text.empty() ? "required" : "unknown_reference",
                        {{"value", std::string(cohort_text)}}),
              false);
      }
      const auto rank = parse_integer<std::int32_t>(f_.field(2));
      if (!rank) {
        ok = (f_.report(f_.line(), "rank", "integer_format"), false);
      } else if (*rank < 1) {
        ok = (f_.report(f_.line(), "rank", "too_small", {{"min", "1"}}), false);
      }
      const auto score = admission::parse_score(f_.field(3));
      if (!score) ok = (f_.report(f_.line(), "score", "decimal_format"), false);
      if (ok) return Application{*candidate, cohort, *rank, static_cast<std::uint32_t>(f_.line()), *score};
    }
    return std::nullopt;
  }

 private:
  InputFile& f_;
  const CandidateIndex& candidates_;
  const NameIndex& cohorts_;
  std::string last_id_text_;  // the last candidate_id parsed, and what it was found to be
  std::optional<std::uint32_t> last_candidate_;
};

// One candidate's applications, in file order: ordered by rank into her choices, with a repeated
// rank or cohort reported (as duplicate_rank or duplicate_choice, naming the earlier line).
void add_choices(std::span<Application> rows, const std::string& file, admission::Instance& instance,
                 std::vector<AllocationInputIssue>& issues) {
  if (!std::is_sorted(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.rank < b.rank; })) {
    std::sort(rows.begin(), rows.end(), [](const Application& a, const Application& b) {
      return a.rank != b.rank ? a.rank < b.rank : a.line < b.line;
    });
  }
  for (auto a = rows.begin(); a != rows.end(); ++a) {
    for (auto b = rows.begin(); b != a; ++b) {
      if (b->rank == a->rank) {
        issues.push_back({file, a->line, {"rank", "duplicate_rank", {{"line", std::to_string(b->line)}}}});
      } else if (b->cohort == a->cohort) {
        issues.push_back({file, a->line, {"cohort_id", "duplicate_choice", {{"line", std::to_string(b->line)}}}});
      }
    }
    instance.choices.push_back(admission::Choice{a->cohort, a->score});
  }
}

// The common case: each candidate's rows together, candidates in the order of candidates.csv (as
// the platform and the benchmark write them). Choices go straight into the instance, one candidate
// at a time. False as soon as a candidate's rows turn out not to be together or in that order;
// the caller then reads the file again for add_in_any_order().
bool read_grouped(InputFile& f, ApplicationRows& rows, admission::Instance& instance,
                  std::vector<AllocationInputIssue>& duplicates, std::size_t max_issues) {
  const std::size_t n = instance.candidates.size();
  instance.choice_begin.assign(n + 1, 0);
  // Rows are at least 8 bytes ("1,C,1,9\n"): room for every choice, so that they are never copied.
  // Pages are only given when touched: what is not used costs address space, not memory.
  instance.choices.reserve(f.size() / 8 + 1);
  std::vector<Application> candidate_rows;  // the current candidate's
  std::size_t next_candidate = 0;           // choice_begin is set for candidates before it
  const auto add = [&] {
    if (candidate_rows.empty()) return;
    const std::uint32_t i = candidate_rows.front().candidate;
    for (; next_candidate <= i; ++next_candidate)
      instance.choice_begin[next_candidate] = static_cast<std::uint32_t>(instance.choices.size());
    // As in add_in_any_order(): once the issues are full, the remaining candidates are not checked.
    if (duplicates.size() < max_issues) add_choices(candidate_rows, f.name(), instance, duplicates);
    candidate_rows.clear();
  };
  while (const std::optional<Application> row = rows.next()) {
    if (!candidate_rows.empty() && row->candidate != candidate_rows.front().candidate) {
      if (row->candidate < candidate_rows.front().candidate) return false;
      add();
    }
    candidate_rows.push_back(*row);
  }
  add();
  for (; next_candidate <= n; ++next_candidate)
    instance.choice_begin[next_candidate] = static_cast<std::uint32_t>(instance.choices.size());
  return true;
}

// Any order: the rows, all kept, are grouped by candidate (a counting sort, which keeps file
// order within a candidate) and ordered by rank.
void add_in_any_order(std::vector<Application> applications, const std::string& file, admission::Instance& instance,
                      std::vector<AllocationInputIssue>& duplicates, std::size_t max_issues) {
  const std::size_t n = instance.candidates.size();
  instance.choice_begin.assign(n + 1, 0);
  for (const Application& a : applications) ++instance.choice_begin[a.candidate + 1];
  for (std::size_t i = 0; i < n; ++i) instance.choice_begin[i + 1] += instance.choice_begin[i];
  std::vector<std::uint32_t> fill(instance.choice_begin.begin(), instance.choice_begin.end() - 1);
  std::vector<Application> grouped(applications.size());
  for (const Application& a : applications) grouped[fill[a.candidate]++] = a;
  applications.clear();
  applications.shrink_to_fit();
  instance.choices.clear();
  instance.choices.reserve(grouped.size());
  for (std::size_t i = 0; i < n && duplicates.size() < max_issues; ++i) {
    const std::uint32_t begin = instance.choice_begin[i];
    add_choices(std::span(grouped).subspan(begin, instance.choice_begin[i + 1] - begin), file, instance, duplicates);
  }
}

}  // namespace

LoadedAllocation load_allocation_files(const AllocationFiles& files, const admission::Precedence& precedence,
                                       std::size_t max_issues) {
  const auto started = std::chrono::steady_clock::now();
  LoadedAllocation loaded;
  admission::Instance& instance = loaded.instance;
  instance.precedence = precedence;
  std::vector<AllocationInputIssue>& issues = loaded.issues;
  NameIndex regions;

  // cohorts.csv: cohort_id,region_code,capacity,reserved_women,reserved_local
  NameIndex cohort_index;
  {
    InputFile f(file_name(files.cohorts), files.cohorts, issues, max_issues);
    std::unordered_map<std::string, std::size_t> first_line;
    if (f.open({"cohort_id", "region_code", "capacity", "reserved_women", "reserved_local"})) {
      while (f.next() && !f.full()) {
        const std::string_view id = f.field(0);
        const std::string_view region = f.field(1);
        bool ok = true;
        if (id.empty()) ok = (f.report(f.line(), "cohort_id", "required"), false);
        if (region.empty()) ok = (f.report(f.line(), "region_code", "required"), false);
        std::int32_t counts[3] = {0, 0, 0};
        const char* names[3] = {"capacity", "reserved_women", "reserved_local"};
        for (std::size_t k = 0; k < 3; ++k) {
          const auto value = parse_integer<std::int32_t>(f.field(2 + k));
          if (!value) {
            ok = (f.report(f.line(), names[k], "integer_format"), false);
          } else if (*value < 0) {
            ok = (f.report(f.line(), names[k], "too_small", {{"min", "0"}}), false);
          } else if (*value > kMaxCohortCapacity) {
            // The engine keeps one slot per seat: an absurd capacity would exhaust memory (fuzzing found it).
            ok = (f.report(f.line(), names[k], "too_large", {{"max", std::to_string(kMaxCohortCapacity)}}), false);
          } else {
            counts[k] = *value;
          }
        }
        if (ok && static_cast<std::int64_t>(counts[1]) + counts[2] > counts[0]) {
          ok = (f.report(f.line(), "reserved_women", "reserves_exceed_capacity"), false);
        }
        if (!id.empty()) {
          const auto [seen, inserted] = first_line.try_emplace(std::string(id), f.line());
          if (!inserted)
            ok =
                (f.report(f.line(), "cohort_id", "duplicate_in_file", {{"line", std::to_string(seen->second)}}), false);
        }
        if (!ok) continue;
        cohort_index.add(id);
        instance.cohorts.push_back(admission::Cohort{
            .region = regions.add(region), .seats = {counts[0] - counts[1] - counts[2], counts[1], counts[2]}});
      }
    }
  }

  // candidates.csv: candidate_id,region_code,gender,lottery
  CandidateIndex candidate_index;
  std::vector<std::uint32_t> candidate_lines;
  {
    InputFile f(file_name(files.candidates), files.candidates, issues, max_issues);
    instance.candidates.reserve(f.size() / 8 + 1);  // rows are at least 8 bytes ("1,R,F,9\n")
    if (f.open({"candidate_id", "region_code", "gender", "lottery"})) {
      while (f.next() && !f.full()) {
        bool ok = true;
        const auto id = parse_integer<std::int64_t>(f.field(0));
        if (!id) ok = (f.report(f.line(), "candidate_id", "integer_format"), false);
        const std::string_view region = f.field(1);
        if (region.empty()) ok = (f.report(f.line(), "region_code", "required"), false);
        const std::string_view gender = f.field(2);
        if (gender != "F" && gender != "M" && gender != "f" && gender != "m") {
          ok = (f.report(f.line(), "gender", "not_in_choices", {{"choices", "F, M"}}), false);
        }
        const auto lottery = parse_integer<std::int64_t>(f.field(3));
        if (!lottery) ok = (f.report(f.line(), "lottery", "integer_format"), false);
        if (!ok) continue;
        candidate_lines.push_back(static_cast<std::uint32_t>(f.line()));
        instance.candidates.push_back(admission::Candidate{
            .id = *id, .lottery = *lottery, .region = regions.add(region), .woman = gender == "F" || gender == "f"});
      }
    }
    if (issues.empty() && !candidate_index.build(instance.candidates)) {
      // Duplicate ids, reported in order of id: sort a copy of (id, line order).
      std::vector<std::pair<std::int64_t, std::uint32_t>> ids(instance.candidates.size());
      for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = {instance.candidates[i].id, static_cast<std::uint32_t>(i)};
      std::sort(ids.begin(), ids.end());
      for (std::size_t i = 1; i < ids.size() && !f.full(); ++i) {
        if (ids[i].first == ids[i - 1].first) {
          f.report(candidate_lines[ids[i].second], "candidate_id", "duplicate_in_file",
                   {{"line", std::to_string(candidate_lines[ids[i - 1].second])}});
        }
      }
    }
  }

  // applications.csv: candidate_id,cohort_id,rank,score. A repeated rank or cohort is only
  // reported when every row is good on its own, ordered by line.
  if (issues.empty()) {
    const std::string name = file_name(files.applications);
    std::vector<AllocationInputIssue> duplicates;
    std::optional<std::vector<Application>> any_order;
    {
      InputFile f(name, files.applications, issues, max_issues);
      if (f.open({"candidate_id", "cohort_id", "rank", "score"})) {
        ApplicationRows rows(f, candidate_index, cohort_index);
        if (!read_grouped(f, rows, instance, duplicates, max_issues)) {
          // Not grouped after all: read the file again from the start, forgetting what was found,
          // and keep every row.
          issues.clear();
          duplicates.clear();
          f.restart();
          f.open({"candidate_id", "cohort_id", "rank", "score"});
          ApplicationRows again(f, candidate_index, cohort_index);
          any_order.emplace();
          while (const std::optional<Application> row = again.next()) any_order->push_back(*row);
        }
      }
    }  // the file is let go before its rows are grouped
    if (any_order) add_in_any_order(std::move(*any_order), name, instance, duplicates, max_issues);
    if (issues.empty() && !duplicates.empty()) {
      issues = std::move(duplicates);
      std::sort(issues.begin(), issues.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
    }
  }
  loaded.cohort_ids = std::move(cohort_index.names());
  loaded.region_codes = std::move(regions.names());
  loaded.read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return loaded;
}

namespace {

// Writes `text` to path + ".tmp"; the caller renames when every file is written.
void write_temporary(const std::filesystem::path& path, const std::string& text) {
  std::FILE* out = std::fopen((path.string() + ".tmp").c_str(), "wb");
  if (out == nullptr) throw std::runtime_error("cannot write " + path.string());
  const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  if (std::fclose(out) != 0 || !written) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

void write_allocation_results(const LoadedAllocation& loaded, const admission::AllocationResult& result,
                              const std::string& directory) {
  const std::filesystem::path dir(directory);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + directory + ": " + ec.message());

  const admission::Instance& instance = loaded.instance;
  // Cohort ids are whatever the input held: quoted (RFC 4180) when they would break a line.
  std::vector<std::string> cohort_fields(loaded.cohort_ids.size());
  for (std::size_t c = 0; c < loaded.cohort_ids.size(); ++c)
    io::append_csv_field(cohort_fields[c], loaded.cohort_ids[c], ',');
  std::string text = "candidate_id,cohort_id,seat\n";
  text.reserve(instance.candidates.size() * 24);
  char number[24];
  for (std::size_t i = 0; i < instance.candidates.size(); ++i) {
    const auto [end, error] = std::to_chars(number, number + sizeof number, instance.candidates[i].id);
    text.append(number, end);
    const admission::Assignment& a = result.assignments[i];
    if (a.cohort >= 0) {
      text += ',';
      text += cohort_fields[a.cohort];
      text += ',';
      text += admission::seat_kind_name(a.seat);
      text += '\n';
    } else {
      text += ",,\n";
    }
  }
  write_temporary(dir / "assignments.csv", text);

  text = "cohort_id,seat,filled,last_score\n";
  for (std::size_t c = 0; c < instance.cohorts.size(); ++c) {
    for (admission::SeatKind kind :
         {admission::SeatKind::open, admission::SeatKind::women, admission::SeatKind::local}) {
      const admission::SeatCutoff& cutoff = result.cutoffs[c][static_cast<std::size_t>(kind)];
      text += cohort_fields[c] + ',' + admission::seat_kind_name(kind) + ',' + std::to_string(cutoff.filled) + ',' +
              (cutoff.last_score ? admission::format_score(*cutoff.last_score) : "") + '\n';
    }
  }
  write_temporary(dir / "cutoffs.csv", text);

  for (const char* name : {"assignments.csv", "cutoffs.csv"}) {
    std::filesystem::rename(dir / (std::string(name) + ".tmp"), dir / name, ec);
    if (ec) throw std::runtime_error("cannot write " + (dir / name).string() + ": " + ec.message());
  }
}

}  // namespace jobintech::app
