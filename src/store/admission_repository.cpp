#include "store/admission_repository.h"

#include <algorithm>

#include "store/sql.h"

namespace jobintech::store {

namespace {

using core::Value;

std::optional<int> optional_int(const Value& v) {
  if (core::is_null(v)) return std::nullopt;
  return static_cast<int>(as_integer(v));
}
Value nullable(const std::optional<double>& d) { return d ? Value(*d) : Value(); }
Value nullable_text(const std::string& s) { return s.empty() ? Value() : Value(s); }

const char* kRoundColumns =
    "id, code, name, opens_on, closes_on, status, precedence, lottery_seed, min_education, max_choices, answer_days, "
    "min_age, max_age";

RoundRow round_from(const Row& r) {
  return RoundRow{.id = as_integer(r[0]),
                  .code = as_text(r[1]),
                  .name = as_text(r[2]),
                  .opens_on = as_text(r[3]),
                  .closes_on = as_text(r[4]),
                  .status = as_text(r[5]),
                  .precedence = as_text(r[6]),
                  .lottery_seed = as_text(r[7]),
                  .min_education = as_text(r[8]),
                  .max_choices = static_cast<int>(as_integer(r[9])),
                  .answer_days = static_cast<int>(as_integer(r[10])),
                  .min_age = optional_int(r[11]),
                  .max_age = optional_int(r[12])};
}

const char* kCohortColumns =
    "c.id, c.code, t.code, s.region_code, s.city, s.name, o.name, c.start_date, c.admission_area, c.operator_id, "
    "c.capacity, c.reserved_women, c.reserved_local, c.weight_test, c.weight_interview "
    "FROM cohorts c JOIN tracks t ON t.id = c.track_id JOIN sites s ON s.id = c.site_id "
    "JOIN organisations o ON o.id = c.operator_id";

RoundCohortRow cohort_from(const Row& r) {
  return RoundCohortRow{.id = as_integer(r[0]),
                        .code = as_text(r[1]),
                        .track_code = as_text(r[2]),
                        .region_code = as_text(r[3]),
                        .city = as_text(r[4]),
                        .site_name = as_text(r[5]),
                        .operator_name = as_text(r[6]),
                        .start_date = as_text(r[7]),
                        .admission_area = as_text(r[8]),
                        .operator_id = as_integer(r[9]),
                        .capacity = static_cast<int>(as_integer(r[10])),
                        .reserved_women = static_cast<int>(as_integer(r[11])),
                        .reserved_local = static_cast<int>(as_integer(r[12])),
                        .weight_test = as_decimal(r[13]).value_or(0),
                        .weight_interview = as_decimal(r[14]).value_or(0)};
}

// The selection score: the weighted sum of the test and interview scores when either is known,
// otherwise the composite score given directly (imported or entered).
const std::string kCompositeScore =
    "CASE WHEN a.test_score IS NULL AND a.interview_score IS NULL THEN a.score "
    "ELSE c.weight_test * COALESCE(a.test_score, 0) + c.weight_interview * COALESCE(a.interview_score, 0) END";

const std::string kPoolColumns =
    "a.id, a.candidate_id, a.cohort_id, a.rank, " + kCompositeScore +
    ", a.status, a.seat, a.answer_by, a.ineligible_reason, k.gender, k.region_code, k.birth_date, k.education_level "
    "FROM applications a JOIN cohorts c ON c.id = a.cohort_id JOIN candidates k ON k.id = a.candidate_id";

PoolRow pool_from(const Row& r) {
  return PoolRow{.application_id = as_integer(r[0]),
                 .candidate_id = as_integer(r[1]),
                 .cohort_id = as_integer(r[2]),
                 .rank = static_cast<int>(as_integer(r[3])),
                 .score = as_decimal(r[4]),
                 .status = as_text(r[5]),
                 .seat = as_text(r[6]),
                 .answer_by = as_text(r[7]),
                 .ineligible_reason = as_text(r[8]),
                 .gender = as_text(r[9]),
                 .region_code = as_text(r[10]),
                 .birth_date = as_text(r[11]),
                 .education_level = as_text(r[12])};
}

const char* kRunColumns =
    "id, round_id, number, kind, label, parameters, input_digest, lottery_seed, program_version, status, summary, "
    "created_at, published_at, answer_deadline, candidates, assigned, proposals, engine_ms, created_by";

RunRow run_from(const Row& r) {
  RunRow run{.id = as_integer(r[0]),
             .round_id = as_integer(r[1]),
             .number = static_cast<int>(as_integer(r[2])),
             .kind = as_text(r[3]),
             .label = as_text(r[4]),
             .parameters = as_text(r[5]),
             .input_digest = as_text(r[6]),
             .lottery_seed = as_text(r[7]),
             .program_version = as_text(r[8]),
             .status = as_text(r[9]),
             .summary = as_text(r[10]),
             .created_at = as_text(r[11]),
             .published_at = as_text(r[12]),
             .answer_deadline = as_text(r[13]),
             .candidates = static_cast<int>(as_integer(r[14])),
             .assigned = static_cast<int>(as_integer(r[15])),
             .proposals = as_integer(r[16]),
             .engine_ms = as_decimal(r[17]).value_or(0)};
  if (!core::is_null(r[18])) run.created_by = as_integer(r[18]);
  return run;
}

}  // namespace

std::optional<RoundRow> AdmissionRepository::round(std::int64_t round_id) {
  auto r = fetch_one(sql_, std::string("SELECT ") + kRoundColumns + " FROM admission_rounds WHERE id = ?", {round_id});
  if (!r) return std::nullopt;
  return round_from(*r);
}

std::vector<RoundRow> AdmissionRepository::rounds_of_candidate(std::int64_t candidate_id) {
  std::vector<RoundRow> out;
  for (const auto& r : fetch_all(sql_,
                                 std::string("SELECT ") + kRoundColumns +
                                     " FROM admission_rounds WHERE status <> 'draft' AND id IN (SELECT c.round_id FROM "
                                     "applications a JOIN cohorts c ON c.id = a.cohort_id WHERE a.candidate_id = ?) "
                                     "ORDER BY closes_on DESC, id DESC",
                                 {candidate_id})) {
    out.push_back(round_from(r));
  }
  return out;
}

std::vector<RoundRow> AdmissionRepository::rounds_with_status(const std::string& status) {
  std::vector<RoundRow> out;
  for (const auto& r : fetch_all(
           sql_,
           std::string("SELECT ") + kRoundColumns + " FROM admission_rounds WHERE status = ? ORDER BY closes_on, id",
           {status})) {
    out.push_back(round_from(r));
  }
  return out;
}

std::vector<RoundCohortRow> AdmissionRepository::cohorts(std::int64_t round_id) {
  std::vector<RoundCohortRow> out;
  for (const auto& r :
       fetch_all(sql_, std::string("SELECT ") + kCohortColumns + " WHERE c.round_id = ? ORDER BY c.code", {round_id})) {
    out.push_back(cohort_from(r));
  }
  return out;
}

std::optional<RoundCohortRow> AdmissionRepository::cohort(std::int64_t cohort_id) {
  auto r = fetch_one(sql_, std::string("SELECT ") + kCohortColumns + " WHERE c.id = ?", {cohort_id});
  if (!r) return std::nullopt;
  return cohort_from(*r);
}

std::optional<std::int64_t> AdmissionRepository::round_of_cohort(std::int64_t cohort_id) {
  return fetch_integer(sql_, "SELECT round_id FROM cohorts WHERE id = ?", {cohort_id});
}

std::vector<PoolRow> AdmissionRepository::pool(std::int64_t round_id) {
  std::vector<PoolRow> out;
  for (const auto& r :
       fetch_all(sql_, "SELECT " + kPoolColumns + " WHERE c.round_id = ? ORDER BY a.candidate_id, a.rank, a.id",
                 {round_id})) {
    out.push_back(pool_from(r));
  }
  return out;
}

std::vector<PoolRow> AdmissionRepository::applications_of(std::int64_t round_id, std::int64_t candidate_id) {
  std::vector<PoolRow> out;
  for (const auto& r :
       fetch_all(sql_, "SELECT " + kPoolColumns + " WHERE c.round_id = ? AND a.candidate_id = ? ORDER BY a.rank, a.id",
                 {round_id, candidate_id})) {
    out.push_back(pool_from(r));
  }
  return out;
}

std::optional<AdmissionRepository::CandidateProfile> AdmissionRepository::candidate(std::int64_t candidate_id) {
  auto r = fetch_one(sql_, "SELECT gender, region_code, birth_date, education_level FROM candidates WHERE id = ?",
                     {candidate_id});
  if (!r) return std::nullopt;
  return CandidateProfile{as_text((*r)[0]), as_text((*r)[1]), as_text((*r)[2]), as_text((*r)[3])};
}

void AdmissionRepository::replace_choices(std::int64_t round_id, std::int64_t candidate_id,
                                          const std::vector<Choice>& choices, const std::string& now) {
  // Ranks are unique per candidate only by convention; move the kept ones out of the way first.
  std::vector<std::int64_t> kept;
  for (const auto& c : choices) kept.push_back(c.cohort_id);
  for (const auto& r : fetch_all(sql_,
                                 "SELECT a.id, a.cohort_id FROM applications a JOIN cohorts c ON c.id = a.cohort_id "
                                 "WHERE c.round_id = ? AND a.candidate_id = ?",
                                 {round_id, candidate_id})) {
    const std::int64_t cohort_id = as_integer(r[1]);
    if (std::find(kept.begin(), kept.end(), cohort_id) == kept.end()) {
      execute(sql_, "DELETE FROM applications WHERE id = ?", {as_integer(r[0])});
    }
  }
  for (const auto& c : choices) {
    const long long changed =
        execute(sql_,
                "UPDATE applications SET rank = ?, status = ?, ineligible_reason = ?, "
                "updated_at = ?, version = version + 1 WHERE candidate_id = ? AND cohort_id = ?",
                {std::int64_t{c.rank}, c.status, nullable_text(c.ineligible_reason), now, candidate_id, c.cohort_id});
    if (changed == 0) {
      execute(
          sql_,
          "INSERT INTO applications (candidate_id, cohort_id, rank, status, ineligible_reason, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {candidate_id, c.cohort_id, std::int64_t{c.rank}, c.status, nullable_text(c.ineligible_reason), now, now});
    }
  }
}

void AdmissionRepository::set_status(std::int64_t application_id, const std::string& status, const std::string& reason,
                                     const std::string& now) {
  execute(sql_,
          "UPDATE applications SET status = ?, ineligible_reason = ?, updated_at = ?, version = version + 1 "
          "WHERE id = ?",
          {status, nullable_text(reason), now, application_id});
}

long long AdmissionRepository::expire_offers(std::int64_t round_id, const std::string& today, const std::string& now) {
  return execute(sql_,
                 "UPDATE applications SET status = 'expired', updated_at = ?, version = version + 1 "
                 "WHERE status = 'offered' AND answer_by < ? "
                 "AND cohort_id IN (SELECT id FROM cohorts WHERE round_id = ?)",
                 {now, today, round_id});
}

int AdmissionRepository::next_run_number(std::int64_t round_id) {
  return static_cast<int>(
      fetch_integer(sql_, "SELECT COALESCE(MAX(number), 0) + 1 FROM allocation_runs WHERE round_id = ?", {round_id})
          .value_or(1));
}

std::int64_t AdmissionRepository::insert_run(const RunRow& run) {
  execute(
      sql_,
      "INSERT INTO allocation_runs (round_id, number, kind, label, parameters, input_digest, lottery_seed, "
      "program_version, status, candidates, assigned, proposals, engine_ms, summary, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'computed', ?, ?, ?, ?, ?, ?, ?)",
      {run.round_id, std::int64_t{run.number}, run.kind, run.label, run.parameters, run.input_digest, run.lottery_seed,
       run.program_version, std::int64_t{run.candidates}, std::int64_t{run.assigned}, run.proposals, run.engine_ms,
       run.summary, run.created_by ? Value(*run.created_by) : Value(), run.created_at});
  return *fetch_integer(sql_, "SELECT id FROM allocation_runs WHERE round_id = ? AND number = ?",
                        {run.round_id, std::int64_t{run.number}});
}

void AdmissionRepository::insert_results(std::int64_t run_id, const std::vector<AssignmentRow>& assignments,
                                         const std::vector<CutoffRow>& cutoffs) {
  // Prepared once, executed per row: a national round has a hundred thousand seats.
  {
    std::int64_t candidate_id = 0, cohort_id = 0;
    std::string seat;
    int choice_rank = 0;
    double score = 0;
    soci::statement insert =
        (sql_.prepare << "INSERT INTO allocation_assignments (run_id, candidate_id, cohort_id, seat, choice_rank, "
                         "score) VALUES (:run, :candidate, :cohort, :seat, :choice_rank, :score)",
         soci::use(run_id), soci::use(candidate_id), soci::use(cohort_id), soci::use(seat), soci::use(choice_rank),
         soci::use(score));
    for (const auto& a : assignments) {
      candidate_id = a.candidate_id;
      cohort_id = a.cohort_id;
      seat = a.seat;
      choice_rank = a.choice_rank;
      score = a.score;
      insert.execute(true);
    }
  }
  for (const auto& c : cutoffs) {
    execute(sql_,
            "INSERT INTO allocation_cutoffs (run_id, cohort_id, seat, seats, filled, filled_with_priority, last_score, "
            "last_priority_score, last_other_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {run_id, c.cohort_id, c.seat, std::int64_t{c.seats}, std::int64_t{c.filled},
             std::int64_t{c.filled_with_priority}, nullable(c.last_score), nullable(c.last_priority_score),
             nullable(c.last_other_score)});
  }
}

std::optional<RunRow> AdmissionRepository::run(std::int64_t run_id) {
  auto r = fetch_one(sql_, std::string("SELECT ") + kRunColumns + " FROM allocation_runs WHERE id = ?", {run_id});
  if (!r) return std::nullopt;
  return run_from(*r);
}

std::vector<RunRow> AdmissionRepository::runs(std::int64_t round_id) {
  std::vector<RunRow> out;
  for (const auto& r : fetch_all(
           sql_, std::string("SELECT ") + kRunColumns + " FROM allocation_runs WHERE round_id = ? ORDER BY number",
           {round_id})) {
    out.push_back(run_from(r));
  }
  return out;
}

std::optional<RunRow> AdmissionRepository::latest_published_run(std::int64_t round_id) {
  auto r = fetch_one(sql_,
                     std::string("SELECT ") + kRunColumns +
                         " FROM allocation_runs WHERE round_id = ? AND status = 'published' "
                         "ORDER BY number DESC LIMIT 1",
                     {round_id});
  if (!r) return std::nullopt;
  return run_from(*r);
}

std::optional<std::int64_t> AdmissionRepository::run_that_assigned(std::int64_t round_id, std::int64_t candidate_id,
                                                                   std::int64_t cohort_id) {
  return fetch_integer(sql_,
                       "SELECT r.id FROM allocation_runs r JOIN allocation_assignments g ON g.run_id = r.id "
                       "WHERE r.round_id = ? AND r.status IN ('published', 'superseded') AND g.candidate_id = ? "
                       "AND g.cohort_id = ? ORDER BY r.number DESC LIMIT 1",
                       {round_id, candidate_id, cohort_id});
}

std::vector<AssignmentRow> AdmissionRepository::assignments(std::int64_t run_id) {
  std::vector<AssignmentRow> out;
  for (const auto& r : fetch_all(sql_,
                                 "SELECT candidate_id, cohort_id, seat, choice_rank, score FROM allocation_assignments "
                                 "WHERE run_id = ? ORDER BY cohort_id, score DESC, candidate_id",
                                 {run_id})) {
    out.push_back({as_integer(r[0]), as_integer(r[1]), as_text(r[2]), static_cast<int>(as_integer(r[3])),
                   as_decimal(r[4]).value_or(0)});
  }
  return out;
}

std::optional<AssignmentRow> AdmissionRepository::assignment(std::int64_t run_id, std::int64_t candidate_id) {
  auto r = fetch_one(sql_,
                     "SELECT candidate_id, cohort_id, seat, choice_rank, score FROM allocation_assignments "
                     "WHERE run_id = ? AND candidate_id = ?",
                     {run_id, candidate_id});
  if (!r) return std::nullopt;
  return AssignmentRow{as_integer((*r)[0]), as_integer((*r)[1]), as_text((*r)[2]),
                       static_cast<int>(as_integer((*r)[3])), as_decimal((*r)[4]).value_or(0)};
}

std::vector<CutoffRow> AdmissionRepository::cutoffs(std::int64_t run_id) {
  std::vector<CutoffRow> out;
  for (const auto& r : fetch_all(sql_,
                                 "SELECT cohort_id, seat, seats, filled, filled_with_priority, last_score, "
                                 "last_priority_score, last_other_score FROM allocation_cutoffs WHERE run_id = ? "
                                 "ORDER BY cohort_id, seat",
                                 {run_id})) {
    out.push_back({as_integer(r[0]), as_text(r[1]), static_cast<int>(as_integer(r[2])),
                   static_cast<int>(as_integer(r[3])), static_cast<int>(as_integer(r[4])), as_decimal(r[5]),
                   as_decimal(r[6]), as_decimal(r[7])});
  }
  return out;
}

void AdmissionRepository::publish(const RunRow& run, const std::string& answer_by, const std::string& now) {
  execute(sql_, "UPDATE allocation_runs SET status = 'superseded' WHERE round_id = ? AND status = 'published'",
          {run.round_id});
  execute(sql_, "UPDATE allocation_runs SET status = 'published', published_at = ?, answer_deadline = ? WHERE id = ?",
          {now, answer_by, run.id});
  execute(sql_,
          "UPDATE applications SET status = 'offered', seat = (SELECT g.seat FROM allocation_assignments g "
          "WHERE g.run_id = ? AND g.candidate_id = applications.candidate_id), answer_by = ?, updated_at = ?, "
          "version = version + 1 WHERE EXISTS (SELECT 1 FROM allocation_assignments g WHERE g.run_id = ? "
          "AND g.candidate_id = applications.candidate_id AND g.cohort_id = applications.cohort_id)",
          {run.id, answer_by, now, run.id});
}

void AdmissionRepository::enrol(std::int64_t candidate_id, std::int64_t cohort_id, const std::string& now) {
  if (fetch_integer(sql_, "SELECT id FROM enrolments WHERE candidate_id = ? AND cohort_id = ?",
                    {candidate_id, cohort_id})) {
    return;
  }
  execute(sql_,
          "INSERT INTO enrolments (candidate_id, cohort_id, status, created_at, updated_at) "
          "VALUES (?, ?, 'enrolled', ?, ?)",
          {candidate_id, cohort_id, now, now});
}

std::vector<CohortListRow> AdmissionRepository::cohort_lists(std::int64_t cohort_id) {
  std::vector<CohortListRow> out;
  for (const auto& r : fetch_all(
           sql_,
           "SELECT a.candidate_id, k.cin, k.first_name, k.last_name, k.gender, k.region_code, a.status, a.seat, "
           "a.rank, " +
               kCompositeScore +
               " AS s, "
               "(SELECT MIN(CASE WHEN b.status = 'accepted' THEN 0 ELSE b.rank END) FROM applications b "
               "JOIN cohorts d ON d.id = b.cohort_id WHERE b.candidate_id = a.candidate_id AND d.round_id = c.round_id "
               "AND b.status IN ('offered', 'accepted')), a.id, a.test_score, a.interview_score "
               "FROM applications a JOIN cohorts c ON c.id = a.cohort_id JOIN candidates k ON k.id = a.candidate_id "
               "WHERE a.cohort_id = ? ORDER BY s DESC, a.candidate_id",
           {cohort_id})) {
    out.push_back(CohortListRow{.candidate_id = as_integer(r[0]),
                                .cin = as_text(r[1]),
                                .first_name = as_text(r[2]),
                                .last_name = as_text(r[3]),
                                .gender = as_text(r[4]),
                                .region_code = as_text(r[5]),
                                .status = as_text(r[6]),
                                .seat = as_text(r[7]),
                                .rank = static_cast<int>(as_integer(r[8])),
                                .score = as_decimal(r[9]),
                                .held_rank = optional_int(r[10]),
                                .application_id = as_integer(r[11]),
                                .test_score = as_decimal(r[12]),
                                .interview_score = as_decimal(r[13])});
  }
  return out;
}

}  // namespace jobintech::store
