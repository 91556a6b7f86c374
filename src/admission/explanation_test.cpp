// Explanations agree with the engine: every cohort ranked above the one obtained refused the
// candidate on each of its seat kinds, for a reason the explanation names.
#include "admission/explanation.h"

#include <gtest/gtest.h>

#include <random>

namespace jobintech::admission {
namespace {

TEST(Explanation, NamesTheCutoffOnEachSeatKind) {
  // One cohort: 1 open seat, 1 for women. A woman 95 takes the open seat, a woman 80 the women
  // seat; a man 85 is refused: below 95 on the open seat, and the women seat was reserved.
  Instance instance;
  instance.cohorts.push_back(Cohort{.region = 0, .seats = {1, 1, 0}});
  const Score s95 = 95 * kScoreScale, s80 = 80 * kScoreScale, s85 = 85 * kScoreScale;
  instance.add_candidate({.id = 1, .lottery = 1, .region = 0, .woman = true}, std::vector<Choice>{{0, s95}});
  instance.add_candidate({.id = 2, .lottery = 2, .region = 0, .woman = true}, std::vector<Choice>{{0, s80}});
  instance.add_candidate({.id = 3, .lottery = 3, .region = 0, .woman = false}, std::vector<Choice>{{0, s85}});
  const AllocationResult result = allocate(instance);
  ASSERT_EQ(result.assignments[2].cohort, -1);
  const auto why = explain_refusal(s85, false, true, instance.cohorts[0], result.cutoffs[0], instance.precedence);
  ASSERT_EQ(why.size(), 2u);
  EXPECT_EQ(why[0].seat, SeatKind::open);
  EXPECT_EQ(why[0].standing, Standing::below);
  EXPECT_EQ(why[0].compared_with, s95);
  EXPECT_EQ(why[1].seat, SeatKind::women);
  EXPECT_EQ(why[1].standing, Standing::reserved);
  EXPECT_EQ(why[1].last_admitted, s80);
  // A woman with 80 who lost the lottery to the other 80 is told it was a tie.
  instance.add_candidate({.id = 4, .lottery = 9, .region = 0, .woman = true}, std::vector<Choice>{{0, s80}});
  const AllocationResult again = allocate(instance);
  ASSERT_EQ(again.assignments[3].cohort, -1);
  const auto tie = explain_refusal(s80, true, true, instance.cohorts[0], again.cutoffs[0], instance.precedence);
  EXPECT_EQ(tie[1].standing, Standing::tie_lost);
}

TEST(Explanation, EveryRefusalIsExplainedOnRandomRounds) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 200; ++round) {
    Instance instance;
    const int cohorts = 1 + static_cast<int>(random() % 5);
    for (int c = 0; c < cohorts; ++c) {
      instance.cohorts.push_back(
          Cohort{.region = static_cast<std::int32_t>(random() % 3),
                 .seats = {static_cast<std::int32_t>(random() % 3), static_cast<std::int32_t>(random() % 3),
                           static_cast<std::int32_t>(random() % 3)}});
    }
    const int candidates = 5 + static_cast<int>(random() % 30);
    for (int i = 0; i < candidates; ++i) {
      std::vector<Choice> list;
      for (int c = 0; c < cohorts; ++c) {
        if (random() % 2) list.push_back(Choice{c, static_cast<Score>(random() % 6) * kScoreScale});
      }
      std::shuffle(list.begin(), list.end(), random);
      instance.add_candidate({.id = i + 1,
                              .lottery = static_cast<std::int64_t>(random() % 1000),
                              .region = static_cast<std::int32_t>(random() % 3),
                              .woman = random() % 2 == 0},
                             list);
    }
    const AllocationResult result = allocate(instance);
    for (int i = 0; i < candidates; ++i) {
      const Candidate& candidate = instance.candidates[i];
      const auto& got = result.assignments[i];
      const std::uint32_t begin = instance.choice_begin[i];
      const std::uint32_t end = got.cohort >= 0 ? begin + got.choice_rank - 1 : instance.choice_begin[i + 1];
      for (std::uint32_t j = begin; j < end; ++j) {
        const Choice& choice = instance.choices[j];
        const Cohort& cohort = instance.cohorts[choice.cohort];
        const auto why = explain_refusal(choice.score, candidate.woman, candidate.region == cohort.region, cohort,
                                         result.cutoffs[choice.cohort], instance.precedence);
        for (const auto& e : why) EXPECT_NE(e.standing, Standing::changed) << "round " << round << " candidate " << i;
      }
    }
  }
}

}  // namespace
}  // namespace jobintech::admission
