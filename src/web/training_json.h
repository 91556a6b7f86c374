// The JSON shapes of a cohort's attendance, a learner's assessments, certificates and the public
// verification, as the API answers them (docs/api.md). Names of tracks and skills in the request's
// language. Pure conversions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/training_service.h"

namespace jobintech::web {

// name_fr, name_ar or name_en, French when the language has none.
std::string localized(const std::string& lang, const std::string& fr, const std::string& ar, const std::string& en);

nlohmann::json attendance_json(const app::CohortAttendance& attendance);
nlohmann::json assessments_json(const app::EnrolmentAssessments& assessments, const std::string& lang);
nlohmann::json certificate_json(const store::CertificateRow& certificate, const std::string& lang);
// Only what the public may read: name, track, cohort, graduation date, revocation date.
nlohmann::json verification_json(const app::Verification& verification, const std::string& lang);

}  // namespace jobintech::web
