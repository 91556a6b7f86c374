#include "web/training_json.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json learner_json(const app::LearnerAttendance& l) {
  return {{"enrolment_id", l.learner.enrolment_id},
          {"candidate_id", l.learner.candidate_id},
          {"first_name", l.learner.first_name},
          {"last_name", l.learner.last_name},
          {"status", l.learner.status},
          {"present", l.present},
          {"days", l.days},
          {"rate", l.rate ? json(*l.rate) : json(nullptr)}};
}

}  // namespace

std::string localized(const std::string& lang, const std::string& fr, const std::string& ar, const std::string& en) {
  const std::string& pick = lang == "ar" ? ar : lang == "en" ? en : fr;
  return pick.empty() ? fr : pick;
}

json attendance_json(const app::CohortAttendance& a) {
  json learners = json::array();
  for (const auto& l : a.learners) learners.push_back(learner_json(l));
  json out = {{"cohort",
               {{"id", a.cohort.id},
                {"code", a.cohort.code},
                {"track_code", a.cohort.track_code},
                {"start_date", a.cohort.start_date},
                {"end_date", a.cohort.end_date}}},
              {"days", a.days},
              {"learners", learners}};
  if (a.threshold) {
    json below = json::array();
    for (const auto& l : a.below_threshold) below.push_back(learner_json(l));
    out["threshold"] = *a.threshold;
    out["below_threshold"] = below;
  }
  return out;
}

json assessments_json(const app::EnrolmentAssessments& a, const std::string& lang) {
  json skills = json::array();
  for (const auto& s : a.skills) {
    skills.push_back({{"code", s.skill.code},
                      {"name", localized(lang, s.skill.name_fr, s.skill.name_ar, s.skill.name_en)},
                      {"state", s.state},
                      {"validated", s.state == "none" ? json(nullptr) : json(s.state == "validated")},
                      {"assessed_on", text_or_null(s.assessed_on)}});
  }
  return {{"enrolment_id", a.learner.enrolment_id},
          {"candidate_id", a.learner.candidate_id},
          {"cohort_code", a.cohort.code},
          {"track_code", a.cohort.track_code},
          {"skills", skills}};
}

json certificate_json(const store::CertificateRow& c, const std::string& lang) {
  return {{"id", c.id},
          {"enrolment_id", c.enrolment_id},
          {"candidate_id", c.candidate_id},
          {"code", c.code},
          {"first_name", c.first_name},
          {"last_name", c.last_name},
          {"cohort_code", c.cohort_code},
          {"track_code", c.track_code},
          {"track_name", localized(lang, c.track_name_fr, c.track_name_ar, c.track_name_en)},
          {"graduated_on", c.graduated_on},
          {"issued_on", c.issued_on},
          {"revoked", !c.revoked_on.empty()},
          {"revoked_on", text_or_null(c.revoked_on)},
          {"revoked_reason", text_or_null(c.revoked_reason)},
          {"verify_path", "/verify/" + c.code},
          {"page_path", "/certificates/" + std::to_string(c.id)}};
}

json verification_json(const app::Verification& v, const std::string& lang) {
  return {{"valid", v.revoked_on.empty()},
          {"name", v.first_name + " " + v.last_name},
          {"track_code", v.track_code},
          {"track_name", localized(lang, v.track_name_fr, v.track_name_ar, v.track_name_en)},
          {"cohort_code", v.cohort_code},
          {"graduated_on", v.graduated_on},
          {"revoked", !v.revoked_on.empty()},
          {"revoked_on", text_or_null(v.revoked_on)}};
}

}  // namespace jobintech::web
