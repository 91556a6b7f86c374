#include "web/admission_json.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

json optional(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json optional(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json cohort_json(const store::RoundCohortRow& c) {
  return {{"id", c.id},
          {"code", c.code},
          {"track_code", c.track_code},
          {"region_code", c.region_code},
          {"city", c.city},
          {"site_name", c.site_name},
          {"operator_name", c.operator_name},
          {"start_date", c.start_date},
          {"admission_area", c.admission_area},
          {"capacity", c.capacity},
          {"reserved_women", c.reserved_women},
          {"reserved_local", c.reserved_local},
          {"weight_test", c.weight_test},
          {"weight_interview", c.weight_interview}};
}

json choice_json(const app::ChoiceView& c) {
  return {{"rank", c.rank},
          {"cohort", cohort_json(c.cohort)},
          {"status", c.status},
          {"ineligible_reason", text_or_null(c.ineligible_reason)},
          {"score", optional(c.score)},
          {"seat", text_or_null(c.seat)},
          {"answer_by", text_or_null(c.answer_by)}};
}

}  // namespace

json round_json(const app::RoundView& view) {
  const auto& r = view.round;
  json cohorts = json::array();
  for (const auto& c : view.cohorts) cohorts.push_back(cohort_json(c));
  return {{"id", r.id},
          {"code", r.code},
          {"name", r.name},
          {"opens_on", r.opens_on},
          {"closes_on", r.closes_on},
          {"status", r.status},
          {"accepting", view.accepting},
          {"max_choices", r.max_choices},
          {"answer_days", r.answer_days},
          {"min_age", optional(r.min_age)},
          {"max_age", optional(r.max_age)},
          {"min_education", text_or_null(r.min_education)},
          {"precedence", r.precedence},
          {"lottery_seed", r.lottery_seed},
          {"cohorts", cohorts}};
}

json choices_json(const app::CandidateChoices& c) {
  json choices = json::array();
  for (const auto& choice : c.choices) choices.push_back(choice_json(choice));
  json eligibility = json::object();
  for (const auto& [cohort_id, reason] : c.eligibility) {
    for (const auto& cohort : c.round.cohorts) {
      if (cohort.id == cohort_id) eligibility[cohort.code] = text_or_null(reason);
    }
  }
  return {{"round", round_json(c.round)}, {"choices", choices}, {"ineligible", eligibility}};
}

json run_json(const store::RunRow& r) {
  return {{"id", r.id},
          {"round_id", r.round_id},
          {"number", r.number},
          {"kind", r.kind},
          {"label", r.label},
          {"status", r.status},
          {"parameters", json::parse(r.parameters, nullptr, false)},
          {"summary", json::parse(r.summary, nullptr, false)},
          {"input_digest", r.input_digest},
          {"lottery_seed", r.lottery_seed},
          {"program_version", r.program_version},
          {"candidates", r.candidates},
          {"assigned", r.assigned},
          {"proposals", r.proposals},
          {"engine_ms", r.engine_ms},
          {"created_at", r.created_at},
          {"published_at", text_or_null(r.published_at)},
          {"answer_deadline", text_or_null(r.answer_deadline)}};
}

json result_json(const app::CandidateResult& r) {
  json choices = json::array();
  for (const auto& c : r.choices) {
    json standings = json::array();
    for (const auto& s : c.standings) {
      standings.push_back({{"seat", s.seat},
                           {"seats", s.seats},
                           {"filled", s.filled},
                           {"last_admitted", optional(s.last_admitted)},
                           {"compared_with", optional(s.compared_with)},
                           {"priority", s.priority},
                           {"standing", s.standing}});
    }
    json j = choice_json(c.choice);
    j["outcome"] = c.outcome;
    j["standings"] = standings;
    choices.push_back(j);
  }
  return {
      {"round", round_json(r.round)}, {"run", r.run ? run_json(*r.run) : json(nullptr)},          {"status", r.status},
      {"lottery", r.lottery},         {"offer", r.offer ? choice_json(*r.offer) : json(nullptr)}, {"choices", choices}};
}

json admissions_json(const app::CohortAdmissions& a, bool personal) {
  const auto lines = [personal](const std::vector<app::AdmissionLine>& list) {
    json out = json::array();
    int position = 0;
    for (const auto& l : list) {
      json j = {{"position", ++position}, {"candidate_id", l.candidate_id},
                {"gender", l.gender},     {"region_code", l.region_code},
                {"status", l.status},     {"seat", text_or_null(l.seat)},
                {"rank", l.rank},         {"score", optional(l.score)}};
      if (personal) {
        j["cin"] = l.cin;
        j["first_name"] = l.first_name;
        j["last_name"] = l.last_name;
      }
      out.push_back(j);
    }
    return out;
  };
  return {{"cohort", cohort_json(a.cohort)},
          {"run", a.run ? run_json(*a.run) : json(nullptr)},
          {"admitted", lines(a.admitted)},
          {"waitlist", lines(a.waitlist)}};
}

}  // namespace jobintech::web
