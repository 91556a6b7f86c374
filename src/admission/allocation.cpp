// Deferred acceptance with slot-specific priorities. The loop is the textbook one (free candidates
// propose down their lists; a cohort keeps the applicants its choice rule takes from what it holds
// plus the newcomer). What makes it fast at national scale is the rejection test: once a cohort is
// full, a newcomer is taken if and only if, for some seat kind, she beats under that kind's priority
// the worst holder of that kind; otherwise she is rejected with three comparisons and nothing
// moves. Only accepted proposals re-run the choice rule over the (capacity + 1) applicants.
#include "admission/allocation.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <stdexcept>

namespace jobintech::admission {

const char* seat_kind_name(SeatKind kind) {
  switch (kind) {
    case SeatKind::open:
      return "open";
    case SeatKind::women:
      return "women";
    case SeatKind::local:
      return "local";
  }
  return "open";
}

std::optional<SeatKind> parse_seat_kind(std::string_view name) {
  for (SeatKind kind : {SeatKind::open, SeatKind::women, SeatKind::local}) {
    if (name == seat_kind_name(kind)) return kind;
  }
  return std::nullopt;
}

std::optional<Precedence> parse_precedence(std::string_view text) {
  Precedence precedence{};
  std::size_t count = 0;
  bool seen[kSeatKinds] = {false, false, false};
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    const std::optional<SeatKind> kind = parse_seat_kind(name);
    if (!kind || count == kSeatKinds || seen[static_cast<int>(*kind)]) return std::nullopt;
    seen[static_cast<int>(*kind)] = true;
    precedence[count++] = *kind;
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (count != kSeatKinds) return std::nullopt;
  return precedence;
}

std::string precedence_text(const Precedence& precedence) {
  std::string text;
  for (SeatKind kind : precedence) {
    if (!text.empty()) text += ',';
    text += seat_kind_name(kind);
  }
  return text;
}

std::optional<Score> parse_score(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const std::size_t separator = text.find_first_of(".,");
  const std::string_view whole = text.substr(0, separator);
  const std::string_view fraction =
      separator == std::string_view::npos ? std::string_view{} : text.substr(separator + 1);
  const auto all_digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || whole.size() > 12 || !all_digits(whole)) return std::nullopt;
  if (separator != std::string_view::npos && (fraction.empty() || fraction.size() > 6 || !all_digits(fraction))) {
    return std::nullopt;
  }
  Score value = 0;
  for (char c : whole) value = value * 10 + (c - '0');
  Score fraction_value = 0;
  for (std::size_t i = 0; i < 6; ++i)
    fraction_value = fraction_value * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  value = value * kScoreScale + fraction_value;
  return negative ? -value : value;
}

std::string format_score(Score score) {
  std::string text;
  // Unsigned arithmetic: the magnitude of the most negative Score does not fit in a Score.
  std::uint64_t magnitude = static_cast<std::uint64_t>(score);
  if (score < 0) {
    text += '-';
    magnitude = ~magnitude + 1;
  }
  const auto scale = static_cast<std::uint64_t>(kScoreScale);
  text += std::to_string(magnitude / scale);
  const std::uint64_t fraction = magnitude % scale;
  if (fraction != 0) {
    std::string digits = std::to_string(fraction + scale).substr(1);  // zero-padded to 6 digits
    while (digits.back() == '0') digits.pop_back();
    text += '.';
    text += digits;
  }
  return text;
}

void Instance::add_candidate(const Candidate& candidate, std::span<const Choice> ranked_choices) {
  if (choice_begin.empty()) choice_begin.push_back(0);
  candidates.push_back(candidate);
  choices.insert(choices.end(), ranked_choices.begin(), ranked_choices.end());
  choice_begin.push_back(static_cast<std::uint32_t>(choices.size()));
}

std::string check_instance(const Instance& instance) {
  const std::size_t candidates = instance.candidates.size();
  if (candidates >= std::numeric_limits<std::uint32_t>::max()) return "too many candidates";
  if (instance.choices.size() >= std::numeric_limits<std::uint32_t>::max()) return "too many choices";
  if (instance.choice_begin.size() != candidates + 1 && !(candidates == 0 && instance.choice_begin.empty())) {
    return "choice_begin must hold one offset per candidate plus one";
  }
  if (!instance.choice_begin.empty() &&
      (instance.choice_begin.front() != 0 || instance.choice_begin.back() != instance.choices.size())) {
    return "choice_begin must start at 0 and end at the number of choices";
  }
  bool seen[kSeatKinds] = {false, false, false};
  for (SeatKind kind : instance.precedence) {
    const auto index = static_cast<std::size_t>(kind);
    if (index >= kSeatKinds || seen[index]) return "precedence must name open, women and local once each";
    seen[index] = true;
  }
  for (std::size_t c = 0; c < instance.cohorts.size(); ++c) {
    for (std::int32_t seats : instance.cohorts[c].seats) {
      if (seats < 0) return "cohort " + std::to_string(c) + " has a negative number of seats";
    }
  }
  const auto cohorts = static_cast<std::int32_t>(instance.cohorts.size());
  std::vector<std::uint32_t> listed_by(instance.cohorts.size(), std::numeric_limits<std::uint32_t>::max());
  for (std::size_t i = 0; i < candidates; ++i) {
    const std::uint32_t begin = instance.choice_begin[i];
    const std::uint32_t end = instance.choice_begin[i + 1];
    if (end < begin) return "choice_begin must not decrease (candidate " + std::to_string(i) + ")";
    for (std::uint32_t j = begin; j < end; ++j) {
      const std::int32_t cohort = instance.choices[j].cohort;
      if (cohort < 0 || cohort >= cohorts) {
        return "candidate " + std::to_string(i) + " lists an unknown cohort " + std::to_string(cohort);
      }
      if (listed_by[cohort] == i) {
        return "candidate " + std::to_string(i) + " lists cohort " + std::to_string(cohort) + " twice";
      }
      listed_by[cohort] = static_cast<std::uint32_t>(i);
    }
  }
  return {};
}

namespace {

constexpr std::uint32_t kNobody = std::numeric_limits<std::uint32_t>::max();

// A candidate on her way down her list, as the cohort she is proposing to sees her: everything
// its priorities need and where her list goes on, so that when she is displaced her next proposal
// touches nothing but her next choice (at national scale, memory misses are the cost).
struct Entry {
  Score score = 0;  // at the cohort she is proposing to or held by
  std::int64_t lottery = 0;
  std::int64_t id = 0;
  std::uint32_t candidate = kNobody;
  std::uint32_t next = 0;  // index in Instance::choices of her next proposal
  std::uint32_t end = 0;   // end of her list
  std::int32_t region = 0;
  bool woman = false;
  bool local = false;  // resident of the region of the cohort she is proposing to or held by
  SeatKind seat = SeatKind::open;
};

// Score first, then the lower lottery number, then the lower id, then the lower input index (which
// only matters when ids repeat, so that the result never depends on anything but the input).
bool better_by_score(const Entry& a, const Entry& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.lottery != b.lottery) return a.lottery < b.lottery;
  if (a.id != b.id) return a.id < b.id;
  return a.candidate < b.candidate;
}

bool has_priority(SeatKind kind, const Entry& e) {
  switch (kind) {
    case SeatKind::open:
      return true;
    case SeatKind::women:
      return e.woman;
    case SeatKind::local:
      return e.local;
  }
  return true;
}

// The choice rule over applicants sorted best by score first: each seat kind, in precedence
// order, takes its seats' worth of the best remaining applicants under its own priority (those
// with the priority first, then everyone else; for open seats everyone has it). Labels each taken
// entry's seat, marks taken[i], and returns the last one taken on each kind (nullptr if none).
std::array<const Entry*, kSeatKinds> choose_sorted(const Precedence& precedence, const Cohort& cohort, Entry* entries,
                                                   std::uint32_t count, std::uint8_t* taken) {
  std::array<const Entry*, kSeatKinds> last{};
  std::fill(taken, taken + count, 0);
  for (SeatKind kind : precedence) {
    std::int32_t need = cohort.seats[static_cast<std::size_t>(kind)];
    for (int pass = 0; pass < 2 && need > 0; ++pass) {
      for (std::uint32_t i = 0; i < count && need > 0; ++i) {
        if (taken[i] || has_priority(kind, entries[i]) != (pass == 0)) continue;
        taken[i] = 1;
        entries[i].seat = kind;
        last[static_cast<std::size_t>(kind)] = &entries[i];
        --need;
      }
      if (kind == SeatKind::open) break;
    }
  }
  return last;
}

// The held applicants of every cohort, best by score first, in one flat array.
class Cohorts {
 public:
  explicit Cohorts(const Instance& instance)
      : instance_(instance), hot_(instance.cohorts.size()), cold_(instance.cohorts.size()) {
    std::size_t offset = 0;
    for (std::size_t c = 0; c < instance.cohorts.size(); ++c) {
      const Cohort& cohort = instance.cohorts[c];
      hot_[c].region = cohort.region;
      hot_[c].capacity = static_cast<std::uint32_t>(cohort.capacity());
      for (std::size_t k = 0; k < kSeatKinds; ++k) {
        if (cohort.seats[k] > 0) hot_[c].kinds |= static_cast<std::uint8_t>(1u << k);
      }
      cold_[c].offset = offset;
      offset += hot_[c].capacity + 1;  // + 1: room for the newcomer
    }
    entries_.resize(offset);
    taken_.resize(offset);
  }

  std::int32_t region(std::int32_t c) const { return hot_[c].region; }
  void prefetch(std::int32_t c) const { __builtin_prefetch(&hot_[c]); }

  enum class Outcome { rejected, kept, displaced };

  // Offers `newcomer` to cohort c: rejected (nothing moves), kept with everyone, or kept in place
  // of a holder, who is then written to `displaced`.
  Outcome propose(std::int32_t c, const Entry& newcomer, Entry& displaced) {
    Hot& h = hot_[c];
    if (h.count == h.capacity && (h.capacity == 0 || !takes(c, newcomer))) return Outcome::rejected;
    Cold& cold = cold_[c];
    Entry* first = &entries_[cold.offset];
    Entry* position = std::upper_bound(first, first + h.count, newcomer, better_by_score);
    std::move_backward(position, first + h.count, first + h.count + 1);
    *position = newcomer;
    ++h.count;
    if (h.count < h.capacity) return Outcome::kept;
    std::uint8_t* taken = &taken_[cold.offset];
    const auto last = choose_sorted(instance_.precedence, instance_.cohorts[c], first, h.count, taken);
    for (std::size_t k = 0; k < kSeatKinds; ++k) {
      if (last[k] == nullptr) continue;
      h.worst_score[k] = last[k]->score;
      h.worst_priority[k] = has_priority(static_cast<SeatKind>(k), *last[k]);
      cold.worst[k] = Tie{last[k]->lottery, last[k]->id, last[k]->candidate};
    }
    if (h.count == h.capacity) return Outcome::kept;
    // One applicant too many: exactly one is left without a seat. Remove her, keeping the order.
    std::uint32_t out = 0;
    while (taken[out]) ++out;
    displaced = first[out];
    std::move(first + out + 1, first + h.count, first + out);
    --h.count;
    return Outcome::displaced;
  }

  // Labels every holder's seat kind (needed for cohorts that never filled up) and returns them.
  std::span<const Entry> finish(std::int32_t c) {
    Entry* first = &entries_[cold_[c].offset];
    choose_sorted(instance_.precedence, instance_.cohorts[c], first, hot_[c].count, &taken_[cold_[c].offset]);
    return {first, hot_[c].count};
  }

 private:
  // What nearly every proposal needs, one cache line per cohort: most proposals are refused by
  // comparing with the worst holder of each seat kind, and differ from her in priority or score.
  struct alignas(64) Hot {
    std::int32_t region = 0;
    std::uint32_t count = 0;
    std::uint32_t capacity = 0;
    std::uint8_t kinds = 0;  // bit k: the cohort has seats of kind k
    std::array<bool, kSeatKinds> worst_priority{};
    std::array<Score, kSeatKinds> worst_score{};  // valid when full
  };
  // The rest of the worst holders' keys, for equal scores, and where the cohort's entries are.
  struct Tie {
    std::int64_t lottery = 0;
    std::int64_t id = 0;
    std::uint32_t candidate = 0;
  };
  struct Cold {
    std::size_t offset = 0;
    std::array<Tie, kSeatKinds> worst{};
  };

  // When the cohort is full its choice rule keeps the newcomer if and only if, on some seat kind,
  // she comes before that kind's worst holder under its priority.
  bool takes(std::int32_t c, const Entry& newcomer) const {
    const Hot& h = hot_[c];
    // Decided without branches on the score comparisons, which no predictor can guess; only an
    // exact tie in priority and score, rare, looks further.
    const bool priority[kSeatKinds] = {true, newcomer.woman, newcomer.local};
    unsigned wins = 0;
    unsigned ties = 0;
    for (std::size_t k = 0; k < kSeatKinds; ++k) {
      const bool same = priority[k] == h.worst_priority[k];
      wins |=
          static_cast<unsigned>((priority[k] && !h.worst_priority[k]) | (same & (newcomer.score > h.worst_score[k])))
          << k;
      ties |= static_cast<unsigned>(same & (newcomer.score == h.worst_score[k])) << k;
    }
    wins &= h.kinds;
    ties &= h.kinds;
    if (wins != 0) return true;
    if (ties == 0) return false;
    for (std::size_t k = 0; k < kSeatKinds; ++k) {
      if ((ties & (1u << k)) == 0) continue;
      const Tie& worst = cold_[c].worst[k];
      if (newcomer.lottery != worst.lottery ? newcomer.lottery < worst.lottery
          : newcomer.id != worst.id         ? newcomer.id < worst.id
                                            : newcomer.candidate < worst.candidate) {
        return true;
      }
    }
    return false;
  }

  const Instance& instance_;
  std::vector<Hot> hot_;
  std::vector<Cold> cold_;
  std::vector<Entry> entries_;
  std::vector<std::uint8_t> taken_;  // scratch for choose_sorted: who has a seat
};

}  // namespace

AllocationResult allocate(const Instance& instance) {
  const auto started = std::chrono::steady_clock::now();
  if (std::string problem = check_instance(instance); !problem.empty()) throw std::invalid_argument(problem);

  const std::size_t n = instance.candidates.size();
  AllocationResult result;
  result.assignments.resize(n);
  Cohorts cohorts(instance);
  const Choice* choices = instance.choices.data();

  // Each candidate in turn proposes down her list until a cohort keeps her; whoever she displaces
  // carries on down her own list at once. The order of proposals does not change the result.
  for (std::size_t i = 0; i < n; ++i) {
    const Candidate& candidate = instance.candidates[i];
    Entry proposer{.lottery = candidate.lottery,
                   .id = candidate.id,
                   .candidate = static_cast<std::uint32_t>(i),
                   .next = instance.choice_begin[i],
                   .end = instance.choice_begin[i + 1],
                   .region = candidate.region,
                   .woman = candidate.woman};
    Entry displaced;
    while (proposer.next < proposer.end) {
      const Choice& choice = choices[proposer.next++];
      ++result.stats.proposals;
      proposer.score = choice.score;
      proposer.local = proposer.region == cohorts.region(choice.cohort);
      const auto outcome = cohorts.propose(choice.cohort, proposer, displaced);
      if (outcome == Cohorts::Outcome::kept) break;
      ++result.stats.rejections;
      if (outcome == Cohorts::Outcome::displaced) {
        ++result.stats.displacements;
        proposer = displaced;
      }
    }
  }

  result.cutoffs.resize(instance.cohorts.size());
  for (std::size_t c = 0; c < instance.cohorts.size(); ++c) {
    for (const Entry& held : cohorts.finish(static_cast<std::int32_t>(c))) {
      const std::uint32_t i = held.candidate;
      result.assignments[i] =
          Assignment{.cohort = static_cast<std::int32_t>(c),
                     .seat = held.seat,
                     .choice_rank = static_cast<std::int32_t>(held.next - instance.choice_begin[i])};
      SeatCutoff& cutoff = result.cutoffs[c][static_cast<std::size_t>(held.seat)];
      const auto lower = [](std::optional<Score>& slot, Score score) {
        if (!slot || score < *slot) slot = score;
      };
      ++cutoff.filled;
      lower(cutoff.last_score, held.score);
      if (has_priority(held.seat, held)) {
        ++cutoff.filled_with_priority;
        lower(cutoff.last_priority_score, held.score);
      } else {
        lower(cutoff.last_other_score, held.score);
      }
    }
  }
  result.stats.engine_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

std::vector<Held> choose(const Instance& instance, std::int32_t cohort, std::span<const Applicant> applicants) {
  if (cohort < 0 || static_cast<std::size_t>(cohort) >= instance.cohorts.size()) {
    throw std::invalid_argument("unknown cohort " + std::to_string(cohort));
  }
  const Cohort& seats = instance.cohorts[cohort];
  std::vector<Entry> entries;
  entries.reserve(applicants.size());
  for (const Applicant& a : applicants) {
    const Candidate& candidate = instance.candidates.at(a.candidate);
    entries.push_back(Entry{.score = a.score,
                            .lottery = candidate.lottery,
                            .id = candidate.id,
                            .candidate = a.candidate,
                            .woman = candidate.woman,
                            .local = candidate.region == seats.region});
  }
  std::sort(entries.begin(), entries.end(), better_by_score);
  std::vector<std::uint8_t> taken(entries.size());
  choose_sorted(instance.precedence, seats, entries.data(), static_cast<std::uint32_t>(entries.size()), taken.data());
  std::vector<Held> held;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (taken[i])
      held.push_back(Held{.candidate = entries[i].candidate, .score = entries[i].score, .seat = entries[i].seat});
  }
  return held;
}

}  // namespace jobintech::admission
