// Fuzz target: `jobintech allocate` without its command line — app::load_allocation_files on three
// files cut from the input (candidates.csv NUL cohorts.csv NUL applications.csv), then, when they
// load without issues, the allocation engine (admission::allocate) and the writing of its results.
//
// Checks the promises of app/allocation_files.h and admission/allocation.h: only the documented
// exception (none: the files exist); at most max_issues issues, each naming one of the three files
// and a line inside it; a loaded instance is valid for check_instance; the result respects every
// seat kind's capacity, gives each candidate a cohort from her own list at the rank she gave it,
// and its cut-offs are the figures of the holders; it is stable (checked with admission::choose:
// the cohort's own choice rule keeps all its holders on the same seats, and would not take any
// candidate from a cohort she ranks higher); reversing the order of the candidates changes no
// one's assignment; the files written read back as the same assignments and cut-offs.
//
// Inputs above 64 KiB are skipped (they only slow the search); the stability check runs when it
// costs at most about a million comparisons.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admission/allocation.h"
#include "app/allocation_files.h"
#include "fuzz_check.h"
#include "io/csv_reader.h"

namespace {

using namespace jobintech;
using admission::SeatKind;

constexpr std::size_t kMaxInput = 64 * 1024;
constexpr std::size_t kMaxIssues = 100;

std::size_t list_size(const admission::Instance& in, std::size_t i) {
  return in.choice_begin[i + 1] - in.choice_begin[i];
}

// Capacities, ranks, cut-offs and stability of `result` for `in`.
void check_result(const admission::Instance& in, const admission::AllocationResult& result) {
  const std::size_t n = in.candidates.size();
  FUZZ_CHECK(result.assignments.size() == n && result.cutoffs.size() == in.cohorts.size(), "result sizes");
  std::vector<std::vector<admission::Applicant>> holders(in.cohorts.size());
  std::vector<std::array<std::int32_t, admission::kSeatKinds>> filled(in.cohorts.size(), {0, 0, 0});
  std::vector<std::array<std::optional<admission::Score>, admission::kSeatKinds>> lowest(in.cohorts.size());
  for (std::size_t i = 0; i < n; ++i) {
    const admission::Assignment& a = result.assignments[i];
    if (a.cohort < 0) {
      FUZZ_CHECK(a.cohort == -1 && a.choice_rank == 0, "candidate %zu: unassigned with rank %d", i, a.choice_rank);
      continue;
    }
    FUZZ_CHECK(a.choice_rank >= 1 && static_cast<std::size_t>(a.choice_rank) <= list_size(in, i),
               "candidate %zu: rank %d of %zu choices", i, a.choice_rank, list_size(in, i));
    const admission::Choice& choice = in.choices[in.choice_begin[i] + a.choice_rank - 1];
    FUZZ_CHECK(choice.cohort == a.cohort, "candidate %zu: cohort %d is not her choice %d", i, a.cohort, a.choice_rank);
    const auto k = static_cast<std::size_t>(a.seat);
    FUZZ_CHECK(k < admission::kSeatKinds, "seat kind %zu", k);
    ++filled[a.cohort][k];
    auto& low = lowest[a.cohort][k];
    if (!low || choice.score < *low) low = choice.score;
    holders[a.cohort].push_back({static_cast<std::uint32_t>(i), choice.score});
  }
  for (std::size_t c = 0; c < in.cohorts.size(); ++c) {
    for (std::size_t k = 0; k < admission::kSeatKinds; ++k) {
      const admission::SeatCutoff& cut = result.cutoffs[c][k];
      FUZZ_CHECK(filled[c][k] <= in.cohorts[c].seats[k], "cohort %zu: %d holders on %d seats of kind %zu", c,
                 filled[c][k], in.cohorts[c].seats[k], k);
      FUZZ_CHECK(cut.filled == filled[c][k] && cut.last_score == lowest[c][k] &&
                     cut.filled_with_priority <= cut.filled,
                 "cohort %zu: cut-off of kind %zu does not match its holders", c, k);
    }
  }

  // Stability, with the engine's own choice rule.
  std::size_t cost = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t better = result.assignments[i].cohort < 0 ? list_size(in, i)
                                                                 : static_cast<std::size_t>(result.assignments[i].choice_rank - 1);
    for (std::size_t j = 0; j < better; ++j) cost += holders[in.choices[in.choice_begin[i] + j].cohort].size() + 1;
  }
  if (cost > 1'000'000) return;
  for (std::size_t c = 0; c < in.cohorts.size(); ++c) {
    const std::vector<admission::Held> kept = admission::choose(in, static_cast<std::int32_t>(c), holders[c]);
    FUZZ_CHECK(kept.size() == holders[c].size(), "cohort %zu would not keep all %zu of its holders", c,
               holders[c].size());
    for (const admission::Held& h : kept)
      FUZZ_CHECK(result.assignments[h.candidate].cohort == static_cast<std::int32_t>(c) &&
                     result.assignments[h.candidate].seat == h.seat,
                 "cohort %zu: candidate %u on another seat kind by the choice rule", c, h.candidate);
  }
  std::vector<admission::Applicant> applicants;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t better = result.assignments[i].cohort < 0 ? list_size(in, i)
                                                                 : static_cast<std::size_t>(result.assignments[i].choice_rank - 1);
    for (std::size_t j = 0; j < better; ++j) {
      const admission::Choice& choice = in.choices[in.choice_begin[i] + j];
      applicants = holders[choice.cohort];
      applicants.push_back({static_cast<std::uint32_t>(i), choice.score});
      for (const admission::Held& h : admission::choose(in, choice.cohort, applicants))
        FUZZ_CHECK(h.candidate != i, "unstable: candidate %zu (choice %zu) would be taken by cohort %d", i, j + 1,
                   choice.cohort);
    }
  }
}

// The same instance with the candidates in reverse order.
admission::Instance reversed(const admission::Instance& in) {
  admission::Instance out;
  out.precedence = in.precedence;
  out.cohorts = in.cohorts;
  out.choice_begin.push_back(0);
  for (std::size_t i = in.candidates.size(); i-- > 0;)
    out.add_candidate(in.candidates[i], std::span(in.choices).subspan(in.choice_begin[i], list_size(in, i)));
  return out;
}

void check_order_independence(const admission::Instance& in, const admission::AllocationResult& result) {
  const admission::AllocationResult other = admission::allocate(reversed(in));
  const std::size_t n = in.candidates.size();
  for (std::size_t i = 0; i < n; ++i) {
    const admission::Assignment& a = result.assignments[i];
    const admission::Assignment& b = other.assignments[n - 1 - i];
    FUZZ_CHECK(a.cohort == b.cohort && a.seat == b.seat && a.choice_rank == b.choice_rank,
               "candidate %zu: cohort %d seat %d in input order, cohort %d seat %d in reverse order", i, a.cohort,
               static_cast<int>(a.seat), b.cohort, static_cast<int>(b.seat));
  }
}

// assignments.csv and cutoffs.csv as written, read back with the project's CSV reader.
void check_written(const app::LoadedAllocation& loaded, const admission::AllocationResult& result) {
  const std::string out = fuzz::scratch_directory() + "/out";
  app::write_allocation_results(loaded, result, out);
  for (const std::string& id : loaded.cohort_ids)
    if (!io::is_valid_utf8(id)) return;  // the reader would take the file for Windows-1252

  const io::CsvParseResult assignments = io::read_csv_file(out + "/assignments.csv");
  FUZZ_CHECK(assignments.errors.empty() && assignments.table, "assignments.csv does not read back");
  const auto& rows = assignments.table->rows;
  FUZZ_CHECK(rows.size() == loaded.instance.candidates.size(), "assignments.csv: %zu rows for %zu candidates",
             rows.size(), loaded.instance.candidates.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const admission::Assignment& a = result.assignments[i];
    const auto& f = rows[i].fields;
    FUZZ_CHECK(f[0] == std::to_string(loaded.instance.candidates[i].id), "assignments.csv row %zu: id", i);
    if (a.cohort < 0) {
      FUZZ_CHECK(f[1].empty() && f[2].empty(), "assignments.csv row %zu: unassigned", i);
    } else {
      FUZZ_CHECK(f[1] == loaded.cohort_ids[a.cohort] && f[2] == admission::seat_kind_name(a.seat),
                 "assignments.csv row %zu: cohort id or seat changed in writing", i);
    }
  }

  const io::CsvParseResult cutoffs = io::read_csv_file(out + "/cutoffs.csv");
  FUZZ_CHECK(cutoffs.errors.empty() && cutoffs.table, "cutoffs.csv does not read back");
  FUZZ_CHECK(cutoffs.table->rows.size() == 3 * loaded.instance.cohorts.size(), "cutoffs.csv: rows");
  for (std::size_t r = 0; r < cutoffs.table->rows.size(); ++r) {
    const auto& f = cutoffs.table->rows[r].fields;
    const admission::SeatCutoff& cut = result.cutoffs[r / 3][r % 3];
    FUZZ_CHECK(f[0] == loaded.cohort_ids[r / 3] && f[2] == std::to_string(cut.filled), "cutoffs.csv row %zu", r);
    FUZZ_CHECK(f[3].empty() ? !cut.last_score : admission::parse_score(f[3]) == cut.last_score,
               "cutoffs.csv row %zu: last_score %s", r, f[3].c_str());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return 0;
  const auto parts = fuzz::split_on_nul(std::string_view(reinterpret_cast<const char*>(data), size), 3);
  const app::AllocationFiles files{fuzz::write_scratch_file("candidates.csv", parts[0]),
                                   fuzz::write_scratch_file("cohorts.csv", parts[1]),
                                   fuzz::write_scratch_file("applications.csv", parts[2])};

  const app::LoadedAllocation loaded = app::load_allocation_files(files, admission::kDefaultPrecedence, kMaxIssues);
  FUZZ_CHECK(loaded.issues.size() <= kMaxIssues, "%zu issues", loaded.issues.size());
  const std::size_t lines[3] = {fuzz::physical_lines(parts[0]), fuzz::physical_lines(parts[1]),
                                 fuzz::physical_lines(parts[2])};
  for (const app::AllocationInputIssue& issue : loaded.issues) {
    const std::size_t file = issue.file == "candidates.csv" ? 0 : issue.file == "cohorts.csv" ? 1 : issue.file == "applications.csv" ? 2 : 3;
    FUZZ_CHECK(file < 3, "an issue in file \"%s\"", issue.file.c_str());
    FUZZ_CHECK(issue.line <= lines[file], "%s: issue on line %zu of %zu", issue.file.c_str(), issue.line,
               lines[file]);
    FUZZ_CHECK(!issue.error.code.empty(), "an issue without a code");
  }
  if (!loaded.issues.empty()) return 0;

  const admission::Instance& in = loaded.instance;
  const std::string problem = admission::check_instance(in);
  FUZZ_CHECK(problem.empty(), "the loader gave an invalid instance: %s", problem.c_str());
  FUZZ_CHECK(loaded.cohort_ids.size() == in.cohorts.size(), "one id per cohort");
  for (const admission::Candidate& c : in.candidates)
    FUZZ_CHECK(c.region >= 0 && static_cast<std::size_t>(c.region) < loaded.region_codes.size(), "candidate region");
  for (const admission::Cohort& c : in.cohorts)
    FUZZ_CHECK(c.region >= 0 && static_cast<std::size_t>(c.region) < loaded.region_codes.size(), "cohort region");

  const admission::AllocationResult result = admission::allocate(in);
  check_result(in, result);
  check_order_independence(in, result);
  check_written(loaded, result);

  // The same instance under another precedence of the seat kinds, picked by the input.
  static constexpr admission::Precedence kOthers[] = {
      {SeatKind::open, SeatKind::local, SeatKind::women},  {SeatKind::women, SeatKind::open, SeatKind::local},
      {SeatKind::women, SeatKind::local, SeatKind::open},  {SeatKind::local, SeatKind::open, SeatKind::women},
      {SeatKind::local, SeatKind::women, SeatKind::open}};
  admission::Instance other = in;
  other.precedence = kOthers[size % 5];
  check_result(other, admission::allocate(other));
  return 0;
}
