// The targets page (GET /targets, docs/indicators.md "Targets"): every learner target of every
// convention (its region or all the convention's, its track or all, its period) against the
// learners enrolled towards it, with the progress drawn as an HTML <meter> and printed as a
// percentage; and the payment tranches of each convention (docs/payments.md). For the programme
// office, two forms: add a target (POST /targets) and add or replace a convention's tranche for a
// basis (POST /tranches). Both go through app::ResourceService, as POST /api/v1/targets and
// /api/v1/tranches do (reach, field validation, one transaction, the audit log). Saved: 303 back
// to the page (POST-redirect-GET). Refused: the page again, 422, each wrong field named above its
// form and marked in it, nothing written. Readers: the programme office and steering (the
// numbers of GET /api/v1/indicators/targets); others get a 403 page. No script, no inline style.
#include <algorithm>
#include <cmath>

#include "core/resource.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/services.h"
#include "web/svg_chart.h"

namespace jobintech::web {

// Defined in web/payment_pages.cpp: "12 000,00 MAD" in French.
std::string money_text(std::int64_t centimes, const std::string& lang);

namespace {

using nlohmann::json;

const app::Messages& messages() { return app::Messages::global(); }

const std::vector<std::string>& target_fields() {
  static const std::vector<std::string> fields = {"convention_code", "region_code", "track_code",
                                                  "learners",        "start_date",  "end_date"};
  return fields;
}

const std::vector<std::string>& tranche_fields() {
  static const std::vector<std::string> fields = {"convention_code", "basis", "amount_mad"};
  return fields;
}

bool reads_targets(const app::Actor& a) { return a.role == app::Role::admin || a.role == app::Role::steering; }

// A form as the page shows it: per field what was typed and whether (and why) it was refused,
// and above the form each refusal with the field named as the form labels it.
json form_json(const std::vector<std::string>& fields, const std::map<std::string, std::string>& values,
               const core::FieldErrors& errors, const std::string& lang) {
  const auto& m = messages();
  json form = json::object();
  for (const auto& f : fields) {
    const auto v = values.find(f);
    form[f] = {{"value", v == values.end() ? "" : v->second}, {"invalid", false}};
  }
  json texts = json::array();
  for (const auto& e : errors) {
    const std::string label = m.text(lang, "field." + e.field);
    const std::string named = label == "field." + e.field ? e.field : label;
    texts.push_back(
        {{"field", e.field}, {"text", e.field.empty() ? m.error(lang, e) : named + " : " + m.error(lang, e)}});
    if (form.contains(e.field)) {
      form[e.field]["invalid"] = true;
      form[e.field]["error"] = m.error(lang, e);
    }
  }
  form["errors"] = texts;
  form["has_errors"] = !texts.empty();
  return form;
}

json options(const std::vector<std::pair<std::string, std::string>>& list, const std::string& selected) {
  json out = json::array();
  for (const auto& [value, label] : list)
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  return out;
}

std::int64_t centimes_of(const core::Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return std::llround(*d * 100.0);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i * 100;
  return 0;
}

// The page, with the two forms as given (null: fresh) and the status to answer with.
void targets_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                  const json& target_form, const json& tranche_form, int status) {
  PageBuilder b(s, req, ctx);
  const auto& actor = *ctx.actor;
  const auto& lang = ctx.lang;
  const auto& m = messages();
  auto t = [&](const std::string& key, const std::map<std::string, std::string>& params = {}) {
    return m.text(lang, key, params);
  };
  if (!reads_targets(actor)) return b.error_page(res, 403, "forbidden");
  auto targets = s.indicators.targets(actor);
  if (!targets.ok()) return b.error_page(res, status_of(targets.kind), "forbidden");

  json page = b.base("targets");
  page["title"] = t("targets.title");
  const auto region_names = b.region_names();
  std::map<std::string, std::string> track_names;
  std::vector<std::pair<std::string, std::string>> tracks, regions, conventions;
  for (const auto& tr : b.all("tracks")) {
    const auto code = core::to_text(tr.at("code"));
    track_names[code] = localized_name(tr, lang);
    tracks.emplace_back(code, track_names[code]);
  }
  for (const auto& [code, name] : region_names) regions.emplace_back(code, code + " · " + name);
  std::map<std::string, std::string> convention_titles;
  for (const auto& c : b.all("conventions")) {
    const auto code = core::to_text(c.at("code"));
    convention_titles[code] = core::to_text(c.at("title"));
    conventions.emplace_back(code, code + " · " + convention_titles[code]);
  }

  // Targets, convention by convention: the convention-wide ones first, then by region.
  auto list = targets.value;
  std::stable_sort(list.begin(), list.end(), [](const store::TargetRow& a, const store::TargetRow& c) {
    if (a.convention_code != c.convention_code) return a.convention_code < c.convention_code;
    if (a.region_code.empty() != c.region_code.empty()) return a.region_code.empty();
    if (a.region_code != c.region_code) return a.region_code < c.region_code;
    return a.track_code < c.track_code;
  });
  json rows = json::array();
  for (const auto& tg : list) {
    const auto region = tg.region_code.empty()
                            ? t("dashboard.convention_wide")
                            : (region_names.count(tg.region_code) ? region_names.at(tg.region_code) : tg.region_code);
    const auto track = tg.track_code.empty()
                           ? t("dashboard.all_tracks")
                           : (track_names.count(tg.track_code) ? track_names.at(tg.track_code) : tg.track_code);
    const auto progress =
        tg.learners > 0 ? std::optional<double>(static_cast<double>(tg.achieved) / static_cast<double>(tg.learners))
                        : std::nullopt;
    const auto rate = svg::format_rate(progress, lang);
    rows.push_back({{"id", tg.id},
                    {"convention_code", tg.convention_code},
                    {"convention_title", tg.convention_title},
                    {"region", region},
                    {"region_code", tg.region_code},
                    {"national", tg.region_code.empty()},
                    {"track", track},
                    {"period", tg.start_date + " – " + tg.end_date},
                    {"target", svg::format_count(tg.learners, lang)},
                    {"achieved", svg::format_count(tg.achieved, lang)},
                    {"learners_raw", std::to_string(tg.learners)},
                    {"achieved_raw", std::to_string(tg.achieved)},
                    {"has_meter", tg.learners > 0},
                    {"rate", rate},
                    {"meter_label", t("targets.progress_of", {{"rate", rate}})}});
  }
  page["targets"] = rows;
  page["no_targets"] = rows.empty();

  // The tranches: one row per convention, an amount per basis ("—" when it pays nothing on it).
  const auto& bases = core::resource("tranches").field("basis")->choices;
  json basis_columns = json::array();
  for (const auto& basis : bases) basis_columns.push_back({{"basis", basis}, {"label", t("basis." + basis)}});
  std::map<std::string, std::map<std::string, std::int64_t>> amounts;
  auto tranches = s.resources.list(actor, core::resource("tranches"), {{"limit", "500"}, {"sort", "id"}});
  for (const auto& r : tranches.result.items)
    amounts[core::to_text(r.at("convention_code"))][core::to_text(r.at("basis"))] =
        r.count("amount_mad") ? centimes_of(r.at("amount_mad")) : 0;
  json tranche_rows = json::array();
  for (const auto& [code, title] : conventions) {
    auto it = amounts.find(code);
    if (it == amounts.end()) continue;
    json cells = json::array();
    for (const auto& basis : bases) {
      auto a = it->second.find(basis);
      cells.push_back({{"basis", basis}, {"amount", a == it->second.end() ? "—" : money_text(a->second, lang)}});
    }
    tranche_rows.push_back(
        {{"convention_code", code}, {"convention_title", convention_titles[code]}, {"cells", cells}});
  }
  page["tranches"] = {{"columns", basis_columns}, {"rows", tranche_rows}, {"none", tranche_rows.empty()}};

  const std::string saved = req.has_param("saved") ? req.get_param_value("saved") : "";
  page["saved_target"] = saved == "target";
  page["saved_tranche"] = saved == "tranche";

  // The programme office's forms, refilled with what was typed when refused.
  if (actor.role == app::Role::admin) {
    json tf = target_form.is_null() ? form_json(target_fields(), {}, {}, lang) : target_form;
    tf["conventions"] = options(conventions, tf["convention_code"]["value"].get<std::string>());
    tf["regions"] = options(regions, tf["region_code"]["value"].get<std::string>());
    tf["tracks"] = options(tracks, tf["track_code"]["value"].get<std::string>());
    json rf = tranche_form.is_null() ? form_json(tranche_fields(), {}, {}, lang) : tranche_form;
    rf["conventions"] = options(conventions, rf["convention_code"]["value"].get<std::string>());
    std::vector<std::pair<std::string, std::string>> basis_options;
    for (const auto& basis : bases) basis_options.emplace_back(basis, t("basis." + basis));
    rf["bases"] = options(basis_options, rf["basis"]["value"].get<std::string>());
    page["admin"] = {{"target_form", tf}, {"tranche_form", rf}};
  }
  res.status = status;
  b.render(res, "targets", page);
}

// Reads a posted form's fields as a spreadsheet's cells are read (an empty box is absent; "1,5"
// is a decimal as French users type it), with the record's own checks.
core::ParsedInput read_form(const httplib::Request& req, const core::ResourceSpec& spec,
                            const std::vector<std::string>& fields, std::map<std::string, std::string>& values) {
  core::Record raw;
  for (const auto& f : fields) {
    values[f] = req.has_param(f) ? req.get_param_value(f) : "";
    raw[f] = values[f];
  }
  auto parsed = core::parse_input(spec, raw, core::InputMode::create, core::InputSource::spreadsheet);
  if (parsed.errors.empty() && spec.check_record) spec.check_record(parsed.values, parsed.errors);
  return parsed;
}

// After the use case refused: a 403/404 page, or the refusals to show with the form.
bool refused_outright(const PageBuilder& b, httplib::Response& res, const app::Outcome& out) {
  if (out.kind != app::OutcomeKind::forbidden && out.kind != app::OutcomeKind::not_found) return false;
  b.error_page(res, status_of(out.kind), out.message_code.empty() ? "forbidden" : out.message_code);
  return true;
}

core::FieldErrors errors_of(const app::Outcome& out) {
  auto errors = out.errors;
  if (errors.empty()) errors.push_back({"", out.message_code.empty() ? "error" : out.message_code, {}});
  return errors;
}

}  // namespace

void register_target_page_routes(Router& router, Services& s) {
  router.add({"GET", "/targets", Audience::signed_in, Kind::page,
              "The conventions' targets against achievement, the payment tranches, and (admin) the forms to add them",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                targets_page(s, req, res, ctx, nullptr, nullptr, 200);
              }});
  router.add({"POST", "/targets", Audience::signed_in, Kind::page,
              "Add a convention target from the targets page's form (convention, region, track, learners, period)",
              "targets", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                if (ctx.actor->role != app::Role::admin) return b.error_page(res, 403, "forbidden");
                const auto& spec = core::resource("targets");
                std::map<std::string, std::string> values;
                auto parsed = read_form(req, spec, target_fields(), values);
                app::Outcome out;
                if (parsed.errors.empty()) {
                  out = s.resources.create(*ctx.actor, spec, parsed.values);
                  if (out.ok()) return res.set_redirect("/targets?saved=target#targets", 303);
                  if (refused_outright(b, res, out)) return;
                  parsed.errors = errors_of(out);
                }
                targets_page(s, req, res, ctx, form_json(target_fields(), values, parsed.errors, ctx.lang), nullptr,
                             out.kind == app::OutcomeKind::conflict ? 409 : 422);
              }});
  router.add({"POST", "/tranches", Audience::signed_in, Kind::page,
              "Add or replace a convention's payment tranche for a basis from the targets page's form", "tranches",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                if (ctx.actor->role != app::Role::admin) return b.error_page(res, 403, "forbidden");
                const auto& spec = core::resource("tranches");
                std::map<std::string, std::string> values;
                auto parsed = read_form(req, spec, tranche_fields(), values);
                app::Outcome out;
                if (parsed.errors.empty()) {
                  // One tranche per convention and basis (a unique key): an existing one is replaced.
                  std::optional<std::int64_t> existing;
                  auto list =
                      s.resources.list(*ctx.actor, spec, {{"convention", values["convention_code"]}, {"limit", "100"}});
                  for (const auto& r : list.result.items)
                    if (core::to_text(r.at("basis")) == values["basis"])
                      existing = std::stoll(core::to_text(r.at("id")));
                  out = existing ? s.resources.update(*ctx.actor, spec, *existing,
                                                      {{"amount_mad", parsed.values.at("amount_mad")}})
                                 : s.resources.create(*ctx.actor, spec, parsed.values);
                  if (out.ok()) return res.set_redirect("/targets?saved=tranche#tranches", 303);
                  if (refused_outright(b, res, out)) return;
                  parsed.errors = errors_of(out);
                }
                targets_page(s, req, res, ctx, nullptr, form_json(tranche_fields(), values, parsed.errors, ctx.lang),
                             out.kind == app::OutcomeKind::conflict ? 409 : 422);
              }});
}

}  // namespace jobintech::web
