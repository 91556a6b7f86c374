// The API of employers' demand and matching (docs/matching.md, docs/api.md): the ranked
// learners of an offer with their explanation, contact requests and hires; a learner's skills,
// consent and recommended offers; the supply-demand view. Offers themselves are a resource
// (/api/v1/offers).
#include "core/validation.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

// ?same_region=true|false&limit=1..200&offset=0..; other parameters refused (lang aside).
std::optional<app::MatchQuery> match_query(const httplib::Request& req, core::FieldErrors& errors) {
  app::MatchQuery q;
  long long limit = q.limit, offset = q.offset;
  for (const auto& [name, value] : req.params) {
    if (name == "same_region") {
      if (value == "true" || value == "1") q.same_region = true;
      else if (value == "false" || value == "0") q.same_region = false;
      else errors.push_back({name, "boolean_format", {}});
    } else if (!paging_parameter(name, value, 200, limit, offset, errors) && name != "lang") {
      errors.push_back({name, "unknown_parameter", {}});
    }
  }
  if (!errors.empty()) return std::nullopt;
  q.limit = static_cast<int>(limit);
  q.offset = static_cast<int>(offset);
  return q;
}

json why_json(const app::Explained& e) {
  return {{"score", e.score},
          {"required_matched", e.required_matched},
          {"required_missing", e.required_missing},
          {"nice_matched", e.nice_matched}};
}

json skills_json(const std::vector<store::LearnerSkillRow>& skills) {
  json out = json::array();
  for (const auto& s : skills) out.push_back({{"code", s.code}, {"source", s.validated ? "validated" : "declared"}});
  return out;
}

json consent_json(const app::ConsentView& c) {
  return {{"visible", c.visible},
          {"graduated", c.graduated},
          {"text_version", c.visible ? json(c.text_version) : json(nullptr)},
          {"given_at", c.visible ? json(c.given_at) : json(nullptr)}};
}

json contact_json(const store::ContactRequestRow& r) {
  return {{"id", r.id},
          {"offer_id", r.offer_id},
          {"offer_title", r.offer_title},
          {"employer_name", r.employer_name},
          {"candidate_id", r.candidate_id},
          {"message", r.message},
          {"status", r.status},
          {"created_at", r.created_at},
          {"answered_at", r.answered_at.empty() ? json(nullptr) : json(r.answered_at)}};
}

json offer_card_json(const store::OfferCardRow& o) {
  auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", o.id},
          {"title", o.title},
          {"employer_name", o.employer_name},
          {"region_code", o.region_code},
          {"city", o.city},
          {"remote", o.remote},
          {"contract_type", o.contract_type},
          {"positions", o.positions},
          {"salary_min_mad", opt(o.salary_min_mad)},
          {"salary_max_mad", opt(o.salary_max_mad)},
          {"start_date", o.start_date.empty() ? json(nullptr) : json(o.start_date)},
          {"status", o.status}};
}

// A field of a JSON body: reports a wrong type as a field error.
std::optional<std::int64_t> body_id(const json& body, const char* field, core::FieldErrors& errors) {
  if (!body.contains(field)) {
    errors.push_back({field, "required", {}});
    return std::nullopt;
  }
  if (!body[field].is_number_integer()) {
    errors.push_back({field, "integer_format", {}});
    return std::nullopt;
  }
  return body[field].get<std::int64_t>();
}

std::string body_text(const json& body, const char* field, core::FieldErrors& errors) {
  if (!body.contains(field) || body[field].is_null()) return "";
  if (!body[field].is_string()) {
    errors.push_back({field, "text_expected", {}});
    return "";
  }
  return body[field].get<std::string>();
}

}  // namespace

void register_matching_api_routes(Router& router, Services& s) {
  router.add({"GET", "/api/v1/offers/{id}/matches", Audience::signed_in, Kind::api,
              "The consenting graduates ranked for an offer, highest score first, with the required skills matched "
              "and missing and the nice-to-have matched (?same_region=true&limit=20&offset=0); no CIN, birth date "
              "or contact details until the learner accepts a contact request",
              "offers", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                core::FieldErrors errors;
                auto q = match_query(req, errors);
                if (!q) return send_problem(res, ctx, 422, "invalid_parameters", errors);
                auto out = s.matching.ranked_learners(*ctx.actor, path_id(req), *q);
                if (failed(res, ctx, out)) return;
                json items = json::array();
                for (const auto& m : out.value.items) {
                  json j = {{"candidate_id", m.candidate_id}, {"first_name", m.first_name},
                            {"last_initial", m.last_initial}, {"region_code", m.region_code},
                            {"track_code", m.track_code},     {"skills", skills_json(m.skills)},
                            {"contact_status", m.contact_status.empty() ? json(nullptr) : json(m.contact_status)},
                            {"hired", m.hired}};
                  j.update(why_json(m.why));
                  if (m.contact_status == "accepted")
                    j["contact"] = {{"last_name", m.last_name}, {"email", m.email}, {"phone", m.phone}};
                  items.push_back(std::move(j));
                }
                send_json(res, 200, {{"items", items}, {"total", out.value.total}, {"limit", out.value.limit},
                                     {"offset", out.value.offset}});
              }});
  router.add({"POST", "/api/v1/offers/{id}/contacts", Audience::signed_in, Kind::api,
              "Ask a consenting graduate whether she agrees to be contacted about this offer (body: "
              "{\"candidate_id\", \"message\"})",
              "offers", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (failed(res, ctx, s.matching.may_manage_offer(*ctx.actor, path_id(req)))) return;
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                refuse_unknown(*body, {"candidate_id", "message"}, errors);
                const auto candidate = body_id(*body, "candidate_id", errors);
                const auto message = body_text(*body, "message", errors);
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                auto out = s.matching.request_contact(*ctx.actor, path_id(req), *candidate, message);
                if (!failed(res, ctx, out)) send_json(res, 201, contact_json(out.value));
              }});
  router.add({"POST", "/api/v1/offers/{id}/hires", Audience::signed_in, Kind::api,
              "Record the hire of a learner who accepted this offer's contact request: creates her placement "
              "(body: {\"candidate_id\", \"start_date\", \"contract_type\", \"job_title\", \"monthly_salary_mad\"}; "
              "contract and title default to the offer's)",
              "offers", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (failed(res, ctx, s.matching.may_manage_offer(*ctx.actor, path_id(req)))) return;
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                refuse_unknown(*body, {"candidate_id", "start_date", "contract_type", "job_title", "monthly_salary_mad"},
                               errors);
                const auto candidate = body_id(*body, "candidate_id", errors);
                app::HireInput input;
                input.start_date = body_text(*body, "start_date", errors);
                input.contract_type = body_text(*body, "contract_type", errors);
                input.job_title = body_text(*body, "job_title", errors);
                if (body->contains("monthly_salary_mad") && !(*body)["monthly_salary_mad"].is_null()) {
                  if ((*body)["monthly_salary_mad"].is_number())
                    input.monthly_salary_mad = (*body)["monthly_salary_mad"].get<double>();
                  else
                    errors.push_back({"monthly_salary_mad", "decimal_format", {}});
                }
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                auto out = s.matching.record_hire(*ctx.actor, path_id(req), *candidate, input);
                if (!failed(res, ctx, out)) send_json(res, 201, {{"placement_id", out.value}});
              }});
  router.add({"GET", "/api/v1/candidates/{id}/skills", Audience::signed_in, Kind::api,
              "A learner's skills: validated by assessment, or declared by her", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.matching.skills(*ctx.actor, path_id(req));
                if (!failed(res, ctx, out)) send_json(res, 200, {{"items", skills_json(out.value)}});
              }});
  router.add({"POST", "/api/v1/candidates/{id}/skills", Audience::signed_in, Kind::api,
              "Declare a skill of the catalogue (body: {\"skill_code\"}); only the learner herself", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (failed(res, ctx, s.matching.may_write_learner(*ctx.actor, path_id(req)))) return;
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                refuse_unknown(*body, {"skill_code"}, errors);
                const auto code = body_text(*body, "skill_code", errors);
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                auto out = s.matching.declare_skill(*ctx.actor, path_id(req), code);
                if (!failed(res, ctx, out)) send_json(res, 200, {{"items", skills_json(out.value)}});
              }});
  router.add({"DELETE", "/api/v1/candidates/{id}/skills/{code}", Audience::signed_in, Kind::api,
              "Remove a declared skill; only the learner herself", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.matching.remove_declared_skill(*ctx.actor, path_id(req), req.matches[2].str());
                if (!failed(res, ctx, out)) send_json(res, 200, {{"items", skills_json(out.value)}});
              }});
  router.add({"GET", "/api/v1/candidates/{id}/consent", Audience::signed_in, Kind::api,
              "Whether a learner agreed to be visible to employers, since when and to which text version",
              "candidates", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.matching.consent(*ctx.actor, path_id(req));
                if (!failed(res, ctx, out)) send_json(res, 200, consent_json(out.value));
              }});
  router.add({"PUT", "/api/v1/candidates/{id}/consent", Audience::signed_in, Kind::api,
              "Give or withdraw the consent to be visible to employers (body: {\"visible\": true|false}); only "
              "the learner herself",
              "candidates", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (failed(res, ctx, s.matching.may_write_learner(*ctx.actor, path_id(req)))) return;
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                refuse_unknown(*body, {"visible"}, errors);
                if (!body->contains("visible")) errors.push_back({"visible", "required", {}});
                else if (!(*body)["visible"].is_boolean()) errors.push_back({"visible", "boolean_format", {}});
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                auto out = s.matching.set_consent(*ctx.actor, path_id(req), (*body)["visible"].get<bool>());
                if (!failed(res, ctx, out)) send_json(res, 200, consent_json(out.value));
              }});
  router.add({"GET", "/api/v1/candidates/{id}/recommended-offers", Audience::signed_in, Kind::api,
              "The open offers ranked for a learner, with the required skills she misses for each "
              "(?same_region=true&limit=20&offset=0)",
              "candidates", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                core::FieldErrors errors;
                auto q = match_query(req, errors);
                if (!q) return send_problem(res, ctx, 422, "invalid_parameters", errors);
                auto out = s.matching.recommended_offers(*ctx.actor, path_id(req), *q);
                if (failed(res, ctx, out)) return;
                json items = json::array();
                for (const auto& m : out.value.items) {
                  json j = offer_card_json(m.offer);
                  j.update(why_json(m.why));
                  items.push_back(std::move(j));
                }
                send_json(res, 200, {{"items", items}, {"total", out.value.total}, {"limit", out.value.limit},
                                     {"offset", out.value.offset}});
              }});
  router.add({"GET", "/api/v1/contacts", Audience::signed_in, Kind::api,
              "Contact requests: a learner's, or an employer's (latest first)", "",
              [&s](const httplib::Request&, httplib::Response& res, RequestContext& ctx) {
                auto out = s.matching.contact_requests(*ctx.actor);
                if (failed(res, ctx, out)) return;
                json items = json::array();
                for (const auto& r : out.value) items.push_back(contact_json(r));
                send_json(res, 200, {{"items", items}});
              }});
  router.add({"POST", "/api/v1/contacts/{id}/answer", Audience::signed_in, Kind::api,
              "The learner accepts or declines a contact request (body: {\"accept\": true|false})", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (ctx.actor->role != app::Role::candidate) return send_problem(res, ctx, 403, "forbidden");
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                refuse_unknown(*body, {"accept"}, errors);
                if (!body->contains("accept")) errors.push_back({"accept", "required", {}});
                else if (!(*body)["accept"].is_boolean()) errors.push_back({"accept", "boolean_format", {}});
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                auto out = s.matching.answer_contact(*ctx.actor, path_id(req), (*body)["accept"].get<bool>());
                if (!failed(res, ctx, out)) send_json(res, 200, contact_json(out.value));
              }});
  router.add({"GET", "/api/v1/supply-demand", Audience::signed_in, Kind::api,
              "Open positions requiring each skill against graduates holding it, largest gap first, with the "
              "tracks that teach it (?region=CODE; none: the whole country)",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                core::FieldErrors errors;
                std::string region;
                for (const auto& [name, value] : req.params) {
                  if (name == "region") region = value;
                  else if (name != "lang") errors.push_back({name, "unknown_parameter", {}});
                }
                if (!region.empty() && (region.size() != 2 || !core::parse_integer(region) ||
                                        *core::parse_integer(region) < 1 || *core::parse_integer(region) > 12))
                  errors.push_back({"region", "region_unknown", {}});
                if (ctx.actor->role != app::Role::admin && ctx.actor->role != app::Role::steering)
                  return send_problem(res, ctx, 403, "forbidden");
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_parameters", errors);
                auto out = s.matching.supply_demand(*ctx.actor, region);
                if (failed(res, ctx, out)) return;
                auto line_json = [](const app::SupplyDemandLine& l) {
                  return json{{"region_code", l.region_code.empty() ? json(nullptr) : json(l.region_code)},
                              {"skill_code", l.skill_code},
                              {"positions", l.positions},
                              {"graduates", l.graduates},
                              {"gap", l.gap()},
                              {"tracks", l.tracks}};
                };
                json lines = json::array(), regions = json::array();
                for (const auto& l : out.value.lines) lines.push_back(line_json(l));
                for (const auto& l : out.value.regions) regions.push_back(line_json(l));
                send_json(res, 200, {{"region_code", region.empty() ? json(nullptr) : json(region)},
                                     {"skills", lines},
                                     {"regions", regions}});
              }});
}

}  // namespace jobintech::web
