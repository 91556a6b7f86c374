// The JSON shapes of admission rounds, choices, results with their explanations, allocation runs
// and cohort admission lists, as the API answers them (docs/api.md). Pure conversions.
#pragma once

#include <nlohmann/json.hpp>

#include "app/admission_service.h"

namespace jobintech::web {

nlohmann::json round_json(const app::RoundView& round);
nlohmann::json choices_json(const app::CandidateChoices& choices);
nlohmann::json result_json(const app::CandidateResult& result);
nlohmann::json run_json(const store::RunRow& run);
nlohmann::json admissions_json(const app::CohortAdmissions& admissions, bool personal);

}  // namespace jobintech::web
