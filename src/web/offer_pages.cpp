// Employers' offers on pages (docs/matching.md):
//  - GET /offers: the offers the user may read (an employer its own; the programme office,
//    steering and operators all of them), filtered by status and region, with hires against
//    positions; an employer gets the "new offer" button;
//  - GET /offers/new and POST /offers: the offer form, skills picked from the catalogue grouped by
//    skill group, each either required or nice to have. The offer is the employer's own
//    (employer_code is its organisation); it is created through app::ResourceService as POST
//    /api/v1/offers is (field checks, the checks across fields, one transaction, the audit log);
//  - GET /offers/{id}: the offer, its status form (open, filled, closed along the lifecycle) and,
//    for its employer and the programme office, the consenting graduates ranked by
//    MatchingService::ranked_learners (same region only or not, 20 a page), each with her score,
//    the required skills she has and misses and the nice-to-have ones she has; the employer asks
//    her for contact (POST /offers/{id}/contacts), sees her name, e-mail and phone once she
//    accepted, and records her hire (POST /offers/{id}/hires), which creates her placement.
// Saved: 303 back to the page. Refused: the page again (422, or 409 for a conflict), the
// messages next to the fields of the form at fault, nothing written.
#include <algorithm>
#include <cmath>
#include <set>

#include "core/date.h"
#include "core/resource.h"
#include "core/validation.h"
#include "web/matching_pages.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/svg_chart.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

constexpr int kLearnersPerPage = 20;

const app::Messages& messages() { return app::Messages::global(); }

const core::ResourceSpec& offers_spec() { return core::resource("offers"); }

// The offer form's plain fields, in the order the form shows them.
const std::vector<std::string>& form_fields() {
  static const std::vector<std::string> fields = {"title",         "description", "region_code",    "city",
                                                  "remote",        "contract_type", "positions",    "salary_min_mad",
                                                  "salary_max_mad", "start_date"};
  return fields;
}

std::string text_of(const core::Record& r, const std::string& field) {
  auto it = r.find(field);
  return it == r.end() ? std::string() : core::to_text(it->second);
}

std::vector<std::string> list_of(const core::Record& r, const std::string& field) {
  auto it = r.find(field);
  if (it == r.end()) return {};
  if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) return *l;
  return {};
}

std::optional<double> number_of(const core::Record& r, const std::string& field) {
  auto it = r.find(field);
  if (it == r.end()) return std::nullopt;
  if (const auto* d = std::get_if<double>(&it->second)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&it->second)) return static_cast<double>(*i);
  return std::nullopt;
}

// A text a template tests with {{#name}}: null when empty (the template library counts "" as true).
json opt(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

// Whole dirhams grouped as counts are ("12 000"); centimes, when there are some, after the
// language's decimal separator ("12 000,50").
std::string amount_text(double mad, const std::string& lang) {
  const auto centimes = std::llround(mad * 100);
  std::string text = svg::format_count(centimes / 100, lang);
  if (centimes % 100 != 0) {
    const auto cents = std::llabs(centimes % 100);
    text += (lang == "en" ? "." : ",") + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
  }
  // In Arabic, a left-to-right isolate keeps the groups of digits in their order.
  return lang == "ar" ? "\u2066" + text + "\u2069" : text;
}

// "8 000 – 12 000 MAD", "dès 8 000 MAD", "jusqu'à 12 000 MAD", or "—".
std::string salary_range(std::optional<double> lo, std::optional<double> hi, const std::string& lang) {
  const auto& m = messages();
  if (lo && hi) return m.text(lang, "offer.salary_range", {{"min", amount_text(*lo, lang)}, {"max", amount_text(*hi, lang)}});
  if (lo) return m.text(lang, "offer.salary_from", {{"min", amount_text(*lo, lang)}});
  if (hi) return m.text(lang, "offer.salary_up_to", {{"max", amount_text(*hi, lang)}});
  return "—";
}

json status_options(const std::string& selected, const std::string& lang) {
  json out = json::array();
  for (const auto& c : offers_spec().field("status")->choices)
    out.push_back({{"value", c}, {"label", messages().text(lang, "offer_status." + c)}, {"selected", c == selected}});
  return out;
}

json contract_options(const std::string& selected, const std::string& lang) {
  json out = json::array();
  for (const auto& c : offers_spec().field("contract_type")->choices)
    out.push_back({{"value", c}, {"label", messages().text(lang, "contract_type." + c)}, {"selected", c == selected}});
  return out;
}

std::map<std::string, std::string> track_names(const PageBuilder& b, const std::string& lang) {
  std::map<std::string, std::string> names;
  for (const auto& t : b.all("tracks")) names[core::to_text(t.at("code"))] = localized_name(t, lang);
  return names;
}

// The catalogue by skill group, each skill with its two boxes (required, nice to have) ticked as
// given. A skill in both lists is marked, since that is what the form refuses.
json skill_groups(const std::set<std::string>& required, const std::set<std::string>& nice, const std::string& lang) {
  const auto& catalogue = SkillCatalogue::global();
  json groups = json::array();
  for (const auto& g : catalogue.groups()) {
    std::vector<const CatalogueSkill*> skills;
    for (const auto& s : catalogue.skills())
      if (s.group == g) skills.push_back(&s);
    std::sort(skills.begin(), skills.end(),
              [&](const CatalogueSkill* a, const CatalogueSkill* b) { return a->name(lang) < b->name(lang); });
    json items = json::array();
    for (const auto* s : skills)
      items.push_back({{"code", s->code},
                       {"name", s->name(lang)},
                       {"required", required.count(s->code) > 0},
                       {"nice", nice.count(s->code) > 0},
                       {"both", required.count(s->code) > 0 && nice.count(s->code) > 0}});
    groups.push_back({{"key", g}, {"label", messages().text(lang, "skill_group." + g)}, {"skills", items}});
  }
  return groups;
}

void offer_form_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                     std::map<std::string, std::string> values, const std::set<std::string>& required,
                     const std::set<std::string>& nice, const core::FieldErrors& errors, int status) {
  PageBuilder b(s, req, ctx);
  json page = b.base("offers");
  page["title"] = messages().text(ctx.lang, "offer.new");
  const auto refusal = refusal_json(errors, ctx.lang);
  json form = json::object();
  for (const auto& f : form_fields()) form[f] = form_field(values[f], refusal, f);
  for (const char* f : {"required_skills", "nice_skills"}) form[f] = form_field("", refusal, f);
  form["remote_checked"] = values["remote"] == "1";
  form["regions"] = b.region_options(values["region_code"]);
  form["contracts"] = contract_options(values["contract_type"], ctx.lang);
  form["groups"] = skill_groups(required, nice, ctx.lang);
  page["form"] = form;
  page["refusal"] = refusal;
  res.status = status;
  b.render(res, "offer_form", page);
}

// Every value of a repeated form parameter (ticked boxes).
std::vector<std::string> all_values(const httplib::Request& req, const std::string& name) {
  std::vector<std::string> out;
  const auto n = req.get_param_value_count(name);
  for (std::size_t i = 0; i < n; ++i) {
    auto v = core::trim(req.get_param_value(name, i));
    if (!v.empty()) out.push_back(v);
  }
  return out;
}

// A refused form on the offer page: which form, for which learner, what was typed, why.
json refused_state(const std::string& form, std::int64_t candidate_id, const std::map<std::string, std::string>& values,
                   const core::FieldErrors& errors, const std::string& lang) {
  return {{"form", form}, {"candidate_id", candidate_id}, {"values", values}, {"refusal", refusal_json(errors, lang)}};
}

// The ranked learners of the offer, or null when the user is not the one to see them.
json ranked_section(Services& s, const httplib::Request& req, const RequestContext& ctx, const PageBuilder& b,
                    std::int64_t offer_id, const core::Record& offer, const json& refused) {
  const auto& lang = ctx.lang;
  const auto& m = messages();
  app::MatchQuery q;
  q.same_region = req.get_param_value("same_region") == "1";
  long long p = 1;
  if (auto n = core::parse_integer(req.get_param_value("page")); n && *n > 0 && *n < 100'000) p = *n;
  q.limit = kLearnersPerPage;
  q.offset = static_cast<int>((p - 1) * kLearnersPerPage);
  const auto out = s.matching.ranked_learners(*ctx.actor, offer_id, q);
  if (!out.ok()) return nullptr;
  const bool employer = ctx.actor->role == app::Role::employer;
  const auto regions = b.region_names();
  const auto tracks = track_names(b, lang);
  const std::string base = "/offers/" + std::to_string(offer_id);
  const std::string offer_contract = text_of(offer, "contract_type");
  const std::string today = core::format_date(core::today_utc());
  json rows = json::array();
  bool refusal_shown = false;
  for (const auto& l : out.value.items) {
    const bool this_one = refused.is_object() && refused.value("candidate_id", std::int64_t{0}) == l.candidate_id;
    const json refusal = this_one ? refused["refusal"] : json{{"has_errors", false}};
    refusal_shown = refusal_shown || this_one;
    const auto typed = [&](const std::string& f, const std::string& fallback) {
      if (this_one && refused["values"].contains(f)) return refused["values"][f].get<std::string>();
      return fallback;
    };
    const bool accepted = l.contact_status == "accepted";
    json row = {{"candidate_id", l.candidate_id},
                {"name", accepted ? l.first_name + " " + l.last_name : l.first_name + " " + l.last_initial + "."},
                {"score", percent_text(l.why.score, lang)},
                {"score_raw", std::llround(l.why.score * 100.0)},
                {"track", tracks.count(l.track_code) ? tracks.at(l.track_code) : l.track_code},
                {"region", regions.count(l.region_code) ? regions.at(l.region_code) : l.region_code},
                {"required_matched", skill_names(l.why.required_matched, lang)},
                {"required_missing", skill_names(l.why.required_missing, lang)},
                {"nice_matched", skill_names(l.why.nice_matched, lang)},
                {"has_missing", !l.why.required_missing.empty()},
                {"contact_status", l.contact_status.empty() ? "none" : l.contact_status},
                {"contact_label", l.contact_status.empty() ? json(nullptr) : json(m.text(lang, "contact_status." + l.contact_status))},
                {"hired", l.hired},
                {"refusal", refusal}};
    if (accepted) row["contact"] = {{"email", l.email}, {"phone", l.phone}};
    if (employer && l.contact_status.empty())
      row["contact_form"] = {{"action", base + "/contacts"}, {"message", form_field(typed("message", ""), refusal, "message")}};
    if (employer && accepted && !l.hired) {
      const auto contract = typed("contract_type", offer_contract);
      row["hire_form"] = {{"action", base + "/hires"},
                          {"start_date", form_field(typed("start_date", today), refusal, "start_date")},
                          {"contract_type", form_field(contract, refusal, "contract_type")},
                          {"contracts", contract_options(contract, lang)},
                          {"monthly_salary_mad", form_field(typed("monthly_salary_mad", ""), refusal, "monthly_salary_mad")}};
    }
    rows.push_back(std::move(row));
  }
  const long long total = out.value.total;
  const long long first = rows.empty() ? 0 : (p - 1) * kLearnersPerPage + 1;
  const long long last = std::min<long long>(total, (p - 1) * kLearnersPerPage + static_cast<long long>(rows.size()));
  const std::string region_param = q.same_region ? "&same_region=1" : "";
  return {{"rows", rows},
          {"refusal_shown", refusal_shown},
          {"empty", rows.empty()},
          {"same_region", q.same_region},
          {"page", p},
          {"all_href", base + "#ranked"},
          {"region_href", base + "?same_region=1#ranked"},
          {"pagination",
           {{"summary", m.text(lang, "list.range",
                               {{"first", std::to_string(first)}, {"last", std::to_string(last)}, {"total", std::to_string(total)}})},
            {"has_previous", p > 1},
            {"has_next", last < total},
            {"previous", base + "?page=" + std::to_string(p - 1) + region_param + "#ranked"},
            {"next", base + "?page=" + std::to_string(p + 1) + region_param + "#ranked"}}}};
}

void offer_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                std::int64_t id, const json& refused, int status) {
  PageBuilder b(s, req, ctx);
  const auto out = s.resources.get(*ctx.actor, offers_spec(), id);
  if (!out.ok()) return b.error_page(res, status_of(out.kind), out.message_code);
  const auto& r = out.record;
  const auto& lang = ctx.lang;
  const auto& m = messages();
  json page = b.base("offers");
  page["title"] = text_of(r, "title");
  const auto regions = b.region_names();
  const auto status_value = text_of(r, "status");
  const auto region = text_of(r, "region_code");
  page["offer"] = {{"id", id},
                   {"employer_name", text_of(r, "employer_name")},
                   {"region", regions.count(region) ? regions.at(region) : region},
                   {"city", opt(text_of(r, "city"))},
                   {"remote", text_of(r, "remote") == "1"},
                   {"contract", m.text(lang, "contract_type." + text_of(r, "contract_type"))},
                   {"positions", text_of(r, "positions")},
                   {"hires", text_of(r, "hires").empty() ? "0" : text_of(r, "hires")},
                   {"salary", salary_range(number_of(r, "salary_min_mad"), number_of(r, "salary_max_mad"), lang)},
                   {"start_date", opt(text_of(r, "start_date"))},
                   {"status", status_value},
                   {"status_label", m.text(lang, "offer_status." + status_value)},
                   {"description", opt(text_of(r, "description"))},
                   {"required_skills", skill_names(list_of(r, "required_skills"), lang)},
                   {"nice_skills", skill_names(list_of(r, "nice_skills"), lang)}};
  const std::string saved = req.method == "GET" ? req.get_param_value("saved") : "";
  if (saved == "created" || saved == "status" || saved == "contact" || saved == "hire")
    page["saved"] = m.text(lang, "offer.saved_" + saved);
  if (app::access_for("offers", ctx.actor->role).update != app::Reach::none) {
    const bool this_form = refused.is_object() && refused.value("form", "") == "status";
    const json refusal = this_form ? refused["refusal"] : json{{"has_errors", false}};
    page["status_form"] = {{"action", "/offers/" + std::to_string(id) + "/status"},
                           {"statuses", status_options(status_value, lang)},
                           {"refusal", refusal}};
  }
  page["ranked"] = ranked_section(s, req, ctx, b, id, r, refused);
  // A refused contact or hire whose learner is not in the list shown: its messages above the list.
  if (refused.is_object() && refused.value("form", "") != "status" &&
      !(page["ranked"].is_object() && page["ranked"]["refusal_shown"].get<bool>()))
    page["refusal"] = refused["refusal"];
  res.status = status;
  b.render(res, "offer", page);
}

// The same_region and page a form carries, so that the page after it shows the same list.
std::string view_query(const httplib::Request& req) {
  std::string q;
  if (req.get_param_value("same_region") == "1") q += "&same_region=1";
  if (auto n = core::parse_integer(req.get_param_value("page")); n && *n > 1) q += "&page=" + std::to_string(*n);
  return q;
}

// The candidate a form names, or an error.
std::optional<std::int64_t> form_candidate(const httplib::Request& req, core::FieldErrors& errors) {
  auto n = core::parse_integer(req.get_param_value("candidate_id"));
  if (!n || *n <= 0) {
    errors.push_back({"candidate_id", "integer_format", {}});
    return std::nullopt;
  }
  return *n;
}

// After a contact or hire form on an offer's page was handled: back to the page (303) when the use
// case succeeded; an error page when the offer itself is out of reach; otherwise the page again
// with the refusal next to the form.
template <typename T>
void answer_learner_form(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                         std::int64_t offer_id, const std::string& form, std::int64_t candidate_id,
                         const std::map<std::string, std::string>& values, const app::Result<T>& out) {
  if (out.ok())
    return res.set_redirect("/offers/" + std::to_string(offer_id) + "?saved=" + form + view_query(req) + "#learner-" +
                                std::to_string(candidate_id),
                            303);
  if (out.kind == app::OutcomeKind::forbidden ||
      (out.kind == app::OutcomeKind::not_found && !s.resources.get(*ctx.actor, offers_spec(), offer_id).ok()))
    return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
  core::FieldErrors errors = out.errors;
  if (errors.empty()) errors.push_back({"", out.message_code, {}});
  offer_page(s, req, res, ctx, offer_id, refused_state(form, candidate_id, values, errors, ctx.lang), status_of(out.kind));
}

}  // namespace

// The list of offers (GET /offers; also the employer's home page).
void render_offers_list(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
  PageBuilder b(s, req, ctx);
  json page = b.base("offers");
  store::ListResult result;
  if (!b.list("offers", {"status", "region"}, page, result, res)) return;
  const auto regions = b.region_names();
  const auto& m = messages();
  json rows = json::array();
  for (const auto& r : result.items) {
    const auto id = text_of(r, "id");
    const auto region = text_of(r, "region_code");
    const auto status = text_of(r, "status");
    rows.push_back({{"id", id},
                    {"href", "/offers/" + id},
                    {"title", text_of(r, "title")},
                    {"employer_name", text_of(r, "employer_name")},
                    {"region", regions.count(region) ? regions.at(region) : region},
                    {"city", opt(text_of(r, "city"))},
                    {"remote", text_of(r, "remote") == "1"},
                    {"contract", m.text(ctx.lang, "contract_type." + text_of(r, "contract_type"))},
                    {"positions", text_of(r, "positions")},
                    {"hires", text_of(r, "hires").empty() ? "0" : text_of(r, "hires")},
                    {"start_date", opt(text_of(r, "start_date"))},
                    {"status", status},
                    {"status_label", m.text(ctx.lang, "offer_status." + status)}});
  }
  page["rows"] = rows;
  page["show_employer"] = ctx.actor->role != app::Role::employer;
  page["can_create"] = ctx.actor->role == app::Role::employer && ctx.actor->organisation_code.has_value();
  page["regions"] = b.region_options(req.get_param_value("region"));
  page["statuses"] = status_options(req.get_param_value("status"), ctx.lang);
  b.render(res, "offers", page);
}

void register_offer_page_routes(Router& router, Services& s) {
  router.add({"GET", "/offers", Audience::signed_in, Kind::page,
              "Job offers: an employer's own, or all of them for the programme office, steering and operators, "
              "filtered by status and region",
              "offers", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                render_offers_list(s, req, res, ctx);
              }});

  router.add({"GET", "/offers/new", Audience::signed_in, Kind::page, "The form of a new job offer (employers)",
              "offers", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (ctx.actor->role != app::Role::employer || !ctx.actor->organisation_code)
                  return PageBuilder(s, req, ctx).error_page(res, 403, "forbidden");
                offer_form_page(s, req, res, ctx, {{"positions", "1"}, {"contract_type", "cdi"}}, {}, {}, {}, 200);
              }});

  router.add(
      {"POST", "/offers", Audience::signed_in, Kind::page,
       "Post a job offer from its form: title, place, contract, positions, salary range, start date, and the skills "
       "it requires or would like",
       "offers", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
         const auto& actor = *ctx.actor;
         if (actor.role != app::Role::employer || !actor.organisation_code)
           return PageBuilder(s, req, ctx).error_page(res, 403, "forbidden");
         const auto& spec = offers_spec();
         std::map<std::string, std::string> values;
         core::Record raw{{"employer_code", *actor.organisation_code}};
         for (const auto& f : form_fields()) {
           values[f] = req.get_param_value(f);
           raw[f] = values[f];
         }
         values["remote"] = values["remote"] == "1" ? "1" : "0";
         raw["remote"] = values["remote"];
         const auto required = all_values(req, "required_skills"), nice = all_values(req, "nice_skills");
         raw["required_skills"] = required;
         raw["nice_skills"] = nice;
         // A form sends texts, as a spreadsheet's cells are: read them by the same rules (an empty
         // box is absent; "7500,50" is an amount as French users type it). The checks across
         // fields run even when a field is wrong, so that every mistake is named at once.
         auto parsed = core::parse_input(spec, raw, core::InputMode::create, core::InputSource::spreadsheet);
         if (spec.check_record) spec.check_record(parsed.values, parsed.errors);
         app::Outcome out;
         if (parsed.errors.empty()) {
           core::Record given;
           for (auto& [k, v] : parsed.values)
             if (!core::is_null(v)) given[k] = v;  // absent: the stored default (one position, open)
           out = s.resources.create(actor, spec, given);
           if (out.ok()) return res.set_redirect("/offers/" + text_of(out.record, "id") + "?saved=created", 303);
           if (out.kind == app::OutcomeKind::forbidden || out.kind == app::OutcomeKind::not_found)
             return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
           parsed.errors = out.errors;
           if (parsed.errors.empty()) parsed.errors.push_back({"", out.message_code, {}});
         }
         // A skill refused for being in both lists is named, not coded.
         for (auto& e : parsed.errors)
           if (e.params.count("value") && e.code == "skill_both_required_and_nice")
             e.params["value"] = SkillCatalogue::global().name(e.params["value"], ctx.lang);
         offer_form_page(s, req, res, ctx, values, {required.begin(), required.end()}, {nice.begin(), nice.end()},
                         parsed.errors, out.kind == app::OutcomeKind::conflict ? 409 : 422);
       }});

  router.add({"GET", "/offers/{id}", Audience::signed_in, Kind::page,
              "A job offer, its status and, for its employer and the programme office, the consenting graduates "
              "ranked for it (?same_region=1&page=N) with contact requests and hires",
              "offers", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                offer_page(s, req, res, ctx, path_id(req), nullptr, 200);
              }});

  router.add({"POST", "/offers/{id}/status", Audience::signed_in, Kind::page,
              "Change an offer's status (open, filled, closed) along its lifecycle", "offers",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto id = path_id(req);
                const std::string status = core::trim(req.get_param_value("status"));
                // No status is no change to make (an emptied status would clear it).
                if (status.empty()) {
                  const auto offer = s.resources.get(*ctx.actor, offers_spec(), id);
                  if (!offer.ok()) return PageBuilder(s, req, ctx).error_page(res, status_of(offer.kind), offer.message_code);
                  if (app::access_for("offers", ctx.actor->role).update == app::Reach::none)
                    return PageBuilder(s, req, ctx).error_page(res, 403, "forbidden");
                  return offer_page(s, req, res, ctx, id,
                                    refused_state("status", 0, {}, {{"status", "required", {}}}, ctx.lang), 422);
                }
                const auto out = s.resources.update(*ctx.actor, offers_spec(), id, {{"status", status}});
                if (out.ok()) return res.set_redirect("/offers/" + std::to_string(id) + "?saved=status", 303);
                if (out.kind == app::OutcomeKind::forbidden || out.kind == app::OutcomeKind::not_found)
                  return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                auto errors = out.errors;
                if (errors.empty()) errors.push_back({"", out.message_code, {}});
                for (auto& e : errors)  // the statuses as the page names them
                  for (const char* p : {"from", "to"})
                    if (e.params.count(p)) e.params[p] = messages().text(ctx.lang, "offer_status." + e.params[p]);
                offer_page(s, req, res, ctx, id, refused_state("status", 0, {{"status", status}}, errors, ctx.lang),
                           status_of(out.kind));
              }});

  router.add({"POST", "/offers/{id}/contacts", Audience::signed_in, Kind::page,
              "Ask a ranked graduate whether she agrees to be contacted about the offer (candidate_id, message)",
              "offers", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto id = path_id(req);
                // Only an employer asks or hires; others are told so before the form is read.
                if (ctx.actor->role != app::Role::employer) return PageBuilder(s, req, ctx).error_page(res, 403, "forbidden");
                core::FieldErrors errors;
                const auto candidate = form_candidate(req, errors);
                const std::string message = req.get_param_value("message");
                if (errors.empty())
                  return answer_learner_form(s, req, res, ctx, id, "contact", *candidate, {{"message", message}},
                                             s.matching.request_contact(*ctx.actor, id, *candidate, message));
                offer_page(s, req, res, ctx, id, refused_state("contact", 0, {}, errors, ctx.lang), 422);
              }});

  router.add({"POST", "/offers/{id}/hires", Audience::signed_in, Kind::page,
              "Record the hire of a graduate who accepted the contact request: her placement (start date, "
              "contract, monthly salary)",
              "offers", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto id = path_id(req);
                // Only an employer asks or hires; others are told so before the form is read.
                if (ctx.actor->role != app::Role::employer) return PageBuilder(s, req, ctx).error_page(res, 403, "forbidden");
                core::FieldErrors errors;
                const auto candidate = form_candidate(req, errors);
                std::map<std::string, std::string> values;
                for (const char* f : {"start_date", "contract_type", "monthly_salary_mad"}) values[f] = req.get_param_value(f);
                app::HireInput input;
                input.start_date = values["start_date"];
                input.contract_type = core::trim(values["contract_type"]);
                if (!core::trim(values["monthly_salary_mad"]).empty()) {
                  if (auto mad = core::parse_decimal(values["monthly_salary_mad"], true)) input.monthly_salary_mad = *mad;
                  else errors.push_back({"monthly_salary_mad", "decimal_format", {}});
                }
                if (errors.empty())
                  return answer_learner_form(s, req, res, ctx, id, "hire", *candidate, values,
                                             s.matching.record_hire(*ctx.actor, id, *candidate, input));
                offer_page(s, req, res, ctx, id, refused_state("hire", candidate.value_or(0), values, errors, ctx.lang),
                           422);
              }});
}

}  // namespace jobintech::web
