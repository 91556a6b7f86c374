#include "core/date.h"

#include <gtest/gtest.h>

namespace jobintech::core {

TEST(Date, ParsesIsoAndSpreadsheetForms) {
  EXPECT_EQ(format_date(*parse_date("2025-09-15")), "2025-09-15");
  EXPECT_EQ(format_date(*parse_date("15/09/2025", true)), "2025-09-15");
  EXPECT_FALSE(parse_date("15/09/2025", false));
  EXPECT_FALSE(parse_date("2025-02-29"));
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2025-13-01"));
  EXPECT_FALSE(parse_date("2025-9-15"));
}

TEST(Date, CalendarMonthsLandOnLastDayOfShorterMonth) {
  EXPECT_EQ(format_date(add_months({2025, 8, 31}, 6)), "2026-02-28");
  EXPECT_EQ(format_date(add_months({2023, 8, 31}, 6)), "2024-02-29");
  EXPECT_EQ(format_date(add_months({2025, 1, 15}, 12)), "2026-01-15");
}

TEST(Date, DaysRoundTrip) {
  for (std::int64_t d = -1000; d < 30000; d += 37) EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(age_on({2000, 6, 15}, {2026, 6, 14}), 25);
  EXPECT_EQ(age_on({2000, 6, 15}, {2026, 6, 15}), 26);
}

TEST(Date, TimestampsReadBackToSecondsSinceTheEpoch) {
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_timestamp("2026-11-29T05:13:59Z"), 1795929239);
  const auto gap = parse_timestamp(timestamp_after_seconds(90)).value() - parse_timestamp(now_utc()).value();
  EXPECT_TRUE(gap == 90 || gap == 89) << gap;  // the clock may tick between the two readings
  for (const char* bad : {"", "2026-11-29", "2026-11-29 05:13:59Z", "2026-11-29T25:00:00Z", "2026-13-01T00:00:00Z",
                          "2026-11-29T05:13:59", "2026-11-29T0a:13:59Z"})
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
}

}  // namespace jobintech::core
