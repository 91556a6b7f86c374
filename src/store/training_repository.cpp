#include "store/training_repository.h"

#include "store/sql.h"

namespace jobintech::store {

namespace {

using core::Value;

const char* kLearnerColumns =
    "e.id, e.candidate_id, e.cohort_id, p.cin, p.first_name, p.last_name, e.status, e.exit_date, e.dropout_reason, "
    "f.id, f.code, f.revoked_on "
    "FROM enrolments e JOIN candidates p ON p.id = e.candidate_id "
    "LEFT JOIN certificates f ON f.enrolment_id = e.id";

LearnerRow learner_from(const Row& r) {
  LearnerRow l{.enrolment_id = as_integer(r[0]),
               .candidate_id = as_integer(r[1]),
               .cohort_id = as_integer(r[2]),
               .cin = as_text(r[3]),
               .first_name = as_text(r[4]),
               .last_name = as_text(r[5]),
               .status = as_text(r[6]),
               .exit_date = as_text(r[7]),
               .dropout_reason = as_text(r[8])};
  if (!core::is_null(r[9])) l.certificate_id = as_integer(r[9]);
  l.certificate_code = as_text(r[10]);
  l.certificate_revoked_on = as_text(r[11]);
  return l;
}

const char* kCertificateColumns =
    "f.id, f.enrolment_id, e.candidate_id, e.cohort_id, c.operator_id, f.code, f.issued_on, f.revoked_on, "
    "f.revoked_reason, f.created_at, p.first_name, p.last_name, c.code, e.exit_date, t.code, t.name_fr, t.name_ar, "
    "t.name_en, o.name "
    "FROM certificates f JOIN enrolments e ON e.id = f.enrolment_id JOIN candidates p ON p.id = e.candidate_id "
    "JOIN cohorts c ON c.id = e.cohort_id JOIN tracks t ON t.id = c.track_id "
    "JOIN organisations o ON o.id = c.operator_id";

CertificateRow certificate_from(const Row& r) {
  return CertificateRow{.id = as_integer(r[0]),
                        .enrolment_id = as_integer(r[1]),
                        .candidate_id = as_integer(r[2]),
                        .cohort_id = as_integer(r[3]),
                        .operator_id = as_integer(r[4]),
                        .code = as_text(r[5]),
                        .issued_on = as_text(r[6]),
                        .revoked_on = as_text(r[7]),
                        .revoked_reason = as_text(r[8]),
                        .created_at = as_text(r[9]),
                        .first_name = as_text(r[10]),
                        .last_name = as_text(r[11]),
                        .cohort_code = as_text(r[12]),
                        .graduated_on = as_text(r[13]),
                        .track_code = as_text(r[14]),
                        .track_name_fr = as_text(r[15]),
                        .track_name_ar = as_text(r[16]),
                        .track_name_en = as_text(r[17]),
                        .operator_name = as_text(r[18])};
}

}  // namespace

std::optional<TrainingCohortRow> TrainingRepository::cohort(std::int64_t cohort_id) {
  auto r = fetch_one(sql_,
                     "SELECT c.id, c.track_id, c.operator_id, c.code, t.code, t.name_fr, t.name_ar, t.name_en, o.name, "
                     "c.start_date, c.end_date, c.status FROM cohorts c JOIN tracks t ON t.id = c.track_id "
                     "JOIN organisations o ON o.id = c.operator_id WHERE c.id = ?",
                     {cohort_id});
  if (!r) return std::nullopt;
  const Row& x = *r;
  return TrainingCohortRow{.id = as_integer(x[0]),
                           .track_id = as_integer(x[1]),
                           .operator_id = as_integer(x[2]),
                           .code = as_text(x[3]),
                           .track_code = as_text(x[4]),
                           .track_name_fr = as_text(x[5]),
                           .track_name_ar = as_text(x[6]),
                           .track_name_en = as_text(x[7]),
                           .operator_name = as_text(x[8]),
                           .start_date = as_text(x[9]),
                           .end_date = as_text(x[10]),
                           .status = as_text(x[11])};
}

std::vector<LearnerRow> TrainingRepository::learners(std::int64_t cohort_id) {
  std::vector<LearnerRow> out;
  for (const auto& r : fetch_all(
           sql_,
           std::string("SELECT ") + kLearnerColumns + " WHERE e.cohort_id = ? ORDER BY p.last_name, p.first_name, e.id",
           {cohort_id}))
    out.push_back(learner_from(r));
  return out;
}

std::optional<LearnerRow> TrainingRepository::learner(std::int64_t enrolment_id) {
  auto r = fetch_one(sql_, std::string("SELECT ") + kLearnerColumns + " WHERE e.id = ?", {enrolment_id});
  if (!r) return std::nullopt;
  return learner_from(*r);
}

std::vector<AttendanceRow> TrainingRepository::attendance(std::int64_t cohort_id) {
  std::vector<AttendanceRow> out;
  for (const auto& r : fetch_all(sql_,
                                 "SELECT a.enrolment_id, a.day, a.present FROM attendance a "
                                 "JOIN enrolments e ON e.id = a.enrolment_id WHERE e.cohort_id = ? "
                                 "ORDER BY a.day, a.enrolment_id",
                                 {cohort_id}))
    out.push_back({as_integer(r[0]), as_text(r[1]), as_integer(r[2]) == 1});
  return out;
}

void TrainingRepository::put_attendance(std::int64_t enrolment_id, const std::string& day, bool present) {
  execute(sql_,
          "INSERT INTO attendance (enrolment_id, day, present) VALUES (?, ?, ?) "
          "ON CONFLICT (enrolment_id, day) DO UPDATE SET present = excluded.present",
          {enrolment_id, day, std::int64_t{present ? 1 : 0}});
}

std::vector<SkillRow> TrainingRepository::track_skills(std::int64_t track_id) {
  std::vector<SkillRow> out;
  for (const auto& r : fetch_all(sql_,
                                 "SELECT s.code, s.name_fr, s.name_ar, s.name_en FROM track_skills ts "
                                 "JOIN skills s ON s.code = ts.skill_code WHERE ts.track_id = ? ORDER BY s.code",
                                 {track_id}))
    out.push_back({as_text(r[0]), as_text(r[1]), as_text(r[2]), as_text(r[3])});
  return out;
}

std::vector<AssessmentRow> TrainingRepository::assessments(std::int64_t enrolment_id) {
  std::vector<AssessmentRow> out;
  for (const auto& r : fetch_all(sql_,
                                 "SELECT skill_code, validated, assessed_on FROM assessments WHERE enrolment_id = ? "
                                 "ORDER BY skill_code",
                                 {enrolment_id}))
    out.push_back({as_text(r[0]), as_integer(r[1]) == 1, as_text(r[2])});
  return out;
}

void TrainingRepository::put_assessment(std::int64_t enrolment_id, const std::string& skill_code, bool validated,
                                        const std::string& assessed_on) {
  execute(sql_,
          "INSERT INTO assessments (enrolment_id, skill_code, validated, assessed_on) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (enrolment_id, skill_code) DO UPDATE SET validated = excluded.validated, "
          "assessed_on = excluded.assessed_on",
          {enrolment_id, skill_code, std::int64_t{validated ? 1 : 0}, assessed_on});
}

std::vector<std::string> TrainingRepository::validated_skills(std::int64_t candidate_id) {
  std::vector<std::string> out;
  for (const auto& r : fetch_all(sql_,
                                 "SELECT DISTINCT a.skill_code FROM assessments a "
                                 "JOIN enrolments e ON e.id = a.enrolment_id "
                                 "WHERE e.candidate_id = ? AND a.validated = 1 ORDER BY a.skill_code",
                                 {candidate_id}))
    out.push_back(as_text(r[0]));
  return out;
}

std::optional<CertificateRow> TrainingRepository::certificate_where(const std::string& where, const Value& value) {
  auto r = fetch_one(sql_, std::string("SELECT ") + kCertificateColumns + " WHERE " + where, {value});
  if (!r) return std::nullopt;
  return certificate_from(*r);
}

std::optional<CertificateRow> TrainingRepository::certificate(std::int64_t certificate_id) {
  return certificate_where("f.id = ?", certificate_id);
}

std::optional<CertificateRow> TrainingRepository::certificate_of_enrolment(std::int64_t enrolment_id) {
  return certificate_where("f.enrolment_id = ?", enrolment_id);
}

std::optional<CertificateRow> TrainingRepository::certificate_by_code(const std::string& code) {
  return certificate_where("f.code = ?", code);
}

std::int64_t TrainingRepository::insert_certificate(std::int64_t enrolment_id, const std::string& code,
                                                    const std::string& issued_on, const std::string& now) {
  execute(sql_, "INSERT INTO certificates (enrolment_id, code, issued_on, created_at) VALUES (?, ?, ?, ?)",
          {enrolment_id, code, issued_on, now});
  return *fetch_integer(sql_, "SELECT id FROM certificates WHERE enrolment_id = ?", {enrolment_id});
}

void TrainingRepository::revoke_certificate(std::int64_t certificate_id, const std::string& on,
                                            const std::string& reason) {
  execute(sql_, "UPDATE certificates SET revoked_on = ?, revoked_reason = ? WHERE id = ?",
          {on, reason, certificate_id});
}

}  // namespace jobintech::store
