// A learner's placements on her candidate page: the jobs recorded for her (employer, job title,
// contract, dates, salary) and, for the programme office and the operator of one of her cohorts,
// the form that records a new one. The form posts to POST /candidates/{id}/placements, which goes
// through the same use case as POST /api/v1/placements (app::ResourceService: the actor's reach,
// field validation, one transaction, the audit log). Saved: 303 back to her page (POST-redirect-
// GET). Refused: her page again, 422, each wrong field named above the form and marked in it,
// nothing written. There is no script.
#include <cmath>
#include <cstdio>

#include "core/resource.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/services.h"
#include "web/svg_chart.h"

namespace jobintech::web {

// The candidate page, defined with its GET route in web/page_routes.cpp: a refused form is shown
// on it, with what was typed (placement_form as built below; null for a fresh form).
void candidate_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                    std::int64_t id, const nlohmann::json& placement_form, int status);

// A placement's follow-ups at 3, 6 and 12 months, with their forms (web/followup_pages.cpp).
nlohmann::json placement_followups_block(Services& s, const RequestContext& ctx, std::int64_t placement_id,
                                         const nlohmann::json& refused);

namespace {

using nlohmann::json;

const app::Messages& messages() { return app::Messages::global(); }

// The form's fields, in the order the form shows them; candidate_id comes from the address.
const std::vector<std::string>& form_fields() {
  static const std::vector<std::string> fields = {"employer_name", "job_title",          "contract_type", "start_date",
                                                  "end_date",      "monthly_salary_mad", "evidence_note"};
  return fields;
}

// Whole dirhams as counts are written ("7 500"); centimes, when there are some, after the
// language's decimal separator ("7 500,50").
std::string salary_text(double mad, const std::string& lang) {
  const auto centimes = std::llround(mad * 100);
  std::string text = svg::format_count(centimes / 100, lang);
  if (centimes % 100 != 0) {
    char cents[4];
    std::snprintf(cents, sizeof cents, "%02lld", static_cast<long long>(std::llabs(centimes % 100)));
    text += (lang == "en" ? "." : ",") + std::string(cents);
  }
  return messages().text(lang, "placement.salary_value", {{"amount", text}});
}

// Admin, or the operator of one of her cohorts: who may record her jobs (the use case checks it
// again on create; this only decides whether the form is offered).
bool may_record(Services& s, const app::Actor& actor, std::int64_t candidate_id) {
  if (actor.role == app::Role::admin) return true;
  if (actor.role != app::Role::operator_staff) return false;
  if (app::access_for("candidates", actor.role).update == app::Reach::none) return false;
  const auto enrolments = s.resources.list(actor, core::resource("enrolments"),
                                           {{"candidate", std::to_string(candidate_id)}, {"limit", "1"}});
  return enrolments.kind == app::OutcomeKind::ok && enrolments.result.total > 0;
}

// The form as the page shows it: values typed, and per field whether it was refused and why.
json form_json(const std::map<std::string, std::string>& values, const core::FieldErrors& errors,
               const std::string& lang) {
  const auto& m = messages();
  json form = json::object();
  json texts = json::array();
  for (const auto& f : form_fields()) {
    const auto v = values.find(f);
    form[f] = {{"value", v == values.end() ? "" : v->second}, {"invalid", false}};
  }
  for (const auto& e : errors) {
    // "Intitulé du poste : Ce champ est obligatoire." — the field as the form labels it.
    // A refusal that names no field (a conflict) is its message alone.
    const std::string label = m.text(lang, "field." + e.field);
    texts.push_back(e.field.empty() ? m.error(lang, e)
                                    : (label == "field." + e.field ? e.field : label) + " : " + m.error(lang, e));
    if (form.contains(e.field)) {
      form[e.field]["invalid"] = true;
      form[e.field]["error"] = m.error(lang, e);
    }
  }
  json contracts = json::array();
  const auto chosen = values.count("contract_type") ? values.at("contract_type") : std::string();
  for (const auto& c : core::resource("placements").field("contract_type")->choices)
    contracts.push_back({{"value", c}, {"label", m.text(lang, "contract_type." + c)}, {"selected", c == chosen}});
  form["contracts"] = contracts;
  form["errors"] = texts;
  form["has_errors"] = !texts.empty();
  return form;
}

}  // namespace

// The candidate page's "Placements" section, or null for those it is not meant for (only the
// programme office and operators; steering reads the indicators, not people's jobs).
json placements_section(Services& s, const RequestContext& ctx, std::int64_t candidate_id, const json& placement_form,
                        bool saved) {
  const auto& actor = *ctx.actor;
  if (actor.role != app::Role::admin && actor.role != app::Role::operator_staff) return nullptr;
  const auto& lang = ctx.lang;
  const auto& m = messages();
  const auto& spec = core::resource("placements");
  json section = json::object();
  // A refused follow-up form comes back as {"followup_refused": ...}; the placement form is then fresh.
  const bool followup_refused = placement_form.is_object() && placement_form.contains("followup_refused");
  const json refused = followup_refused ? placement_form["followup_refused"] : json(nullptr);
  const auto list = s.resources.list(
      actor, spec, {{"candidate", std::to_string(candidate_id)}, {"sort", "-start_date"}, {"limit", "100"}});
  json rows = json::array();
  for (const auto& r : list.result.items) {
    const auto text = [&](const char* f) { return r.count(f) ? core::to_text(r.at(f)) : std::string(); };
    const auto end = text("end_date");
    const auto salary = r.find("monthly_salary_mad");
    const double* mad = salary == r.end() ? nullptr : std::get_if<double>(&salary->second);
    const auto* whole = salary == r.end() ? nullptr : std::get_if<std::int64_t>(&salary->second);
    std::string salary_shown = "—";
    if (mad)
      salary_shown = salary_text(*mad, lang);
    else if (whole)
      salary_shown = salary_text(static_cast<double>(*whole), lang);
    rows.push_back({{"id", text("id")},
                    {"employer_name", text("employer_name")},
                    {"job_title", text("job_title")},
                    {"contract_type", text("contract_type")},
                    {"contract_label", m.text(lang, "contract_type." + text("contract_type"))},
                    {"start_date", text("start_date")},
                    {"end_date", end.empty() ? json(nullptr) : json(end)},
                    {"salary", salary_shown},
                    {"followups", placement_followups_block(s, ctx, std::stoll(text("id")), refused)}});
  }
  section["rows"] = rows;
  section["has_rows"] = !rows.empty();
  section["saved"] = saved;
  const bool can_record = may_record(s, actor, candidate_id);
  section["can_record"] = can_record;
  if (can_record) {
    section["action"] = "/candidates/" + std::to_string(candidate_id) + "/placements";
    section["form"] = placement_form.is_null() || followup_refused ? form_json({}, {}, lang) : placement_form;
  }
  return section;
}

void register_placement_page_routes(Router& router, Services& s) {
  router.add(
      {"POST", "/candidates/{id}/placements", Audience::signed_in, Kind::page,
       "Record a learner's placement from her page's form (employer, job title, contract, dates, salary, evidence)",
       "placements", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
         const auto candidate_id = path_id(req);
         PageBuilder b(s, req, ctx);
         // Someone who may not see her gets the answer her page gives (404 or 403).
         const auto candidate = s.resources.get(*ctx.actor, core::resource("candidates"), candidate_id);
         if (!candidate.ok()) return b.error_page(res, status_of(candidate.kind), candidate.message_code);
         if (!may_record(s, *ctx.actor, candidate_id)) return b.error_page(res, 403, "forbidden");

         const auto& spec = core::resource("placements");
         std::map<std::string, std::string> values;
         core::Record raw{{"candidate_id", std::to_string(candidate_id)}};
         for (const auto& f : form_fields()) {
           values[f] = req.has_param(f) ? req.get_param_value(f) : "";
           raw[f] = values[f];
         }
         // A form sends texts, as a spreadsheet's cells are: read them by the same rules (an empty
         // box is absent; "7500,50" is a salary as French users type it), then let the use case
         // check reach, references and the record as a whole.
         auto parsed = core::parse_input(spec, raw, core::InputMode::create, core::InputSource::spreadsheet);
         if (parsed.errors.empty() && spec.check_record) spec.check_record(parsed.values, parsed.errors);
         app::Outcome out;
         if (parsed.errors.empty()) {
           out = s.resources.create(*ctx.actor, spec, parsed.values);
           if (out.ok()) {
             return res.set_redirect("/candidates/" + std::to_string(candidate_id) + "?saved=placement#placements",
                                     303);
           }
           if (out.kind == app::OutcomeKind::forbidden || out.kind == app::OutcomeKind::not_found)
             return b.error_page(res, status_of(out.kind), out.message_code);
           parsed.errors = out.errors;
           if (parsed.errors.empty()) parsed.errors.push_back({"", out.message_code, {}});
         }
         candidate_page(s, req, res, ctx, candidate_id, form_json(values, parsed.errors, ctx.lang),
                        out.kind == app::OutcomeKind::conflict ? 409 : 422);
       }});
}

}  // namespace jobintech::web
