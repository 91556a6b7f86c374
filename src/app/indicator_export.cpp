#include "app/indicator_export.h"

namespace jobintech::app {

namespace {

// The counts each derived field is computed from: suppressed if any of them is.
std::vector<std::int64_t> sources(const outcomes::Indicators& i, const std::string& field) {
  if (field == "completion_rate") return {i.graduated, i.dropped_out, i.failed};
  if (field == "insertion_rate_6m") return {i.inserted_6m, i.graduates_eligible_6m};
  if (field == "retention_rate_12m") return {i.employed_12m, i.graduates_eligible_12m};
  if (field == "median_days_to_employment" || field == "median_salary_mad") return {i.inserted_6m};
  if (field == "women_share") return {i.women, i.enrolled};
  return {};
}

bool suppressed(const outcomes::Indicators& i, const std::string& field) {
  if (is_count_field(field)) return *indicator_value(i, field) < kOpenDataThreshold;
  for (auto n : sources(i, field))
    if (n < kOpenDataThreshold) return true;
  return false;
}

}  // namespace

ExportTable indicator_export_table(const IndicatorTable& table, bool open_data) {
  ExportTable out;
  out.kind = table.group_by;
  out.header = {"group_by", "key", "label"};
  for (const auto& f : indicator_fields()) out.header.push_back(f);
  for (const auto& g : table.groups) {
    std::vector<core::Value> row = {table.group_by, g.key, g.label};
    for (const auto& f : indicator_fields()) {
      const auto v = indicator_value(g.values, f);
      if (!v || (open_data && suppressed(g.values, f))) row.emplace_back();
      else if (is_count_field(f)) row.emplace_back(static_cast<std::int64_t>(*v));
      else row.emplace_back(*v);
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace jobintech::app
