// Eligibility rules of a round, each with the reason a candidate reads.
#include "admission/eligibility.h"

#include <gtest/gtest.h>

namespace jobintech::admission {
namespace {

core::Date date(const char* text) { return *core::parse_date(text); }

TEST(Eligibility, AgeOnTheClosingDateEducationAndResidence) {
  const RoundRules rules{date("2026-12-15"), 18, 35, "bac2"};
  const CohortArea national{"01", false}, regional{"11", true};
  const ApplicantProfile ok{date("2000-05-01"), "bac3", "01"};
  EXPECT_EQ(ineligibility(rules, ok, national), "");
  EXPECT_EQ(ineligibility(rules, ok, regional), "not_resident");
  EXPECT_EQ(ineligibility(rules, ApplicantProfile{date("2000-05-01"), "bac3", "11"}, regional), "");
  // 18 on 2026-12-15 exactly is old enough; one day later is not.
  EXPECT_EQ(ineligibility(rules, ApplicantProfile{date("2008-12-15"), "bac2", "01"}, national), "");
  EXPECT_EQ(ineligibility(rules, ApplicantProfile{date("2008-12-16"), "bac2", "01"}, national), "too_young");
  // 35 until the day before the 36th birthday.
  EXPECT_EQ(ineligibility(rules, ApplicantProfile{date("1990-12-16"), "bac2", "01"}, national), "");
  EXPECT_EQ(ineligibility(rules, ApplicantProfile{date("1990-12-15"), "bac2", "01"}, national), "too_old");
  EXPECT_EQ(ineligibility(rules, ApplicantProfile{date("2000-05-01"), "bac", "01"}, national), "education_below");
  EXPECT_EQ(ineligibility(rules, ApplicantProfile{date("2000-05-01"), "other", "01"}, national), "education_below");
  EXPECT_EQ(ineligibility(RoundRules{date("2026-12-15"), {}, {}, ""},
                          ApplicantProfile{date("1950-01-01"), "other", "03"}, national),
            "");
}

}  // namespace
}  // namespace jobintech::admission
