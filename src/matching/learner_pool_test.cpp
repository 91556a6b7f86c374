// Tests of LearnerPool (matching/learner_pool.h) on hand-computed cases: ranking, ties by index,
// zero scores never listed, same region, k, rare skills and offers too heavy for the bit-sliced
// counters. The random cross-check against score() is in batch_test.cpp.
#include "matching/learner_pool.h"

#include <gtest/gtest.h>

#include <limits>
#include <numeric>
#include <ostream>
#include <stdexcept>

namespace jobintech::matching {

// Failures show "offer 3: 0.5" rather than bytes (the same definition in every test file).
inline void PrintTo(const Ranked& r, std::ostream* out) { *out << r.index << ": " << r.score; }

namespace {

constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();
constexpr SkillId kSql = 0, kPython = 1, kGit = 2, kDocker = 3, kEnglish = 4;

std::vector<std::uint32_t> indexes(const std::vector<Ranked>& ranked) {
  std::vector<std::uint32_t> out;
  for (const Ranked& r : ranked) out.push_back(r.index);
  return out;
}

TEST(MatchLearnerPool, RanksByScoreThenLowerIndex) {
  // Offer: sql, python required; git nice (denominator 5).
  const OfferProfile offer{1, {kSql, kPython}, {kGit}};
  const std::vector<LearnerProfile> learners{
      {1, {kGit}},                 // 0: 1/5
      {1, {kSql, kPython, kGit}},  // 1: 5/5
      {2, {kEnglish}},             // 2: 0, never listed
      {1, {kSql, kGit}},           // 3: 3/5
      {2, {kPython, kGit}},        // 4: 3/5, tied with 3: the lower index first
      {1, {kSql, kPython}},        // 5: 4/5
  };
  const LearnerPool pool(learners);
  EXPECT_EQ(pool.size(), 6U);
  const std::vector<Ranked> all = pool.top_for_offer(offer, kAll, false);
  EXPECT_EQ(all, (std::vector<Ranked>{{1, 1.0}, {5, 0.8}, {3, 0.6}, {4, 0.6}, {0, 0.2}}));
  EXPECT_EQ(indexes(pool.top_for_offer(offer, 3, false)), (std::vector<std::uint32_t>{1, 5, 3}));
  // The tie at the cut: 3 before 4.
  EXPECT_EQ(indexes(pool.top_for_offer(offer, 3, false)).back(), 3U);
  // Same region: learners of region 1 only.
  EXPECT_EQ(indexes(pool.top_for_offer(offer, kAll, true)), (std::vector<std::uint32_t>{1, 5, 3, 0}));
  // How many score above 0.
  std::uint64_t positive = 0;
  pool.top_for_offer(offer, 1, false, &positive);
  EXPECT_EQ(positive, 5U);
  EXPECT_TRUE(pool.top_for_offer(offer, 0, false).empty());
}

TEST(MatchLearnerPool, TiesAcrossRegionsGoToTheLowerIndex) {
  // Regions interleaved so that index order and the pool's region-by-region order differ.
  std::vector<LearnerProfile> learners;
  for (std::uint32_t i = 0; i < 300; ++i) learners.push_back({i % 3, {kSql}});
  const LearnerPool pool(learners);
  const OfferProfile offer{0, {kSql}, {}};
  std::vector<std::uint32_t> first_ten(10);
  std::iota(first_ten.begin(), first_ten.end(), 0U);
  EXPECT_EQ(indexes(pool.top_for_offer(offer, 10, false)), first_ten);
  // Same region 2: 2, 5, 8, ...
  EXPECT_EQ(indexes(pool.top_for_offer(OfferProfile{2, {kSql}, {}}, 3, true)), (std::vector<std::uint32_t>{2, 5, 8}));
  // A better learner late in index order comes first, then the tie by index.
  learners[299].skills = {kSql, kGit};
  const LearnerPool better(learners);
  EXPECT_EQ(indexes(better.top_for_offer(OfferProfile{0, {kSql}, {kGit}}, 3, false)),
            (std::vector<std::uint32_t>{299, 0, 1}));
}

TEST(MatchLearnerPool, OfferWithoutSkillsOrRegionGivesNothing) {
  const LearnerPool pool(std::vector<LearnerProfile>{{0, {kSql}}, {1, {kGit}}});
  EXPECT_TRUE(pool.top_for_offer(OfferProfile{0, {}, {}}, 10, false).empty());
  EXPECT_TRUE(pool.top_for_offer(OfferProfile{7, {kSql}, {}}, 10, true).empty());  // no learner in region 7
  // A skill no learner holds (an id past the pool's) only weighs in the denominator.
  EXPECT_EQ(pool.top_for_offer(OfferProfile{0, {kSql, 99}, {}}, 10, false), (std::vector<Ranked>{{0, 0.5}}));
  const LearnerPool empty(std::vector<LearnerProfile>{});
  EXPECT_TRUE(empty.top_for_offer(OfferProfile{0, {kSql}, {}}, 10, false).empty());
}

TEST(MatchLearnerPool, RareSkillsAndHeavyOffersAreExact) {
  // 1,000 learners: python held by everyone (a dense column), docker by three (a sparse one).
  std::vector<LearnerProfile> learners(1000, LearnerProfile{0, {kPython}});
  for (std::uint32_t i : {17U, 500U, 999U}) learners[i].skills = {kPython, kDocker};
  // An offer of 200 required skills: denominator 401, past the bit-sliced counters.
  OfferProfile heavy{0, {}, {kDocker}};
  for (SkillId s = 10; s < 210; ++s) heavy.required.push_back(s);
  learners[3].skills = {kPython, 10, 11, 12};
  learners[4].skills = {kPython, kDocker, 10, 11, 12};
  const LearnerPool pool(learners);
  // Docker and python: 17, 500, 999 and 4 score 3/3; everyone else 1/3.
  EXPECT_EQ(indexes(pool.top_for_offer(OfferProfile{0, {kDocker}, {kPython}}, 6, false)),
            (std::vector<std::uint32_t>{4, 17, 500, 999, 0, 1}));
  const std::vector<Ranked> top = pool.top_for_offer(heavy, kAll, false);
  EXPECT_EQ(top,
            (std::vector<Ranked>{{4, 7.0 / 401}, {3, 6.0 / 401}, {17, 1.0 / 401}, {500, 1.0 / 401}, {999, 1.0 / 401}}));
}

TEST(MatchLearnerPool, RefusesProfilesOutOfOrder) {
  EXPECT_THROW(LearnerPool(std::vector<LearnerProfile>{{0, {kGit, kSql}}}), std::invalid_argument);
}

}  // namespace
}  // namespace jobintech::matching
