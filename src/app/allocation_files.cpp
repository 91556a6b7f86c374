#include "app/allocation_files.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "io/csv_lines.h"

namespace jobintech::app {

namespace {

using admission::Score;

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0);
  std::string bytes(static_cast<std::size_t>(std::max<std::streamoff>(size, 0)), '\0');
  if (!in.read(bytes.data(), size)) throw std::runtime_error("cannot read " + path);
  return bytes;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

template <typename Int>
std::optional<Int> parse_integer(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  Int value{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

// One input file being read: its columns by name and the issues found in it.
class InputFile {
 public:
  InputFile(std::string name, std::string path, std::vector<AllocationInputIssue>& issues, std::size_t max_issues)
      : name_(std::move(name)),
        bytes_(read_whole_file(path)),
        lines_(bytes_),
        issues_(issues),
        max_issues_(max_issues) {}

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

  std::string_view field(std::size_t column) const { return trim(lines_.fields()[index_[column]]); }
  std::size_t line() const { return lines_.line(); }
  bool full() const { return issues_.size() >= max_issues_; }

  void report(std::size_t line, std::string column, std::string code, std::map<std::string, std::string> params = {}) {
    if (issues_.size() >= max_issues_) return;
    issues_.push_back(
        AllocationInputIssue{name_, line, core::FieldError{std::move(column), std::move(code), std::move(params)}});
  }

 private:
  std::string name_;
  std::string bytes_;
  io::CsvLines lines_;
  std::vector<AllocationInputIssue>& issues_;
  std::size_t max_issues_;
  std::size_t width_ = 0;
  std::vector<std::size_t> index_;
};

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// Candidate ids to indexes: a plain vector when the ids are dense enough, a hash map otherwise.
class CandidateIndex {
 public:
  void build(const std::vector<admission::Candidate>& candidates) {
    if (candidates.empty()) return;
    const auto [lo, hi] = std::minmax_element(candidates.begin(), candidates.end(),
                                              [](const auto& a, const auto& b) { return a.id < b.id; });
    min_ = lo->id;
    const auto span = static_cast<unsigned long long>(hi->id) - static_cast<unsigned long long>(lo->id);
    if (span < 4ULL * candidates.size() + 1024) {
      dense_.assign(span + 1, kNone);
      for (std::size_t i = 0; i < candidates.size(); ++i)
        dense_[candidates[i].id - min_] = static_cast<std::uint32_t>(i);
    } else {
      sparse_.reserve(candidates.size());
      for (std::size_t i = 0; i < candidates.size(); ++i)
        sparse_.emplace(candidates[i].id, static_cast<std::uint32_t>(i));
    }
  }
  std::optional<std::uint32_t> find(std::int64_t id) const {
    if (!dense_.empty()) {
      if (id < min_ || static_cast<unsigned long long>(id - min_) >= dense_.size()) return std::nullopt;
      const std::uint32_t i = dense_[id - min_];
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

}  // namespace

LoadedAllocation load_allocation_files(const AllocationFiles& files, const admission::Precedence& precedence,
                                       std::size_t max_issues) {
  const auto started = std::chrono::steady_clock::now();
  LoadedAllocation loaded;
  admission::Instance& instance = loaded.instance;
  instance.precedence = precedence;
  std::vector<AllocationInputIssue>& issues = loaded.issues;
  std::unordered_map<std::string, std::int32_t> regions;
  const auto region_index = [&regions](std::string_view code) {
    return regions.try_emplace(std::string(code), static_cast<std::int32_t>(regions.size())).first->second;
  };

  // cohorts.csv: cohort_id,region_code,capacity,reserved_women,reserved_local
  std::unordered_map<std::string, std::int32_t> cohort_index;
  {
    InputFile f(file_name(files.cohorts), files.cohorts, issues, max_issues);
    std::unordered_map<std::string, std::size_t> first_line;
    if (f.open({"cohort_id", "region_code", "capacity", "reserved_women", "reserved_local"})) {
      while (f.next() && !f.full()) {
        const std::string id(f.field(0));
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
          } else {
            counts[k] = *value;
          }
        }
        if (ok && static_cast<std::int64_t>(counts[1]) + counts[2] > counts[0]) {
          ok = (f.report(f.line(), "reserved_women", "reserves_exceed_capacity"), false);
        }
        if (!id.empty()) {
          const auto [seen, inserted] = first_line.try_emplace(id, f.line());
          if (!inserted)
            ok =
                (f.report(f.line(), "cohort_id", "duplicate_in_file", {{"line", std::to_string(seen->second)}}), false);
        }
        if (!ok) continue;
        cohort_index.emplace(id, static_cast<std::int32_t>(instance.cohorts.size()));
        instance.cohorts.push_back(admission::Cohort{
            .region = region_index(region), .seats = {counts[0] - counts[1] - counts[2], counts[1], counts[2]}});
        loaded.cohort_ids.push_back(id);
      }
    }
  }

  // candidates.csv: candidate_id,region_code,gender,lottery
  CandidateIndex candidate_index;
  std::vector<std::uint32_t> candidate_lines;
  {
    InputFile f(file_name(files.candidates), files.candidates, issues, max_issues);
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
            .id = *id, .lottery = *lottery, .region = region_index(region), .woman = gender == "F" || gender == "f"});
      }
    }
    if (issues.empty()) {
      // Duplicate ids: sort a copy of (id, line order) once rather than hashing every row.
      std::vector<std::pair<std::int64_t, std::uint32_t>> ids(instance.candidates.size());
      for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = {instance.candidates[i].id, static_cast<std::uint32_t>(i)};
      std::sort(ids.begin(), ids.end());
      for (std::size_t i = 1; i < ids.size() && !f.full(); ++i) {
        if (ids[i].first == ids[i - 1].first) {
          f.report(candidate_lines[ids[i].second], "candidate_id", "duplicate_in_file",
                   {{"line", std::to_string(candidate_lines[ids[i - 1].second])}});
        }
      }
      candidate_index.build(instance.candidates);
    }
  }

  // applications.csv: candidate_id,cohort_id,rank,score
  std::vector<Application> applications;
  if (issues.empty()) {
    InputFile f(file_name(files.applications), files.applications, issues, max_issues);
    if (f.open({"candidate_id", "cohort_id", "rank", "score"})) {
      std::int64_t last_id = 0;
      std::optional<std::uint32_t> last_candidate;
      std::string last_cohort_text;  // most files list a cohort's applications together
      std::int32_t last_cohort = -1;
      std::string key;
      while (f.next() && !f.full()) {
        bool ok = true;
        std::optional<std::uint32_t> candidate;
        const auto id = parse_integer<std::int64_t>(f.field(0));
        if (!id) {
          ok = (f.report(f.line(), "candidate_id", "integer_format"), false);
        } else {
          if (!last_candidate || *id != last_id) {
            last_id = *id;
            last_candidate = candidate_index.find(*id);
          }
          candidate = last_candidate;
          if (!candidate)
            ok = (f.report(f.line(), "candidate_id", "unknown_reference", {{"value", std::string(f.field(0))}}), false);
        }
        const std::string_view cohort_text = f.field(1);
        std::int32_t cohort = -1;
        if (cohort_text == last_cohort_text && last_cohort >= 0) {
          cohort = last_cohort;
        } else {
          key.assign(cohort_text);
          const auto found = cohort_index.find(key);
          if (found == cohort_index.end()) {
            ok = (f.report(f.line(), "cohort_id", cohort_text.empty() ? "required" : "unknown_reference",
                           {{"value", key}}),
                  false);
          } else {
            cohort = found->second;
            last_cohort = cohort;
            last_cohort_text = key;  // a copy: key is reused
          }
        }
        const auto rank = parse_integer<std::int32_t>(f.field(2));
        if (!rank) {
          ok = (f.report(f.line(), "rank", "integer_format"), false);
        } else if (*rank < 1) {
          ok = (f.report(f.line(), "rank", "too_small", {{"min", "1"}}), false);
        }
        const auto score = admission::parse_score(f.field(3));
        if (!score) ok = (f.report(f.line(), "score", "decimal_format"), false);
        if (!ok) continue;
        applications.push_back(Application{*candidate, cohort, *rank, static_cast<std::uint32_t>(f.line()), *score});
      }
    }
  }

  if (issues.empty()) {
    // Group by candidate (counting sort keeps file order within a candidate), then order by rank.
    const std::size_t n = instance.candidates.size();
    instance.choice_begin.assign(n + 1, 0);
    for (const Application& a : applications) ++instance.choice_begin[a.candidate + 1];
    for (std::size_t i = 0; i < n; ++i) instance.choice_begin[i + 1] += instance.choice_begin[i];
    std::vector<std::uint32_t> fill(instance.choice_begin.begin(), instance.choice_begin.end() - 1);
    std::vector<Application> grouped(applications.size());
    for (const Application& a : applications) grouped[fill[a.candidate]++] = a;
    applications.clear();
    applications.shrink_to_fit();
    instance.choices.resize(grouped.size());
    const std::string applications_file = file_name(files.applications);
    for (std::size_t i = 0; i < n && issues.size() < max_issues; ++i) {
      const auto first = grouped.begin() + instance.choice_begin[i];
      const auto last = grouped.begin() + instance.choice_begin[i + 1];
      std::sort(first, last, [](const Application& a, const Application& b) {
        return a.rank != b.rank ? a.rank < b.rank : a.line < b.line;
      });
      for (auto a = first; a != last; ++a) {
        for (auto b = first; b != a; ++b) {
          if (b->rank == a->rank) {
            issues.push_back(
                {applications_file, a->line, {"rank", "duplicate_rank", {{"line", std::to_string(b->line)}}}});
          } else if (b->cohort == a->cohort) {
            issues.push_back(
                {applications_file, a->line, {"cohort_id", "duplicate_choice", {{"line", std::to_string(b->line)}}}});
          }
        }
        instance.choices[static_cast<std::size_t>(a - grouped.begin())] = admission::Choice{a->cohort, a->score};
      }
    }
    if (!issues.empty())
      std::sort(issues.begin(), issues.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  }
  loaded.region_codes.resize(regions.size());
  for (const auto& [code, index] : regions) loaded.region_codes[static_cast<std::size_t>(index)] = code;
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
  std::string text = "candidate_id,cohort_id,seat\n";
  text.reserve(instance.candidates.size() * 24);
  char number[24];
  for (std::size_t i = 0; i < instance.candidates.size(); ++i) {
    const auto [end, error] = std::to_chars(number, number + sizeof number, instance.candidates[i].id);
    text.append(number, end);
    const admission::Assignment& a = result.assignments[i];
    if (a.cohort >= 0) {
      text += ',';
      text += loaded.cohort_ids[a.cohort];
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
      text += loaded.cohort_ids[c] + ',' + admission::seat_kind_name(kind) + ',' + std::to_string(cutoff.filled) + ',' +
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
