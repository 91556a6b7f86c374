#include "store/outcomes_repository.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/date.h"
#include "store/row_stream.h"
#include "store/sql.h"

namespace jobintech::store {

namespace {

using outcomes::Day;
using outcomes::kNoDay;

Day day_of(std::string_view text) {
  if (text.empty()) return kNoDay;
  auto d = core::parse_date(text);
  return d ? static_cast<Day>(core::days_from_civil(*d)) : kNoDay;
}

Day day_of(const core::Value& v) {
  const auto* s = std::get_if<std::string>(&v);
  return s ? day_of(std::string_view(*s)) : kNoDay;
}

std::string name_column(const std::string& lang) { return lang == "ar" ? "name_ar" : lang == "en" ? "name_en" : "name_fr"; }

void append_filter(const OutcomeFilter& f, std::string& where, Params& params) {
  if (!f.region_code.empty()) { where += " AND s.region_code = ?"; params.push_back(f.region_code); }
  if (!f.operator_code.empty()) { where += " AND o.code = ?"; params.push_back(f.operator_code); }
  if (!f.track_code.empty()) { where += " AND t.code = ?"; params.push_back(f.track_code); }
  if (f.operator_id) { where += " AND c.operator_id = ?"; params.push_back(*f.operator_id); }
}



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

EnrolmentFacts load_enrolment_facts(Connection& conn, const OutcomeFilter& filter) {
  // The cohorts within the filter (a few thousand), then their enrolments with the learner's
  // gender, then the placements: three plain reads, joined here, cost a third of one SQL join.
  struct CohortFacts {
    Day start;
    std::int64_t region, operator_id, site_id, track_id;
  };
  std::unordered_map<std::int64_t, CohortFacts> cohorts;
  std::string where = "1 = 1";
  Params params;
  append_filter(filter, where, params);
  for_each_row(conn,
               "SELECT c.id, c.start_date, s.region_code, c.operator_id, c.site_id, c.track_id FROM cohorts c "
               "JOIN sites s ON s.id = c.site_id JOIN organisations o ON o.id = c.operator_id "
               "JOIN tracks t ON t.id = c.track_id WHERE " + where,
               params, [&](const RowReader& r) {
                 cohorts[r.integer(0)] = {day_of(r.text(1)), std::stoll(std::string(r.text(2))), r.integer(3),
                                          r.integer(4), r.integer(5)};
               });
  EnrolmentFacts facts;
  struct Loaded {
    std::int64_t candidate, enrolment;
    std::size_t index;
  };
  std::vector<Loaded> order;
  // Operators read a few thousand enrolments: select them in SQL rather than all of them.
  const std::string scope = filter.operator_id ? " WHERE e.cohort_id IN (SELECT id FROM cohorts WHERE operator_id = ?)" : "";
  const Params scope_params = filter.operator_id ? Params{*filter.operator_id} : Params{};
  for_each_row(conn,
               "SELECT e.id, e.candidate_id, e.cohort_id, e.status, e.exit_date, p.gender FROM enrolments e "
               "JOIN candidates p ON p.id = e.candidate_id" + scope,
               scope_params, [&](const RowReader& r) {
                 auto c = cohorts.find(r.integer(2));
                 if (c == cohorts.end()) return;
                 outcomes::LearnerFact l;
                 l.status = outcomes::parse_enrolment_status(r.text(3)).value_or(outcomes::EnrolmentStatus::enrolled);
                 l.exit = day_of(r.text(4));
                 l.cohort_start = c->second.start;
                 l.woman = r.text(5) == "F";
                 const auto start = core::civil_from_days(l.cohort_start == kNoDay ? 0 : l.cohort_start);
                 std::array<std::int64_t, kGroupings> k{};
                 k[static_cast<std::size_t>(Grouping::region)] = c->second.region;
                 k[static_cast<std::size_t>(Grouping::operator_org)] = c->second.operator_id;
                 k[static_cast<std::size_t>(Grouping::site)] = c->second.site_id;
                 k[static_cast<std::size_t>(Grouping::track)] = c->second.track_id;
                 k[static_cast<std::size_t>(Grouping::cohort)] = c->first;
                 k[static_cast<std::size_t>(Grouping::gender)] = l.woman ? 1 : 0;
                 k[static_cast<std::size_t>(Grouping::year)] = start.year;
                 k[static_cast<std::size_t>(Grouping::quarter)] = start.year * 10 + (start.month - 1) / 3 + 1;
                 order.push_back({r.integer(1), r.integer(0), facts.learners.size()});
                 facts.keys.push_back(k);
                 facts.enrolment_ids.push_back(r.integer(0));
                 facts.candidate_ids.push_back(r.integer(1));
                 facts.cohort_ids.push_back(c->first);
                 facts.learners.push_back(l);
               });
  // By candidate (then enrolment), so each candidate's placements are found in one merge.
  std::sort(order.begin(), order.end(), [](const Loaded& a, const Loaded& b) {
    return a.candidate != b.candidate ? a.candidate < b.candidate : a.enrolment < b.enrolment;
  });
  {
    EnrolmentFacts sorted;
    sorted.learners.reserve(order.size());
    for (const auto& o : order) {
      sorted.learners.push_back(facts.learners[o.index]);
      sorted.keys.push_back(facts.keys[o.index]);
      sorted.enrolment_ids.push_back(facts.enrolment_ids[o.index]);
      sorted.candidate_ids.push_back(facts.candidate_ids[o.index]);
      sorted.cohort_ids.push_back(facts.cohort_ids[o.index]);
    }
    facts = std::move(sorted);
  }

  // The placements of the candidates loaded, merged by candidate id (both sides sorted).
  struct Job {
    std::int64_t candidate;
    outcomes::PlacementFact fact;
  };
  std::vector<Job> jobs;
  for_each_row(conn,
               "SELECT candidate_id, id, contract_type, start_date, end_date, monthly_salary_centimes FROM placements",
               {}, [&](const RowReader& r) {
                 jobs.push_back({r.integer(0),
                                 {.id = r.integer(1),
                                  .start = day_of(r.text(3)),
                                  .end = day_of(r.text(4)),
                                  .qualifying = outcomes::is_qualifying_contract(r.text(2)),
                                  .salary_centimes = r.is_null(5) ? -1 : r.integer(5)}});
               });
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
    return a.candidate != b.candidate ? a.candidate < b.candidate : a.fact.id < b.fact.id;
  });
  std::size_t j = 0;
  for (std::size_t i = 0; i < facts.learners.size();) {
    const std::int64_t candidate = facts.candidate_ids[i];
    while (j < jobs.size() && jobs[j].candidate < candidate) ++j;
    const auto begin = static_cast<std::uint32_t>(facts.placements.size());
    for (; j < jobs.size() && jobs[j].candidate == candidate; ++j) facts.placements.push_back(jobs[j].fact);
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
  const bool filtered = params.size() > 0;
  // Without a filter, a scan of a partial index in candidate order (see migration 0006).
  const std::string cohorts = filtered ? " AND a.cohort_id IN (SELECT c.id FROM cohorts c JOIN sites s ON s.id = c.site_id "
                                         "JOIN organisations o ON o.id = c.operator_id JOIN tracks t ON t.id = c.track_id WHERE " +
                                             where + ")"
                                       : "";
  Funnel f;
  f.applicants = fetch_integer(sql, "SELECT COUNT(*) FROM (SELECT DISTINCT a.candidate_id FROM applications a "
                                    "WHERE a.status <> 'draft'" + cohorts + ") x", params).value_or(0);
  f.admitted = fetch_integer(sql, "SELECT COUNT(*) FROM (SELECT DISTINCT a.candidate_id FROM applications a "
                                  "WHERE a.status IN ('offered', 'accepted')" + cohorts + ") x", params).value_or(0);
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

std::optional<PaymentData> load_payment_data(Connection& conn, const std::string& operator_code) {
  auto& sql = conn.session();
  auto op = fetch_one(sql, "SELECT id, code, name FROM organisations WHERE code = ? AND kind = 'operator'", {operator_code});
  if (!op) return std::nullopt;
  PaymentData data;
  data.operator_id = as_integer((*op)[0]);
  data.operator_code = as_text((*op)[1]);
  data.operator_name = as_text((*op)[2]);
  auto facts = load_enrolment_facts(conn, {.operator_id = data.operator_id});
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
