#include "store/outcomes_repository.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/date.h"
#include "store/sql.h"

namespace jobintech::store {

namespace {

using outcomes::Day;
using outcomes::kNoDay;

Day day_of(const core::Value& v) {
  const auto* s = std::get_if<std::string>(&v);
  if (!s || s->empty()) return kNoDay;
  auto d = core::parse_date(*s);
  return d ? static_cast<Day>(core::days_from_civil(*d)) : kNoDay;
}

std::string name_column(const std::string& lang) { return lang == "ar" ? "name_ar" : lang == "en" ? "name_en" : "name_fr"; }

void append_filter(const OutcomeFilter& f, std::string& where, Params& params) {
  if (!f.region_code.empty()) { where += " AND s.region_code = ?"; params.push_back(f.region_code); }
  if (!f.operator_code.empty()) { where += " AND o.code = ?"; params.push_back(f.operator_code); }
  if (!f.track_code.empty()) { where += " AND t.code = ?"; params.push_back(f.track_code); }
  if (f.operator_id) { where += " AND c.operator_id = ?"; params.push_back(*f.operator_id); }
}

const char* kCohortJoins =
    " JOIN cohorts c ON c.id = e.cohort_id JOIN sites s ON s.id = c.site_id"
    " JOIN organisations o ON o.id = c.operator_id JOIN tracks t ON t.id = c.track_id";

}  // namespace

const std::vector<std::string>& grouping_names() {
  static const std::vector<std::string> names = {"none",   "region", "operator", "site",   "track",
                                                 "cohort", "gender", "year",     "quarter"};
  return names;
}

std::optional<Grouping> parse_grouping(const std::string& text) {
  const auto& names = grouping_names();
  auto it = std::find(names.begin(), names.end(), text);
  if (it == names.end()) return std::nullopt;
  return static_cast<Grouping>(it - names.begin());
}

std::string grouping_name(Grouping g) { return grouping_names()[static_cast<std::size_t>(g)]; }

EnrolmentFacts load_enrolment_facts(soci::session& sql, const OutcomeFilter& filter) {
  std::string where = "1 = 1";
  Params params;
  append_filter(filter, where, params);
  EnrolmentFacts facts;
  const auto rows = fetch_all(sql,
                              "SELECT e.id, e.candidate_id, e.status, e.exit_date, c.start_date, p.gender, s.region_code, "
                              "c.operator_id, c.site_id, c.track_id, c.id FROM enrolments e "
                              "JOIN candidates p ON p.id = e.candidate_id" + std::string(kCohortJoins) +
                                  " WHERE " + where + " ORDER BY e.candidate_id, e.id",
                              params);
  facts.learners.reserve(rows.size());
  facts.keys.reserve(rows.size());
  for (const auto& row : rows) {
    outcomes::LearnerFact l;
    l.status = outcomes::parse_enrolment_status(as_text(row[2])).value_or(outcomes::EnrolmentStatus::enrolled);
    l.exit = day_of(row[3]);
    l.cohort_start = day_of(row[4]);
    l.woman = as_text(row[5]) == "F";
    const auto start = core::civil_from_days(l.cohort_start == kNoDay ? 0 : l.cohort_start);
    std::array<std::int64_t, kGroupings> k{};
    k[static_cast<std::size_t>(Grouping::none)] = 0;
    k[static_cast<std::size_t>(Grouping::region)] = std::stoll(as_text(row[6]));
    k[static_cast<std::size_t>(Grouping::operator_org)] = as_integer(row[7]);
    k[static_cast<std::size_t>(Grouping::site)] = as_integer(row[8]);
    k[static_cast<std::size_t>(Grouping::track)] = as_integer(row[9]);
    k[static_cast<std::size_t>(Grouping::cohort)] = as_integer(row[10]);
    k[static_cast<std::size_t>(Grouping::gender)] = l.woman ? 1 : 0;
    k[static_cast<std::size_t>(Grouping::year)] = start.year;
    k[static_cast<std::size_t>(Grouping::quarter)] = start.year * 10 + (start.month - 1) / 3 + 1;
    facts.keys.push_back(k);
    facts.enrolment_ids.push_back(as_integer(row[0]));
    facts.candidate_ids.push_back(as_integer(row[1]));
    facts.cohort_ids.push_back(as_integer(row[10]));
    facts.learners.push_back(l);
  }

  // The placements of the candidates loaded, merged by candidate id (both sides sorted).
  const auto jobs = fetch_all(sql,
                              "SELECT candidate_id, id, contract_type, start_date, end_date, monthly_salary_centimes "
                              "FROM placements ORDER BY candidate_id, id");
  std::size_t j = 0;
  for (std::size_t i = 0; i < facts.learners.size();) {
    const std::int64_t candidate = facts.candidate_ids[i];
    while (j < jobs.size() && as_integer(jobs[j][0]) < candidate) ++j;
    const auto begin = static_cast<std::uint32_t>(facts.placements.size());
    for (; j < jobs.size() && as_integer(jobs[j][0]) == candidate; ++j) {
      const auto& p = jobs[j];
      facts.placements.push_back({.id = as_integer(p[1]),
                                  .start = day_of(p[3]),
                                  .end = day_of(p[4]),
                                  .qualifying = outcomes::is_qualifying_contract(as_text(p[2])),
                                  .salary_centimes = core::is_null(p[5]) ? -1 : as_integer(p[5])});
    }
    const auto end = static_cast<std::uint32_t>(facts.placements.size());
    for (; i < facts.learners.size() && facts.candidate_ids[i] == candidate; ++i) {
      facts.learners[i].placements_begin = begin;
      facts.learners[i].placements_end = end;
    }
  }
  return facts;
}

std::map<std::int64_t, GroupName> group_names(soci::session& sql, Grouping grouping, const std::string& lang) {
  std::map<std::int64_t, GroupName> names;
  std::string query;
  switch (grouping) {
    case Grouping::region: query = "SELECT CAST(code AS INTEGER), code, " + name_column(lang) + " FROM regions"; break;
    case Grouping::operator_org: query = "SELECT id, code, name FROM organisations WHERE kind = 'operator'"; break;
    case Grouping::site: query = "SELECT id, code, name FROM sites"; break;
    case Grouping::track: query = "SELECT id, code, " + name_column(lang) + " FROM tracks"; break;
    case Grouping::cohort: query = "SELECT id, code, code FROM cohorts"; break;
    default: return names;
  }
  for (const auto& row : fetch_all(sql, query)) names[as_integer(row[0])] = {as_text(row[1]), as_text(row[2])};
  return names;
}

Funnel load_funnel(soci::session& sql, const OutcomeFilter& filter) {
  std::string where = "1 = 1";
  Params params;
  append_filter(filter, where, params);
  const std::string joins =
      " JOIN cohorts c ON c.id = e.cohort_id JOIN sites s ON s.id = c.site_id JOIN organisations o ON o.id = c.operator_id"
      " JOIN tracks t ON t.id = c.track_id";
  Funnel f;
  auto row = fetch_one(sql,
                       "SELECT COUNT(DISTINCT e.candidate_id), "
                       "COUNT(DISTINCT CASE WHEN e.status IN ('offered', 'accepted') THEN e.candidate_id END) "
                       "FROM applications e" + joins + " WHERE e.status <> 'draft' AND " + where,
                       params);
  if (row) {
    f.applicants = as_integer((*row)[0]);
    f.admitted = as_integer((*row)[1]);
  }
  return f;
}

std::vector<TargetRow> load_targets(soci::session& sql) {
  std::vector<TargetRow> targets;
  struct Scope {
    std::vector<std::string> regions;
    std::string start, end;
  };
  std::map<std::int64_t, Scope> conventions;
  for (const auto& row : fetch_all(sql, "SELECT id, start_date, end_date FROM conventions"))
    conventions[as_integer(row[0])] = {{}, core::to_text(row[1]), core::to_text(row[2])};
  for (const auto& row : fetch_all(sql, "SELECT convention_id, region_code FROM convention_regions"))
    conventions[as_integer(row[0])].regions.push_back(core::to_text(row[1]));
  // Enrolments per cohort, with what a target selects on.
  struct CohortCount {
    std::string region, track, start;
    std::int64_t enrolments;
  };
  std::vector<CohortCount> cohorts;
  for (const auto& row : fetch_all(sql,
                                   "SELECT s.region_code, t.code, c.start_date, COUNT(*) FROM enrolments e "
                                   "JOIN cohorts c ON c.id = e.cohort_id JOIN sites s ON s.id = c.site_id "
                                   "JOIN tracks t ON t.id = c.track_id GROUP BY c.id, s.region_code, t.code, c.start_date"))
    cohorts.push_back({core::to_text(row[0]), core::to_text(row[1]), core::to_text(row[2]), as_integer(row[3])});

  for (const auto& row : fetch_all(sql,
                                   "SELECT x.id, v.id, v.code, v.title, x.region_code, t.code, x.start_date, x.end_date, "
                                   "x.learners FROM convention_targets x JOIN conventions v ON v.id = x.convention_id "
                                   "LEFT JOIN tracks t ON t.id = x.track_id ORDER BY v.start_date, v.code, x.id")) {
    TargetRow t;
    t.id = as_integer(row[0]);
    const auto& scope = conventions[as_integer(row[1])];
    t.convention_code = core::to_text(row[2]);
    t.convention_title = core::to_text(row[3]);
    t.region_code = core::to_text(row[4]);
    t.track_code = core::to_text(row[5]);
    t.start_date = core::is_null(row[6]) ? scope.start : core::to_text(row[6]);
    t.end_date = core::is_null(row[7]) ? scope.end : core::to_text(row[7]);
    t.learners = as_integer(row[8]);
    for (const auto& c : cohorts) {
      if (c.start < t.start_date || c.start > t.end_date) continue;
      if (!t.track_code.empty() && c.track != t.track_code) continue;
      if (!t.region_code.empty() ? c.region != t.region_code
                                 : !scope.regions.empty() &&
                                       std::find(scope.regions.begin(), scope.regions.end(), c.region) == scope.regions.end())
        continue;
      t.achieved += c.enrolments;
    }
    targets.push_back(std::move(t));
  }
  return targets;
}

std::optional<PaymentData> load_payment_data(soci::session& sql, const std::string& operator_code) {
  auto op = fetch_one(sql, "SELECT id, code, name FROM organisations WHERE code = ? AND kind = 'operator'", {operator_code});
  if (!op) return std::nullopt;
  PaymentData data;
  data.operator_id = as_integer((*op)[0]);
  data.operator_code = as_text((*op)[1]);
  data.operator_name = as_text((*op)[2]);
  auto facts = load_enrolment_facts(sql, {.operator_id = data.operator_id});
  std::unordered_map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < facts.enrolment_ids.size(); ++i) index[facts.enrolment_ids[i]] = i;
  data.learners.resize(facts.learners.size());
  data.rows.resize(facts.learners.size());
  for (const auto& row : fetch_all(sql,
                                   "SELECT e.id, e.candidate_id, p.cin, p.first_name, p.last_name, c.code, s.region_code, "
                                   "e.status, e.exit_date, f.revoked_on FROM enrolments e "
                                   "JOIN candidates p ON p.id = e.candidate_id JOIN cohorts c ON c.id = e.cohort_id "
                                   "JOIN sites s ON s.id = c.site_id LEFT JOIN certificates f ON f.enrolment_id = e.id "
                                   "WHERE c.operator_id = ?",
                                   {data.operator_id})) {
    auto it = index.find(as_integer(row[0]));
    if (it == index.end()) continue;
    const auto i = it->second;
    data.learners[i] = {facts.learners[i], as_text(row[6]), !core::is_null(row[9])};
    data.rows[i] = {as_integer(row[0]), as_integer(row[1]), as_text(row[2]), as_text(row[3]), as_text(row[4]),
                    as_text(row[5]), as_text(row[7]), as_text(row[8])};
  }
  data.placements = std::move(facts.placements);
  std::map<std::int64_t, std::size_t> convention_index;
  for (const auto& row : fetch_all(sql,
                                   "SELECT v.id, v.code, v.title, v.start_date, v.end_date FROM conventions v "
                                   "JOIN convention_parties cp ON cp.convention_id = v.id WHERE cp.organisation_id = ? "
                                   "ORDER BY v.id",
                                   {data.operator_id})) {
    outcomes::PaymentConvention c;
    c.id = as_integer(row[0]);
    c.start = day_of(row[3]);
    c.end = day_of(row[4]);
    convention_index[c.id] = data.conventions.size();
    data.convention_names[c.id] = {as_text(row[1]), as_text(row[2])};
    data.conventions.push_back(std::move(c));
  }
  for (const auto& row : fetch_all(sql, "SELECT convention_id, region_code FROM convention_regions"))
    if (auto it = convention_index.find(as_integer(row[0])); it != convention_index.end())
      data.conventions[it->second].regions.push_back(as_text(row[1]));
  for (const auto& row : fetch_all(sql, "SELECT convention_id, basis, amount_centimes FROM payment_tranches"))
    if (auto it = convention_index.find(as_integer(row[0])); it != convention_index.end()) {
      const auto basis = as_text(row[1]);
      const int b = basis == "enrolled" ? 0 : basis == "certified" ? 1 : 2;
      data.conventions[it->second].amount_centimes[b] = as_integer(row[2]);
    }
  return data;
}

}  // namespace jobintech::store
