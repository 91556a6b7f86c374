// TrainingService: the use cases of a cohort's training (docs/training.md).
//  - attendance per session day, entered in bulk for a day or imported from a CSV file; a
//    learner's attendance rate is the days she was present over the days attendance was taken
//    for her; the learners still enrolled below a threshold are listed for follow-up;
//  - assessments per skill of the cohort's track (validated or not): validated skills feed job
//    matching (validated_skills);
//  - a graduate's certificate with a random verification code, issued on first request,
//    revocable, and checked by anyone on the public verification page.
// Who: the programme office on every cohort, an operator on its own cohorts (others' are not
// found), a learner reads her own assessments and certificate. Each write runs in one
// transaction with its audit line; bad input is refused whole with errors naming the field (or
// the CSV line and column). Thread-safe: each call leases its own connection.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/actor.h"
#include "app/admission_service.h"  // Result
#include "app/importer.h"           // ImportReport, the line-by-line report every import gives
#include "store/database.h"
#include "store/training_repository.h"

namespace jobintech::app {

inline constexpr double kDefaultAttendanceThreshold = 0.8;

struct LearnerAttendance {
  store::LearnerRow learner;
  int present = 0, days = 0;   // days: the days attendance was taken for her
  std::optional<double> rate;  // present / days; none when days is 0
};

struct CohortAttendance {
  store::TrainingCohortRow cohort;
  std::vector<std::string> days;  // the session days: those on which attendance was taken, in order
  std::vector<LearnerAttendance> learners;
  std::optional<double> threshold;
  std::vector<LearnerAttendance> below_threshold;  // still enrolled and rate < threshold (when one is given)
  // present[enrolment_id][day], for the page's grid and the bulk form's defaults.
  std::map<std::int64_t, std::map<std::string, bool>> marks;
};

// One day's attendance: the learners present and those absent (enrolment ids).
struct AttendanceSheet {
  std::string day;
  std::vector<std::int64_t> present, absent;
};

struct SkillAssessment {
  store::SkillRow skill;
  std::string state;  // validated, not_validated, none
  std::string assessed_on;
};

struct EnrolmentAssessments {
  store::TrainingCohortRow cohort;
  store::LearnerRow learner;
  std::vector<SkillAssessment> skills;  // every skill of the track
};

struct AssessmentSheet {
  std::string assessed_on;
  std::vector<std::pair<std::string, bool>> skills;  // skill code -> validated
};

// What the training page shows: attendance, the track's skills and each learner's assessments.
struct CohortTraining {
  CohortAttendance attendance;
  std::vector<store::SkillRow> skills;
  std::map<std::int64_t, std::vector<SkillAssessment>> assessments;  // by enrolment id
};

// What the public verification page says: nothing beyond name, track, cohort and date.
struct Verification {
  std::string first_name, last_name, cohort_code, graduated_on;
  std::string track_code, track_name_fr, track_name_ar, track_name_en;
  std::string revoked_on;  // empty unless revoked
};

class TrainingService {
 public:
  explicit TrainingService(store::Database& db) : db_(db) {}

  // Roles that may write training records at all (the cohort is checked by each call).
  static bool trains(const Actor& actor) { return actor.role == Role::admin || actor.role == Role::operator_staff; }

  // The cohort, or the learner (enrolment), if the actor may write its training records: what a
  // handler checks before it reports a malformed body, so that others learn nothing from it.
  Result<store::TrainingCohortRow> cohort(const Actor& actor, std::int64_t cohort_id);
  Result<store::LearnerRow> learner(const Actor& actor, std::int64_t enrolment_id);

  Result<CohortAttendance> attendance(const Actor& actor, std::int64_t cohort_id, std::optional<double> threshold);
  Result<CohortTraining> training(const Actor& actor, std::int64_t cohort_id, double threshold);
  // Refused whole (422) when the day is not a date, outside the cohort's dates or in the future,
  // an id is not a learner of this cohort, or appears twice. Fields: day, present[i], absent[i].
  Result<CohortAttendance> record_attendance(const Actor& actor, std::int64_t cohort_id, const AttendanceSheet& sheet);
  // CSV columns cin,day,present (1/0, oui/non, yes/no, vrai/faux, true/false). Nothing is written
  // unless every line is right; the report names each bad line and column. Fails (not_found,
  // forbidden) before reading when the cohort is not the actor's; `invalid` with the report when
  // the file is refused.
  Result<ImportReport> import_attendance(const Actor& actor, std::int64_t cohort_id, std::string_view bytes);

  Result<EnrolmentAssessments> assessments(const Actor& actor, std::int64_t enrolment_id);
  // Refused whole (422) when assessed_on is not a date or in the future, no skill is given, or a
  // skill is not one of the track's (field "skills.CODE").
  Result<EnrolmentAssessments> record_assessments(const Actor& actor, std::int64_t enrolment_id,
                                                  const AssessmentSheet& sheet);
  // The skills validated in any of a candidate's enrolments (for job matching).
  std::vector<std::string> validated_skills(std::int64_t candidate_id);

  // The certificate of a graduated enrolment: issued on the first call (created), the same one
  // afterwards (ok); conflict "not_graduated" otherwise.
  Result<store::CertificateRow> issue_certificate(const Actor& actor, std::int64_t enrolment_id);
  Result<store::CertificateRow> certificate(const Actor& actor, std::int64_t certificate_id);
  // The certificate of an enrolment, if issued, for those who may read it (not_found otherwise).
  Result<store::CertificateRow> certificate_of_enrolment(const Actor& actor, std::int64_t enrolment_id);
  // The programme office or the cohort's operator, with a reason (field "reason").
  Result<store::CertificateRow> revoke_certificate(const Actor& actor, std::int64_t certificate_id,
                                                   const std::string& reason);
  // Anyone: not_found for an unknown code.
  Result<Verification> verify(const std::string& code);

 private:
  store::Database& db_;
};

// A new verification code: 128 random bits as 26 characters of base32 (RFC 4648 alphabet, lower
// case, no padding). Unguessable, and short enough to type from a printed page.
std::string new_verification_code();
// "1", "0", "oui", "non", "yes", "no", "vrai", "faux", "true", "false" (any case, trimmed).
std::optional<bool> parse_presence(std::string_view text);

}  // namespace jobintech::app
