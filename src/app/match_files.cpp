#include "app/match_files.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/csv_reader.h"
#include "io/csv_writer.h"

namespace jobintech::app {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool decimal_integer(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// Skill codes as the files spell them, numbered in order of appearance; renumbered in code order
// once both files are read.
class CodeNumbers {
 public:
  std::uint32_t number(std::string_view code) {
    const auto [found, added] = numbers_.try_emplace(code, static_cast<std::uint32_t>(codes_.size()));
    if (added) codes_.push_back(code);
    return found->second;
  }
  std::string_view code(std::uint32_t number) const { return codes_[number]; }
  // Interns every code into `dictionary` in ascending byte order; returns number -> skill id.
  std::vector<matching::SkillId> intern_sorted(matching::SkillDictionary& dictionary) const {
    std::vector<std::uint32_t> order(codes_.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return codes_[a] < codes_[b]; });
    std::vector<matching::SkillId> id(codes_.size());
    for (std::uint32_t n : order) id[n] = dictionary.intern(codes_[n]);
    return id;
  }

 private:
  std::unordered_map<std::string_view, std::uint32_t> numbers_;  // views into the files' tables
  std::vector<std::string_view> codes_;
};

// The codes of one list field ("a; b;;c;"): trimmed, empty entries skipped, repeats collapsed.
void read_codes(std::string_view field, CodeNumbers& numbers, std::vector<std::uint32_t>& out) {
  out.clear();
  while (true) {
    const std::size_t end = field.find(';');
    const std::string_view code = trim(field.substr(0, end));
    if (!code.empty()) out.push_back(numbers.number(code));
    if (end == std::string_view::npos) break;
    field.remove_prefix(end + 1);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// One input file being checked: its table and the issues found in it, in line order.
class InputFile {
 public:
  InputFile(const std::string& path, std::initializer_list<std::string_view> columns) : name_(file_name(path)) {
    io::CsvParseResult parsed = io::read_csv_file(path);
    for (const io::CsvError& e : parsed.errors) {
      std::map<std::string, std::string> params;
      if (!e.detail.empty()) params["detail"] = e.detail;
      report(e.line, "", "csv_" + e.code, std::move(params));
    }
    if (!parsed.table) return;
    table_ = std::move(*parsed.table);
    bool complete = true;
    for (std::string_view column : columns) {
      const std::optional<std::size_t> at = table_.column(column);
      if (!at) {
        report(1, std::string(column), "missing_column");
        complete = false;
      }
      columns_.push_back(at.value_or(0));
    }
    usable_ = complete;
  }

  bool usable() const { return usable_; }
  const std::vector<io::CsvRow>& rows() const { return table_.rows; }
  std::string_view field(const io::CsvRow& row, std::size_t column) const { return trim(row.fields[columns_[column]]); }
  void report(std::size_t line, std::string column, std::string code, std::map<std::string, std::string> params = {}) {
    issues_.push_back(
        MatchInputIssue{name_, line, core::FieldError{std::move(column), std::move(code), std::move(params)}});
  }
  // The issues in line order (parse errors and row checks interleaved).
  std::vector<MatchInputIssue> issues() {
    std::stable_sort(issues_.begin(), issues_.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
    return std::move(issues_);
  }

 private:
  std::string name_;
  io::CsvTable table_;
  std::vector<std::size_t> columns_;
  bool usable_ = false;
  std::vector<MatchInputIssue> issues_;
};

// Checks a row's id and region; false when either is empty or the id was seen before.
bool check_identity(InputFile& f, const io::CsvRow& row, std::string_view id_column, std::string_view id,
                    std::string_view region, std::unordered_map<std::string_view, std::size_t>& first_line) {
  bool ok = true;
  if (id.empty()) {
    f.report(row.line, std::string(id_column), "required");
    ok = false;
  } else if (const auto [seen, added] = first_line.try_emplace(id, row.line); !added) {
    f.report(row.line, std::string(id_column), "duplicate_in_file", {{"line", std::to_string(seen->second)}});
    ok = false;
  }
  if (region.empty()) {
    f.report(row.line, "region_code", "required");
    ok = false;
  }
  return ok;
}

struct Row {
  std::string_view id;
  matching::RegionId region = 0;
  std::vector<std::uint32_t> first;   // learner: skills; offer: required (code numbers)
  std::vector<std::uint32_t> second;  // offer: nice
};

std::vector<matching::SkillId> renumbered(const std::vector<std::uint32_t>& numbers,
                                          const std::vector<matching::SkillId>& id) {
  std::vector<matching::SkillId> skills;
  skills.reserve(numbers.size());
  for (std::uint32_t n : numbers) skills.push_back(id[n]);
  std::sort(skills.begin(), skills.end());
  return skills;
}

// An id as id_before() compares it, worked out once rather than at each comparison of a sort.
struct IdKey {
  bool number = false;
  std::string_view digits;  // a number's digits without leading zeros
  std::string_view text;

  explicit IdKey(std::string_view id) : number(decimal_integer(id)), text(id) {
    if (number) digits = id.substr(std::min(id.find_first_not_of('0'), id.size()));
  }
  bool operator<(const IdKey& other) const {
    if (number != other.number) return number;
    if (number && digits.size() != other.digits.size()) return digits.size() < other.digits.size();
    if (number) {
      if (const int c = digits.compare(other.digits); c != 0) return c < 0;
    }
    return text < other.text;
  }
};

// Row indexes in ascending id.
std::vector<std::uint32_t> by_id(const std::vector<Row>& rows) {
  std::vector<std::pair<IdKey, std::uint32_t>> keys;
  keys.reserve(rows.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i) keys.emplace_back(IdKey(rows[i].id), i);
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::uint32_t> order;
  order.reserve(rows.size());
  for (const auto& key : keys) order.push_back(key.second);
  return order;
}

}  // namespace

bool id_before(std::string_view a, std::string_view b) { return IdKey(a) < IdKey(b); }

LoadedMatch load_match_files(const MatchFiles& files, std::size_t max_issues) {
  const auto started = std::chrono::steady_clock::now();
  LoadedMatch loaded;
  CodeNumbers codes;
  std::unordered_map<std::string, matching::RegionId> regions;
  const auto region_id = [&](std::string_view code) {
    const auto [found, added] = regions.try_emplace(std::string(code), static_cast<matching::RegionId>(regions.size()));
    if (added) loaded.region_codes.emplace_back(code);
    return found->second;
  };

  // Both tables stay alive to the end: rows and codes are views into them.
  InputFile learners_file(files.learners, {"learner_id", "region_code", "skills"});
  InputFile offers_file(files.offers, {"offer_id", "region_code", "required", "nice"});

  std::vector<Row> learners;
  if (learners_file.usable()) {
    std::unordered_map<std::string_view, std::size_t> first_line(2 * learners_file.rows().size());
    learners.reserve(learners_file.rows().size());
    for (const io::CsvRow& row : learners_file.rows()) {
      Row r;
      r.id = learners_file.field(row, 0);
      const std::string_view region = learners_file.field(row, 1);
      if (!check_identity(learners_file, row, "learner_id", r.id, region, first_line)) continue;
      r.region = region_id(region);
      read_codes(learners_file.field(row, 2), codes, r.first);
      learners.push_back(std::move(r));
    }
  }
  std::vector<Row> offers;
  if (offers_file.usable()) {
    std::unordered_map<std::string_view, std::size_t> first_line(2 * offers_file.rows().size());
    std::vector<std::uint32_t> both;
    offers.reserve(offers_file.rows().size());
    for (const io::CsvRow& row : offers_file.rows()) {
      Row r;
      r.id = offers_file.field(row, 0);
      const std::string_view region = offers_file.field(row, 1);
      bool ok = check_identity(offers_file, row, "offer_id", r.id, region, first_line);
      read_codes(offers_file.field(row, 2), codes, r.first);
      read_codes(offers_file.field(row, 3), codes, r.second);
      both.clear();
      std::set_intersection(r.first.begin(), r.first.end(), r.second.begin(), r.second.end(), std::back_inserter(both));
      for (std::uint32_t n : both) {
        offers_file.report(row.line, "nice", "match.skill_in_both_lists", {{"skill", std::string(codes.code(n))}});
        ok = false;
      }
      if (!ok) continue;
      r.region = region_id(region);
      offers.push_back(std::move(r));
    }
  }

  for (InputFile* f : {&learners_file, &offers_file}) {
    for (MatchInputIssue& issue : f->issues()) {
      if (loaded.issues.size() >= max_issues) break;
      loaded.issues.push_back(std::move(issue));
    }
  }
  if (loaded.issues.empty()) {
    const std::vector<matching::SkillId> id = codes.intern_sorted(loaded.skills);
    loaded.learners.reserve(learners.size());
    loaded.learner_ids.reserve(learners.size());
    for (std::uint32_t i : by_id(learners)) {
      loaded.learners.push_back(matching::LearnerProfile{learners[i].region, renumbered(learners[i].first, id)});
      loaded.learner_ids.emplace_back(learners[i].id);
    }
    loaded.offers.reserve(offers.size());
    loaded.offer_ids.reserve(offers.size());
    for (std::uint32_t i : by_id(offers)) {
      loaded.offers.push_back(
          matching::OfferProfile{offers[i].region, renumbered(offers[i].first, id), renumbered(offers[i].second, id)});
      loaded.offer_ids.emplace_back(offers[i].id);
    }
  }
  loaded.read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return loaded;
}

std::size_t write_matches(const LoadedMatch& loaded, MatchDirection direction,
                          const std::vector<std::vector<matching::Ranked>>& rankings, const std::string& path,
                          bool explain) {
  const bool per_offer = direction == MatchDirection::learners;
  const std::vector<std::string>& outer_ids = per_offer ? loaded.offer_ids : loaded.learner_ids;
  const std::vector<std::string>& inner_ids = per_offer ? loaded.learner_ids : loaded.offer_ids;
  if (rankings.size() != outer_ids.size()) throw std::invalid_argument("write_matches: one ranking per id expected");
  // Ids are whatever the input held: quoted (RFC 4180) when they would break a line.
  const auto quoted = [](const std::vector<std::string>& ids) {
    std::vector<std::string> fields(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) io::append_csv_field(fields[i], ids[i], ',');
    return fields;
  };
  const std::vector<std::string> outer = quoted(outer_ids);
  const std::vector<std::string> inner = quoted(inner_ids);

  std::string text = per_offer ? "offer_id,rank,learner_id,score" : "learner_id,rank,offer_id,score";
  if (explain) text += ",required_matched,required_missing,nice_matched";
  text += '\n';
  std::size_t rows = 0;
  for (const auto& ranking : rankings) rows += ranking.size();
  text.reserve(text.size() + rows * (explain ? 120 : 32));
  std::string codes;
  const auto append_codes = [&](const std::vector<matching::SkillId>& skills) {
    codes.clear();
    for (matching::SkillId s : skills) {
      if (!codes.empty()) codes += ';';
      codes += loaded.skills.code(s);
    }
    text += ',';
    io::append_csv_field(text, codes, ',');
  };
  char number[32];
  for (std::size_t o = 0; o < rankings.size(); ++o) {
    for (std::size_t r = 0; r < rankings[o].size(); ++r) {
      const matching::Ranked& match = rankings[o][r];
      text += outer[o];
      text += ',';
      text.append(number, std::to_chars(number, number + sizeof number, r + 1).ptr);
      text += ',';
      text += inner[match.index];
      text += ',';
      text.append(number, std::to_chars(number, number + sizeof number, match.score, std::chars_format::fixed, 6).ptr);
      if (explain) {
        const matching::LearnerProfile& learner = loaded.learners[per_offer ? match.index : o];
        const matching::OfferProfile& offer = loaded.offers[per_offer ? o : match.index];
        const matching::Explanation e = matching::explain(learner, offer);
        append_codes(e.required_matched);
        append_codes(e.required_missing);
        append_codes(e.nice_matched);
      }
      text += '\n';
    }
  }

  const std::string temporary = path + ".tmp";
  std::FILE* out = std::fopen(temporary.c_str(), "wb");
  if (out == nullptr) throw std::runtime_error("cannot write " + path);
  const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  if (std::fclose(out) != 0 || !written) {
    std::remove(temporary.c_str());
    throw std::runtime_error("cannot write " + path);
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::remove(temporary.c_str());
    throw std::runtime_error("cannot write " + path + ": " + ec.message());
  }
  return rows;
}

}  // namespace jobintech::app
