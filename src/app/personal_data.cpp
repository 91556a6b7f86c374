#include "app/personal_data.h"

#include "app/audit_entry.h"
#include "core/date.h"
#include "core/validation.h"
#include "store/audit_log.h"
#include "store/sql.h"
#include "store/transaction.h"

namespace jobintech::app {

namespace {

struct SectionQuery {
  const char* name;
  const char* sql;  // every "?" is the candidate's id
  std::vector<std::string> columns;
};

// One query per section; the columns are what the person is shown, named as in the database.
const std::vector<SectionQuery>& section_queries() {
  static const std::vector<SectionQuery> q = {
      {"record",
       "SELECT id, cin, first_name, last_name, gender, birth_date, region_code, email, phone, education_level, "
       "created_at, updated_at FROM candidates WHERE id = ?",
       {"id", "cin", "first_name", "last_name", "gender", "birth_date", "region_code", "email", "phone",
        "education_level", "created_at", "updated_at"}},
      {"account", "SELECT email, role, locale, created_at, password_changed_at FROM users WHERE candidate_id = ?",
       {"email", "role", "locale", "created_at", "password_changed_at"}},
      {"applications",
       "SELECT a.id, c.code, a.rank, a.status, a.score, a.test_score, a.interview_score, a.ineligible_reason, "
       "a.created_at, a.updated_at FROM applications a JOIN cohorts c ON c.id = a.cohort_id "
       "WHERE a.candidate_id = ? ORDER BY a.rank",
       {"id", "cohort", "rank", "status", "score", "test_score", "interview_score", "ineligible_reason",
        "created_at", "updated_at"}},
      {"allocations",
       "SELECT r.id, r.created_at, c.code, s.choice_rank, s.score, s.seat FROM allocation_assignments s "
       "JOIN allocation_runs r ON r.id = s.run_id JOIN cohorts c ON c.id = s.cohort_id "
       "WHERE s.candidate_id = ? AND r.status = 'published' ORDER BY r.id",
       {"run", "at", "cohort", "choice_rank", "score", "seat"}},
      {"enrolments",
       "SELECT e.id, c.code, e.status, e.exit_date, e.dropout_reason, e.created_at FROM enrolments e "
       "JOIN cohorts c ON c.id = e.cohort_id WHERE e.candidate_id = ? ORDER BY e.id",
       {"id", "cohort", "status", "exit_date", "dropout_reason", "created_at"}},
      {"attendance",
       "SELECT a.enrolment_id, a.day, a.present FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id "
       "WHERE e.candidate_id = ? ORDER BY a.enrolment_id, a.day",
       {"enrolment", "day", "present"}},
      {"assessments",
       "SELECT a.enrolment_id, a.skill_code, a.validated, a.assessed_on FROM assessments a "
       "JOIN enrolments e ON e.id = a.enrolment_id WHERE e.candidate_id = ? ORDER BY a.enrolment_id, a.skill_code",
       {"enrolment", "skill", "validated", "assessed_on"}},
      {"certificates",
       "SELECT f.code, f.enrolment_id, f.issued_on, f.revoked_on, f.revoked_reason FROM certificates f "
       "JOIN enrolments e ON e.id = f.enrolment_id WHERE e.candidate_id = ?",
       {"code", "enrolment", "issued_on", "revoked_on", "revoked_reason"}},
      {"placements",
       "SELECT id, employer_name, job_title, contract_type, start_date, end_date, monthly_salary_centimes, "
       "evidence_note, created_at FROM placements WHERE candidate_id = ? ORDER BY start_date",
       {"id", "employer", "job_title", "contract_type", "start_date", "end_date", "monthly_salary_centimes",
        "evidence_note", "created_at"}},
      {"followups",
       "SELECT f.placement_id, f.months, f.still_employed, f.checked_on, f.note FROM placement_followups f "
       "JOIN placements p ON p.id = f.placement_id WHERE p.candidate_id = ? ORDER BY f.placement_id, f.months",
       {"placement", "months", "still_employed", "checked_on", "note"}},
      {"skills", "SELECT skill_code, declared_on FROM declared_skills WHERE candidate_id = ? ORDER BY skill_code",
       {"skill", "declared_on"}},
      {"consents",
       "SELECT purpose, text_version, given_at, withdrawn_at FROM consents WHERE candidate_id = ? ORDER BY id",
       {"purpose", "text_version", "given_at", "withdrawn_at"}},
      {"contacts",
       "SELECT r.id, o.title, g.name, r.message, r.status, r.created_at, r.answered_at FROM contact_requests r "
       "JOIN job_offers o ON o.id = r.offer_id JOIN organisations g ON g.id = o.employer_id "
       "WHERE r.candidate_id = ? ORDER BY r.id",
       {"id", "offer", "employer", "message", "status", "created_at", "answered_at"}},
      {"corrections",
       "SELECT id, field, requested_value, reason, status, created_at, answered_at, answer FROM correction_requests "
       "WHERE candidate_id = ? ORDER BY id",
       {"id", "field", "requested_value", "reason", "status", "created_at", "answered_at", "answer"}},
      // Who read or changed her record: the role and organisation, not the staff member's name.
      {"access",
       "SELECT l.at, l.action, l.entity, COALESCE(u.role, l.actor), COALESCE(o.name, '') FROM audit_log l "
       "LEFT JOIN users u ON u.id = l.user_id LEFT JOIN organisations o ON o.id = u.organisation_id "
       "WHERE l.entity = 'candidates' AND l.entity_id = CAST(? AS TEXT) ORDER BY l.id DESC LIMIT 500",
       {"at", "action", "record", "role", "organisation"}},
  };
  return q;
}

// Appends the query's rows to the section, as text cells (empty for NULL).
void append_rows(PersonalDataSection& s, soci::session& sql, const std::string& query, const store::Params& params) {
  for (const auto& row : store::fetch_all(sql, query, params)) {
    std::vector<std::string> cells;
    for (const auto& v : row) cells.push_back(core::is_null(v) ? "" : core::to_text(v));
    s.rows.push_back(std::move(cells));
  }
}

PersonalDataSection run(soci::session& sql, const SectionQuery& q, std::int64_t candidate_id) {
  PersonalDataSection s{q.name, q.columns, {}};
  const std::string text = q.sql;
  store::Params params;
  for (char c : text)
    if (c == '?') params.push_back(candidate_id);
  append_rows(s, sql, text, params);
  return s;
}

bool may_see(const Actor& actor, std::int64_t candidate_id) {
  return actor.role == Role::admin || (actor.role == Role::candidate && actor.candidate_id == candidate_id);
}

}  // namespace

const std::vector<std::string>& correctable_fields() {
  static const std::vector<std::string> f = {"first_name", "last_name", "cin",   "birth_date", "gender",
                                             "region_code", "email",  "phone", "education_level", "other"};
  return f;
}

Result<std::vector<PersonalDataSection>> PersonalDataService::everything_about(const Actor& actor,
                                                                              std::int64_t candidate_id) {
  using R = Result<std::vector<PersonalDataSection>>;
  if (!may_see(actor, candidate_id))
    return R::fail(actor.role == Role::candidate ? OutcomeKind::not_found : OutcomeKind::forbidden,
                   actor.role == Role::candidate ? "not_found" : "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  R out;
  for (const auto& q : section_queries()) out.value.push_back(run(sql, q, candidate_id));
  if (out.value.front().rows.empty()) return R::fail(OutcomeKind::not_found, "not_found");
  store::append_audit(sql, audit_entry(actor, "download_personal_data", "candidates", candidate_id, ""));
  return out;
}

Outcome PersonalDataService::request_correction(const Actor& actor, std::int64_t candidate_id,
                                                const std::string& field, const std::string& requested_value,
                                                const std::string& reason) {
  if (actor.role != Role::candidate || actor.candidate_id != candidate_id)
    return Outcome::fail(actor.role == Role::candidate ? OutcomeKind::not_found : OutcomeKind::forbidden,
                         actor.role == Role::candidate ? "not_found" : "forbidden");
  core::FieldErrors errors;
  const auto& fields = correctable_fields();
  if (std::find(fields.begin(), fields.end(), field) == fields.end())
    errors.push_back({"field", "not_in_choices", {{"choices", "first_name, last_name, cin, birth_date, gender, "
                                                              "region_code, email, phone, education_level, other"}}});
  auto text = [&](const std::string& name, const std::string& value, std::size_t max, bool required) {
    if (required && core::trim(value).empty()) errors.push_back({name, "required", {}});
    else if (!core::is_valid_utf8(value)) errors.push_back({name, "invalid_utf8", {}});
    else if (core::utf8_length(value) > max) errors.push_back({name, "too_long", {{"max", std::to_string(max)}}});
  };
  text("requested_value", requested_value, 200, true);
  text("reason", reason, 1000, false);
  if (!errors.empty()) return Outcome::invalid(std::move(errors));
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::Transaction tx(sql);
  const auto id = store::fetch_integer(
      sql,
      "INSERT INTO correction_requests (candidate_id, requested_by, field, requested_value, reason, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {candidate_id, *actor.user_id, field, core::trim(requested_value), core::trim(reason), core::now_utc()});
  store::append_audit(sql, audit_entry(actor, "request_correction", "candidates", candidate_id, field));
  tx.commit();
  Outcome out{OutcomeKind::created, {}, {}, ""};
  out.record["id"] = *id;
  return out;
}

Result<std::vector<PersonalDataSection>> PersonalDataService::corrections(const Actor& actor,
                                                                         const std::string& status) {
  using R = Result<std::vector<PersonalDataSection>>;
  if (actor.role != Role::admin) return R::fail(OutcomeKind::forbidden, "forbidden");
  if (!status.empty() && status != "open" && status != "done" && status != "refused")
    return R::fail(OutcomeKind::invalid, "invalid_parameters", {{"status", "not_in_choices", {{"choices", "open, done, refused"}}}});
  auto conn = db_.connect();
  PersonalDataSection s{"corrections",
                        {"id", "candidate", "field", "requested_value", "reason", "status", "created_at",
                         "answered_at", "answer"},
                        {}};
  store::Params p;
  std::string where;
  if (!status.empty()) {
    where = " WHERE status = ?";
    p.push_back(status);
  }
  append_rows(s, conn.session(),
              "SELECT id, candidate_id, field, requested_value, reason, status, created_at, answered_at, answer "
              "FROM correction_requests" + where + " ORDER BY id DESC LIMIT 500",
              p);
  R out;
  out.value.push_back(std::move(s));
  return out;
}

Outcome PersonalDataService::answer_correction(const Actor& actor, std::int64_t request_id, const std::string& status,
                                               const std::string& answer) {
  if (actor.role != Role::admin) return Outcome::fail(OutcomeKind::forbidden, "forbidden");
  core::FieldErrors errors;
  if (status != "done" && status != "refused")
    errors.push_back({"status", "not_in_choices", {{"choices", "done, refused"}}});
  if (status == "refused" && core::trim(answer).empty()) errors.push_back({"answer", "required", {}});
  if (!core::is_valid_utf8(answer)) errors.push_back({"answer", "invalid_utf8", {}});
  else if (core::utf8_length(answer) > 1000) errors.push_back({"answer", "too_long", {{"max", "1000"}}});
  if (!errors.empty()) return Outcome::invalid(std::move(errors));
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::Transaction tx(sql);
  const auto row = store::fetch_one(sql, "SELECT candidate_id, status FROM correction_requests WHERE id = ?", {request_id});
  if (!row) return Outcome::fail(OutcomeKind::not_found, "not_found");
  if (core::to_text((*row)[1]) != "open") return Outcome::fail(OutcomeKind::conflict, "already_answered");
  store::execute(sql,
                 "UPDATE correction_requests SET status = ?, answer = ?, answered_at = ?, answered_by = ? WHERE id = ?",
                 {status, core::trim(answer), core::now_utc(), *actor.user_id, request_id});
  store::append_audit(sql, audit_entry(actor, "answer_correction", "candidates", store::as_integer((*row)[0]),
                                       status + " #" + std::to_string(request_id)));
  tx.commit();
  return {};
}

nlohmann::json rows_json(const PersonalDataSection& section) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : section.rows) {
    nlohmann::json o = nlohmann::json::object();
    for (std::size_t i = 0; i < section.columns.size() && i < r.size(); ++i) o[section.columns[i]] = r[i];
    rows.push_back(std::move(o));
  }
  return rows;
}

nlohmann::json sections_json(const std::vector<PersonalDataSection>& sections) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& s : sections) out[s.name] = rows_json(s);
  return out;
}

}  // namespace jobintech::app
