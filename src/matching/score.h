// The matching score of a learner for a job offer, and its explanation (docs/matching.md).
//
//   score = (2·|R ∩ S| + |N ∩ S|) / (2·|R| + |N|)
//
// R: the offer's required skills, N: its nice-to-have skills, S: the learner's skills. A required
// skill weighs twice a nice-to-have one; the score is the share of the offer's weight the learner
// covers, from 0 to 1. An offer with no skills at all scores 0 for everybody.
//
// Promises: score() is computed in double precision from the two integers, so equal fractions
// (1/2 and 4/8) give equal doubles and ranking by score is ranking by the exact fraction. Ranking
// everywhere in the engine: higher score first, equal scores by lower index (callers sort their
// inputs by id, so that the lower index is the lower id); pairs scoring 0 are never listed.
//
// Expects: profiles whose skill lists are sorted and without repeats, and offers with no skill in
// both lists (check_learner / check_offer say what is wrong). Pure functions, safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "matching/skill_dictionary.h"

namespace jobintech::matching {

using RegionId = std::uint32_t;

struct LearnerProfile {
  RegionId region = 0;
  std::vector<SkillId> skills;  // sorted, no repeats
};

struct OfferProfile {
  RegionId region = 0;
  std::vector<SkillId> required;  // sorted, no repeats
  std::vector<SkillId> nice;      // sorted, no repeats, none of them in `required`
};

// One match in a ranking: the index of the learner or offer in the input vector, and its score.
struct Ranked {
  std::uint32_t index = 0;
  double score = 0;
  bool operator==(const Ranked&) const = default;
};

// The score's two integers: numerator 2·|R ∩ S| + |N ∩ S|, denominator 2·|R| + |N|.
std::uint32_t score_numerator(const LearnerProfile& learner, const OfferProfile& offer);
std::uint32_t score_denominator(const OfferProfile& offer);
// numerator / denominator as doubles; 0 when the denominator is 0.
double score_of(std::uint32_t numerator, std::uint32_t denominator);
double score(const LearnerProfile& learner, const OfferProfile& offer);

// Why a learner matches an offer: each list sorted by skill id.
struct Explanation {
  std::vector<SkillId> required_matched;
  std::vector<SkillId> required_missing;
  std::vector<SkillId> nice_matched;
  bool operator==(const Explanation&) const = default;
};
Explanation explain(const LearnerProfile& learner, const OfferProfile& offer);

// What is wrong with a profile (a list out of order or with a repeat, a skill both required and
// nice), or an empty string.
std::string check_learner(const LearnerProfile& learner);
std::string check_offer(const OfferProfile& offer);

}  // namespace jobintech::matching
