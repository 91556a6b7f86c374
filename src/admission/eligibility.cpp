#include "admission/eligibility.h"

#include <array>

namespace jobintech::admission {

int education_rank(const std::string& level) {
  static const std::array<const char*, 6> order = {"other", "bac", "bac2", "bac3", "bac5", "doctorate"};
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (level == order[i]) return static_cast<int>(i);
  }
  return 0;
}

std::string ineligibility(const RoundRules& rules, const ApplicantProfile& applicant, const CohortArea& cohort) {
  const int age = core::age_on(applicant.birth_date, rules.closes_on);
  if (rules.min_age && age < *rules.min_age) return "too_young";
  if (rules.max_age && age > *rules.max_age) return "too_old";
  if (!rules.min_education.empty() && education_rank(applicant.education_level) < education_rank(rules.min_education)) {
    return "education_below";
  }
  if (cohort.regional && applicant.region_code != cohort.region_code) return "not_resident";
  return "";
}

}  // namespace jobintech::admission
