// Civil dates and UTC timestamps as the programme writes them: ISO 8601 ("2025-09-15",
// "2025-09-15T08:30:00Z"). Pure functions; the clock is read only by now_utc(), now_seconds() and today_utc().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jobintech::core {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const Date&) const = default;
};

// Accepts YYYY-MM-DD; with spreadsheet_formats also DD/MM/YYYY (what French Excel writes).
std::optional<Date> parse_date(std::string_view text, bool spreadsheet_formats = false);
std::string format_date(const Date& d);
bool is_valid_date(int year, int month, int day);

std::int64_t days_from_civil(const Date& d);  // days since 1970-01-01
Date civil_from_days(std::int64_t days);
Date add_months(const Date& d, int months);  // from the 31st lands on the last day of a shorter month
int age_on(const Date& birth, const Date& on);

std::string now_utc();  // "2026-11-29T05:13:59Z"
std::int64_t now_seconds();  // seconds since 1970-01-01T00:00:00Z
Date today_utc();
std::string today_text();  // format_date(today_utc())
std::string timestamp_after_seconds(std::int64_t seconds);  // now_utc() + seconds
// Seconds since 1970-01-01T00:00:00Z of a timestamp as now_utc() writes it; nullopt otherwise.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

}  // namespace jobintech::core
