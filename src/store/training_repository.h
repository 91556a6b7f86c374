// TrainingRepository: the SQL of a cohort's training — its learners (enrolments with their
// candidate), attendance per session day, assessments per skill of the track, and graduates'
// certificates with their verification codes. Plain rows in, plain rows out; the caller owns the
// transaction. Not thread-safe: one per session.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/value.h"

namespace jobintech::store {

struct TrainingCohortRow {
  std::int64_t id = 0, track_id = 0, operator_id = 0;
  std::string code, track_code, track_name_fr, track_name_ar, track_name_en, operator_name;
  std::string start_date, end_date, status;
};

// An enrolment with its learner and, once issued, its certificate.
struct LearnerRow {
  std::int64_t enrolment_id = 0, candidate_id = 0, cohort_id = 0;
  std::string cin, first_name, last_name, status, exit_date, dropout_reason;
  std::optional<std::int64_t> certificate_id;
  std::string certificate_code, certificate_revoked_on;
};

struct AttendanceRow {
  std::int64_t enrolment_id = 0;
  std::string day;
  bool present = false;
};

struct SkillRow {
  std::string code, name_fr, name_ar, name_en;
};

struct AssessmentRow {
  std::string skill_code;
  bool validated = false;
  std::string assessed_on;
};

// A certificate with what its page and the public verification show.
struct CertificateRow {
  std::int64_t id = 0, enrolment_id = 0, candidate_id = 0, cohort_id = 0, operator_id = 0;
  std::string code, issued_on, revoked_on, revoked_reason, created_at;
  std::string first_name, last_name, cohort_code, graduated_on;  // graduated_on: the enrolment's exit date
  std::string track_code, track_name_fr, track_name_ar, track_name_en, operator_name;
};

class TrainingRepository {
 public:
  explicit TrainingRepository(soci::session& sql) : sql_(sql) {}

  std::optional<TrainingCohortRow> cohort(std::int64_t cohort_id);
  // The learners of a cohort, by last name then first name.
  std::vector<LearnerRow> learners(std::int64_t cohort_id);
  std::optional<LearnerRow> learner(std::int64_t enrolment_id);

  // Every attendance line of a cohort's learners, by day.
  std::vector<AttendanceRow> attendance(std::int64_t cohort_id);
  // Inserts or replaces the line of (enrolment, day).
  void put_attendance(std::int64_t enrolment_id, const std::string& day, bool present);

  std::vector<SkillRow> track_skills(std::int64_t track_id);
  std::vector<AssessmentRow> assessments(std::int64_t enrolment_id);
  // Inserts or replaces the assessment of (enrolment, skill).
  void put_assessment(std::int64_t enrolment_id, const std::string& skill_code, bool validated,
                      const std::string& assessed_on);
  // The skills a candidate had validated in any of her enrolments, sorted: what job matching reads.
  std::vector<std::string> validated_skills(std::int64_t candidate_id);

  std::optional<CertificateRow> certificate(std::int64_t certificate_id);
  std::optional<CertificateRow> certificate_of_enrolment(std::int64_t enrolment_id);
  std::optional<CertificateRow> certificate_by_code(const std::string& code);
  // Throws on a unique violation (the enrolment has one already, or the code is taken).
  std::int64_t insert_certificate(std::int64_t enrolment_id, const std::string& code, const std::string& issued_on,
                                  const std::string& now);
  void revoke_certificate(std::int64_t certificate_id, const std::string& on, const std::string& reason);

 private:
  std::optional<CertificateRow> certificate_where(const std::string& where, const core::Value& value);
  soci::session& sql_;
};

}  // namespace jobintech::store
