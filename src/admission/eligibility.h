// Eligibility of a candidate for a cohort of an admission round: the round's age range (age on
// the closing date), its minimum education level, and residence in the cohort's region for a
// cohort whose admission area is regional. Pure.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"

namespace jobintech::admission {

struct RoundRules {
  core::Date closes_on;
  std::optional<int> min_age, max_age;
  std::string min_education;  // "" or bac, bac2, bac3, bac5, doctorate
};

struct ApplicantProfile {
  core::Date birth_date;
  std::string education_level;  // bac, bac2, bac3, bac5, doctorate, other
  std::string region_code;
};

struct CohortArea {
  std::string region_code;
  bool regional = false;  // reserved to residents of region_code
};

// "" when eligible, otherwise a catalogue code: "too_young", "too_old", "education_below",
// "not_resident" (the first that applies, in that order). Parameters for the message: see
// eligibility_params.
std::string ineligibility(const RoundRules& rules, const ApplicantProfile& applicant, const CohortArea& cohort);

// Rank of an education level: other 0, bac 1, bac2 2, bac3 3, bac5 4, doctorate 5.
int education_rank(const std::string& level);

}  // namespace jobintech::admission
