#include "outcomes/indicators.h"

#include <gtest/gtest.h>

#include "core/date.h"

namespace jobintech::outcomes {
namespace {

Day d(const char* text) { return static_cast<Day>(core::days_from_civil(*core::parse_date(text))); }

struct Data {
  std::vector<LearnerFact> learners;
  std::vector<PlacementFact> placements;
  // Adds a learner with her placements (a placement per entry).
  void add(std::uint32_t group, bool woman, EnrolmentStatus status, const char* exit, const char* cohort_start,
           std::vector<PlacementFact> jobs = {}) {
    LearnerFact l;
    l.group = group;
    l.woman = woman;
    l.status = status;
    l.exit = exit ? d(exit) : kNoDay;
    l.cohort_start = d(cohort_start);
    l.placements_begin = static_cast<std::uint32_t>(placements.size());
    for (auto& j : jobs) {
      j.id = static_cast<std::int64_t>(placements.size()) + 1;
      placements.push_back(j);
    }
    l.placements_end = static_cast<std::uint32_t>(placements.size());
    learners.push_back(l);
  }
};

PlacementFact job(const char* start, std::int64_t salary_mad, bool qualifying = true, const char* end = nullptr) {
  return {.id = 0, .start = d(start), .end = end ? d(end) : kNoDay, .qualifying = qualifying,
          .salary_centimes = salary_mad < 0 ? -1 : salary_mad * 100};
}

TEST(Indicators, QualifyingContractsExcludeInternships) {
  EXPECT_TRUE(is_qualifying_contract("cdi"));
  EXPECT_TRUE(is_qualifying_contract("cdd"));
  EXPECT_TRUE(is_qualifying_contract("freelance"));
  EXPECT_TRUE(is_qualifying_contract("self_employed"));
  EXPECT_FALSE(is_qualifying_contract("internship"));
}

TEST(Indicators, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  std::vector<double> none;
  EXPECT_FALSE(median(none));
  std::vector<double> odd = {9, 1, 5};
  EXPECT_EQ(*median(odd), 5);
  std::vector<double> even = {10, 2, 8, 4};
  EXPECT_EQ(*median(even), 6);
}

// A data set small enough to compute by hand; the expected figures are worked out in comments.
TEST(Indicators, HandComputedDataSet) {
  using S = EnrolmentStatus;
  Data data;
  // as_of 2026-03-01. Cohort started 2025-02-01, exits 2025-08-31 (+6 months = 2026-02-28,
  // the last day of February: eligible at 6 months; +12 months = 2026-08-31: not eligible).
  data.add(0, true, S::graduated, "2025-08-31", "2025-02-01", {job("2025-09-30", 8000)});      // A: 30 days, 8000
  data.add(0, false, S::graduated, "2025-08-31", "2025-02-01", {job("2025-07-01", 6000)});     // B: during training: 0 days
  data.add(0, true, S::graduated, "2025-08-31", "2025-02-01", {job("2026-02-28", 9000)});      // C: last day of window: 181 days
  data.add(0, false, S::graduated, "2025-08-31", "2025-02-01", {job("2026-03-01", 9000)});     // D: a day late: not inserted
  data.add(0, false, S::graduated, "2025-08-31", "2025-02-01", {job("2025-10-01", 5000, false)});  // E: internship
  data.add(0, true, S::graduated, "2025-08-31", "2025-02-01", {job("2025-01-15", 7000)});      // F: before the cohort: no
  data.add(0, true, S::dropped_out, "2025-04-10", "2025-02-01", {job("2025-05-01", 7000)});    // G: not a graduate
  data.add(0, false, S::failed, "2025-08-31", "2025-02-01");                                    // H
  data.add(0, true, S::enrolled, nullptr, "2026-01-05");                                         // I
  // Group 1: a graduate of 2026-01-31 is not yet eligible (+6 months = 2026-07-31).
  data.add(1, false, S::graduated, "2026-01-31", "2025-09-01", {job("2026-02-01", 7000)});
  // Group 2: nobody.

  const auto g = compute_indicators(data.learners, data.placements, 3, {.as_of = d("2026-03-01")});
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].enrolled, 9);
  EXPECT_EQ(g[0].graduated, 6);
  EXPECT_EQ(g[0].dropped_out, 1);
  EXPECT_EQ(g[0].failed, 1);
  EXPECT_DOUBLE_EQ(*g[0].completion_rate, 6.0 / 8.0);
  EXPECT_EQ(g[0].graduates_eligible_6m, 6);
  EXPECT_EQ(g[0].inserted_6m, 3);  // A, B, C
  EXPECT_DOUBLE_EQ(*g[0].insertion_rate_6m, 0.5);
  EXPECT_EQ(g[0].graduates_eligible_12m, 0);
  EXPECT_FALSE(g[0].retention_rate_12m);
  EXPECT_DOUBLE_EQ(*g[0].median_days_to_employment, 30);  // {0, 30, 181}
  EXPECT_DOUBLE_EQ(*g[0].median_salary_mad, 8000);        // {6000, 8000, 9000}
  EXPECT_EQ(g[0].women, 5);
  EXPECT_DOUBLE_EQ(*g[0].women_share, 5.0 / 9.0);

  EXPECT_EQ(g[1].graduated, 1);
  EXPECT_EQ(g[1].graduates_eligible_6m, 0);
  EXPECT_FALSE(g[1].insertion_rate_6m);
  EXPECT_FALSE(g[1].median_days_to_employment);
  EXPECT_DOUBLE_EQ(*g[1].completion_rate, 1.0);

  EXPECT_EQ(g[2].enrolled, 0);
  EXPECT_FALSE(g[2].completion_rate);
  EXPECT_FALSE(g[2].women_share);
  EXPECT_FALSE(g[2].median_salary_mad);
}

TEST(Indicators, RetentionAtTwelveMonthsNeedsAJobCoveringTheDay) {
  using S = EnrolmentStatus;
  Data data;
  // Exit 2024-03-31; + 12 months = 2025-03-31.
  data.add(0, false, S::graduated, "2024-03-31", "2023-10-01", {job("2024-05-01", 7000, true, "2025-03-31")});  // covers
  data.add(0, false, S::graduated, "2024-03-31", "2023-10-01", {job("2024-05-01", 7000, true, "2025-03-30")});  // ends a day early
  data.add(0, false, S::graduated, "2024-03-31", "2023-10-01", {job("2024-05-01", 7000, false)});               // internship
  data.add(0, false, S::graduated, "2024-03-31", "2023-10-01",
           {job("2024-04-10", 6000, true, "2024-06-30"), job("2025-01-01", 9000)});  // a second job covers it
  data.add(0, false, S::graduated, "2024-03-31", "2023-10-01", {job("2025-04-01", 9000)});  // starts the day after
  const auto g = compute_indicators(data.learners, data.placements, 1, {.as_of = d("2025-03-31")});
  EXPECT_EQ(g[0].graduates_eligible_12m, 5);
  EXPECT_EQ(g[0].employed_12m, 2);
  EXPECT_DOUBLE_EQ(*g[0].retention_rate_12m, 0.4);
  // At 6 months (window ends 2024-09-30): the first, second and fourth learners are inserted.
  EXPECT_EQ(g[0].inserted_6m, 3);
  // The fourth learner's earliest qualifying job is the first one (2024-04-10, 10 days, 6000 MAD).
  EXPECT_DOUBLE_EQ(*g[0].median_days_to_employment, 31);  // {31, 31, 10}
  EXPECT_DOUBLE_EQ(*g[0].median_salary_mad, 7000);        // {7000, 7000, 6000}

  // A day before, nobody is eligible at 12 months.
  const auto before = compute_indicators(data.learners, data.placements, 1, {.as_of = d("2025-03-30")});
  EXPECT_EQ(before[0].graduates_eligible_12m, 0);
}

TEST(Indicators, ExitPeriodKeepsOnlyThoseWhoLeftInIt) {
  using S = EnrolmentStatus;
  Data data;
  data.add(0, true, S::graduated, "2025-06-30", "2025-01-01");
  data.add(0, true, S::dropped_out, "2025-03-01", "2025-01-01");
  data.add(0, false, S::graduated, "2025-07-01", "2025-01-01");
  data.add(0, false, S::enrolled, nullptr, "2025-09-01");
  const auto g = compute_indicators(data.learners, data.placements, 1,
                                    {.as_of = d("2026-01-01"), .exit_from = d("2025-03-01"), .exit_to = d("2025-06-30")});
  EXPECT_EQ(g[0].enrolled, 2);
  EXPECT_EQ(g[0].graduated, 1);
  EXPECT_EQ(g[0].dropped_out, 1);
  EXPECT_DOUBLE_EQ(*g[0].completion_rate, 0.5);
  EXPECT_DOUBLE_EQ(*g[0].women_share, 1.0);
}

TEST(Indicators, EarliestPlacementTieGoesToTheLowestId) {
  Data data;
  data.add(0, false, EnrolmentStatus::graduated, "2025-01-31", "2024-09-01",
           {job("2025-02-10", 9000), job("2025-02-10", 5000)});
  const auto o = evaluate_learner(data.learners[0], data.placements, d("2025-12-31"));
  EXPECT_TRUE(o.inserted_6m);
  EXPECT_EQ(o.placement_id, 1);
  EXPECT_EQ(o.salary_centimes, 900000);
  EXPECT_EQ(o.days_to_employment, 10);
}

}  // namespace
}  // namespace jobintech::outcomes
