// Tests of OfferBoard (matching/offer_board.h) on hand-computed cases: ranking by exact fraction
// across denominators, ties by index, zero scores never listed, offers without skills, same region,
// heavy offers. The random cross-check against score() is in batch_test.cpp.
#include "matching/offer_board.h"

#include <gtest/gtest.h>

#include <limits>
#include <ostream>
#include <stdexcept>

namespace jobintech::matching {

// Failures show "offer 3: 0.5" rather than bytes (the same definition in every test file).
inline void PrintTo(const Ranked& r, std::ostream* out) { *out << r.index << ": " << r.score; }

namespace {

constexpr SkillId kSql = 0, kPython = 1, kGit = 2, kDocker = 3, kEnglish = 4;

std::vector<std::uint32_t> indexes(const std::vector<Ranked>& ranked) {
  std::vector<std::uint32_t> out;
  for (const Ranked& r : ranked) out.push_back(r.index);
  return out;
}

TEST(MatchOfferBoard, RanksByExactFractionThenLowerIndex) {
  const std::vector<OfferProfile> offers{
      {1, {kSql, kPython}, {}},                 // 0: 2/4 = 1/2
      {1, {kSql}, {kGit}},                      // 1: 3/3 = 1
      {2, {kDocker}, {}},                       // 2: 0, never listed
      {1, {kSql, kPython, kGit, kDocker}, {}},  // 3: 4/8 = 1/2, tied with 0 although its denominator differs
      {2, {}, {}},                              // 4: no skills: 0 for everybody
      {2, {kSql}, {kPython, kGit}},             // 5: 3/4
      {1, {}, {kGit, kEnglish}},                // 6: 1/2 again
  };
  const OfferBoard board(offers);
  EXPECT_EQ(board.size(), 7U);
  const LearnerProfile learner{1, {kSql, kGit}};
  EXPECT_EQ(board.all_for_learner(learner, false),
            (std::vector<Ranked>{{1, 1.0}, {5, 0.75}, {0, 0.5}, {3, 0.5}, {6, 0.5}}));
  EXPECT_EQ(indexes(board.top_for_learner(learner, 4, false)), (std::vector<std::uint32_t>{1, 5, 0, 3}));
  EXPECT_EQ(indexes(board.all_for_learner(learner, true)), (std::vector<std::uint32_t>{1, 0, 3, 6}));
  std::uint64_t positive = 0;
  board.top_for_learner(learner, 1, false, &positive);
  EXPECT_EQ(positive, 5U);
  EXPECT_TRUE(board.top_for_learner(LearnerProfile{1, {}}, 10, false).empty());
  EXPECT_TRUE(board.top_for_learner(LearnerProfile{9, {kSql}}, 10, true).empty());
  EXPECT_TRUE(board.top_for_learner(learner, 0, false).empty());
}

TEST(MatchOfferBoard, TiesInManyCellsGoToTheLowerIndex) {
  // 600 offers all scoring 1 for the learner, over 3 regions and 2 denominators: six cells, whose
  // order is not index order.
  std::vector<OfferProfile> offers;
  for (std::uint32_t i = 0; i < 600; ++i)
    offers.push_back(i % 2 == 0 ? OfferProfile{i % 3, {kSql}, {}} : OfferProfile{i % 3, {kSql}, {kGit}});
  const OfferBoard board(offers);
  const LearnerProfile learner{0, {kSql, kGit}};
  EXPECT_EQ(indexes(board.top_for_learner(learner, 5, false)), (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(indexes(board.top_for_learner(learner, 4, true)), (std::vector<std::uint32_t>{0, 3, 6, 9}));
  // Without git the odd offers score 2/3: the even ones first.
  EXPECT_EQ(indexes(board.top_for_learner(LearnerProfile{0, {kSql}}, 301, false)).back(), 1U);
}

TEST(MatchOfferBoard, HeavyOffersAreScoredToo) {
  OfferProfile heavy{0, {}, {kGit}};
  for (SkillId s = 10; s < 150; ++s) heavy.required.push_back(s);  // denominator 281
  const OfferBoard board(std::vector<OfferProfile>{{0, {kSql}, {}}, heavy, {1, {kGit}, {}}});
  EXPECT_EQ(board.all_for_learner(LearnerProfile{0, {kSql, kGit, 10}}, false),
            (std::vector<Ranked>{{0, 1.0}, {2, 1.0}, {1, 3.0 / 281}}));
  EXPECT_EQ(indexes(board.all_for_learner(LearnerProfile{1, {kSql, kGit, 10}}, true)), (std::vector<std::uint32_t>{2}));
}

TEST(MatchOfferBoard, RefusesASkillBothRequiredAndNice) {
  EXPECT_THROW(OfferBoard(std::vector<OfferProfile>{{0, {kSql}, {kSql}}}), std::invalid_argument);
}

}  // namespace
}  // namespace jobintech::matching
