#include "matching/score.h"

#include <algorithm>

namespace jobintech::matching {

namespace {

// |a ∩ b| for two sorted lists without repeats.
std::uint32_t common(const std::vector<SkillId>& a, const std::vector<SkillId>& b) {
  std::uint32_t n = 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

bool strictly_increasing(const std::vector<SkillId>& v) {
  return std::adjacent_find(v.begin(), v.end(), [](SkillId a, SkillId b) { return a >= b; }) == v.end();
}

}  // namespace

std::uint32_t score_numerator(const LearnerProfile& learner, const OfferProfile& offer) {
  return 2 * common(offer.required, learner.skills) + common(offer.nice, learner.skills);
}

std::uint32_t score_denominator(const OfferProfile& offer) {
  return static_cast<std::uint32_t>(2 * offer.required.size() + offer.nice.size());
}

double score_of(std::uint32_t numerator, std::uint32_t denominator) {
  return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

double score(const LearnerProfile& learner, const OfferProfile& offer) {
  return score_of(score_numerator(learner, offer), score_denominator(offer));
}

Explanation explain(const LearnerProfile& learner, const OfferProfile& offer) {
  Explanation e;
  std::set_intersection(offer.required.begin(), offer.required.end(), learner.skills.begin(), learner.skills.end(),
                        std::back_inserter(e.required_matched));
  std::set_difference(offer.required.begin(), offer.required.end(), learner.skills.begin(), learner.skills.end(),
                      std::back_inserter(e.required_missing));
  std::set_intersection(offer.nice.begin(), offer.nice.end(), learner.skills.begin(), learner.skills.end(),
                        std::back_inserter(e.nice_matched));
  return e;
}

std::string check_learner(const LearnerProfile& learner) {
  return strictly_increasing(learner.skills) ? "" : "skills are not sorted or repeat a skill";
}

std::string check_offer(const OfferProfile& offer) {
  if (!strictly_increasing(offer.required)) return "required skills are not sorted or repeat a skill";
  if (!strictly_increasing(offer.nice)) return "nice-to-have skills are not sorted or repeat a skill";
  if (common(offer.required, offer.nice) != 0) return "a skill is both required and nice-to-have";
  return "";
}

}  // namespace jobintech::matching
