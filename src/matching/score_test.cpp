// Tests of the matching score and its explanation (matching/score.h) on hand-computed cases, and of
// the skill dictionary.
#include "matching/score.h"

#include <gtest/gtest.h>

#include "matching/skill_dictionary.h"

namespace jobintech::matching {
namespace {

// Skills by name, for readable cases: 0 sql, 1 python, 2 git, 3 docker, 4 english.
constexpr SkillId kSql = 0, kPython = 1, kGit = 2, kDocker = 3, kEnglish = 4;

TEST(MatchScore, RequiredSkillsWeighTwiceNiceOnes) {
  const OfferProfile offer{0, {kSql, kPython}, {kGit}};  // weight 2 + 2 + 1 = 5
  EXPECT_EQ(score_denominator(offer), 5U);
  // sql (2) + git (1) = 3 of 5.
  const LearnerProfile learner{0, {kSql, kGit, kEnglish}};
  EXPECT_EQ(score_numerator(learner, offer), 3U);
  EXPECT_DOUBLE_EQ(score(learner, offer), 0.6);
  // Both required, no nice: 4 of 5.
  EXPECT_DOUBLE_EQ(score(LearnerProfile{0, {kSql, kPython}}, offer), 0.8);
  // Only the nice one: 1 of 5.
  EXPECT_DOUBLE_EQ(score(LearnerProfile{0, {kGit}}, offer), 0.2);
  // Everything: 1.
  EXPECT_DOUBLE_EQ(score(LearnerProfile{0, {kSql, kPython, kGit, kDocker}}, offer), 1.0);
  // Nothing in common, or no skills at all: 0.
  EXPECT_EQ(score(LearnerProfile{0, {kDocker, kEnglish}}, offer), 0.0);
  EXPECT_EQ(score(LearnerProfile{0, {}}, offer), 0.0);
}

TEST(MatchScore, OfferWithoutSkillsScoresZeroForEverybody) {
  const OfferProfile empty{0, {}, {}};
  EXPECT_EQ(score_denominator(empty), 0U);
  EXPECT_EQ(score(LearnerProfile{0, {kSql, kPython}}, empty), 0.0);
  EXPECT_EQ(score_of(0, 0), 0.0);
}

TEST(MatchScore, EqualFractionsAreEqualDoubles) {
  // 1/2 from 2 of 4 and from 4 of 8: the same double, so ranking by score is ranking by fraction.
  const OfferProfile small{0, {kSql, kPython}, {}};
  const OfferProfile large{0, {kSql, kPython, kGit, kDocker}, {}};
  EXPECT_EQ(score(LearnerProfile{0, {kSql}}, small), score(LearnerProfile{0, {kSql, kPython}}, large));
  EXPECT_EQ(score_of(1, 3), 1.0 / 3.0);
}

TEST(MatchScore, ExplanationListsMatchedAndMissingSkills) {
  const OfferProfile offer{0, {kSql, kPython, kDocker}, {kGit, kEnglish}};
  const LearnerProfile learner{0, {kSql, kGit, kDocker}};
  const Explanation e = explain(learner, offer);
  EXPECT_EQ(e.required_matched, (std::vector<SkillId>{kSql, kDocker}));
  EXPECT_EQ(e.required_missing, (std::vector<SkillId>{kPython}));
  EXPECT_EQ(e.nice_matched, (std::vector<SkillId>{kGit}));
  // The explanation gives the score back.
  EXPECT_EQ(2 * e.required_matched.size() + e.nice_matched.size(), score_numerator(learner, offer));
}

TEST(MatchScore, ChecksSayWhatIsWrongWithAProfile) {
  EXPECT_EQ(check_learner(LearnerProfile{0, {kSql, kGit}}), "");
  EXPECT_NE(check_learner(LearnerProfile{0, {kGit, kSql}}), "");
  EXPECT_NE(check_learner(LearnerProfile{0, {kSql, kSql}}), "");
  EXPECT_EQ(check_offer(OfferProfile{0, {kSql}, {kGit}}), "");
  EXPECT_NE(check_offer(OfferProfile{0, {kGit, kSql}, {}}), "");
  EXPECT_NE(check_offer(OfferProfile{0, {}, {kGit, kGit}}), "");
  EXPECT_EQ(check_offer(OfferProfile{0, {kSql, kGit}, {kGit}}), "a skill is both required and nice-to-have");
}

TEST(MatchSkillDictionary, InternsCodesToDenseIds) {
  SkillDictionary skills;
  EXPECT_EQ(skills.intern("sql"), 0U);
  EXPECT_EQ(skills.intern("python"), 1U);
  EXPECT_EQ(skills.intern("sql"), 0U);
  EXPECT_EQ(skills.size(), 2U);
  EXPECT_EQ(skills.code(1), "python");
  EXPECT_EQ(skills.find("python"), 1U);
  EXPECT_EQ(skills.find("Python"), std::nullopt);  // codes are compared byte for byte
}

}  // namespace
}  // namespace jobintech::matching
