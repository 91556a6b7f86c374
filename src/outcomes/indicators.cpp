#include "outcomes/indicators.h"

#include <algorithm>

#include "core/date.h"

namespace jobintech::outcomes {

namespace {

Day plus_months(Day day, int months) {
  return static_cast<Day>(core::days_from_civil(core::add_months(core::civil_from_days(day), months)));
}

std::optional<double> rate(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

std::optional<EnrolmentStatus> parse_enrolment_status(std::string_view text) {
  if (text == "enrolled") return EnrolmentStatus::enrolled;
  if (text == "graduated") return EnrolmentStatus::graduated;
  if (text == "dropped_out") return EnrolmentStatus::dropped_out;
  if (text == "failed") return EnrolmentStatus::failed;
  return std::nullopt;
}

bool is_qualifying_contract(std::string_view c) {
  return c == "cdi" || c == "cdd" || c == "freelance" || c == "self_employed";
}

LearnerOutcome evaluate_learner(const LearnerFact& learner, std::span<const PlacementFact> placements, Day as_of) {
  LearnerOutcome out;
  if (learner.status != EnrolmentStatus::graduated || learner.exit == kNoDay) return out;
  const Day window_end = plus_months(learner.exit, 6);
  out.eligible_6m = window_end <= as_of;
  if (out.eligible_6m) {
    const PlacementFact* earliest = nullptr;
    for (const auto& p : placements) {
      if (!p.qualifying || p.start < learner.cohort_start || p.start > window_end) continue;
      if (!earliest || p.start < earliest->start || (p.start == earliest->start && p.id < earliest->id)) earliest = &p;
    }
    if (earliest) {
      out.inserted_6m = true;
      out.placement_id = earliest->id;
      out.days_to_employment = std::max<std::int32_t>(0, earliest->start - learner.exit);
      out.salary_centimes = earliest->salary_centimes;
    }
  }
  const Day year_after = plus_months(learner.exit, 12);
  out.eligible_12m = year_after <= as_of;
  if (out.eligible_12m)
    for (const auto& p : placements)
      if (p.qualifying && p.start <= year_after && (p.end == kNoDay || p.end >= year_after)) {
        out.employed_12m = true;
        break;
      }
  return out;
}

std::optional<double> median(std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

std::vector<Indicators> compute_indicators(const std::vector<LearnerFact>& learners,
                                           const std::vector<PlacementFact>& placements, std::size_t group_count,
                                           const IndicatorQuery& query) {
  std::vector<Indicators> out(group_count);
  std::vector<std::vector<double>> days(group_count), salaries(group_count);
  const bool by_exit = query.exit_from != kNoDay || query.exit_to != kNoDay;
  for (const auto& l : learners) {
    if (by_exit) {
      if (l.exit == kNoDay) continue;
      if (query.exit_from != kNoDay && l.exit < query.exit_from) continue;
      if (query.exit_to != kNoDay && l.exit > query.exit_to) continue;
    }
    auto& g = out[l.group];
    ++g.enrolled;
    if (l.woman) ++g.women;
    switch (l.status) {
      case EnrolmentStatus::enrolled: break;
      case EnrolmentStatus::graduated: ++g.graduated; break;
      case EnrolmentStatus::dropped_out: ++g.dropped_out; break;
      case EnrolmentStatus::failed: ++g.failed; break;
    }
    if (l.status != EnrolmentStatus::graduated) continue;
    const auto o = evaluate_learner(
        l, std::span<const PlacementFact>(placements.data() + l.placements_begin, l.placements_end - l.placements_begin),
        query.as_of);
    g.graduates_eligible_6m += o.eligible_6m;
    g.graduates_eligible_12m += o.eligible_12m;
    g.employed_12m += o.employed_12m;
    if (o.inserted_6m) {
      ++g.inserted_6m;
      days[l.group].push_back(o.days_to_employment);
      if (o.salary_centimes >= 0) salaries[l.group].push_back(static_cast<double>(o.salary_centimes) / 100.0);
    }
  }
  for (std::size_t i = 0; i < group_count; ++i) {
    auto& g = out[i];
    g.completion_rate = rate(g.graduated, g.graduated + g.dropped_out + g.failed);
    g.insertion_rate_6m = rate(g.inserted_6m, g.graduates_eligible_6m);
    g.retention_rate_12m = rate(g.employed_12m, g.graduates_eligible_12m);
    g.median_days_to_employment = median(days[i]);
    g.median_salary_mad = median(salaries[i]);
    g.women_share = rate(g.women, g.enrolled);
  }
  return out;
}

}  // namespace jobintech::outcomes
