// The "Jobs" section of a learner's page (docs/matching.md), for her and for the programme
// office: her skills (validated by assessment, or declared by her), her consent to be visible to
// employers (the text she agrees to and its version, when she gave it), the contact requests
// employers sent her, and the open offers recommended to her with the required skills she misses.
// She declares and removes skills, gives or withdraws her consent and answers requests with
// forms posting to /candidates/{id}/...; each goes through app::MatchingService as the API does
// (only she may, one transaction, the audit log). Saved: 303 back to her page. Refused: her page
// again (422, or 409 for a request already answered) with the message next to the form.
#include <algorithm>
#include <cmath>
#include <set>

#include "core/validation.h"
#include "web/matching_pages.h"
#include "web/page_builder.h"
#include "web/router.h"

namespace jobintech::web {

// The candidate page (web/page_routes.cpp). A refused form of ours is shown on it by passing, in
// place of the placement form, {"matching_refused": {"form", "request_id", "refusal"}}; only the
// learner herself posts these forms, and her page has no placement form.
void candidate_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                    std::int64_t id, const nlohmann::json& placement_form, int status);

namespace {

using nlohmann::json;

constexpr int kRecommended = 10;

const app::Messages& messages() { return app::Messages::global(); }

json refused_of(const json& placement_form) {
  if (placement_form.is_object() && placement_form.contains("matching_refused")) return placement_form["matching_refused"];
  return nullptr;
}

json refusal_for(const json& refused, const std::string& form, std::int64_t request_id = 0) {
  const json none = {{"has_errors", false}};
  if (!refused.is_object() || refused.value("form", "") != form) return none;
  if (request_id && refused.value("request_id", std::int64_t{0}) != request_id) return none;
  return refused["refusal"];
}

// The catalogue's skills she does not hold yet, by group, for the "declare a skill" list.
json declarable(const std::set<std::string>& held, const std::string& lang) {
  const auto& catalogue = SkillCatalogue::global();
  json groups = json::array();
  for (const auto& g : catalogue.groups()) {
    std::vector<std::pair<std::string, std::string>> skills;
    for (const auto& s : catalogue.skills())
      if (s.group == g && !held.count(s.code)) skills.emplace_back(s.name(lang), s.code);
    if (skills.empty()) continue;
    std::sort(skills.begin(), skills.end());
    json items = json::array();
    for (const auto& [name, code] : skills) items.push_back({{"code", code}, {"name", name}});
    groups.push_back({{"label", messages().text(lang, "skill_group." + g)}, {"skills", items}});
  }
  return groups;
}

void refuse_on_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                    std::int64_t candidate_id, const std::string& form, std::int64_t request_id,
                    core::FieldErrors errors, const std::string& code, int status) {
  if (errors.empty()) errors.push_back({"", code.empty() ? "error" : code, {}});
  candidate_page(s, req, res, ctx, candidate_id,
                 json{{"matching_refused",
                       {{"form", form}, {"request_id", request_id}, {"refusal", refusal_json(errors, ctx.lang)}}}},
                 status);
}

bool is_self(const RequestContext& ctx, std::int64_t candidate_id) {
  return ctx.actor->role == app::Role::candidate && ctx.actor->candidate_id == candidate_id;
}

// A learner's form used on another's page: another candidate is told it does not exist (404), as
// the API does; staff and employers, that it is not theirs to use (403).
void refuse_not_self(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
  const bool candidate = ctx.actor->role == app::Role::candidate;
  PageBuilder(s, req, ctx).error_page(res, candidate ? 404 : 403, candidate ? "not_found" : "forbidden");
}

}  // namespace

json matching_section(Services& s, const httplib::Request& req, const RequestContext& ctx, std::int64_t candidate_id,
                      const json& placement_form) {
  const auto& actor = *ctx.actor;
  const bool self = is_self(ctx, candidate_id);
  if (!self && actor.role != app::Role::admin) return nullptr;
  const auto skills = s.matching.skills(actor, candidate_id);
  const auto consent = s.matching.consent(actor, candidate_id);
  if (!skills.ok() || !consent.ok()) return nullptr;
  const auto& lang = ctx.lang;
  const auto& m = messages();
  const json refused = refused_of(placement_form);
  const std::string base = "/candidates/" + std::to_string(candidate_id);
  json section = {{"self", self}, {"base", base}};

  // Her skills.
  std::vector<std::string> validated, declared;
  std::set<std::string> held;
  for (const auto& k : skills.value) {
    (k.validated ? validated : declared).push_back(k.code);
    held.insert(k.code);
  }
  section["validated"] = skill_names(validated, lang);
  section["declared"] = skill_names(declared, lang);
  section["has_validated"] = !validated.empty();
  section["has_declared"] = !declared.empty();
  if (self) {
    section["declare_groups"] = declarable(held, lang);
    section["declare_refusal"] = refusal_for(refused, "declare");
    section["remove_refusal"] = refusal_for(refused, "remove");
  }

  // Her consent.
  const auto& c = consent.value;
  section["consent"] = {{"visible", c.visible},
                        {"graduated", c.graduated},
                        {"version", app::kConsentTextVersion},
                        {"given_version", c.text_version},
                        {"given_on", c.given_at.substr(0, 10)},
                        {"given", m.text(lang, "matching.consent_given", {{"date", c.given_at.substr(0, 10)},
                                                                         {"version", c.text_version}})},
                        {"refusal", refusal_for(refused, "consent")}};

  // The requests employers sent her (hers only: the office reads them through the offers).
  if (self) {
    json rows = json::array();
    if (const auto requests = s.matching.contact_requests(actor); requests.ok())
      for (const auto& r : requests.value)
        rows.push_back({{"id", r.id},
                        {"offer_href", "/offers/" + std::to_string(r.offer_id)},
                        {"offer_title", r.offer_title},
                        {"employer_name", r.employer_name},
                        {"message", r.message.empty() ? json(nullptr) : json(r.message)},
                        {"created_on", r.created_at.substr(0, 10)},
                        {"status", r.status},
                        {"status_label", m.text(lang, "contact_status." + r.status)},
                        {"pending", r.status == "pending"},
                        {"refusal", refusal_for(refused, "answer", r.id)}});
    section["contacts"] = rows;
    section["answer_refusal"] = refusal_for(refused, "answer");
    if (section["answer_refusal"]["has_errors"].get<bool>() && refused.value("request_id", std::int64_t{0}) != 0)
      section["answer_refusal"] = {{"has_errors", false}};  // shown in its request's row
    section["has_contacts"] = !rows.empty();
  }

  // The offers recommended to her.
  app::MatchQuery q;
  q.same_region = req.get_param_value("same_region") == "1";
  q.limit = kRecommended;
  if (const auto offers = s.matching.recommended_offers(actor, candidate_id, q); offers.ok()) {
    const auto regions = PageBuilder(s, req, ctx).region_names();
    json rows = json::array();
    for (const auto& o : offers.value.items) {
      rows.push_back({{"id", o.offer.id},
                      {"href", "/offers/" + std::to_string(o.offer.id)},
                      {"title", o.offer.title},
                      {"employer_name", o.offer.employer_name},
                      {"region", regions.count(o.offer.region_code) ? regions.at(o.offer.region_code) : o.offer.region_code},
                      {"city", o.offer.city.empty() ? json(nullptr) : json(o.offer.city)},
                      {"remote", o.offer.remote},
                      {"contract", m.text(lang, "contract_type." + o.offer.contract_type)},
                      {"score", percent_text(o.why.score, lang)},
                      {"score_raw", std::llround(o.why.score * 100.0)},
                      {"missing", skill_names(o.why.required_missing, lang)},
                      {"has_missing", !o.why.required_missing.empty()}});
    }
    section["recommended"] = rows;
    section["has_recommended"] = !rows.empty();
    section["recommended_total"] = m.text(lang, "matching.recommended_total",
                                          {{"shown", std::to_string(rows.size())},
                                           {"total", std::to_string(offers.value.total)}});
  }
  section["same_region"] = q.same_region;
  section["all_href"] = base + "#matching";
  section["region_href"] = base + "?same_region=1#matching";

  const std::string saved = req.method == "GET" ? req.get_param_value("saved") : "";
  section["saved"] = false;
  static const std::set<std::string> kSaved = {"matching_declared",       "matching_removed",
                                               "matching_consent_given",  "matching_consent_withdrawn",
                                               "matching_contact_accepted", "matching_contact_declined"};
  if (kSaved.count(saved)) section["saved"] = m.text(lang, "matching.saved_" + saved.substr(9));
  return section;
}

void register_learner_matching_page_routes(Router& router, Services& s) {
  router.add({"POST", "/candidates/{id}/skills", Audience::signed_in, Kind::page,
              "A learner declares a skill of the catalogue from her page (skill_code)", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto id = path_id(req);
                const auto out = s.matching.declare_skill(*ctx.actor, id, req.get_param_value("skill_code"));
                if (out.ok()) return res.set_redirect("/candidates/" + std::to_string(id) + "?saved=matching_declared#skills", 303);
                if (out.kind != app::OutcomeKind::invalid)
                  return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                refuse_on_page(s, req, res, ctx, id, "declare", 0, out.errors, out.message_code, 422);
              }});
  router.add({"POST", "/candidates/{id}/skills/remove", Audience::signed_in, Kind::page,
              "A learner removes a skill she declared (skill_code)", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto id = path_id(req);
                const auto out = s.matching.remove_declared_skill(*ctx.actor, id, req.get_param_value("skill_code"));
                if (out.ok()) return res.set_redirect("/candidates/" + std::to_string(id) + "?saved=matching_removed#skills", 303);
                // A skill that is not (or no longer) among those she declared: said on her page.
                if (!is_self(ctx, id) || out.kind != app::OutcomeKind::not_found)
                  return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                refuse_on_page(s, req, res, ctx, id, "remove", 0, {{"skill_code", "skill_not_declared", {}}}, "", 404);
              }});
  router.add({"POST", "/candidates/{id}/consent", Audience::signed_in, Kind::page,
              "A learner gives (visible=1) or withdraws (visible=0) her consent to be visible to employers",
              "candidates", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto id = path_id(req);
                if (!is_self(ctx, id)) return refuse_not_self(s, req, res, ctx);
                const auto visible = req.get_param_value("visible");
                if (visible != "1" && visible != "0")
                  return refuse_on_page(s, req, res, ctx, id, "consent", 0, {{"visible", "boolean_format", {}}}, "", 422);
                const auto out = s.matching.set_consent(*ctx.actor, id, visible == "1");
                if (!out.ok()) return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                res.set_redirect("/candidates/" + std::to_string(id) + "?saved=matching_consent_" +
                                     (visible == "1" ? "given" : "withdrawn") + "#consent",
                                 303);
              }});
  router.add({"POST", "/candidates/{id}/contacts", Audience::signed_in, Kind::page,
              "A learner accepts (accept=1) or declines (accept=0) an employer's contact request (request_id)",
              "candidates", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto id = path_id(req);
                if (!is_self(ctx, id)) return refuse_not_self(s, req, res, ctx);
                const auto request = core::parse_integer(req.get_param_value("request_id"));
                const auto accept = req.get_param_value("accept");
                if (!request || (accept != "1" && accept != "0"))
                  return refuse_on_page(s, req, res, ctx, id, "answer", request.value_or(0),
                                        {{request ? "accept" : "request_id", request ? "boolean_format" : "integer_format", {}}},
                                        "", 422);
                const auto out = s.matching.answer_contact(*ctx.actor, *request, accept == "1");
                if (out.ok())
                  return res.set_redirect("/candidates/" + std::to_string(id) + "?saved=matching_contact_" +
                                              (accept == "1" ? "accepted" : "declined") + "#contacts",
                                          303);
                if (out.kind != app::OutcomeKind::conflict)
                  return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                refuse_on_page(s, req, res, ctx, id, "answer", *request, out.errors, out.message_code, 409);
              }});
}

}  // namespace jobintech::web
