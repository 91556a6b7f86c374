#include "store/followup_repository.h"

#include "store/sql.h"

namespace jobintech::store {

namespace {

// The checkpoints and their start-date bounds as a derived table k(months, started_by), joined
// to the placements they are due for, without the follow-ups already recorded. Parameters: the
// three bounds (3, 6, 12 months), then the operator id when scoped.
std::string due_from(bool scoped) {
  std::string q =
      " FROM placements x JOIN candidates p ON p.id = x.candidate_id"
      " JOIN (SELECT 3 AS months, CAST(? AS TEXT) AS started_by UNION ALL SELECT 6, CAST(? AS TEXT)"
      " UNION ALL SELECT 12, CAST(? AS TEXT)) k ON x.start_date <= k.started_by"
      " WHERE NOT EXISTS (SELECT 1 FROM placement_followups f WHERE f.placement_id = x.id AND f.months = k.months)";
  if (scoped)
    q += " AND x.candidate_id IN (SELECT e.candidate_id FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id"
         " WHERE c.operator_id = ?)";
  return q;
}

Params due_params(const std::map<int, std::string>& started_by, std::optional<std::int64_t> operator_id) {
  Params params;
  for (int m : {3, 6, 12}) {
    auto it = started_by.find(m);
    params.push_back(it == started_by.end() ? std::string() : it->second);  // "": nothing is due
  }
  if (operator_id) params.push_back(*operator_id);
  return params;
}

}  // namespace

std::vector<FollowupRow> FollowupRepository::of_placement(std::int64_t placement_id) {
  std::vector<FollowupRow> out;
  for (const auto& r : fetch_all(sql_,
                                 "SELECT months, still_employed, checked_on, note FROM placement_followups "
                                 "WHERE placement_id = ? ORDER BY months",
                                 {placement_id}))
    out.push_back({static_cast<int>(as_integer(r[0])), as_integer(r[1]) == 1, as_text(r[2]), as_text(r[3])});
  return out;
}

void FollowupRepository::put(std::int64_t placement_id, const FollowupRow& row) {
  execute(sql_,
          "INSERT INTO placement_followups (placement_id, months, still_employed, checked_on, note) "
          "VALUES (?, ?, ?, ?, ?) ON CONFLICT (placement_id, months) DO UPDATE SET "
          "still_employed = excluded.still_employed, checked_on = excluded.checked_on, note = excluded.note",
          {placement_id, std::int64_t{row.months}, std::int64_t{row.still_employed ? 1 : 0}, row.checked_on,
           row.note.empty() ? core::Value{} : core::Value{row.note}});
}

std::vector<DueFollowupRow> FollowupRepository::due(const std::map<int, std::string>& started_by,
                                                    std::optional<std::int64_t> operator_id, int limit, int offset) {
  auto params = due_params(started_by, operator_id);
  params.push_back(std::int64_t{limit});
  params.push_back(std::int64_t{offset});
  // start_date is YYYY-MM-DD: its year, month and day are fixed substrings on both backends.
  const std::string q =
      "SELECT x.id, x.candidate_id, p.first_name, p.last_name, x.employer_name, x.job_title, x.start_date, k.months" +
      due_from(operator_id.has_value()) +
      " ORDER BY CAST(SUBSTR(x.start_date, 1, 4) AS INTEGER) * 12 + CAST(SUBSTR(x.start_date, 6, 2) AS INTEGER)"
      " + k.months, CAST(SUBSTR(x.start_date, 9, 2) AS INTEGER), x.id, k.months LIMIT ? OFFSET ?";
  std::vector<DueFollowupRow> out;
  for (const auto& r : fetch_all(sql_, q, params))
    out.push_back({.placement_id = as_integer(r[0]),
                   .candidate_id = as_integer(r[1]),
                   .first_name = as_text(r[2]),
                   .last_name = as_text(r[3]),
                   .employer_name = as_text(r[4]),
                   .job_title = as_text(r[5]),
                   .start_date = as_text(r[6]),
                   .months = static_cast<int>(as_integer(r[7]))});
  return out;
}

std::int64_t FollowupRepository::count_due(const std::map<int, std::string>& started_by,
                                           std::optional<std::int64_t> operator_id) {
  return fetch_integer(sql_, "SELECT COUNT(*)" + due_from(operator_id.has_value()),
                       due_params(started_by, operator_id))
      .value_or(0);
}

}  // namespace jobintech::store
