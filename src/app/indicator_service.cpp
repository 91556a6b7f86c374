#include "app/indicator_service.h"

#include <chrono>
#include <sstream>
#include <unordered_map>

#include "app/generation_cache.h"
#include "app/messages.h"
#include "core/date.h"
#include "store/data_version.h"

namespace jobintech::app {

namespace {

using outcomes::Day;

constexpr std::chrono::seconds kFactsMaxAge{30};

// Results of one filter on one database, kept while the data's version (shared by every instance)
// stays the same, for at most kFactsMaxAge: the dashboard reads the facts five ways per page, and
// pages follow each other; it reads the facts and the funnel's counts on two threads, and two
// steering users opening it at once share a load.
GenerationCache<store::EnrolmentFacts> facts_cache(kFactsMaxAge);
GenerationCache<store::Funnel> funnel_cache(kFactsMaxAge);

std::string filter_key(store::Database& db, const store::OutcomeFilter& f) {
  return db.url() + '\x1f' + f.region_code + '\x1f' + f.operator_code + '\x1f' + f.track_code + '\x1f' +
         (f.operator_id ? std::to_string(*f.operator_id) : "");
}

std::shared_ptr<const store::EnrolmentFacts> facts_for(store::Database& db, const store::OutcomeFilter& filter) {
  auto conn = db.connect();
  return facts_cache.get(filter_key(db, filter), store::data_version(conn.session()),
                         [&] { return store::load_enrolment_facts(conn, filter); });
}

std::optional<store::OutcomeFilter> filter_for(const Actor& actor, const IndicatorParams& p) {
  store::OutcomeFilter f{p.region, p.operator_code, p.track, std::nullopt};
  if (actor.role == Role::admin || actor.role == Role::steering) return f;
  if (actor.role == Role::operator_staff && actor.organisation_id) {
    f.operator_id = actor.organisation_id;
    return f;
  }
  return std::nullopt;
}

Day day_or(const std::string& text, Day fallback) {
  if (text.empty()) return fallback;
  return static_cast<Day>(core::days_from_civil(*core::parse_date(text)));
}

std::string quarter_label(std::int64_t key) {
  return std::to_string(key / 10) + "-T" + std::to_string(key % 10);
}

IndicatorTable table_for(store::Database& db, const store::EnrolmentFacts& facts, store::Grouping grouping,
                         const IndicatorParams& p, const outcomes::IndicatorQuery& query) {
  const auto g = static_cast<std::size_t>(grouping);
  // Group indices in key order.
  std::map<std::int64_t, std::uint32_t> index;
  for (const auto& k : facts.keys) index.emplace(k[g], 0);
  std::uint32_t n = 0;
  for (auto& [key, i] : index) i = n++;
  std::vector<outcomes::LearnerFact> learners = facts.learners;
  for (std::size_t i = 0; i < learners.size(); ++i) learners[i].group = index[facts.keys[i][g]];
  const auto values = outcomes::compute_indicators(learners, facts.placements, n, query);

  std::map<std::int64_t, store::GroupName> names;
  if (grouping == store::Grouping::region || grouping == store::Grouping::operator_org ||
      grouping == store::Grouping::site || grouping == store::Grouping::track || grouping == store::Grouping::cohort) {
    auto conn = db.connect();
    names = store::group_names(conn.session(), grouping, p.lang);
  }
  const auto& messages = Messages::global();
  IndicatorTable table{store::grouping_name(grouping), {}};
  for (const auto& [key, i] : index) {
    IndicatorGroup group;
    switch (grouping) {
      case store::Grouping::none: group = {"all", messages.text(p.lang, "indicators.all"), {}}; break;
      case store::Grouping::gender: {
        const std::string code = key ? "F" : "M";
        group = {code, messages.text(p.lang, "gender." + code), {}};
        break;
      }
      case store::Grouping::year: group = {std::to_string(key), std::to_string(key), {}}; break;
      case store::Grouping::quarter: group = {quarter_label(key), quarter_label(key), {}}; break;
      default: {
        auto it = names.find(key);
        group = it == names.end() ? IndicatorGroup{std::to_string(key), std::to_string(key), {}}
                                  : IndicatorGroup{it->second.key, it->second.label, {}};
      }
    }
    group.values = values[i];
    table.groups.push_back(std::move(group));
  }
  return table;
}

}  // namespace

Result<IndicatorParams> parse_indicator_params(const std::map<std::string, std::string>& query) {
  IndicatorParams p;
  core::FieldErrors errors;
  auto date = [&](const char* name, std::string& out) {
    auto it = query.find(name);
    if (it == query.end() || it->second.empty()) return;
    auto d = core::parse_date(it->second);
    if (!d) errors.push_back({name, "date_format", {}});
    else out = core::format_date(*d);
  };
  date("as_of", p.as_of);
  date("from", p.from);
  date("to", p.to);
  if (!p.from.empty() && !p.to.empty() && p.to < p.from) errors.push_back({"to", "end_before_start", {}});
  if (auto it = query.find("group_by"); it != query.end() && !it->second.empty()) {
    std::stringstream list(it->second);
    std::string name;
    while (std::getline(list, name, ',')) {
      if (!store::parse_grouping(name))
        errors.push_back({"group_by", "not_in_choices", {{"value", name}, {"choices", "none, region, operator, site, track, cohort, gender, year, quarter"}}});
      else p.group_by.push_back(name);
    }
  }
  if (p.group_by.empty()) p.group_by.push_back("none");
  auto text = [&](const char* name, std::string& out) {
    if (auto it = query.find(name); it != query.end()) out = it->second;
  };
  text("region", p.region);
  text("operator", p.operator_code);
  text("track", p.track);
  const bool region_ok = p.region.size() == 2 && p.region >= "01" && p.region <= "12";
  if (!p.region.empty() && !region_ok) errors.push_back({"region", "region_unknown", {}});
  if (!errors.empty()) return Result<IndicatorParams>::fail(OutcomeKind::invalid, "invalid_parameters", errors);
  Result<IndicatorParams> r;
  r.value = std::move(p);
  return r;
}

Result<IndicatorReport> IndicatorService::indicators(const Actor& actor, const IndicatorParams& p) {
  const auto filter = filter_for(actor, p);
  if (!filter) return Result<IndicatorReport>::fail(OutcomeKind::forbidden, "not_allowed_for_role");
  const auto facts = facts_for(db_, *filter);
  IndicatorReport report;
  report.as_of = p.as_of.empty() ? core::format_date(core::today_utc()) : p.as_of;
  report.from = p.from;
  report.to = p.to;
  outcomes::IndicatorQuery query{.as_of = day_or(report.as_of, 0),
                                 .exit_from = day_or(p.from, outcomes::kNoDay),
                                 .exit_to = day_or(p.to, outcomes::kNoDay)};
  for (const auto& name : p.group_by)
    report.tables.push_back(table_for(db_, *facts, *store::parse_grouping(name), p, query));
  Result<IndicatorReport> r;
  r.value = std::move(report);
  return r;
}

Result<FunnelView> IndicatorService::funnel(const Actor& actor, const IndicatorParams& p) {
  const auto filter = filter_for(actor, p);
  if (!filter) return Result<FunnelView>::fail(OutcomeKind::forbidden, "not_allowed_for_role");
  // The applications first: the dashboard calls this beside indicators(), which reads the
  // enrolments meanwhile; the report below then comes from the cache.
  const auto counts = [&] {
    auto conn = db_.connect();
    return funnel_cache.get(filter_key(db_, *filter), store::data_version(conn.session()),
                            [&] { return store::load_funnel(conn.session(), *filter); });
  }();
  auto params = p;
  params.group_by = {"none"};
  auto report = indicators(actor, params);
  if (!report.ok()) return Result<FunnelView>::fail(report.kind, report.message_code);
  FunnelView f;
  for (const auto& g : report.value.tables.front().groups) {
    f.enrolled += g.values.enrolled;
    f.graduated += g.values.graduated;
    f.inserted_6m += g.values.inserted_6m;
  }
  f.applicants = counts->applicants;
  f.admitted = counts->admitted;
  Result<FunnelView> r;
  r.value = f;
  return r;
}

Result<std::vector<store::TargetRow>> IndicatorService::targets(const Actor& actor) {
  if (actor.role != Role::admin && actor.role != Role::steering)
    return Result<std::vector<store::TargetRow>>::fail(OutcomeKind::forbidden, "not_allowed_for_role");
  auto conn = db_.connect();
  Result<std::vector<store::TargetRow>> r;
  r.value = store::load_targets(conn.session());
  return r;
}

const std::vector<std::string>& indicator_fields() {
  static const std::vector<std::string> fields = {
      "enrolled",           "graduated",           "dropped_out",           "failed",
      "completion_rate",    "graduates_eligible_6m", "inserted_6m",         "insertion_rate_6m",
      "graduates_eligible_12m", "employed_12m",    "retention_rate_12m",    "median_days_to_employment",
      "median_salary_mad",  "women_share"};
  return fields;
}

bool is_count_field(const std::string& f) {
  return f == "enrolled" || f == "graduated" || f == "dropped_out" || f == "failed" || f == "graduates_eligible_6m" ||
         f == "inserted_6m" || f == "graduates_eligible_12m" || f == "employed_12m";
}

std::optional<double> indicator_value(const outcomes::Indicators& i, const std::string& f) {
  if (f == "enrolled") return static_cast<double>(i.enrolled);
  if (f == "graduated") return static_cast<double>(i.graduated);
  if (f == "dropped_out") return static_cast<double>(i.dropped_out);
  if (f == "failed") return static_cast<double>(i.failed);
  if (f == "completion_rate") return i.completion_rate;
  if (f == "graduates_eligible_6m") return static_cast<double>(i.graduates_eligible_6m);
  if (f == "inserted_6m") return static_cast<double>(i.inserted_6m);
  if (f == "insertion_rate_6m") return i.insertion_rate_6m;
  if (f == "graduates_eligible_12m") return static_cast<double>(i.graduates_eligible_12m);
  if (f == "employed_12m") return static_cast<double>(i.employed_12m);
  if (f == "retention_rate_12m") return i.retention_rate_12m;
  if (f == "median_days_to_employment") return i.median_days_to_employment;
  if (f == "median_salary_mad") return i.median_salary_mad;
  if (f == "women_share") return i.women_share;
  return std::nullopt;
}

}  // namespace jobintech::app
