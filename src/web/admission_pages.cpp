// The pages of admission rounds: the candidate's application form (ranked choices, with the plain
// statement that truthful ranking is her best strategy), her result with the explanation of every
// refusal and the accept/decline buttons; the programme office's rounds, a round's page with its
// runs side by side (the policy lab), and the cohort admitted lists and waitlists operators read.
// Forms post back to these pages, which call the same use cases as the API.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/resource.h"
#include "app/long_jobs.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

const app::Messages& messages() { return app::Messages::global(); }

// Scores as the user's language writes them: "71,5" in French and Arabic, "71.5" in English.
std::string decimal_text(std::optional<double> value, const std::string& lang) {
  if (!value) return "—";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", *value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (lang != "en") {
    for (auto& c : text) c = c == '.' ? ',' : c;
  }
  return text;
}

std::string percent_text(int part, int whole, const std::string& lang) {
  if (whole == 0) return "—";
  return decimal_text(std::round(1000.0 * part / whole) / 10.0, lang) + " %";
}

json cohort_json(const store::RoundCohortRow& c, const std::string& lang) {
  const auto& m = messages();
  return {{"id", c.id},
          {"code", c.code},
          {"track", c.track_code},
          {"site", c.site_name},
          {"city", c.city},
          {"region_code", c.region_code},
          {"operator", c.operator_name},
          {"start_date", c.start_date},
          {"capacity", c.capacity},
          {"reserved_women", c.reserved_women},
          {"reserved_local", c.reserved_local},
          {"regional", c.admission_area == "regional"},
          {"area_label", m.text(lang, "admission_area." + c.admission_area)}};
}

json round_summary(const app::RoundView& view, const std::string& lang) {
  const auto& r = view.round;
  const auto& m = messages();
  json j = {{"id", r.id},
            {"code", r.code},
            {"name", r.name},
            {"opens_on", r.opens_on},
            {"closes_on", r.closes_on},
            {"status", r.status},
            {"status_label", m.text(lang, "round_status." + r.status)},
            {"accepting", view.accepting},
            {"max_choices", r.max_choices},
            {"answer_days", r.answer_days},
            {"precedence", r.precedence},
            {"lottery_seed", r.lottery_seed},
            {"cohort_count", view.cohorts.size()}};
  std::string rules;
  if (r.min_age || r.max_age) {
    rules += m.text(
        lang, "round.rule_age",
        {{"min", r.min_age ? std::to_string(*r.min_age) : "—"}, {"max", r.max_age ? std::to_string(*r.max_age) : "—"}});
  }
  if (!r.min_education.empty()) {
    if (!rules.empty()) rules += " · ";
    rules += m.text(lang, "round.rule_education", {{"level", m.text(lang, "education_level." + r.min_education)}});
  }
  j["rules"] = rules.empty() ? m.text(lang, "round.rule_none") : rules;
  return j;
}

std::string seat_label(const std::string& seat, const std::string& lang) {
  return messages().text(lang, "seat." + seat);
}

// One sentence per seat kind of a refused choice, e.g. "place ouverte : dernier admis 74 — votre
// score était inférieur".
json standings_json(const std::vector<app::SeatStanding>& standings, const std::string& lang) {
  json list = json::array();
  for (const auto& s : standings) {
    list.push_back({{"seat", s.seat},
                    {"standing", s.standing},
                    {"text", messages().text(lang, "result.standing_" + s.standing,
                                             {{"seat", seat_label(s.seat, lang)},
                                              {"last", decimal_text(s.last_admitted, lang)},
                                              {"compared", decimal_text(s.compared_with, lang)}})}});
  }
  return list;
}

json run_row(const store::RunRow& run, const std::string& lang) {
  const auto& m = messages();
  const app::RunSummary s = app::parse_run_summary(run.summary);
  const auto parameters = json::parse(run.parameters, nullptr, false);
  std::string reserves = m.text(lang, "run.reserves_cohorts");
  if (parameters.is_object() && (parameters.value("women_percent", json()).is_number() ||
                                 parameters.value("local_percent", json()).is_number())) {
    const auto pct = [&](const char* key) {
      const auto v = parameters.value(key, json());
      return v.is_number() ? std::to_string(v.get<int>()) + " %" : std::string("—");
    };
    reserves = m.text(lang, "run.reserves_percent", {{"women", pct("women_percent")}, {"local", pct("local_percent")}});
  }
  json regions = json::array();
  for (const auto& [region, counts] : s.by_region) {
    regions.push_back({{"region", region}, {"women", counts.first}, {"men", counts.second}});
  }
  return {{"id", run.id},
          {"number", run.number},
          {"kind", run.kind},
          {"kind_label", m.text(lang, "run.kind_" + run.kind)},
          {"label", run.label},
          {"status", run.status},
          {"status_label", m.text(lang, "run.status_" + run.status)},
          {"publishable", run.kind == "official" && run.status == "computed"},
          {"precedence", parameters.is_object() ? parameters.value("precedence", std::string()) : std::string()},
          {"reserves", reserves},
          {"candidates", s.candidates},
          {"assigned", s.assigned},
          {"held", s.held},
          {"empty_seats", s.empty_seats},
          {"first_choice", percent_text(s.first_choice, s.candidates, lang)},
          {"median_score", decimal_text(s.median_score, lang)},
          {"women", s.women_assigned},
          {"men", s.men_assigned},
          {"women_share", percent_text(s.women_assigned, s.assigned, lang)},
          {"by_region", regions},
          {"digest", run.input_digest.substr(0, 16)},
          {"engine_ms", decimal_text(run.engine_ms, "en")},
          {"created_at", run.created_at},
          {"answer_deadline", run.answer_deadline}};
}

// Renders a failed use case: its message above the page, or an error page.
template <typename T>
bool failed_page(const PageBuilder& b, httplib::Response& res, const app::Result<T>& result) {
  if (result.ok()) return false;
  b.error_page(res, status_of(result.kind), result.message_code.empty() ? "error" : result.message_code);
  return true;
}

std::vector<std::string> error_texts(const core::FieldErrors& errors, const std::string& lang) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(messages().error(lang, e));
  return out;
}

void apply_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                std::int64_t round_id, const std::vector<std::string>& errors, bool saved) {
  PageBuilder b(s, req, ctx);
  const auto out = s.admission.choices(*ctx.actor, round_id);
  if (failed_page(b, res, out)) return;
  const auto& lang = ctx.lang;
  json page = b.base("admission");
  page["round"] = round_summary(out.value.round, lang);
  page["title"] = out.value.round.round.name;
  std::map<std::int64_t, int> rank_of;
  for (const auto& c : out.value.choices) rank_of[c.cohort.id] = c.rank;
  json options = json::array();
  for (const auto& [cohort_id, reason] : out.value.eligibility) {
    for (const auto& c : out.value.round.cohorts) {
      if (c.id != cohort_id) continue;
      json o = cohort_json(c, lang);
      o["eligible"] = reason.empty();
      o["reason"] = reason.empty() ? "" : messages().text(lang, "eligibility." + reason);
      options.push_back(o);
    }
  }
  json slots = json::array();
  for (int k = 1; k <= out.value.round.round.max_choices; ++k) {
    json slot_options = json::array();
    for (const auto& o : options) {
      if (!o["eligible"].get<bool>()) continue;
      const auto id = o["id"].get<std::int64_t>();
      slot_options.push_back({{"code", o["code"]},
                              {"label", o["code"].get<std::string>() + " · " + o["track"].get<std::string>() + " · " +
                                            o["city"].get<std::string>()},
                              {"selected", rank_of.count(id) && rank_of[id] == k}});
    }
    slots.push_back({{"rank", k}, {"options", slot_options}});
  }
  json choices = json::array();
  for (const auto& c : out.value.choices) {
    choices.push_back({{"rank", c.rank},
                       {"code", c.cohort.code},
                       {"track", c.cohort.track_code},
                       {"city", c.cohort.city},
                       {"status_label", messages().text(lang, "application_status." + c.status)}});
  }
  page["cohorts"] = options;
  page["slots"] = slots;
  page["choices"] = choices;
  page["has_choices"] = !choices.empty();
  page["errors"] = errors;
  page["has_errors"] = !errors.empty();
  page["saved"] = saved;
  if (!errors.empty()) res.status = 422;
  b.render(res, "apply", page);
}

void admissions_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
  PageBuilder b(s, req, ctx);
  const auto out = s.admission.cohort_admissions(*ctx.actor, path_id(req));
  if (failed_page(b, res, out)) return;
  const auto& lang = ctx.lang;
  const auto& m = messages();
  json page = b.base("rounds");
  page["cohort"] = cohort_json(out.value.cohort, lang);
  page["title"] = m.text(lang, "admissions.title", {{"code", out.value.cohort.code}});
  const auto lines = [&](const std::vector<app::AdmissionLine>& list) {
    json rows = json::array();
    int position = 0;
    for (const auto& l : list) {
      rows.push_back({{"position", ++position},
                      {"candidate_id", l.candidate_id},
                      {"name", l.first_name + " " + l.last_name},
                      {"cin", l.cin},
                      {"gender", m.text(lang, "gender." + l.gender)},
                      {"region", l.region_code},
                      {"rank", l.rank},
                      {"score", decimal_text(l.score, lang)},
                      {"seat", l.seat.empty() ? "" : seat_label(l.seat, lang)},
                      {"status", m.text(lang, "application_status." + l.status)}});
    }
    return rows;
  };
  page["admitted"] = lines(out.value.admitted);
  page["waitlist"] = lines(out.value.waitlist);
  page["has_admitted"] = !out.value.admitted.empty();
  page["has_waitlist"] = !out.value.waitlist.empty();
  page["published"] = out.value.run.has_value();
  // Before publication the staff enter test and interview scores on this page.
  json scoring = json::array();
  for (const auto& l : out.value.waitlist) {
    scoring.push_back({{"application_id", l.application_id},
                       {"cin", l.cin},
                       {"name", l.first_name + " " + l.last_name},
                       {"test", l.test_score ? decimal_text(l.test_score, lang) : ""},
                       {"interview", l.interview_score ? decimal_text(l.interview_score, lang) : ""},
                       {"score", decimal_text(l.score, lang)}});
  }
  page["scoring"] = scoring;
  page["can_score"] = !out.value.run.has_value() && !scoring.empty();
  page["weights"] = m.text(lang, "scores.weights",
                           {{"test", decimal_text(out.value.cohort.weight_test, lang)},
                            {"interview", decimal_text(out.value.cohort.weight_interview, lang)}});
  page["saved"] = req.has_param("saved");
  const std::string api = "/api/v1/cohorts/" + std::to_string(out.value.cohort.id) + "/admissions?format=";
  page["export_csv"] = api + "csv";
  page["export_xlsx"] = api + "xlsx";
  b.render(res, "admissions", page);
}

// Test and interview scores entered on a cohort's page: every row is checked before any is
// written, so a mistake in one leaves all as they were.
void enter_scores(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
  PageBuilder b(s, req, ctx);
  const auto cohort_id = path_id(req);
  const auto out = s.admission.cohort_admissions(*ctx.actor, cohort_id);
  if (failed_page(b, res, out)) return;
  const auto& spec = core::resource("applications");
  const auto same = [](const core::Value& v, const std::optional<double>& old) {
    if (core::is_null(v)) return !old.has_value();
    const auto* d = std::get_if<double>(&v);
    const auto* i = std::get_if<std::int64_t>(&v);
    return old.has_value() && std::abs(*old - (d ? *d : i ? static_cast<double>(*i) : -1)) < 1e-9;
  };
  std::vector<std::pair<std::int64_t, core::Record>> changes;
  std::vector<std::string> errors;
  for (const auto& l : out.value.waitlist) {
    core::Record raw;
    for (const auto& [field, prefix] : {std::pair{"test_score", "test_"}, std::pair{"interview_score", "interview_"}}) {
      const std::string key = prefix + std::to_string(l.application_id);
      if (req.has_param(key)) raw[field] = req.get_param_value(key);
    }
    auto parsed = core::parse_input(spec, raw, core::InputMode::update, core::InputSource::spreadsheet);
    for (const auto& e : parsed.errors)
      errors.push_back(l.cin + " (" + e.field + ") : " + messages().error(ctx.lang, e));
    core::Record changed;
    for (const auto& [field, old] :
         {std::pair{"test_score", l.test_score}, std::pair{"interview_score", l.interview_score}}) {
      if (!raw.count(field)) continue;
      // An emptied cell clears the score.
      const core::Value value = parsed.values.count(field) ? parsed.values[field] : core::Value();
      if (!same(value, old)) changed[field] = value;
    }
    if (!changed.empty()) changes.emplace_back(l.application_id, std::move(changed));
  }
  for (std::size_t i = 0; errors.empty() && i < changes.size(); ++i) {
    const auto updated = s.resources.update(*ctx.actor, spec, changes[i].first, changes[i].second);
    if (!updated.ok()) errors.push_back(messages().text(ctx.lang, "error." + updated.message_code));
  }
  if (errors.empty()) return res.set_redirect("/cohorts/" + std::to_string(cohort_id) + "/admissions?saved=1", 303);
  json page = b.base("rounds");
  page["title"] = messages().text(ctx.lang, "scores.refused");
  page["errors"] = errors;
  res.status = 422;
  b.render(res, "form_errors", page);
}

}  // namespace

void register_admission_page_routes(Router& router, Services& s) {
  // The candidate's entry point: rounds she can apply to, and those she applied to.
  router.add({"GET", "/admission", Audience::signed_in, Kind::page, "Calls for applications and my results", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                const auto out = s.admission.open_rounds(*ctx.actor);
                if (failed_page(b, res, out)) return;
                json page = b.base("admission");
                json rounds = json::array();
                for (const auto& r : out.value) rounds.push_back(round_summary(r, ctx.lang));
                page["rounds"] = rounds;
                page["empty"] = rounds.empty();
                page["is_candidate"] = app::AdmissionService::applies(*ctx.actor);
                b.render(res, "admission", page);
              }});

  router.add({"GET", "/rounds/{id}/apply", Audience::signed_in, Kind::page, "The application form of a round", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                apply_page(s, req, res, ctx, path_id(req), {}, req.has_param("saved"));
              }});
  router.add({"POST", "/rounds/{id}/apply", Audience::signed_in, Kind::page, "Submit ranked choices", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto round_id = path_id(req);
                // choice_1, choice_2, ...: empty selects are skipped, so the list keeps its order.
                std::vector<std::string> codes;
                for (int k = 1; k <= 20; ++k) {
                  const auto name = "choice_" + std::to_string(k);
                  if (req.has_param(name) && !req.get_param_value(name).empty())
                    codes.push_back(req.get_param_value(name));
                }
                const auto out = s.admission.submit_choices(*ctx.actor, round_id, codes);
                if (out.ok()) return res.set_redirect("/rounds/" + std::to_string(round_id) + "/apply?saved=1", 303);
                std::vector<std::string> errors = error_texts(out.errors, ctx.lang);
                if (errors.empty()) errors.push_back(messages().text(ctx.lang, "error." + out.message_code));
                apply_page(s, req, res, ctx, round_id, errors, false);
              }});

  router.add({"GET", "/rounds/{id}/result", Audience::signed_in, Kind::page, "My result in a round, explained", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                std::optional<std::int64_t> candidate;
                if (req.has_param("candidate_id")) {
                  try {
                    candidate = std::stoll(req.get_param_value("candidate_id"));
                  } catch (...) {
                  }
                }
                const auto out = s.admission.result(*ctx.actor, path_id(req), candidate);
                if (failed_page(b, res, out)) return;
                const auto& r = out.value;
                const auto& lang = ctx.lang;
                const auto& m = messages();
                json page = b.base("admission");
                page["round"] = round_summary(r.round, lang);
                page["title"] = r.round.round.name;
                page["status"] = r.status;
                page["status_text"] = m.text(lang, "result.status_" + r.status);
                page["lottery"] = std::to_string(r.lottery);
                page["published"] = r.run.has_value();
                if (r.offer) {
                  page["offer"] = {{"code", r.offer->cohort.code},
                                   {"track", r.offer->cohort.track_code},
                                   {"city", r.offer->cohort.city},
                                   {"seat", seat_label(r.offer->seat.empty() ? "open" : r.offer->seat, lang)},
                                   {"answer_by", r.offer->answer_by},
                                   {"open", r.status == "offered" && app::AdmissionService::applies(*ctx.actor)}};
                }
                json choices = json::array();
                for (const auto& c : r.choices) {
                  choices.push_back({{"rank", c.choice.rank},
                                     {"code", c.choice.cohort.code},
                                     {"track", c.choice.cohort.track_code},
                                     {"city", c.choice.cohort.city},
                                     {"score", decimal_text(c.choice.score, lang)},
                                     {"outcome", c.outcome},
                                     {"outcome_label", m.text(lang, "result.outcome_" + c.outcome)},
                                     {"reason", c.choice.ineligible_reason.empty()
                                                    ? ""
                                                    : m.text(lang, "eligibility." + c.choice.ineligible_reason)},
                                     {"standings", standings_json(c.standings, lang)},
                                     {"has_standings", !c.standings.empty()}});
                }
                page["choices"] = choices;
                b.render(res, "result", page);
              }});
  router.add({"POST", "/rounds/{id}/answer", Audience::signed_in, Kind::page, "Accept or decline my offer", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto round_id = path_id(req);
                const auto out =
                    s.admission.answer_offer(*ctx.actor, round_id, req.get_param_value("answer") == "accept");
                PageBuilder b(s, req, ctx);
                if (failed_page(b, res, out)) return;
                res.set_redirect("/rounds/" + std::to_string(round_id) + "/result", 303);
              }});

  // The programme office (and, read-only, operators and steering).
  router.add(
      {"GET", "/rounds", Audience::signed_in, Kind::page, "Admission rounds", "",
       [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
         PageBuilder b(s, req, ctx);
         auto list = s.resources.list(*ctx.actor, core::resource("rounds"), {{"limit", "200"}, {"sort", "-opens_on"}});
         if (list.kind != app::OutcomeKind::ok) return b.error_page(res, 403, "forbidden");
         json page = b.base("rounds");
         json rows = json::array();
         for (const auto& r : list.result.items) {
           const std::string status = core::to_text(r.at("status"));
           rows.push_back({{"id", core::to_text(r.at("id"))},
                           {"code", core::to_text(r.at("code"))},
                           {"name", core::to_text(r.at("name"))},
                           {"opens_on", core::to_text(r.at("opens_on"))},
                           {"closes_on", core::to_text(r.at("closes_on"))},
                           {"status", status},
                           {"status_label", messages().text(ctx.lang, "round_status." + status)}});
         }
         page["rows"] = rows;
         page["can_create"] = app::AdmissionService::manages_rounds(*ctx.actor);
         page["precedences"] = b.choice_options("rounds", "precedence", "open,women,local");
         page["education_levels"] = b.choice_options("rounds", "min_education", "");
         b.render(res, "rounds", page);
       }});
  router.add({"POST", "/rounds", Audience::signed_in, Kind::page, "Create a round from the form", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                core::Record raw;
                for (const char* f : {"code", "name", "opens_on", "closes_on", "precedence", "min_education"}) {
                  if (req.has_param(f) && !req.get_param_value(f).empty()) raw[f] = req.get_param_value(f);
                }
                for (const char* f : {"max_choices", "answer_days", "min_age", "max_age"}) {
                  if (!req.has_param(f) || req.get_param_value(f).empty()) continue;
                  try {
                    raw[f] = static_cast<std::int64_t>(std::stoll(req.get_param_value(f)));
                  } catch (...) {
                    raw[f] = req.get_param_value(f);
                  }
                }
                const auto out = s.resources.create(*ctx.actor, core::resource("rounds"), raw);
                if (!out.ok()) {
                  json page = b.base("rounds");
                  page["errors"] = error_texts(out.errors, ctx.lang);
                  if (out.errors.empty()) page["errors"] = {messages().text(ctx.lang, "error." + out.message_code)};
                  page["title"] = messages().text(ctx.lang, "round.create");
                  res.status = status_of(out.kind);
                  return b.render(res, "form_errors", page);
                }
                res.set_redirect("/rounds/" + core::to_text(out.record.at("id")), 303);
              }});
  router.add({"GET", "/rounds/{id}", Audience::signed_in, Kind::page, "A round: cohorts, runs, policy lab", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                const auto round_id = path_id(req);
                const auto out = s.admission.round(*ctx.actor, round_id);
                if (failed_page(b, res, out)) return;
                const auto& lang = ctx.lang;
                json page = b.base("rounds");
                page["round"] = round_summary(out.value, lang);
                page["title"] = out.value.round.name;
                json cohorts = json::array();
                for (const auto& c : out.value.cohorts) {
                  json j = cohort_json(c, lang);
                  // Lists and scores open to the programme office and to the cohort's own operator.
                  j["linked"] = ctx.actor->role == app::Role::admin || (ctx.actor->role == app::Role::operator_staff &&
                                                                        ctx.actor->organisation_id == c.operator_id);
                  cohorts.push_back(j);
                }
                page["cohorts"] = cohorts;
                const bool admin = app::AdmissionService::manages_rounds(*ctx.actor);
                page["admin"] = admin;
                const auto& status = out.value.round.status;
                json transitions = json::array();
                for (const auto& next : core::resource("rounds").transitions.at(status)) {
                  transitions.push_back({{"status", next}, {"label", messages().text(lang, "round.to_" + next)}});
                }
                page["transitions"] = admin ? transitions : json::array();
                page["has_transitions"] = admin && !transitions.empty();
                page["can_run"] = admin && status == "closed";
                const auto runs = s.admission.runs(*ctx.actor, round_id);
                json rows = json::array();
                if (runs.ok()) {
                  for (auto it = runs.value.rbegin(); it != runs.value.rend(); ++it) rows.push_back(run_row(*it, lang));
                }
                page["runs"] = rows;
                page["has_runs"] = !rows.empty();
                page["show_runs"] = runs.ok();
                page["precedences"] = b.choice_options("rounds", "precedence", out.value.round.precedence);
                if (req.has_param("error")) {
                  page["errors"] = {messages().text(lang, "error." + req.get_param_value("error"))};
                  page["has_errors"] = true;
                }
                b.render(res, "round", page);
              }});
  router.add({"POST", "/rounds/{id}/status", Audience::signed_in, Kind::page, "Open, close or finish a round", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto round_id = path_id(req);
                const auto out = s.resources.update(*ctx.actor, core::resource("rounds"), round_id,
                                                    {{"status", req.get_param_value("status")}});
                // Not one's to change: said as such, not as a message on the round's page.
                if (out.kind == app::OutcomeKind::forbidden || out.kind == app::OutcomeKind::not_found)
                  return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                std::string target = "/rounds/" + std::to_string(round_id);
                if (!out.ok())
                  target += "?error=" + (out.message_code.empty() ? std::string("error") : out.message_code);
                res.set_redirect(target, 303);
              }});
  router.add({"POST", "/rounds/{id}/runs", Audience::signed_in, Kind::page, "Run or simulate the allocation", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto round_id = path_id(req);
                if (ctx.actor->role != app::Role::admin) return PageBuilder(s, req, ctx).error_page(res, 403, "forbidden");
                app::RunRequest request;
                request.kind = req.get_param_value("kind") == "simulation" ? "simulation" : "official";
                request.label = req.get_param_value("label").substr(0, 160);
                if (req.has_param("precedence"))
                  request.precedence = admission::parse_precedence(req.get_param_value("precedence"));
                for (const char* f : {"women_percent", "local_percent"}) {
                  if (!req.has_param(f) || req.get_param_value(f).empty()) continue;
                  try {
                    (std::string(f) == "women_percent" ? request.women_percent : request.local_percent) =
                        std::stoi(req.get_param_value(f));
                  } catch (...) {
                    return res.set_redirect("/rounds/" + std::to_string(round_id) + "?error=invalid_input", 303);
                  }
                }
                app::Result<store::RunRow> out;
                if (app::allocation_run_as_job(s.jobs, s.admission, *ctx.actor, round_id, request, out))
                  out = app::Result<store::RunRow>::fail(app::OutcomeKind::conflict, "job_running");
                std::string target = "/rounds/" + std::to_string(round_id);
                if (!out.ok())
                  target += "?error=" + (out.message_code.empty() ? std::string("error") : out.message_code);
                res.set_redirect(target, 303);
              }});
  router.add({"POST", "/runs/{id}/publish", Audience::signed_in, Kind::page, "Publish an official run", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                app::Result<store::RunRow> out;
                if (app::publication_as_job(s.jobs, s.admission, *ctx.actor, path_id(req), out))
                  out = app::Result<store::RunRow>::fail(app::OutcomeKind::conflict, "job_running");
                PageBuilder b(s, req, ctx);
                if (failed_page(b, res, out)) return;
                res.set_redirect("/rounds/" + std::to_string(out.value.round_id), 303);
              }});

  router.add({"GET", "/cohorts/{id}/admissions", Audience::signed_in, Kind::page,
              "A cohort's admitted list and waitlist, and before publication its score entry", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                admissions_page(s, req, res, ctx);
              }});
  router.add({"POST", "/cohorts/{id}/scores", Audience::signed_in, Kind::page, "Enter test and interview scores", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                enter_scores(s, req, res, ctx);
              }});
}

}  // namespace jobintech::web
