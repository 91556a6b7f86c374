#include "outcomes/payments.h"

#include <gtest/gtest.h>

#include "core/date.h"

namespace jobintech::outcomes {
namespace {

Day d(const char* text) { return static_cast<Day>(core::days_from_civil(*core::parse_date(text))); }

PaymentLearner learner(EnrolmentStatus status, const char* start, const char* exit, const char* region,
                       std::uint32_t placements_begin = 0, std::uint32_t placements_end = 0) {
  PaymentLearner l;
  l.fact.status = status;
  l.fact.cohort_start = d(start);
  l.fact.exit = exit ? d(exit) : kNoDay;
  l.fact.placements_begin = placements_begin;
  l.fact.placements_end = placements_end;
  l.region = region;
  return l;
}

TEST(Payments, EachBasisPaysInThePeriodWhenItIsMet) {
  using S = EnrolmentStatus;
  std::vector<PlacementFact> jobs = {{.id = 1, .start = d("2025-08-01"), .end = kNoDay, .qualifying = true, .salary_centimes = 700000}};
  std::vector<PaymentLearner> learners = {
      learner(S::graduated, "2025-01-10", "2025-06-30", "06", 0, 1),  // enrolled Jan, certified Jun, inserted (Dec 30)
      learner(S::dropped_out, "2025-01-10", "2025-03-01", "06"),       // enrolled only
      learner(S::graduated, "2024-09-01", "2025-02-28", "06"),          // certified in 2025, not inserted
      learner(S::enrolled, "2026-01-05", nullptr, "06"),                // starts after the period
  };
  learners[2].certificate_revoked = true;
  PaymentConvention national{.id = 2, .start = d("2024-01-01"), .end = d("2026-12-31"), .regions = {},
                             .amount_centimes = {400000, 800000, 1200000}};
  const auto lines = compute_statement(learners, jobs, {national}, d("2025-01-01"), d("2025-12-31"));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].basis, PaymentBasis::enrolled);
  EXPECT_EQ(lines[0].entries.size(), 2u);  // the first two; the third started in 2024, the fourth in 2026
  EXPECT_EQ(lines[0].total_centimes(), 800000);
  EXPECT_EQ(lines[1].basis, PaymentBasis::certified);
  ASSERT_EQ(lines[1].entries.size(), 1u);  // the revoked certificate is not paid
  EXPECT_EQ(lines[1].entries[0].on, d("2025-06-30"));
  EXPECT_EQ(lines[2].basis, PaymentBasis::inserted_6m);
  ASSERT_EQ(lines[2].entries.size(), 1u);
  EXPECT_EQ(lines[2].entries[0].on, d("2025-12-30"));
  EXPECT_EQ(lines[2].total_centimes(), 1200000);
}

TEST(Payments, TheMostSpecificConventionCoversACohort) {
  std::vector<PaymentLearner> learners = {learner(EnrolmentStatus::enrolled, "2025-03-01", nullptr, "12"),
                                          learner(EnrolmentStatus::enrolled, "2025-03-01", nullptr, "06")};
  PaymentConvention national{.id = 2, .start = d("2024-01-01"), .end = d("2026-12-31"), .regions = {}, .amount_centimes = {100, -1, -1}};
  PaymentConvention dakhla{.id = 3, .start = d("2025-01-01"), .end = d("2026-12-31"), .regions = {"12"}, .amount_centimes = {500, -1, -1}};
  const auto lines = compute_statement(learners, {}, {national, dakhla}, d("2025-01-01"), d("2025-12-31"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].convention_id, 2);
  EXPECT_EQ(lines[0].entries[0].learner, 1u);
  EXPECT_EQ(lines[1].convention_id, 3);
  EXPECT_EQ(lines[1].entries[0].learner, 0u);
  EXPECT_EQ(lines[1].total_centimes(), 500);
}

}  // namespace
}  // namespace jobintech::outcomes
