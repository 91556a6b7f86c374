// What the matching pages share (web/matching_pages.h): the skill catalogue with its names in
// each language, refused-form helpers, and the routes' registration; and the employer's company
// profile, GET and POST /organisation, which goes through app::ResourceService as PATCH
// /api/v1/organisations/{id} does (an employer updates only its own organisation, and only its
// profile's fields).
#include "web/matching_pages.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "app/paths.h"
#include "core/resource.h"
#include "core/validation.h"
#include "io/csv_reader.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/svg_chart.h"

namespace jobintech::web {

using nlohmann::json;

const std::string& CatalogueSkill::name(const std::string& lang) const {
  const auto& n = lang == "ar" ? name_ar : lang == "en" ? name_en : name_fr;
  return n.empty() ? name_fr : n;
}

// The catalogue is reference data that ships with the program: the skills table is loaded from
// this very file on every start (app/programme_setup.cpp), and no use case lists it, so the pages
// read the file once rather than adding SQL to the web layer.
const SkillCatalogue& SkillCatalogue::global() {
  static const SkillCatalogue catalogue = [] {
    SkillCatalogue c;
    const std::string path = app::paths().data() + "/skills.csv";
    const auto parsed = io::read_csv_file(path);
    if (!parsed.table || !parsed.errors.empty()) throw std::runtime_error("cannot read the skill catalogue " + path);
    const auto& t = *parsed.table;
    const auto col = [&](const char* name) {
      auto i = t.column(name);
      if (!i) throw std::runtime_error(path + ": no column " + name);
      return *i;
    };
    const auto code = col("code"), group = col("group"), fr = col("name_fr"), ar = col("name_ar"), en = col("name_en");
    std::vector<CatalogueSkill> in_file;
    for (const auto& row : t.rows) {
      CatalogueSkill s{core::to_lower_ascii(core::trim(row.fields[code])), core::trim(row.fields[group]),
                       core::trim(row.fields[fr]), core::trim(row.fields[ar]), core::trim(row.fields[en])};
      if (s.code.empty()) continue;
      if (std::find(c.groups_.begin(), c.groups_.end(), s.group) == c.groups_.end()) c.groups_.push_back(s.group);
      in_file.push_back(std::move(s));
    }
    for (const auto& g : c.groups_)
      for (const auto& s : in_file)
        if (s.group == g) c.skills_.push_back(s);
    for (std::size_t i = 0; i < c.skills_.size(); ++i) c.by_code_[c.skills_[i].code] = i;
    return c;
  }();
  return catalogue;
}

const CatalogueSkill* SkillCatalogue::find(const std::string& code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &skills_[it->second];
}

std::string SkillCatalogue::name(const std::string& code, const std::string& lang) const {
  const auto* s = find(code);
  return s ? s->name(lang) : code;
}

json skill_names(const std::vector<std::string>& codes, const std::string& lang) {
  const auto& catalogue = SkillCatalogue::global();
  std::vector<std::pair<std::string, std::string>> named;
  for (const auto& c : codes) named.emplace_back(catalogue.name(c, lang), c);
  std::sort(named.begin(), named.end());
  json out = json::array();
  for (const auto& [name, code] : named) out.push_back({{"code", code}, {"name", name}});
  return out;
}

std::string percent_text(double score, const std::string& lang) {
  return svg::format_count(std::llround(score * 100.0), lang) + "\u00a0%";
}

json refusal_json(const core::FieldErrors& errors, const std::string& lang) {
  const auto& m = app::Messages::global();
  json texts = json::array(), fields = json::object();
  for (const auto& e : errors) {
    const std::string label = m.text(lang, "field." + e.field);
    const std::string named = label == "field." + e.field ? e.field : label;
    const std::string message = m.error(lang, e);
    texts.push_back(e.field.empty() ? message : named + " : " + message);
    if (!e.field.empty()) {
      if (fields.contains(e.field)) fields[e.field] = fields[e.field].get<std::string>() + " " + message;
      else fields[e.field] = message;
    }
  }
  return {{"errors", texts}, {"has_errors", !texts.empty()}, {"fields", fields}};
}

json form_field(const std::string& value, const json& refusal, const std::string& name) {
  json f = {{"value", value}, {"invalid", false}};
  if (refusal.is_object() && refusal.contains("fields") && refusal["fields"].contains(name)) {
    f["invalid"] = true;
    f["error"] = refusal["fields"][name];
  }
  return f;
}

namespace {

const std::vector<std::string>& profile_fields() {
  static const std::vector<std::string> fields = {"name",         "region_code",   "description",  "website",
                                                  "contact_name", "contact_email", "contact_phone"};
  return fields;
}

// The employer's organisation page: the profile form, filled with what is stored or, after a
// refusal, with what was typed.
void organisation_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                       const std::map<std::string, std::string>* typed, const core::FieldErrors& errors, int status) {
  PageBuilder b(s, req, ctx);
  const auto& actor = *ctx.actor;
  if (actor.role != app::Role::employer || !actor.organisation_id) return b.error_page(res, 403, "forbidden");
  const auto out = s.resources.get(actor, core::resource("organisations"), *actor.organisation_id);
  if (!out.ok()) return b.error_page(res, status_of(out.kind), out.message_code);
  std::map<std::string, std::string> values;
  for (const auto& f : profile_fields()) {
    auto it = out.record.find(f);
    values[f] = it == out.record.end() ? "" : core::to_text(it->second);
  }
  if (typed) values = *typed;
  const auto refusal = refusal_json(errors, ctx.lang);
  json page = b.base("organisation");
  page["title"] = core::to_text(out.record.at("name"));
  json form = json::object();
  for (const auto& f : profile_fields()) form[f] = form_field(values[f], refusal, f);
  form["regions"] = b.region_options(values["region_code"]);
  page["form"] = form;
  page["refusal"] = refusal;
  page["code"] = core::to_text(out.record.at("code"));
  page["saved"] = req.method == "GET" && req.get_param_value("saved") == "profile";
  res.status = status;
  b.render(res, "organisation", page);
}

}  // namespace

void register_matching_page_routes(Router& router, Services& s) {
  register_offer_page_routes(router, s);
  register_learner_matching_page_routes(router, s);
  register_supply_demand_page_routes(router, s);

  router.add({"GET", "/organisation", Audience::signed_in, Kind::page,
              "The employer's company profile: name, region, description, website and the person to contact",
              "organisations", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                organisation_page(s, req, res, ctx, nullptr, {}, 200);
              }});
  router.add({"POST", "/organisation", Audience::signed_in, Kind::page,
              "Update the employer's company profile from its form", "organisations",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto& actor = *ctx.actor;
                if (actor.role != app::Role::employer || !actor.organisation_id)
                  return PageBuilder(s, req, ctx).error_page(res, 403, "forbidden");
                std::map<std::string, std::string> typed;
                core::Record raw;
                for (const auto& f : profile_fields()) {
                  typed[f] = req.get_param_value(f);
                  // An emptied box clears an optional field; the name, which is required, is refused.
                  raw[f] = typed[f];
                }
                const auto out = s.resources.update(actor, core::resource("organisations"), *actor.organisation_id, raw);
                if (out.ok()) return res.set_redirect("/organisation?saved=profile", 303);
                if (out.kind == app::OutcomeKind::forbidden || out.kind == app::OutcomeKind::not_found)
                  return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                auto errors = out.errors;
                if (errors.empty()) errors.push_back({"", out.message_code, {}});
                organisation_page(s, req, res, ctx, &typed, errors, status_of(out.kind));
              }});
}

}  // namespace jobintech::web
