// The programme's outcome indicators, computed exactly as docs/indicators.md defines them:
// enrolled, graduated, dropped out, failed, completion rate, insertion at 6 months, retention at
// 12 months, median days to employment, median salary, women's share. The store loads one
// LearnerFact per enrolment (with the group it falls in) and the placements of its candidate;
// this code only counts. Pure functions over plain data; thread-safe; no I/O.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace jobintech::outcomes {

// Days since 1970-01-01 (core::days_from_civil). kNoDay: no date.
using Day = std::int32_t;
inline constexpr Day kNoDay = std::numeric_limits<Day>::min();

enum class EnrolmentStatus : std::uint8_t { enrolled, graduated, dropped_out, failed };
std::optional<EnrolmentStatus> parse_enrolment_status(std::string_view text);

// Contracts that count as employment: cdi, cdd, freelance, self_employed (internships never do).
bool is_qualifying_contract(std::string_view contract_type);

struct PlacementFact {
  std::int64_t id = 0;   // ties between placements starting the same day go to the lowest id
  Day start = kNoDay;
  Day end = kNoDay;      // kNoDay: still running
  bool qualifying = false;
  std::int64_t salary_centimes = -1;  // -1: not recorded
};

struct LearnerFact {
  std::uint32_t group = 0;  // index of the group the enrolment falls in
  bool woman = false;
  EnrolmentStatus status = EnrolmentStatus::enrolled;
  Day exit = kNoDay;
  Day cohort_start = kNoDay;
  // The candidate's placements: [placements_begin, placements_end) in the placements vector.
  std::uint32_t placements_begin = 0, placements_end = 0;
};

struct IndicatorQuery {
  Day as_of = 0;
  Day exit_from = kNoDay;  // when set, only enrolments with an exit date on or after it count
  Day exit_to = kNoDay;    // when set, only enrolments with an exit date on or before it count
};

// What one learner contributes (the statements of operator payments list learners by these).
struct LearnerOutcome {
  bool eligible_6m = false;   // graduate, exit + 6 months <= as_of
  bool inserted_6m = false;   // ... with a qualifying placement started in [cohort start, exit + 6 months]
  bool eligible_12m = false;  // graduate, exit + 12 months <= as_of
  bool employed_12m = false;  // ... with a qualifying placement covering exit + 12 months
  std::int64_t placement_id = 0;      // inserted_6m: the earliest qualifying placement of the window
  std::int32_t days_to_employment = 0;  // inserted_6m: from exit to its start, 0 if it started before
  std::int64_t salary_centimes = -1;    // inserted_6m: its monthly salary, -1 if not recorded
};

LearnerOutcome evaluate_learner(const LearnerFact& learner, std::span<const PlacementFact> placements, Day as_of);

struct Indicators {
  std::int64_t enrolled = 0, graduated = 0, dropped_out = 0, failed = 0;
  std::optional<double> completion_rate;
  std::int64_t graduates_eligible_6m = 0, inserted_6m = 0;
  std::optional<double> insertion_rate_6m;
  std::int64_t graduates_eligible_12m = 0, employed_12m = 0;
  std::optional<double> retention_rate_12m;
  std::optional<double> median_days_to_employment;
  std::optional<double> median_salary_mad;
  std::int64_t women = 0;
  std::optional<double> women_share;
};

// One Indicators per group (group_count of them, in group order).
std::vector<Indicators> compute_indicators(const std::vector<LearnerFact>& learners,
                                           const std::vector<PlacementFact>& placements, std::size_t group_count,
                                           const IndicatorQuery& query);

// The median of values (mean of the two middle ones for an even count); null when empty.
// Reorders values.
std::optional<double> median(std::vector<double>& values);

}  // namespace jobintech::outcomes
