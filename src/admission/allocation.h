// The national seat allocation: candidate-proposing deferred acceptance with slot-specific
// priorities (docs/allocation.md).
//
// A cohort's seats are ordered slots of three kinds: open seats (priority by score), seats reserved
// for women (women first, by score, then everyone else by score) and seats reserved for residents of
// the cohort's region (residents first, by score, then everyone else). To choose among applicants a
// cohort fills its slot kinds in the round's precedence order, each kind taking the best remaining
// applicants under its own priority. Equal scores: lower lottery number first, then lower candidate
// id.
//
// Promises: the result is the candidate-optimal stable assignment under that choice rule (no
// candidate prefers a cohort that would choose her over someone it holds), capacities are
// respected, and the same instance always gives the same result whatever the order of the input.
//
// Expects: a valid Instance (check_instance says what is wrong with one). Pure: no I/O, no shared
// state; allocate() may run on several instances at once from different threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace jobintech::admission {

enum class SeatKind : std::uint8_t { open = 0, women = 1, local = 2 };
inline constexpr std::size_t kSeatKinds = 3;
using Precedence = std::array<SeatKind, kSeatKinds>;
inline constexpr Precedence kDefaultPrecedence{SeatKind::open, SeatKind::women, SeatKind::local};

const char* seat_kind_name(SeatKind kind);  // "open", "women", "local"
std::optional<SeatKind> parse_seat_kind(std::string_view name);
// "open,women,local" and its permutations; nullopt for anything else.
std::optional<Precedence> parse_precedence(std::string_view text);
std::string precedence_text(const Precedence& precedence);

// Scores are fixed-point decimals: kScoreScale units per point, so "71,5" and "71.50" are equal and
// ties are exact.
using Score = std::int64_t;
inline constexpr Score kScoreScale = 1'000'000;
// Parses "71.5", "71,5", "-3", "100.000001" (at most 6 decimals). nullopt when malformed.
std::optional<Score> parse_score(std::string_view text);
std::string format_score(Score score);  // shortest exact decimal with '.': "71.5", "74", "0.000001"
void append_score(std::string& text, Score score);  // the same, appended (no temporary string)

struct Candidate {
  std::int64_t id = 0;       // tie-break after the lottery: lower id first
  std::int64_t lottery = 0;  // lower wins ties
  std::int32_t region = 0;   // any small integer naming a region; compared with Cohort::region
  bool woman = false;
};

struct Cohort {
  std::int32_t region = 0;
  std::array<std::int32_t, kSeatKinds> seats{};  // indexed by SeatKind: open, women, local
  std::int32_t capacity() const { return seats[0] + seats[1] + seats[2]; }
};

// One application: a choice in a candidate's list. Choices of candidate i are
// choices[choice_begin[i] .. choice_begin[i+1]), first choice first.
struct Choice {
  std::int32_t cohort = 0;  // index into Instance::cohorts
  Score score = 0;
};

struct Instance {
  std::vector<Candidate> candidates;
  std::vector<Cohort> cohorts;
  std::vector<std::uint32_t> choice_begin;  // candidates.size() + 1 offsets into choices
  std::vector<Choice> choices;
  Precedence precedence = kDefaultPrecedence;

  // Builder used by tests and loaders: appends a candidate with her choices, best first.
  void add_candidate(const Candidate& candidate, std::span<const Choice> ranked_choices);
};

// What is structurally wrong with an instance (cohort index out of range, a cohort listed twice by
// one candidate, negative seats, offsets out of order, precedence not a permutation), or an empty
// string when it is valid.
std::string check_instance(const Instance& instance);

struct Assignment {
  std::int32_t cohort = -1;  // -1: unassigned
  SeatKind seat = SeatKind::open;
  std::int32_t choice_rank = 0;  // 1 = first choice; 0 when unassigned
};

// What a seat kind of a cohort ended with: the figures that explain every rejection.
struct SeatCutoff {
  std::int32_t filled = 0;
  std::int32_t filled_with_priority = 0;     // women on women seats, residents on local seats, all on open
  std::optional<Score> last_score;           // lowest score admitted on this kind
  std::optional<Score> last_priority_score;  // lowest score among holders with the kind's priority
  std::optional<Score> last_other_score;     // lowest score among holders without it (reserve fallback)
};

struct AllocationStats {
  std::uint64_t proposals = 0;
  std::uint64_t rejections = 0;     // proposals refused, counting holders displaced
  std::uint64_t displacements = 0;  // holders displaced by a better applicant
  double engine_seconds = 0;
};

struct AllocationResult {
  std::vector<Assignment> assignments;                      // one per candidate, in input order
  std::vector<std::array<SeatCutoff, kSeatKinds>> cutoffs;  // one per cohort, by SeatKind
  AllocationStats stats;
};

// Runs deferred acceptance. Throws std::invalid_argument with check_instance's text when the
// instance is not valid.
AllocationResult allocate(const Instance& instance);

// The cohort's choice rule on its own, for tests and explanations: which of `applicants` (candidate
// indexes, each with her score at this cohort) cohort `cohort` takes, and on which seat kind.
struct Applicant {
  std::uint32_t candidate = 0;
  Score score = 0;
};
struct Held {
  std::uint32_t candidate = 0;
  Score score = 0;
  SeatKind seat = SeatKind::open;
};
std::vector<Held> choose(const Instance& instance, std::int32_t cohort, std::span<const Applicant> applicants);

}  // namespace jobintech::admission
