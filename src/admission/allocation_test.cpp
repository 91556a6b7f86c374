// Tests of the national seat allocation (admission/allocation.h): the cohort choice rule against a
// slot-by-slot reference written here, hand-worked cases, stability and non-wastefulness on random
// instances, candidate-optimality by exhaustive search, strategy-proofness, determinism and input-order
// independence, cut-offs, instance validation, and score/precedence parsing.
#include "admission/allocation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace jobintech::admission {
namespace {

using Rng = std::mt19937_64;

constexpr SeatKind kOpen = SeatKind::open;
constexpr SeatKind kWomen = SeatKind::women;
constexpr SeatKind kLocal = SeatKind::local;
constexpr std::array<SeatKind, kSeatKinds> kKinds{kOpen, kWomen, kLocal};
constexpr std::array<Precedence, 6> kAllPrecedences{{{kOpen, kWomen, kLocal},
                                                     {kOpen, kLocal, kWomen},
                                                     {kWomen, kOpen, kLocal},
                                                     {kWomen, kLocal, kOpen},
                                                     {kLocal, kOpen, kWomen},
                                                     {kLocal, kWomen, kOpen}}};

std::size_t at(SeatKind kind) { return static_cast<std::size_t>(kind); }
Score points(double value) { return static_cast<Score>(std::llround(value * static_cast<double>(kScoreScale))); }

int uniform(Rng& rng, int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); }
bool coin(Rng& rng) { return uniform(rng, 0, 1) == 1; }
// Few distinct values so that ties are common: 60, 60.5, 61, ... (`values` of them).
Score random_score(Rng& rng, int values = 5) { return points(60) + uniform(rng, 0, values - 1) * (kScoreScale / 2); }

// ---------------------------------------------------------------------------------------------------
// Instances built from plain data, so tests can rewrite one candidate's list or reorder the input.

struct Person {
  Candidate candidate;
  std::vector<Choice> choices;  // best first
};

struct Plan {
  std::vector<Person> people;
  std::vector<Cohort> cohorts;
  Precedence precedence = kDefaultPrecedence;

  Instance build() const {
    Instance instance;
    instance.cohorts = cohorts;
    instance.precedence = precedence;
    for (const Person& person : people) instance.add_candidate(person.candidate, person.choices);
    return instance;
  }
};

Person person(std::int64_t id, bool woman, std::int32_t region, std::vector<Choice> choices, std::int64_t lottery = 0) {
  return {Candidate{.id = id, .lottery = lottery, .region = region, .woman = woman}, std::move(choices)};
}

Cohort cohort(std::int32_t region, std::int32_t open, std::int32_t women, std::int32_t local) {
  return Cohort{.region = region, .seats = {open, women, local}};
}

std::vector<std::int64_t> distinct_ids(Rng& rng, int count) {
  std::set<std::int64_t> seen;
  std::vector<std::int64_t> ids;
  std::uniform_int_distribution<std::int64_t> draw(1, 1'000'000'000'000);
  while (static_cast<int>(ids.size()) < count) {
    // Mostly small ids, sometimes large ones; never in index order.
    std::int64_t id = coin(rng) ? uniform(rng, 1, 200) : draw(rng);
    if (seen.insert(id).second) ids.push_back(id);
  }
  return ids;
}

struct Shape {
  int min_people = 1;
  int max_people = 10;
  int min_cohorts = 1;
  int max_cohorts = 3;
  int max_seats = 2;  // per kind
  int max_choices = 3;
  int min_choices = 1;
  int score_values = 5;  // distinct scores; few make ties common, many make cohorts disagree more
};

Plan random_plan(Rng& rng, const Shape& shape) {
  Plan plan;
  const int cohorts = uniform(rng, shape.min_cohorts, shape.max_cohorts);
  for (int c = 0; c < cohorts; ++c) {
    plan.cohorts.push_back(cohort(uniform(rng, 0, 2), uniform(rng, 0, shape.max_seats),
                                  uniform(rng, 0, shape.max_seats), uniform(rng, 0, shape.max_seats)));
  }
  plan.precedence = kAllPrecedences[uniform(rng, 0, 5)];
  const int people = uniform(rng, shape.min_people, shape.max_people);
  std::vector<std::int64_t> ids = distinct_ids(rng, people);
  std::vector<std::int32_t> order(cohorts);
  std::iota(order.begin(), order.end(), 0);
  for (int i = 0; i < people; ++i) {
    std::shuffle(order.begin(), order.end(), rng);
    const int most = std::min(shape.max_choices, cohorts);
    const int listed = uniform(rng, std::min(shape.min_choices, most), most);
    std::vector<Choice> choices;
    for (int k = 0; k < listed; ++k) choices.push_back({order[k], random_score(rng, shape.score_values)});
    plan.people.push_back(person(ids[i], coin(rng), uniform(rng, 0, 2), std::move(choices), uniform(rng, 0, 3)));
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------------
// Reading an instance.

std::span<const Choice> choices_of(const Instance& instance, std::size_t i) {
  return std::span<const Choice>(instance.choices)
      .subspan(instance.choice_begin[i], instance.choice_begin[i + 1] - instance.choice_begin[i]);
}

// 1-based position of `cohort` in candidate i's list, 0 when she did not list it.
int rank_of(const Instance& instance, std::size_t i, std::int32_t cohort) {
  std::span<const Choice> list = choices_of(instance, i);
  for (std::size_t k = 0; k < list.size(); ++k)
    if (list[k].cohort == cohort) return static_cast<int>(k) + 1;
  return 0;
}

// How candidate i ranks an outcome (lower is better): her list position, list size + 1 when unassigned.
int regret(const Instance& instance, std::size_t i, std::int32_t cohort) {
  if (cohort < 0) return static_cast<int>(choices_of(instance, i).size()) + 1;
  return rank_of(instance, i, cohort);
}

Score score_at(const Instance& instance, std::size_t i, std::int32_t cohort) {
  for (const Choice& choice : choices_of(instance, i))
    if (choice.cohort == cohort) return choice.score;
  ADD_FAILURE() << "candidate " << i << " did not list cohort " << cohort;
  return 0;
}

std::string dump(const Instance& instance) {
  std::ostringstream out;
  out << "precedence " << precedence_text(instance.precedence) << "\n";
  for (std::size_t c = 0; c < instance.cohorts.size(); ++c) {
    const Cohort& co = instance.cohorts[c];
    out << "cohort " << c << ": region " << co.region << " seats open " << co.seats[0] << " women " << co.seats[1]
        << " local " << co.seats[2] << "\n";
  }
  for (std::size_t i = 0; i < instance.candidates.size(); ++i) {
    const Candidate& ca = instance.candidates[i];
    out << "candidate " << i << ": id " << ca.id << " lottery " << ca.lottery << " region " << ca.region
        << (ca.woman ? " woman" : " man") << " list";
    for (const Choice& choice : choices_of(instance, i))
      out << " " << choice.cohort << "@" << format_score(choice.score);
    out << "\n";
  }
  return out.str();
}

// ---------------------------------------------------------------------------------------------------
// The reference choice rule, literally slot by slot.

bool has_priority(const Instance& instance, std::int32_t cohort, SeatKind kind, std::uint32_t candidate) {
  const Candidate& c = instance.candidates[candidate];
  switch (kind) {
    case SeatKind::open:
      return true;
    case SeatKind::women:
      return c.woman;
    case SeatKind::local:
      return c.region == instance.cohorts[cohort].region;
  }
  return false;
}

// Whether slot kind `kind` of `cohort` ranks x strictly before y.
bool ranks_before(const Instance& instance, std::int32_t cohort, SeatKind kind, const Applicant& x,
                  const Applicant& y) {
  const bool px = has_priority(instance, cohort, kind, x.candidate);
  const bool py = has_priority(instance, cohort, kind, y.candidate);
  if (px != py) return px;
  if (x.score != y.score) return x.score > y.score;
  const Candidate& cx = instance.candidates[x.candidate];
  const Candidate& cy = instance.candidates[y.candidate];
  if (cx.lottery != cy.lottery) return cx.lottery < cy.lottery;
  return cx.id < cy.id;
}

std::vector<Held> reference_choose(const Instance& instance, std::int32_t cohort,
                                   std::span<const Applicant> applicants) {
  std::vector<bool> taken(applicants.size(), false);
  std::vector<Held> held;
  for (SeatKind kind : instance.precedence) {
    for (std::int32_t slot = 0; slot < instance.cohorts[cohort].seats[at(kind)]; ++slot) {
      std::optional<std::size_t> best;
      for (std::size_t a = 0; a < applicants.size(); ++a) {
        if (taken[a]) continue;
        if (!best || ranks_before(instance, cohort, kind, applicants[a], applicants[*best])) best = a;
      }
      if (!best) break;  // nobody left for this slot, nor for the later slots of this kind
      taken[*best] = true;
      held.push_back({applicants[*best].candidate, applicants[*best].score, kind});
    }
  }
  return held;
}

bool chooses(const Instance& instance, std::int32_t cohort, std::span<const Applicant> applicants,
             std::uint32_t candidate) {
  for (const Held& h : reference_choose(instance, cohort, applicants))
    if (h.candidate == candidate) return true;
  return false;
}

// A canonical, readable form of a seating: sorted "id:kind@score" strings.
std::vector<std::string> seating(const Instance& instance, std::span<const Held> held) {
  std::vector<std::string> out;
  for (const Held& h : held) {
    out.push_back(std::to_string(instance.candidates[h.candidate].id) + ":" + seat_kind_name(h.seat) + "@" +
                  format_score(h.score));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The textbook candidate-proposing deferred acceptance over the reference choice rule: cohort per candidate.
std::vector<std::int32_t> reference_allocate(const Instance& instance) {
  const std::size_t n = instance.candidates.size();
  std::vector<std::size_t> next(n, 0);
  std::vector<std::vector<Applicant>> held(instance.cohorts.size());
  std::deque<std::uint32_t> free;
  for (std::uint32_t i = 0; i < n; ++i) free.push_back(i);
  while (!free.empty()) {
    const std::uint32_t i = free.front();
    free.pop_front();
    std::span<const Choice> list = choices_of(instance, i);
    if (next[i] >= list.size()) continue;
    const Choice& choice = list[next[i]];
    std::vector<Applicant> applicants = held[choice.cohort];
    applicants.push_back({i, choice.score});
    std::vector<Applicant> kept;
    for (const Held& h : reference_choose(instance, choice.cohort, applicants)) kept.push_back({h.candidate, h.score});
    for (const Applicant& a : applicants) {
      const bool stays =
          std::any_of(kept.begin(), kept.end(), [&](const Applicant& k) { return k.candidate == a.candidate; });
      if (!stays) {
        ++next[a.candidate];
        free.push_back(a.candidate);
      }
    }
    held[choice.cohort] = std::move(kept);
  }
  std::vector<std::int32_t> cohort_of(n, -1);
  for (std::size_t c = 0; c < held.size(); ++c)
    for (const Applicant& a : held[c]) cohort_of[a.candidate] = static_cast<std::int32_t>(c);
  return cohort_of;
}

// Candidates held by each cohort under an assignment given as cohort per candidate.
std::vector<std::vector<Applicant>> holders_of(const Instance& instance, const std::vector<std::int32_t>& cohort_of) {
  std::vector<std::vector<Applicant>> holders(instance.cohorts.size());
  for (std::uint32_t i = 0; i < cohort_of.size(); ++i)
    if (cohort_of[i] >= 0) holders[cohort_of[i]].push_back({i, score_at(instance, i, cohort_of[i])});
  return holders;
}

// Capacity, individual rationality (each cohort would choose exactly its holders) and no blocking pair.
bool is_stable(const Instance& instance, const std::vector<std::int32_t>& cohort_of) {
  std::vector<std::vector<Applicant>> holders = holders_of(instance, cohort_of);
  for (std::size_t c = 0; c < holders.size(); ++c) {
    if (static_cast<std::int32_t>(holders[c].size()) > instance.cohorts[c].capacity()) return false;
    if (reference_choose(instance, static_cast<std::int32_t>(c), holders[c]).size() != holders[c].size()) return false;
  }
  for (std::uint32_t i = 0; i < cohort_of.size(); ++i) {
    std::span<const Choice> list = choices_of(instance, i);
    const std::size_t better = static_cast<std::size_t>(regret(instance, i, cohort_of[i]) - 1);
    for (std::size_t k = 0; k < better; ++k) {
      std::vector<Applicant> applicants = holders[list[k].cohort];
      applicants.push_back({i, list[k].score});
      if (chooses(instance, list[k].cohort, applicants, i)) return false;
    }
  }
  return true;
}

std::optional<Score> lower(std::optional<Score> a, Score b) { return a ? std::min(*a, b) : b; }

std::string text(std::optional<Score> score) { return score ? format_score(*score) : "none"; }

// Everything the header promises about one result, checked against the reference rule. Returns the first
// problem found, or an empty string.
std::string check_result(const Instance& instance, const AllocationResult& result) {
  const std::size_t n = instance.candidates.size();
  const std::size_t m = instance.cohorts.size();
  std::ostringstream problem;
  if (result.assignments.size() != n) return "one assignment per candidate expected";
  if (result.cutoffs.size() != m) return "one cut-off row per cohort expected";

  std::vector<std::int32_t> cohort_of(n, -1);
  std::vector<std::vector<Held>> seats(m);
  for (std::uint32_t i = 0; i < n; ++i) {
    const Assignment& a = result.assignments[i];
    if (a.cohort == -1) {
      if (a.choice_rank != 0) return "candidate " + std::to_string(i) + " unassigned with a non-zero choice_rank";
      continue;
    }
    if (a.cohort < 0 || a.cohort >= static_cast<std::int32_t>(m)) return "cohort out of range";
    const int rank = rank_of(instance, i, a.cohort);
    if (rank == 0) return "candidate " + std::to_string(i) + " assigned to a cohort she did not list";
    if (rank != a.choice_rank) return "candidate " + std::to_string(i) + " has a wrong choice_rank";
    cohort_of[i] = a.cohort;
    seats[a.cohort].push_back({i, score_at(instance, i, a.cohort), a.seat});
  }
  std::vector<std::vector<Applicant>> holders = holders_of(instance, cohort_of);

  for (std::int32_t c = 0; c < static_cast<std::int32_t>(m); ++c) {
    const Cohort& co = instance.cohorts[c];
    for (SeatKind kind : kKinds) {
      std::int32_t filled = 0, with_priority = 0;
      std::optional<Score> last, last_priority, last_other;
      for (const Held& h : seats[c]) {
        if (h.seat != kind) continue;
        ++filled;
        last = lower(last, h.score);
        if (has_priority(instance, c, kind, h.candidate)) {
          ++with_priority;
          last_priority = lower(last_priority, h.score);
        } else {
          last_other = lower(last_other, h.score);
        }
      }
      const SeatCutoff& cut = result.cutoffs[c][at(kind)];
      problem << "cohort " << c << " " << seat_kind_name(kind) << ": ";
      if (filled > co.seats[at(kind)]) return problem.str() + "more holders than seats";
      if (cut.filled != filled)
        return problem.str() + "cut-off filled " + std::to_string(cut.filled) + " != " + std::to_string(filled);
      if (cut.filled_with_priority != with_priority) return problem.str() + "cut-off filled_with_priority wrong";
      if (cut.last_score != last) return problem.str() + "last_score " + text(cut.last_score) + " != " + text(last);
      if (cut.last_priority_score != last_priority)
        return problem.str() + "last_priority_score " + text(cut.last_priority_score) + " != " + text(last_priority);
      if (cut.last_other_score != last_other)
        return problem.str() + "last_other_score " + text(cut.last_other_score) + " != " + text(last_other);
      problem.str("");
    }
    // Individual rationality, and the seat kinds are those the rule gives to this very set.
    if (seating(instance, reference_choose(instance, c, holders[c])) != seating(instance, seats[c]))
      return "cohort " + std::to_string(c) + " holds a set its choice rule would not seat that way";
    // Non-wastefulness.
    if (static_cast<std::int32_t>(holders[c].size()) < co.capacity()) {
      for (std::uint32_t i = 0; i < n; ++i) {
        const int rank = rank_of(instance, i, c);
        if (rank > 0 && regret(instance, i, cohort_of[i]) > rank)
          return "cohort " + std::to_string(c) + " has an empty seat but rejected candidate " + std::to_string(i);
      }
    }
  }

  for (std::uint32_t i = 0; i < n; ++i) {
    std::span<const Choice> list = choices_of(instance, i);
    const std::size_t better = static_cast<std::size_t>(regret(instance, i, cohort_of[i]) - 1);
    for (std::size_t k = 0; k < better; ++k) {
      std::vector<Applicant> applicants = holders[list[k].cohort];
      applicants.push_back({i, list[k].score});
      if (chooses(instance, list[k].cohort, applicants, i))
        return "blocking pair: candidate " + std::to_string(i) + " and cohort " + std::to_string(list[k].cohort);
    }
  }

  // Every proposal is either rejected or held at the end; a candidate proposes down her list exactly to her
  // final choice (or to its end when unassigned).
  std::uint64_t proposals = 0, assigned = 0;
  for (std::size_t i = 0; i < n; ++i) {
    proposals +=
        static_cast<std::uint64_t>(std::min<int>(regret(instance, i, cohort_of[i]), choices_of(instance, i).size()));
    assigned += cohort_of[i] >= 0 ? 1 : 0;
  }
  if (result.stats.proposals != proposals)
    return "stats.proposals " + std::to_string(result.stats.proposals) + " != " + std::to_string(proposals);
  if (result.stats.rejections != proposals - assigned)
    return "stats.rejections " + std::to_string(result.stats.rejections) +
           " != " + std::to_string(proposals - assigned);
  if (result.stats.displacements > result.stats.rejections) return "more displacements than rejections";
  return "";
}

std::vector<std::int32_t> cohorts_of(const AllocationResult& result) {
  std::vector<std::int32_t> out;
  for (const Assignment& a : result.assignments) out.push_back(a.cohort);
  return out;
}

// "id:cohort/kind" or "id:-" per candidate, in input order.
std::vector<std::string> outcome(const Instance& instance, const AllocationResult& result) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < result.assignments.size(); ++i) {
    const Assignment& a = result.assignments[i];
    std::string line = std::to_string(instance.candidates[i].id) + ":";
    line += a.cohort < 0 ? std::string("-") : std::to_string(a.cohort) + "/" + seat_kind_name(a.seat);
    out.push_back(line);
  }
  return out;
}

bool same_cutoff(const SeatCutoff& a, const SeatCutoff& b) {
  return a.filled == b.filled && a.filled_with_priority == b.filled_with_priority && a.last_score == b.last_score &&
         a.last_priority_score == b.last_priority_score && a.last_other_score == b.last_other_score;
}

// ---------------------------------------------------------------------------------------------------
// 1. The choice rule against the reference.

TEST(AllocationChoose, AgreesWithSlotBySlotReference) {
  Rng rng(20250901);
  int compared = 0;
  for (const Precedence& precedence : kAllPrecedences) {
    for (int round = 0; round < 700; ++round) {
      Plan plan;
      plan.precedence = precedence;
      const int people = uniform(rng, 0, 12);
      std::vector<std::int64_t> ids = distinct_ids(rng, people);
      for (int i = 0; i < people; ++i)
        plan.people.push_back(person(ids[i], coin(rng), uniform(rng, 0, 2), {}, uniform(rng, 0, 2)));
      for (int c = 0; c < 3; ++c) {
        // Zero seats of some kinds is common: each kind is empty two times in five.
        plan.cohorts.push_back(cohort(uniform(rng, 0, 2), std::max(0, uniform(rng, -1, 3)),
                                      std::max(0, uniform(rng, -1, 3)), std::max(0, uniform(rng, -1, 3))));
      }
      Instance instance = plan.build();
      const std::int32_t c = uniform(rng, 0, 2);
      std::vector<Applicant> applicants;
      for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(people); ++i)
        if (uniform(rng, 0, 3) != 0) applicants.push_back({i, random_score(rng)});
      std::shuffle(applicants.begin(), applicants.end(), rng);

      std::vector<Held> got = choose(instance, c, applicants);
      std::vector<Held> want = reference_choose(instance, c, applicants);
      ASSERT_EQ(seating(instance, got), seating(instance, want))
          << dump(instance) << "cohort " << c << ", applicants in order:" << [&] {
               std::string s;
               for (const Applicant& a : applicants)
                 s += " " + std::to_string(a.candidate) + "@" + format_score(a.score);
               return s;
             }();
      ++compared;
    }
  }
  EXPECT_EQ(compared, 6 * 700);
}

TEST(AllocationChoose, EmptyCasesAndSeatCounts) {
  Plan plan;
  plan.people = {person(5, true, 1, {}), person(3, false, 2, {}), person(9, true, 2, {})};
  plan.cohorts = {cohort(1, 0, 0, 0), cohort(2, 1, 1, 1)};
  Instance instance = plan.build();
  std::vector<Applicant> all{{0, points(50)}, {1, points(60)}, {2, points(70)}};
  EXPECT_TRUE(choose(instance, 0, all).empty());
  EXPECT_TRUE(choose(instance, 1, std::span<const Applicant>()).empty());
  std::vector<Held> held = choose(instance, 1, all);
  EXPECT_EQ(seating(instance, held), (std::vector<std::string>{"3:local@60", "5:women@50", "9:open@70"}));
}

// ---------------------------------------------------------------------------------------------------
// 2. Hand-worked cases.

TEST(AllocationCases, HighScoringWomanTakesOpenSeatAndLeavesWomenSeatToNextWoman) {
  Plan plan;
  plan.cohorts = {cohort(0, 1, 1, 0)};
  plan.people = {person(1, false, 0, {{0, points(85)}}), person(2, true, 0, {{0, points(90)}}),
                 person(3, true, 0, {{0, points(70)}})};
  Instance instance = plan.build();
  AllocationResult result = allocate(instance);
  EXPECT_EQ(outcome(instance, result), (std::vector<std::string>{"1:-", "2:0/open", "3:0/women"}));
  EXPECT_EQ(check_result(instance, result), "");
  EXPECT_EQ(result.cutoffs[0][at(kOpen)].last_score, points(90));
  EXPECT_EQ(result.cutoffs[0][at(kWomen)].last_priority_score, points(70));
}

TEST(AllocationCases, WomenSeatGoesToAManWhenNoWomanApplies) {
  Plan plan;
  plan.cohorts = {cohort(0, 0, 1, 0)};
  plan.people = {person(1, false, 0, {{0, points(70)}}), person(2, false, 0, {{0, points(80)}})};
  Instance instance = plan.build();
  AllocationResult result = allocate(instance);
  EXPECT_EQ(outcome(instance, result), (std::vector<std::string>{"1:-", "2:0/women"}));
  const SeatCutoff& cut = result.cutoffs[0][at(kWomen)];
  EXPECT_EQ(cut.filled, 1);
  EXPECT_EQ(cut.filled_with_priority, 0);
  EXPECT_EQ(cut.last_score, points(80));
  EXPECT_EQ(cut.last_priority_score, std::nullopt);
  EXPECT_EQ(cut.last_other_score, points(80));
}

TEST(AllocationCases, LocalSeatGoesToAResidentBeforeAHigherScoringNonResident) {
  Plan plan;
  plan.cohorts = {cohort(2, 1, 0, 1)};
  plan.people = {person(1, false, 1, {{0, points(90)}}), person(2, false, 1, {{0, points(80)}}),
                 person(3, false, 2, {{0, points(60)}}), person(4, false, 2, {{0, points(50)}})};
  Instance instance = plan.build();
  AllocationResult result = allocate(instance);
  EXPECT_EQ(outcome(instance, result), (std::vector<std::string>{"1:0/open", "2:-", "3:0/local", "4:-"}));
  EXPECT_EQ(check_result(instance, result), "");

  // With local seats first, the resident takes the local seat and the open seat still goes by score.
  plan.precedence = {kLocal, kOpen, kWomen};
  instance = plan.build();
  result = allocate(instance);
  EXPECT_EQ(outcome(instance, result), (std::vector<std::string>{"1:0/open", "2:-", "3:0/local", "4:-"}));
}

TEST(AllocationCases, EqualScoresGoByLotteryThenId) {
  Plan plan;
  plan.cohorts = {cohort(0, 1, 0, 0)};
  plan.people = {person(10, false, 0, {{0, points(70)}}, 5), person(20, false, 0, {{0, points(70)}}, 3),
                 person(7, false, 0, {{0, points(70)}}, 3), person(1, false, 0, {{0, points(69.999999)}}, 0)};
  Instance instance = plan.build();
  EXPECT_EQ(outcome(instance, allocate(instance)), (std::vector<std::string>{"10:-", "20:-", "7:0/open", "1:-"}));

  // Lottery beats id.
  plan.people = {person(10, false, 0, {{0, points(70)}}, 1), person(7, false, 0, {{0, points(70)}}, 2)};
  instance = plan.build();
  EXPECT_EQ(outcome(instance, allocate(instance)), (std::vector<std::string>{"10:0/open", "7:-"}));

  // "71,5" and "71.50" are the same score, so the lottery decides.
  plan.people = {person(4, false, 0, {{0, *parse_score("71,5")}}, 9),
                 person(8, false, 0, {{0, *parse_score("71.50")}}, 2)};
  instance = plan.build();
  EXPECT_EQ(outcome(instance, allocate(instance)), (std::vector<std::string>{"4:-", "8:0/open"}));
}

TEST(AllocationCases, PrecedenceOrderChangesWhoGetsWhat) {
  Plan plan;
  plan.cohorts = {cohort(0, 1, 1, 0)};
  plan.people = {person(1, true, 0, {{0, points(90)}}), person(2, true, 0, {{0, points(80)}}),
                 person(3, false, 0, {{0, points(85)}})};
  Instance instance = plan.build();
  EXPECT_EQ(outcome(instance, allocate(instance)), (std::vector<std::string>{"1:0/open", "2:0/women", "3:-"}));

  plan.precedence = {kWomen, kOpen, kLocal};
  instance = plan.build();
  AllocationResult result = allocate(instance);
  EXPECT_EQ(outcome(instance, result), (std::vector<std::string>{"1:0/women", "2:-", "3:0/open"}));
  EXPECT_EQ(check_result(instance, result), "");
}

TEST(AllocationCases, CandidatesGetTheirOptimalStableAssignmentNotTheCohorts) {
  // Cohort 0 prefers candidate 2 and cohort 1 prefers candidate 1, but each candidate gets her first choice.
  Plan plan;
  plan.cohorts = {cohort(0, 1, 0, 0), cohort(0, 1, 0, 0)};
  plan.people = {person(1, false, 0, {{0, points(80)}, {1, points(60)}}),
                 person(2, false, 0, {{1, points(50)}, {0, points(90)}})};
  Instance instance = plan.build();
  AllocationResult result = allocate(instance);
  EXPECT_EQ(outcome(instance, result), (std::vector<std::string>{"1:0/open", "2:1/open"}));
  EXPECT_EQ(result.assignments[0].choice_rank, 1);
  EXPECT_EQ(result.assignments[1].choice_rank, 1);
}

TEST(AllocationCases, RejectionChainMovesAWomanFromOpenToWomenSeat) {
  // Candidate 3 (woman, 95) displaces woman 2 from the open seat of cohort 0; 2 then takes the women seat
  // from man 1, who falls to his second choice.
  Plan plan;
  plan.cohorts = {cohort(0, 1, 1, 0), cohort(0, 1, 0, 0)};
  plan.people = {person(1, false, 0, {{0, points(70)}, {1, points(50)}}), person(2, true, 0, {{0, points(80)}}),
                 person(3, true, 0, {{0, points(95)}})};
  Instance instance = plan.build();
  AllocationResult result = allocate(instance);
  EXPECT_EQ(outcome(instance, result), (std::vector<std::string>{"1:1/open", "2:0/women", "3:0/open"}));
  EXPECT_EQ(result.assignments[0].choice_rank, 2);
  EXPECT_EQ(check_result(instance, result), "");
}

TEST(AllocationCases, NoCandidates) {
  Instance instance;
  instance.cohorts = {cohort(0, 1, 1, 1), cohort(1, 0, 0, 0)};
  instance.choice_begin = {0};
  ASSERT_EQ(check_instance(instance), "");
  AllocationResult result = allocate(instance);
  EXPECT_TRUE(result.assignments.empty());
  ASSERT_EQ(result.cutoffs.size(), 2u);
  EXPECT_EQ(check_result(instance, result), "");
  EXPECT_EQ(result.stats.proposals, 0u);
}

// ---------------------------------------------------------------------------------------------------
// 3. Stability, capacity, individual rationality and non-wastefulness on random instances.

TEST(AllocationStability, RandomInstancesAreStableAndMatchTextbookDeferredAcceptance) {
  Rng rng(7);
  const Shape shape{.min_people = 5, .max_people = 60, .max_cohorts = 8, .max_seats = 4, .max_choices = 5};
  for (int round = 0; round < 300; ++round) {
    Instance instance = random_plan(rng, shape).build();
    ASSERT_EQ(check_instance(instance), "");
    AllocationResult result = allocate(instance);
    ASSERT_EQ(check_result(instance, result), "") << "instance " << round << "\n" << dump(instance);
    ASSERT_EQ(cohorts_of(result), reference_allocate(instance)) << "instance " << round << "\n" << dump(instance);
  }
}

// ---------------------------------------------------------------------------------------------------
// 4. Candidate-optimality by enumerating every assignment of small instances.

void enumerate_stable(const Instance& instance, std::vector<std::int32_t>& cohort_of, std::vector<std::int32_t>& load,
                      std::size_t i, std::vector<std::vector<std::int32_t>>& stable) {
  if (i == cohort_of.size()) {
    if (is_stable(instance, cohort_of)) stable.push_back(cohort_of);
    return;
  }
  cohort_of[i] = -1;
  enumerate_stable(instance, cohort_of, load, i + 1, stable);
  for (const Choice& choice : choices_of(instance, i)) {
    if (load[choice.cohort] >= instance.cohorts[choice.cohort].capacity()) continue;
    ++load[choice.cohort];
    cohort_of[i] = choice.cohort;
    enumerate_stable(instance, cohort_of, load, i + 1, stable);
    --load[choice.cohort];
  }
  cohort_of[i] = -1;
}

TEST(AllocationExhaustive, EngineGivesTheCandidateOptimalStableAssignment) {
  Rng rng(4);
  // Half the instances with many ties, half with scores spread enough for cohorts to disagree, which is
  // what gives several stable assignments to choose from.
  const Shape tied{.min_people = 1, .max_people = 6, .max_cohorts = 3, .max_seats = 1, .max_choices = 3};
  const Shape spread{.min_people = 3,
                     .max_people = 6,
                     .min_cohorts = 2,
                     .max_cohorts = 3,
                     .max_seats = 1,
                     .max_choices = 3,
                     .min_choices = 2,
                     .score_values = 40};
  int several_stable = 0;
  for (int round = 0; round < 400; ++round) {
    Plan plan = random_plan(rng, round % 2 == 0 ? tied : spread);
    if (round % 2 == 1) {
      // One seat, sometimes two, per cohort: competition for every seat.
      for (Cohort& co : plan.cohorts) {
        co.seats = {0, 0, 0};
        ++co.seats[uniform(rng, 0, 2)];
        if (uniform(rng, 0, 2) == 0) ++co.seats[uniform(rng, 0, 2)];
      }
    }
    Instance instance = plan.build();
    AllocationResult result = allocate(instance);
    ASSERT_EQ(check_result(instance, result), "") << dump(instance);
    const std::vector<std::int32_t> engine = cohorts_of(result);

    std::vector<std::vector<std::int32_t>> stable;
    std::vector<std::int32_t> cohort_of(instance.candidates.size(), -1);
    std::vector<std::int32_t> load(instance.cohorts.size(), 0);
    enumerate_stable(instance, cohort_of, load, 0, stable);
    ASSERT_FALSE(stable.empty()) << dump(instance);
    if (stable.size() > 1) ++several_stable;
    EXPECT_NE(std::find(stable.begin(), stable.end(), engine), stable.end()) << dump(instance);
    for (const std::vector<std::int32_t>& other : stable) {
      for (std::size_t i = 0; i < engine.size(); ++i) {
        ASSERT_LE(regret(instance, i, engine[i]), regret(instance, i, other[i]))
            << "candidate " << i << " does better in another stable assignment\n"
            << dump(instance);
      }
    }
  }
  // The search is only meaningful if some instances have a choice between stable assignments.
  EXPECT_GT(several_stable, 10);
}

// ---------------------------------------------------------------------------------------------------
// 5. Strategy-proofness: no list a candidate could report gets her a cohort she truly prefers.

// All ordered lists of distinct cohorts among `cohorts`, the empty list included.
void ordered_lists(int cohorts, std::vector<std::int32_t>& prefix, std::vector<std::vector<std::int32_t>>& out) {
  out.push_back(prefix);
  for (std::int32_t c = 0; c < cohorts; ++c) {
    if (std::find(prefix.begin(), prefix.end(), c) != prefix.end()) continue;
    prefix.push_back(c);
    ordered_lists(cohorts, prefix, out);
    prefix.pop_back();
  }
}

TEST(AllocationStrategyProofness, NoMisreportBeatsTheTruth) {
  Rng rng(5);
  int misreports = 0;
  for (int round = 0; round < 70; ++round) {
    const int m = uniform(rng, 2, 6);
    const int n = uniform(rng, 4, 16);
    Plan plan;
    plan.precedence = kAllPrecedences[uniform(rng, 0, 5)];
    for (int c = 0; c < m; ++c)
      plan.cohorts.push_back(cohort(uniform(rng, 0, 2), uniform(rng, 0, 2), uniform(rng, 0, 1), uniform(rng, 0, 1)));
    std::vector<std::vector<Score>> score(n, std::vector<Score>(m));  // every candidate has a score everywhere
    std::vector<std::vector<std::int32_t>> truth(n);
    std::vector<std::int64_t> ids = distinct_ids(rng, n);
    for (int i = 0; i < n; ++i) {
      for (int c = 0; c < m; ++c) score[i][c] = random_score(rng);
      std::vector<std::int32_t> order(m);
      std::iota(order.begin(), order.end(), 0);
      std::shuffle(order.begin(), order.end(), rng);
      order.resize(uniform(rng, 1, m));
      truth[i] = order;
      std::vector<Choice> choices;
      for (std::int32_t c : order) choices.push_back({c, score[i][c]});
      plan.people.push_back(person(ids[i], coin(rng), uniform(rng, 0, 2), choices, uniform(rng, 0, 3)));
    }
    const Instance truthful = plan.build();
    const AllocationResult base = allocate(truthful);
    ASSERT_EQ(check_result(truthful, base), "") << dump(truthful);

    // True utility, lower is better: list position, then unassigned, then any cohort she did not list.
    auto true_regret = [&](int i, std::int32_t c) {
      if (c < 0) return static_cast<int>(truth[i].size());
      auto it = std::find(truth[i].begin(), truth[i].end(), c);
      return it == truth[i].end() ? static_cast<int>(truth[i].size()) + 1 : static_cast<int>(it - truth[i].begin());
    };

    for (int trial = 0; trial < 2; ++trial) {
      const int i = uniform(rng, 0, n - 1);
      std::vector<std::vector<std::int32_t>> lies;
      if (m <= 4) {
        std::vector<std::int32_t> prefix;
        ordered_lists(m, prefix, lies);  // every possible report: 65 lists for 4 cohorts
      } else {
        for (std::size_t k = 0; k < truth[i].size(); ++k)  // truncations
          lies.emplace_back(truth[i].begin(), truth[i].begin() + static_cast<std::ptrdiff_t>(k));
        for (std::size_t k = 0; k + 1 < truth[i].size(); ++k) {  // adjacent swaps
          lies.push_back(truth[i]);
          std::swap(lies.back()[k], lies.back()[k + 1]);
        }
        for (int r = 0; r < 40; ++r) {  // random subsets in random orders
          std::vector<std::int32_t> order(m);
          std::iota(order.begin(), order.end(), 0);
          std::shuffle(order.begin(), order.end(), rng);
          order.resize(uniform(rng, 0, m));
          lies.push_back(order);
        }
      }
      const int honest = true_regret(i, base.assignments[i].cohort);
      for (const std::vector<std::int32_t>& lie : lies) {
        Plan misreport = plan;
        misreport.people[i].choices.clear();
        for (std::int32_t c : lie) misreport.people[i].choices.push_back({c, score[i][c]});
        const Instance instance = misreport.build();
        const AllocationResult result = allocate(instance);
        ++misreports;
        ASSERT_GE(true_regret(i, result.assignments[i].cohort), honest)
            << "candidate " << i << " gains by reporting a false list\ntruthful instance:\n"
            << dump(truthful) << "misreport instance:\n"
            << dump(instance);
      }
    }
  }
  EXPECT_GT(misreports, 3000);
}

// ---------------------------------------------------------------------------------------------------
// 6. Determinism, independence from input order, cut-offs.

TEST(AllocationDeterminism, SameInstanceSameResult) {
  Rng rng(6);
  const Shape shape{.min_people = 5, .max_people = 50, .max_cohorts = 6, .max_seats = 3, .max_choices = 4};
  for (int round = 0; round < 50; ++round) {
    Instance instance = random_plan(rng, shape).build();
    AllocationResult first = allocate(instance);
    AllocationResult second = allocate(instance);
    ASSERT_EQ(first.assignments.size(), second.assignments.size());
    for (std::size_t i = 0; i < first.assignments.size(); ++i) {
      EXPECT_EQ(first.assignments[i].cohort, second.assignments[i].cohort);
      EXPECT_EQ(first.assignments[i].seat, second.assignments[i].seat);
      EXPECT_EQ(first.assignments[i].choice_rank, second.assignments[i].choice_rank);
    }
    ASSERT_EQ(first.cutoffs.size(), second.cutoffs.size());
    for (std::size_t c = 0; c < first.cutoffs.size(); ++c)
      for (SeatKind kind : kKinds) EXPECT_TRUE(same_cutoff(first.cutoffs[c][at(kind)], second.cutoffs[c][at(kind)]));
    EXPECT_EQ(first.stats.proposals, second.stats.proposals);
    EXPECT_EQ(first.stats.rejections, second.stats.rejections);
  }
}

TEST(AllocationDeterminism, InputOrderDoesNotMatter) {
  Rng rng(66);
  const Shape shape{.min_people = 5, .max_people = 50, .max_cohorts = 6, .max_seats = 3, .max_choices = 4};
  for (int round = 0; round < 100; ++round) {
    const Plan plan = random_plan(rng, shape);
    const Instance instance = plan.build();
    const AllocationResult result = allocate(instance);

    // Shuffle the candidates and renumber the cohorts: new_index[c] is the new index of old cohort c.
    std::vector<std::size_t> people_order(plan.people.size());
    std::iota(people_order.begin(), people_order.end(), 0);
    std::shuffle(people_order.begin(), people_order.end(), rng);
    std::vector<std::int32_t> new_index(plan.cohorts.size());
    std::iota(new_index.begin(), new_index.end(), 0);
    std::shuffle(new_index.begin(), new_index.end(), rng);
    Plan shuffled;
    shuffled.precedence = plan.precedence;
    shuffled.cohorts.resize(plan.cohorts.size());
    for (std::size_t c = 0; c < plan.cohorts.size(); ++c) shuffled.cohorts[new_index[c]] = plan.cohorts[c];
    for (std::size_t k : people_order) {
      Person p = plan.people[k];
      for (Choice& choice : p.choices) choice.cohort = new_index[choice.cohort];
      shuffled.people.push_back(p);
    }
    const Instance other_instance = shuffled.build();
    const AllocationResult other = allocate(other_instance);
    ASSERT_EQ(check_result(other_instance, other), "");

    for (std::size_t pos = 0; pos < people_order.size(); ++pos) {
      const std::size_t k = people_order[pos];
      const Assignment& a = result.assignments[k];
      const Assignment& b = other.assignments[pos];
      ASSERT_EQ(a.cohort < 0 ? -1 : new_index[a.cohort], b.cohort)
          << "candidate id " << plan.people[k].candidate.id << "\n"
          << dump(instance);
      if (a.cohort >= 0) {
        EXPECT_EQ(a.seat, b.seat) << "candidate id " << plan.people[k].candidate.id;
      }
      EXPECT_EQ(a.choice_rank, b.choice_rank);
    }
    for (std::size_t c = 0; c < plan.cohorts.size(); ++c)
      for (SeatKind kind : kKinds)
        EXPECT_TRUE(same_cutoff(result.cutoffs[c][at(kind)], other.cutoffs[new_index[c]][at(kind)]));
  }
}

TEST(AllocationCutoffs, OpenSeatsCountEveryoneAsPriority) {
  Plan plan;
  plan.cohorts = {cohort(1, 2, 1, 1), cohort(0, 1, 1, 1)};
  plan.people = {person(1, false, 1, {{0, points(90)}}), person(2, true, 0, {{0, points(88)}}),
                 person(3, false, 0, {{0, points(70)}}), person(4, false, 0, {{0, points(99)}}),
                 person(5, true, 1, {{0, points(60)}})};
  Instance instance = plan.build();
  AllocationResult result = allocate(instance);
  EXPECT_EQ(check_result(instance, result), "");
  // Open: 99 and 90. Women: woman 2 (88). Local: woman 5 is the only resident left (60).
  EXPECT_EQ(outcome(instance, result),
            (std::vector<std::string>{"1:0/open", "2:0/women", "3:-", "4:0/open", "5:0/local"}));
  const SeatCutoff& open = result.cutoffs[0][at(kOpen)];
  EXPECT_EQ(open.filled, 2);
  EXPECT_EQ(open.filled_with_priority, 2);
  EXPECT_EQ(open.last_score, points(90));
  EXPECT_EQ(open.last_priority_score, points(90));
  EXPECT_EQ(open.last_other_score, std::nullopt);
  const SeatCutoff& local = result.cutoffs[0][at(kLocal)];
  EXPECT_EQ(local.filled, 1);
  EXPECT_EQ(local.filled_with_priority, 1);
  EXPECT_EQ(local.last_score, points(60));
  EXPECT_EQ(local.last_other_score, std::nullopt);
  for (SeatKind kind : kKinds) {
    const SeatCutoff& empty = result.cutoffs[1][at(kind)];
    EXPECT_EQ(empty.filled, 0);
    EXPECT_EQ(empty.filled_with_priority, 0);
    EXPECT_EQ(empty.last_score, std::nullopt);
    EXPECT_EQ(empty.last_priority_score, std::nullopt);
    EXPECT_EQ(empty.last_other_score, std::nullopt);
  }
}

// ---------------------------------------------------------------------------------------------------
// 7. Invalid instances.

Plan valid_plan() {
  Plan plan;
  plan.cohorts = {cohort(0, 1, 1, 0), cohort(1, 0, 0, 2)};
  plan.people = {person(11, true, 0, {{0, points(50)}, {1, points(40)}}), person(12, false, 1, {{1, points(45)}}),
                 person(13, false, 1, {})};
  return plan;
}

void expect_invalid(const Instance& instance, const std::string& what) {
  const std::string problem = check_instance(instance);
  EXPECT_NE(problem, "") << what;
  try {
    allocate(instance);
    ADD_FAILURE() << what << ": allocate did not throw";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), problem) << what;
  } catch (...) {
    ADD_FAILURE() << what << ": allocate threw something other than std::invalid_argument";
  }
}

TEST(AllocationValidation, ValidInstancesPass) {
  Instance instance = valid_plan().build();
  EXPECT_EQ(check_instance(instance), "");
  EXPECT_EQ(instance.choice_begin, (std::vector<std::uint32_t>{0, 2, 3, 3}));
  EXPECT_NO_THROW(allocate(instance));
  for (const Precedence& precedence : kAllPrecedences) {
    instance.precedence = precedence;
    EXPECT_EQ(check_instance(instance), "");
  }
}

TEST(AllocationValidation, RejectsStructurallyBrokenInstances) {
  const Instance valid = valid_plan().build();
  {
    Instance bad = valid;
    bad.choices[1].cohort = 2;
    expect_invalid(bad, "cohort index past the end");
  }
  {
    Instance bad = valid;
    bad.choices[0].cohort = -1;
    expect_invalid(bad, "negative cohort index");
  }
  {
    Plan plan = valid_plan();
    plan.people[0].choices = {{1, points(50)}, {0, points(40)}, {1, points(50)}};
    expect_invalid(plan.build(), "cohort listed twice");
  }
  {
    Instance bad = valid;
    bad.cohorts[1].seats[at(kWomen)] = -1;
    expect_invalid(bad, "negative seats");
  }
  {
    Instance bad = valid;
    bad.choice_begin.pop_back();
    expect_invalid(bad, "too few offsets");
  }
  {
    Instance bad = valid;
    bad.choice_begin.push_back(3);
    expect_invalid(bad, "too many offsets");
  }
  {
    Instance bad = valid;
    bad.choice_begin[1] = 3;
    bad.choice_begin[2] = 2;
    expect_invalid(bad, "offsets out of order");
  }
  {
    Instance bad = valid;
    bad.choice_begin.back() = 4;
    expect_invalid(bad, "offset past the end of choices");
  }
  {
    Instance bad = valid;
    bad.precedence = {kOpen, kOpen, kLocal};
    expect_invalid(bad, "precedence with a repeated kind");
  }
  {
    Instance bad = valid;
    bad.precedence = {kOpen, kWomen, static_cast<SeatKind>(7)};
    expect_invalid(bad, "precedence with an unknown kind");
  }
}

// ---------------------------------------------------------------------------------------------------
// 8. Scores and precedence as text.

TEST(AllocationText, ParsesScores) {
  EXPECT_EQ(parse_score("71.5"), 71'500'000);
  EXPECT_EQ(parse_score("71,50"), 71'500'000);
  EXPECT_EQ(parse_score("71.5"), parse_score("71,50"));
  EXPECT_EQ(parse_score("100"), 100 * kScoreScale);
  EXPECT_EQ(parse_score("-3"), -3 * kScoreScale);
  EXPECT_EQ(parse_score("-0.5"), -500'000);
  EXPECT_EQ(parse_score("0"), 0);
  EXPECT_EQ(parse_score("0.000001"), 1);
  EXPECT_EQ(parse_score("100.000001"), 100'000'001);
  EXPECT_EQ(parse_score("12.345678"), 12'345'678);
  EXPECT_EQ(parse_score("0.0000001"), std::nullopt);  // 7 decimals
  EXPECT_EQ(parse_score("1.1234567"), std::nullopt);
  for (const char* bad :
       {"", "abc", "1.2.3", "1,2,3", "1.2,3", "-", ".", "7a", "1e3", "--3", " 7", "7 ", "7,5 ", "99999999999999999999"})
    EXPECT_EQ(parse_score(bad), std::nullopt) << '"' << bad << '"';
}

TEST(AllocationText, FormatsScoresShortestAndExact) {
  EXPECT_EQ(format_score(71'500'000), "71.5");
  EXPECT_EQ(format_score(74 * kScoreScale), "74");
  EXPECT_EQ(format_score(1), "0.000001");
  EXPECT_EQ(format_score(0), "0");
  EXPECT_EQ(format_score(-3 * kScoreScale), "-3");
  EXPECT_EQ(format_score(-500'000), "-0.5");
  EXPECT_EQ(format_score(-1), "-0.000001");
  EXPECT_EQ(format_score(12'345'678), "12.345678");
  EXPECT_EQ(format_score(*parse_score("71,50")), "71.5");
  for (const char* s : {"71.5", "100", "-3", "0.000001", "-0.25", "1234567.000001"})
    EXPECT_EQ(format_score(*parse_score(s)), s);

  Rng rng(8);
  std::uniform_int_distribution<Score> draw(-1'000'000'000'000, 1'000'000'000'000);
  for (int k = 0; k < 2000; ++k) {
    Score score = draw(rng);
    if (k % 3 == 0) score /= 1000;  // shorter fractions too
    ASSERT_EQ(parse_score(format_score(score)), score) << format_score(score);
  }
}

TEST(AllocationText, ParsesPrecedence) {
  EXPECT_EQ(parse_precedence("open,women,local"), kDefaultPrecedence);
  EXPECT_EQ(parse_precedence("women,open,local"), (Precedence{kWomen, kOpen, kLocal}));
  for (const Precedence& precedence : kAllPrecedences) {
    EXPECT_EQ(parse_precedence(precedence_text(precedence)), precedence) << precedence_text(precedence);
  }
  EXPECT_EQ(precedence_text(kDefaultPrecedence), "open,women,local");
  EXPECT_EQ(precedence_text({kLocal, kWomen, kOpen}), "local,women,open");
  for (const char* bad : {"", "open,women", "open,open,local", "open,women,local,open", "open,women,local,",
                          "open,,women,local", "open;women;local", "open,men,local"})
    EXPECT_EQ(parse_precedence(bad), std::nullopt) << '"' << bad << '"';
}

TEST(AllocationText, SeatKindNames) {
  for (SeatKind kind : kKinds) EXPECT_EQ(parse_seat_kind(seat_kind_name(kind)), kind);
  EXPECT_STREQ(seat_kind_name(kOpen), "open");
  EXPECT_STREQ(seat_kind_name(kWomen), "women");
  EXPECT_STREQ(seat_kind_name(kLocal), "local");
  EXPECT_EQ(parse_seat_kind("men"), std::nullopt);
  EXPECT_EQ(parse_seat_kind(""), std::nullopt);
}

}  // namespace
}  // namespace jobintech::admission
