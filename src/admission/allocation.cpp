// Deferred acceptance with slot-specific priorities. The loop is the textbook one (free candidates
// propose down their lists; a cohort keeps the applicants its choice rule takes from what it holds
// plus the newcomer). What makes it fast at national scale is the rejection test: once a cohort is
// full, a newcomer is taken if and only if, for some seat kind, she beats under that kind's priority
// the worst holder of that kind; otherwise she is rejected with three comparisons and nothing
// moves. Only accepted proposals re-run the choice rule over the (capacity + 1) applicants.
//
// The rest is about memory, since at national scale nearly every step is a cache miss waiting to
// happen: the worst holders' keys sit on one cache line per cohort, loaded for the next candidate's
// choices while this one proposes; a cohort's holders are 32 bytes each and all their lines are
// asked for at once; the choice rule works on bit sets; and a displaced candidate waits a few
// proposals before carrying on, while her next choice is brought from memory.
#include "admission/allocation.h"

#include <algorithm>
#include <charconv>
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
  // One pass, no allocation: `jobintech allocate` parses ten million of these.
  const char* p = text.data();
  const char* const end = p + text.size();
  bool negative = false;
  if (p != end && (*p == '-' || *p == '+')) negative = *p++ == '-';
  const auto digit = [](char c) { return static_cast<unsigned>(c - '0') < 10; };
  const char* const whole = p;
  Score value = 0;
  for (; p != end && digit(*p); ++p) {
    if (p - whole == 12) return std::nullopt;  // a 13th digit: too large
    value = value * 10 + (*p - '0');
  }
  if (p == whole) return std::nullopt;
  Score fraction = 0;
  int decimals = 0;
  if (p != end) {
    if (*p != '.' && *p != ',') return std::nullopt;
    for (++p; p != end && digit(*p); ++p) {
      if (++decimals > 6) return std::nullopt;
      fraction = fraction * 10 + (*p - '0');
    }
    if (p != end || decimals == 0) return std::nullopt;
  }
  for (; decimals < 6; ++decimals) fraction *= 10;
  value = value * kScoreScale + fraction;
  return negative ? -value : value;
}

void append_score(std::string& text, Score score) {
  // Unsigned arithmetic: the magnitude of the most negative Score does not fit in a Score.
  std::uint64_t magnitude = static_cast<std::uint64_t>(score);
  if (score < 0) {
    text += '-';
    magnitude = ~magnitude + 1;
  }
  const auto scale = static_cast<std::uint64_t>(kScoreScale);
  char buffer[24];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, magnitude / scale);
  text.append(buffer, end);
  std::uint64_t fraction = magnitude % scale;
  if (fraction == 0) return;
  char digits[6];  // zero-padded to 6 digits, trailing zeros then dropped
  for (int i = 5; i >= 0; --i, fraction /= 10) digits[i] = static_cast<char>('0' + fraction % 10);
  int length = 6;
  while (digits[length - 1] == '0') --length;
  text += '.';
  text.append(digits, static_cast<std::size_t>(length));
}

std::string format_score(Score score) {
  std::string text;
  append_score(text, score);
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

// Bit k of a priority set: the candidate has the priority of seat kind k at this cohort. Everyone
// has the open seats' priority.
constexpr std::uint8_t kOpenPriority = 1u << static_cast<int>(SeatKind::open);
constexpr std::uint8_t kWomanPriority = 1u << static_cast<int>(SeatKind::women);
constexpr std::uint8_t kLocalPriority = 1u << static_cast<int>(SeatKind::local);

// A candidate as the cohort she proposes to, or that holds her, sees her: her score there, the
// priorities she has there and where her list goes on, so that when she is displaced her next
// proposal needs nothing but her next choice. 32 bytes, two to a cache line: at national scale a
// cohort's holders do not stay in cache between two of its decisions, and every line of them is a
// trip to memory. Her lottery number and id only break ties of score, so they are read from the
// instance when that happens.
struct Holder {
  Score score = 0;
  std::uint32_t candidate = kNobody;
  std::uint32_t next = 0;  // index in Instance::choices of her next proposal
  std::uint32_t end = 0;   // end of her list
  std::int32_t region = 0;
  std::uint8_t priority = kOpenPriority;
};
static_assert(sizeof(Holder) == 32);

bool has_priority(SeatKind kind, const Holder& h) { return (h.priority >> static_cast<int>(kind)) & 1u; }

// Score first, then the lower lottery number, then the lower id, then the lower input index (which
// only matters when ids repeat, so that the result never depends on anything but the input).
bool better_by_score(const Holder& a, const Holder& b, const Candidate* candidates) {
  if (a.score != b.score) return a.score > b.score;
  const Candidate& x = candidates[a.candidate];
  const Candidate& y = candidates[b.candidate];
  if (x.lottery != y.lottery) return x.lottery < y.lottery;
  if (x.id != y.id) return x.id < y.id;
  return a.candidate < b.candidate;
}

// What the choice rule did with applicants sorted best first.
struct Choosing {
  std::array<std::uint32_t, kSeatKinds> last{kNobody, kNobody, kNobody};  // last taken on each kind
  std::uint32_t first_left = 0;  // the first applicant without a seat, or the count if none
};

// The choice rule over `count` applicants sorted best by score first: each seat kind, in precedence
// order, takes its seats' worth of the best remaining applicants under its own priority (those
// with the priority first, then everyone else; for open seats everyone has it). It works on sets
// of positions, 64 to a word, so that a decision costs a few operations per seat rather than a pass
// over the applicants per seat kind. `scratch` holds 3 words per 64 applicants; on return its
// first words are the set of applicants taken. `seats`, when given, receives each taken
// applicant's seat kind.
Choosing choose_sorted(const Precedence& precedence, const Cohort& cohort, const Holder* applicants,
                       std::uint32_t count, std::uint64_t* scratch, SeatKind* seats) {
  const std::uint32_t words = (count + 63) / 64;
  std::uint64_t* taken = scratch;
  std::uint64_t* women = scratch + words;
  std::uint64_t* local = scratch + 2 * words;
  std::fill(scratch, scratch + 3 * words, 0);
  for (std::uint32_t i = 0; i < count; ++i) {
    // Without branches: whether an applicant is a woman or a resident is anyone's guess.
    const std::uint64_t priority = applicants[i].priority;
    women[i / 64] |= ((priority >> static_cast<int>(SeatKind::women)) & 1u) << (i % 64);
    local[i / 64] |= ((priority >> static_cast<int>(SeatKind::local)) & 1u) << (i % 64);
  }
  Choosing chosen;
  for (SeatKind kind : precedence) {
    std::int32_t need = cohort.seats[static_cast<std::size_t>(kind)];
    const std::uint64_t* priority = kind == SeatKind::women ? women : kind == SeatKind::local ? local : nullptr;
    for (int pass = 0; pass < 2 && need > 0; ++pass) {
      for (std::uint32_t w = 0; w < words && need > 0; ++w) {
        const std::uint64_t valid =
            (w + 1 < words || count % 64 == 0) ? ~std::uint64_t{0} : (std::uint64_t{1} << (count % 64)) - 1;
        const std::uint64_t wanted = priority == nullptr ? valid : pass == 0 ? priority[w] : ~priority[w];
        for (std::uint64_t free = valid & wanted & ~taken[w]; free != 0 && need > 0; --need) {
          const std::uint64_t bit = free & (~free + 1);  // the best of them
          free ^= bit;
          taken[w] |= bit;
          const std::uint32_t i = w * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bit));
          chosen.last[static_cast<std::size_t>(kind)] = i;
          if (seats != nullptr) seats[i] = kind;
        }
      }
      if (priority == nullptr) break;  // open seats: everyone was in the first pass
    }
  }
  chosen.first_left = count;
  for (std::uint32_t w = 0; w < words; ++w) {
    if (~taken[w] != 0) {
      chosen.first_left = std::min(count, w * 64 + static_cast<std::uint32_t>(__builtin_ctzll(~taken[w])));
      break;
    }
  }
  return chosen;
}

// The held applicants of every cohort, best by score first, in one flat array.
class Cohorts {
 public:
  explicit Cohorts(const Instance& instance)
      : instance_(instance), candidates_(instance.candidates.data()), hot_(instance.cohorts.size()) {
    std::size_t offset = 0;
    std::size_t largest = 0;
    for (std::size_t c = 0; c < instance.cohorts.size(); ++c) {
      const Cohort& cohort = instance.cohorts[c];
      Hot& h = hot_[c];
      h.region = cohort.region;
      h.capacity = static_cast<std::uint32_t>(cohort.capacity());
      for (std::size_t k = 0; k < kSeatKinds; ++k) {
        if (cohort.seats[k] > 0) h.kinds |= static_cast<std::uint8_t>(1u << k);
      }
      h.offset = offset;
      offset += h.capacity + 1;  // + 1: room for the newcomer
      largest = std::max<std::size_t>(largest, h.capacity + 1);
    }
    holders_.resize(offset);
    scratch_.resize(3 * ((largest + 63) / 64));
  }

  std::int32_t region(std::int32_t c) const { return hot_[c].region; }
  void prefetch(std::int32_t c) const { __builtin_prefetch(&hot_[c]); }

  enum class Outcome { rejected, kept, displaced };

  // Offers `newcomer` to cohort c: rejected (nothing moves), kept with everyone, or kept in place
  // of a holder, who is then written to `displaced`.
  Outcome propose(std::int32_t c, const Holder& newcomer, Holder& displaced) {
    Hot& h = hot_[c];
    if (h.count == h.capacity && (h.capacity == 0 || !takes(h, newcomer))) return Outcome::rejected;
    Holder* first = &holders_[h.offset];
    // Ask for every line of the cohort's holders at once: the search below would otherwise wait
    // for them one after the other.
    const char* line = reinterpret_cast<const char*>(first);
    const char* const last_line = reinterpret_cast<const char*>(first + h.count);
    for (; line <= last_line; line += 64) __builtin_prefetch(line, 1);
    Holder* position = std::upper_bound(first, first + h.count, newcomer, [this](const Holder& a, const Holder& b) {
      return better_by_score(a, b, candidates_);
    });
    std::move_backward(position, first + h.count, first + h.count + 1);
    *position = newcomer;
    ++h.count;
    if (h.count < h.capacity) return Outcome::kept;
    const Choosing chosen =
        choose_sorted(instance_.precedence, instance_.cohorts[c], first, h.count, scratch_.data(), nullptr);
    h.worst_priority = 0;
    for (std::size_t k = 0; k < kSeatKinds; ++k) {
      if (chosen.last[k] == kNobody) continue;
      const Holder& worst = first[chosen.last[k]];
      h.worst_score[k] = worst.score;
      h.worst_candidate[k] = worst.candidate;
      h.worst_priority |= static_cast<std::uint8_t>(worst.priority & (1u << k));
    }
    if (h.count == h.capacity) return Outcome::kept;
    // One applicant too many: exactly one is left without a seat. Remove her, keeping the order.
    displaced = first[chosen.first_left];
    std::move(first + chosen.first_left + 1, first + h.count, first + chosen.first_left);
    --h.count;
    return Outcome::displaced;
  }

  // Labels every holder's seat kind (needed for cohorts that never filled up) and returns them.
  std::span<const Holder> finish(std::int32_t c, std::vector<SeatKind>& seats) {
    const Hot& h = hot_[c];
    seats.resize(h.count);
    choose_sorted(instance_.precedence, instance_.cohorts[c], &holders_[h.offset], h.count, scratch_.data(),
                  seats.data());
    return {&holders_[h.offset], h.count};
  }

 private:
  // What nearly every proposal needs, one cache line per cohort: most proposals are refused by
  // comparing with the worst holder of each seat kind, and differ from her in priority or score.
  struct alignas(64) Hot {
    std::array<Score, kSeatKinds> worst_score{};  // valid when full
    std::size_t offset = 0;                       // of the cohort's holders
    std::array<std::uint32_t, kSeatKinds> worst_candidate{};
    std::int32_t region = 0;
    std::uint32_t count = 0;
    std::uint32_t capacity = 0;
    std::uint8_t kinds = 0;           // bit k: the cohort has seats of kind k
    std::uint8_t worst_priority = 0;  // bit k: the worst holder of kind k has its priority
  };

  // When the cohort is full its choice rule keeps the newcomer if and only if, on some seat kind,
  // she comes before that kind's worst holder under its priority.
  bool takes(const Hot& h, const Holder& newcomer) const {
    // Decided without branches on the score comparisons, which no predictor can guess; only an
    // exact tie in priority and score looks further.
    unsigned wins = 0;
    unsigned ties = 0;
    for (std::size_t k = 0; k < kSeatKinds; ++k) {
      const unsigned mine = (newcomer.priority >> k) & 1u;
      const unsigned theirs = (h.worst_priority >> k) & 1u;
      const unsigned same = mine == theirs;
      wins |= ((mine & ~theirs) | (same & static_cast<unsigned>(newcomer.score > h.worst_score[k]))) << k;
      ties |= (same & static_cast<unsigned>(newcomer.score == h.worst_score[k])) << k;
    }
    wins &= h.kinds;
    ties &= h.kinds;
    if (wins != 0) return true;
    if (ties == 0) return false;
    Holder worst{.score = newcomer.score};
    for (std::size_t k = 0; k < kSeatKinds; ++k) {
      if ((ties & (1u << k)) == 0) continue;
      worst.candidate = h.worst_candidate[k];
      if (better_by_score(newcomer, worst, candidates_)) return true;
    }
    return false;
  }

  const Instance& instance_;
  const Candidate* candidates_;
  std::vector<Hot> hot_;
  std::vector<Holder> holders_;
  std::vector<std::uint64_t> scratch_;  // for choose_sorted
};

}  // namespace

AllocationResult allocate(const Instance& instance) {
  const auto started = std::chrono::steady_clock::now();
  if (std::string problem = check_instance(instance); !problem.empty()) throw std::invalid_argument(problem);

  const std::size_t n = instance.candidates.size();
  AllocationResult result;
  result.assignments.resize(n);
  Cohorts cohorts(instance);
  const Candidate* candidates = instance.candidates.data();
  const Choice* choices = instance.choices.data();
  const std::uint32_t* choice_begin = instance.choice_begin.data();
  // Counted in locals: through `result` they would be stored to memory on every proposal.
  std::uint64_t proposals = 0;
  std::uint64_t rejections = 0;
  std::uint64_t displacements = 0;

  // Candidates propose in input order, each down her list until a cohort keeps her. Whoever she
  // displaces waits in a short queue before carrying on down her own list: her next choice lies
  // anywhere in a large array, and the proposals made meanwhile give memory time to bring it. The
  // order of proposals changes neither the result nor the proposals each candidate makes (all
  // those down to the cohort that keeps her), only how many displacements it takes.
  constexpr std::size_t kWaiting = 4;
  std::array<Holder, kWaiting> waiting;
  std::size_t waiting_begin = 0;  // a ring: waiting[waiting_begin % kWaiting] is the longest waiting
  std::size_t waiting_end = 0;
  std::size_t i = 0;  // the next candidate to make her first proposal
  while (true) {
    Holder proposer;
    if (waiting_end - waiting_begin == kWaiting || (i == n && waiting_end != waiting_begin)) {
      proposer = waiting[waiting_begin++ % kWaiting];
    } else if (i < n) {
      // Most candidates are refused everywhere they apply: ask for the cohorts the next candidate
      // lists while this one proposes, so that their lines arrive together rather than one by one.
      if (i + 1 < n) {
        for (std::uint32_t j = choice_begin[i + 1]; j < choice_begin[i + 2]; ++j) cohorts.prefetch(choices[j].cohort);
      }
      const Candidate& candidate = candidates[i];
      proposer = Holder{.candidate = static_cast<std::uint32_t>(i),
                        .next = choice_begin[i],
                        .end = choice_begin[i + 1],
                        .region = candidate.region,
                        .priority = static_cast<std::uint8_t>(kOpenPriority | (candidate.woman ? kWomanPriority : 0))};
      ++i;
    } else {
      break;
    }
    const std::uint8_t woman = proposer.priority & kWomanPriority;
    Holder displaced;
    while (proposer.next < proposer.end) {
      const Choice& choice = choices[proposer.next++];
      ++proposals;
      proposer.score = choice.score;
      const bool local = proposer.region == cohorts.region(choice.cohort);
      proposer.priority = static_cast<std::uint8_t>(kOpenPriority | woman | (local ? kLocalPriority : 0));
      const auto outcome = cohorts.propose(choice.cohort, proposer, displaced);
      if (outcome == Cohorts::Outcome::kept) break;
      ++rejections;
      if (outcome == Cohorts::Outcome::displaced) {
        ++displacements;
        if (displaced.next < displaced.end) {
          __builtin_prefetch(&choices[displaced.next]);
          waiting[waiting_end++ % kWaiting] = displaced;
        }
        break;
      }
    }
  }
  result.stats.proposals = proposals;
  result.stats.rejections = rejections;
  result.stats.displacements = displacements;

  result.cutoffs.resize(instance.cohorts.size());
  std::vector<SeatKind> seats;
  for (std::size_t c = 0; c < instance.cohorts.size(); ++c) {
    const std::span<const Holder> holders = cohorts.finish(static_cast<std::int32_t>(c), seats);
    for (std::size_t h = 0; h < holders.size(); ++h) {
      const Holder& held = holders[h];
      const std::uint32_t i = held.candidate;
      result.assignments[i] = Assignment{.cohort = static_cast<std::int32_t>(c),
                                         .seat = seats[h],
                                         .choice_rank = static_cast<std::int32_t>(held.next - choice_begin[i])};
      SeatCutoff& cutoff = result.cutoffs[c][static_cast<std::size_t>(seats[h])];
      const auto lower = [](std::optional<Score>& slot, Score score) {
        if (!slot || score < *slot) slot = score;
      };
      ++cutoff.filled;
      lower(cutoff.last_score, held.score);
      if (has_priority(seats[h], held)) {
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
  std::vector<Holder> holders;
  holders.reserve(applicants.size());
  for (const Applicant& a : applicants) {
    const Candidate& candidate = instance.candidates.at(a.candidate);
    const bool local = candidate.region == seats.region;
    holders.push_back(
        Holder{.score = a.score,
               .candidate = a.candidate,
               .priority = static_cast<std::uint8_t>(kOpenPriority | (candidate.woman ? kWomanPriority : 0) |
                                                     (local ? kLocalPriority : 0))});
  }
  const Candidate* candidates = instance.candidates.data();
  std::sort(holders.begin(), holders.end(),
            [candidates](const Holder& a, const Holder& b) { return better_by_score(a, b, candidates); });
  const auto count = static_cast<std::uint32_t>(holders.size());
  std::vector<std::uint64_t> scratch(3 * ((count + 63) / 64));
  std::vector<SeatKind> labels(count);
  choose_sorted(instance.precedence, seats, holders.data(), count, scratch.data(), labels.data());
  std::vector<Held> held;
  for (std::uint32_t i = 0; i < count; ++i) {
    const bool taken = (scratch[i / 64] >> (i % 64)) & 1u;  // the first words: who was taken
    if (taken) held.push_back(Held{.candidate = holders[i].candidate, .score = holders[i].score, .seat = labels[i]});
  }
  return held;
}

}  // namespace jobintech::admission
