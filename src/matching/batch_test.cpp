// Tests of batch matching (matching/batch.h) and, through it, of the pool and the board: a
// brute-force cross-check against score() on random instances for both directions, with and
// without the same-region filter, for several k; results independent of the thread count.
#include "matching/batch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>
#include <random>
#include <set>

#include "matching/learner_pool.h"
#include "matching/offer_board.h"

namespace jobintech::matching {

// Failures show "offer 3: 0.5" rather than bytes (the same definition in every test file).
inline void PrintTo(const Ranked& r, std::ostream* out) { *out << r.index << ": " << r.score; }

namespace {

using Rng = std::mt19937_64;
using Rankings = std::vector<std::vector<Ranked>>;
constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();

int uniform(Rng& rng, int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); }

// A skill drawn with popularity falling off like 1/(rank + 1): a few skills held by most, many
// rare (sparse columns), as in real profiles.
SkillId draw_skill(Rng& rng, int skills) {
  const double u = std::uniform_real_distribution<double>(0, 1)(rng);
  return static_cast<SkillId>(std::min<double>(skills - 1, std::exp(u * std::log(skills + 1.0)) - 1));
}

std::vector<SkillId> draw_skills(Rng& rng, int skills, int count) {
  std::set<SkillId> chosen;
  for (int i = 0; i < count; ++i) chosen.insert(draw_skill(rng, skills));
  return {chosen.begin(), chosen.end()};
}

// `count` distinct skills, all equally likely.
std::vector<SkillId> draw_distinct(Rng& rng, int skills, int count) {
  std::set<SkillId> chosen;
  while (static_cast<int>(chosen.size()) < count) chosen.insert(static_cast<SkillId>(uniform(rng, 0, skills - 1)));
  return {chosen.begin(), chosen.end()};
}

struct Instance {
  std::vector<LearnerProfile> learners;
  std::vector<OfferProfile> offers;
};

// `heavy`: some offers with more skills than the bit-sliced counters hold, and a larger universe.
Instance random_instance(Rng& rng, int learners, int offers, int regions, int skills, bool heavy) {
  Instance instance;
  for (int i = 0; i < learners; ++i) {
    instance.learners.push_back(LearnerProfile{
        static_cast<RegionId>(uniform(rng, 0, regions - 1) * 7),
        heavy ? draw_distinct(rng, skills, uniform(rng, 0, 200)) : draw_skills(rng, skills, uniform(rng, 0, 12))});
  }
  for (int i = 0; i < offers; ++i) {
    OfferProfile o;
    o.region = static_cast<RegionId>(uniform(rng, 0, regions - 1) * 7);
    // Big offers: denominators from about 120 to 460, across the widest counters and past them.
    const bool big = heavy && uniform(rng, 0, 4) == 0;
    o.required = big ? draw_distinct(rng, skills, uniform(rng, 50, 200)) : draw_skills(rng, skills, uniform(rng, 0, 6));
    for (SkillId s :
         big ? draw_distinct(rng, skills, uniform(rng, 0, 60)) : draw_skills(rng, skills, uniform(rng, 0, 4)))
      if (!std::binary_search(o.required.begin(), o.required.end(), s)) o.nice.push_back(s);
    instance.offers.push_back(std::move(o));
  }
  return instance;
}

// Scores every pair with score(): the k best by score, then lower index, none at 0.
std::vector<Ranked> brute_force_top(const std::vector<double>& scores, const std::vector<bool>& eligible,
                                    std::size_t k) {
  std::vector<Ranked> all;
  for (std::uint32_t i = 0; i < scores.size(); ++i)
    if (eligible[i] && scores[i] > 0) all.push_back(Ranked{i, scores[i]});
  std::sort(all.begin(), all.end(), [](const Ranked& a, const Ranked& b) {
    return a.score != b.score ? a.score > b.score : a.index < b.index;
  });
  if (all.size() > k) all.resize(k);
  return all;
}

// score(learner, offer) for every pair, computed once per instance.
struct Scores {
  explicit Scores(const Instance& in) : offers(in.offers.size()) {
    for (const LearnerProfile& l : in.learners)
      for (const OfferProfile& o : in.offers) value.push_back(score(l, o));
  }
  double at(std::size_t learner, std::size_t offer) const { return value[learner * offers + offer]; }
  std::size_t offers;
  std::vector<double> value;
};

Rankings brute_force_learners(const Instance& in, const Scores& all, std::size_t k, bool same_region) {
  Rankings out;
  for (std::size_t o = 0; o < in.offers.size(); ++o) {
    std::vector<double> scores;
    std::vector<bool> eligible;
    for (std::size_t l = 0; l < in.learners.size(); ++l) {
      scores.push_back(all.at(l, o));
      eligible.push_back(!same_region || in.learners[l].region == in.offers[o].region);
    }
    out.push_back(brute_force_top(scores, eligible, k));
  }
  return out;
}

Rankings brute_force_offers(const Instance& in, const Scores& all, std::size_t k, bool same_region) {
  Rankings out;
  for (std::size_t l = 0; l < in.learners.size(); ++l) {
    std::vector<double> scores;
    std::vector<bool> eligible;
    for (std::size_t o = 0; o < in.offers.size(); ++o) {
      scores.push_back(all.at(l, o));
      eligible.push_back(!same_region || in.learners[l].region == in.offers[o].region);
    }
    out.push_back(brute_force_top(scores, eligible, k));
  }
  return out;
}

std::uint64_t positive_pairs(const Instance& in, const Scores& all, bool same_region) {
  std::uint64_t n = 0;
  for (std::size_t l = 0; l < in.learners.size(); ++l)
    for (std::size_t o = 0; o < in.offers.size(); ++o)
      n += (!same_region || in.learners[l].region == in.offers[o].region) && all.at(l, o) > 0 ? 1 : 0;
  return n;
}

void expect_same(const Rankings& engine, const Rankings& expected, const std::string& what) {
  ASSERT_EQ(engine.size(), expected.size()) << what;
  for (std::size_t i = 0; i < engine.size(); ++i) ASSERT_EQ(engine[i], expected[i]) << what << ", item " << i;
}

TEST(MatchBatch, AgreesWithScoringEveryPair) {
  Rng rng(2026);
  for (int round = 0; round < 6; ++round) {
    const bool heavy = round >= 4;
    const int skills = round % 2 == 0 ? 30 : 300;               // few skills (ties, dense) or many (sparse)
    const int learners = heavy ? 150 : uniform(rng, 150, 300);  // heavy profiles are slow to score by hand
    const int offers = heavy ? 150 : uniform(rng, 150, 300);
    const Instance in = random_instance(rng, learners, offers, uniform(rng, 1, 5), heavy ? 400 : skills, heavy);
    const Scores scores(in);
    for (const bool same_region : {false, true}) {
      for (const std::size_t k : {std::size_t{1}, std::size_t{7}, kAll}) {
        const std::string what =
            "round " + std::to_string(round) + ", k " + std::to_string(k) + (same_region ? ", same region" : "");
        BatchStats stats;
        expect_same(top_learners_per_offer(in.learners, in.offers, k, same_region, 2, &stats),
                    brute_force_learners(in, scores, k, same_region), "learners per offer, " + what);
        EXPECT_EQ(stats.positive_pairs, positive_pairs(in, scores, same_region)) << what;
        expect_same(top_offers_per_learner(in.learners, in.offers, k, same_region, 2, &stats),
                    brute_force_offers(in, scores, k, same_region), "offers per learner, " + what);
        EXPECT_EQ(stats.positive_pairs, positive_pairs(in, scores, same_region)) << what;
      }
    }
  }
}

TEST(MatchBatch, ResultDoesNotDependOnTheNumberOfThreads) {
  Rng rng(7);
  const Instance in = random_instance(rng, 3000, 1500, 4, 60, false);
  const Rankings learners = top_learners_per_offer(in.learners, in.offers, 10, false, 1);
  const Rankings offers = top_offers_per_learner(in.learners, in.offers, 10, true, 1);
  for (const unsigned threads : {2U, 3U, 8U}) {
    expect_same(top_learners_per_offer(in.learners, in.offers, 10, false, threads), learners,
                std::to_string(threads) + " threads");
    expect_same(top_offers_per_learner(in.learners, in.offers, 10, true, threads), offers,
                std::to_string(threads) + " threads");
  }
  // And asking the pool and the board one at a time gives the same.
  const LearnerPool pool(in.learners);
  const OfferBoard board(in.offers);
  for (std::size_t i = 0; i < in.offers.size(); i += 97)
    EXPECT_EQ(pool.top_for_offer(in.offers[i], 10, false), learners[i]);
  for (std::size_t i = 0; i < in.learners.size(); i += 97)
    EXPECT_EQ(board.top_for_learner(in.learners[i], 10, true), offers[i]);
}

TEST(MatchBatch, EmptyInputsAndBadProfiles) {
  EXPECT_TRUE(top_learners_per_offer({}, {}, 10, false, 2).empty());
  const std::vector<LearnerProfile> learners{{0, {1}}};
  EXPECT_EQ(top_learners_per_offer(learners, std::vector<OfferProfile>{{0, {}, {}}}, 10, false, 2), (Rankings{{}}));
  EXPECT_THROW(top_offers_per_learner(learners, std::vector<OfferProfile>{{0, {1}, {1}}}, 10, false, 2),
               std::invalid_argument);
  EXPECT_THROW(top_learners_per_offer(learners, std::vector<OfferProfile>{{0, {1}, {1}}}, 10, false, 2),
               std::invalid_argument);
}

}  // namespace
}  // namespace jobintech::matching
