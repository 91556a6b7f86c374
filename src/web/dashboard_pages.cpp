// The steering dashboard (docs/dashboard.md): tiles, the funnel, achieved against targets, the
// tile map of the regions, the quarterly trend and the tables by operator and by track, from one
// IndicatorReport. Rendering is linear in the number of groups; the facts behind the report are
// loaded and cached by IndicatorService.
#include "web/dashboard_pages.h"

#include <algorithm>
#include <future>
#include <set>

#include "core/resource.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/svg_chart.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

// The indicators the map can be coloured by, the default first.
const std::vector<std::string>& map_indicators() {
  static const std::vector<std::string> fields = {"insertion_rate_6m",  "completion_rate", "women_share",
                                                  "enrolled",           "graduated",       "retention_rate_12m",
                                                  "median_salary_mad"};
  return fields;
}

bool is_rate(const std::string& field) { return field.find("rate") != std::string::npos || field == "women_share"; }

std::string value_text(const std::string& field, std::optional<double> v, const std::string& lang) {
  if (app::is_count_field(field)) return svg::format_count(v ? static_cast<std::int64_t>(*v) : 0, lang);
  if (is_rate(field)) return svg::format_rate(v, lang);
  return svg::format_number(v, lang);
}

const app::IndicatorTable* table_of(const app::IndicatorReport& report, const std::string& grouping) {
  for (const auto& t : report.tables)
    if (t.group_by == grouping) return &t;
  return nullptr;
}

// A table of every indicator, one row per group (the operator and track tables, and the export's
// columns in the same order).
json indicator_rows(const app::IndicatorTable* table, const std::string& lang) {
  json rows = json::array();
  if (!table) return rows;
  for (const auto& g : table->groups) {
    json cells = json::array();
    for (const auto& f : app::indicator_fields())
      cells.push_back({{"field", f}, {"text", value_text(f, app::indicator_value(g.values, f), lang)}});
    rows.push_back({{"key", g.key}, {"label", g.label}, {"cells", cells}});
  }
  return rows;
}

std::string query_string(const std::map<std::string, std::string>& params) {
  std::string q;
  for (const auto& [k, v] : params)
    if (!v.empty()) q += "&" + k + "=" + httplib::detail::encode_query_param(v);
  return q;
}

struct Filters {
  std::map<std::string, std::string> raw;  // as typed, to refill the form
  app::IndicatorParams params;
  std::string map_field = "insertion_rate_6m";
  core::FieldErrors errors;
};

Filters read_filters(const httplib::Request& req, const std::vector<std::string>& operator_codes,
                     const std::vector<std::string>& track_codes, bool operator_filter, const std::string& lang) {
  Filters f;
  for (const char* k : {"from", "to", "as_of", "region", "operator", "track", "map"})
    if (req.has_param(k)) f.raw[k] = req.get_param_value(k);
  std::map<std::string, std::string> query;
  for (const char* k : {"from", "to", "as_of", "region", "operator", "track"})
    if (auto it = f.raw.find(k); it != f.raw.end() && !it->second.empty()) query[k] = it->second;
  if (!operator_filter) query.erase("operator");
  auto parsed = app::parse_indicator_params(query);
  if (parsed.ok()) f.params = parsed.value;
  else f.errors = parsed.errors;
  auto check_choice = [&](const char* name, const std::vector<std::string>& choices) {
    auto it = query.find(name);
    if (it == query.end() || std::find(choices.begin(), choices.end(), it->second) != choices.end()) return;
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
    f.errors.push_back({name, "not_in_choices", {{"choices", list}}});
  };
  check_choice("operator", operator_codes);
  check_choice("track", track_codes);
  if (auto it = f.raw.find("map"); it != f.raw.end() && !it->second.empty()) {
    const auto& fields = map_indicators();
    if (std::find(fields.begin(), fields.end(), it->second) != fields.end()) f.map_field = it->second;
    else {
      std::string list;
      for (const auto& c : fields) list += (list.empty() ? "" : ", ") + c;
      f.errors.push_back({"map", "not_in_choices", {{"choices", list}}});
    }
  }
  if (!f.errors.empty()) f.params = app::IndicatorParams{};  // everything, unfiltered
  f.params.lang = lang;
  f.params.group_by = {"none", "region", "quarter", "operator", "track"};
  return f;
}

json options(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected) {
  json list = json::array();
  for (const auto& [value, label] : values)
    list.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  return list;
}

}  // namespace

bool shows_dashboard(const app::Actor& actor) {
  return actor.role == app::Role::admin || actor.role == app::Role::steering ||
         actor.role == app::Role::operator_staff;
}

void render_dashboard(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
  PageBuilder b(s, req, ctx);
  const auto& m = app::Messages::global();
  const auto& lang = ctx.lang;
  const auto& actor = *ctx.actor;
  auto t = [&](const std::string& key, const std::map<std::string, std::string>& params = {}) {
    return m.text(lang, key, params);
  };
  json page = b.base("home");
  page["title"] = t("nav.dashboard");
  page["welcome"] = t("home.welcome", {{"name", actor.display_name}});
  const bool operator_staff = actor.role == app::Role::operator_staff;

  // The choices of the filters: operators (the programme office and the ministry only: staff of an
  // operator see their own cohorts anyway), tracks, regions.
  std::vector<std::pair<std::string, std::string>> operators, tracks;
  if (!operator_staff) {
    auto out = s.resources.list(actor, core::resource("organisations"),
                                {{"kind", "operator"}, {"sort", "name"}, {"limit", "500"}});
    for (const auto& o : out.result.items)
      operators.emplace_back(core::to_text(o.at("code")), core::to_text(o.at("name")));
  }
  std::map<std::string, std::string> track_names;
  for (const auto& tr : b.all("tracks")) {
    const auto code = core::to_text(tr.at("code"));
    track_names[code] = localized_name(tr, lang);
    tracks.emplace_back(code, track_names[code]);
  }
  const auto region_names = b.region_names();
  std::vector<std::string> operator_codes, track_codes;
  for (const auto& o : operators) operator_codes.push_back(o.first);
  for (const auto& tr : tracks) track_codes.push_back(tr.first);

  auto filters = read_filters(req, operator_codes, track_codes, !operator_staff, lang);
  auto raw = [&](const char* k) { return filters.raw.count(k) ? filters.raw.at(k) : std::string(); };
  const auto& p = filters.params;

  if (!filters.errors.empty()) {
    static const std::map<std::string, std::string> labels = {
        {"from", "dashboard.from"},   {"to", "dashboard.to"},         {"as_of", "dashboard.as_of"},
        {"region", "field.region"},   {"operator", "field.operator"}, {"track", "field.track"},
        {"map", "dashboard.map_indicator"}};
    json errors = json::array();
    for (const auto& e : filters.errors) {
      auto it = labels.find(e.field);
      errors.push_back({{"field", e.field}, {"label", it == labels.end() ? e.field : t(it->second)},
                        {"message", m.error(lang, e)}});
    }
    page["filter_errors"] = errors;
    page["has_filter_errors"] = true;
    res.status = 422;
  }

  // The funnel's counts read the applications while the indicators read the enrolments.
  auto funnel_later = std::async(std::launch::async, [&] { return s.indicators.funnel(actor, p); });
  auto report = s.indicators.indicators(actor, p);
  auto funnel = funnel_later.get();
  if (!report.ok()) return b.error_page(res, status_of(report.kind), "forbidden");
  const auto& r = report.value;

  // The form, refilled with what was typed (even when wrong, so it can be corrected).
  json map_options = json::array();
  for (const auto& f : map_indicators())
    map_options.push_back({{"value", f}, {"label", t("indicator." + f)}, {"selected", f == filters.map_field}});
  std::vector<std::pair<std::string, std::string>> region_values;
  for (const auto& [code, name] : region_names) region_values.emplace_back(code, code + " · " + name);
  page["form"] = {{"from", raw("from")},
                  {"to", raw("to")},
                  {"as_of", raw("as_of")},
                  {"regions", options(region_values, raw("region"))},
                  {"operator_filter", !operator_staff},
                  {"operators", options(operators, raw("operator"))},
                  {"tracks", options(tracks, raw("track"))},
                  {"map_options", map_options}};
  page["intro"] = t("dashboard.intro", {{"as_of", r.as_of}});
  page["operator_scope"] = operator_staff;

  // Exports carry the filters in force (none when the typed ones were wrong).
  const std::string filter_query = query_string({{"as_of", p.as_of},
                                                 {"from", p.from},
                                                 {"to", p.to},
                                                 {"region", p.region},
                                                 {"operator", p.operator_code},
                                                 {"track", p.track}});
  page["exports"] = {
      {"xlsx", "/api/v1/indicators/export?format=xlsx&group_by=none,region,quarter,operator,track,site,gender,year" +
                   filter_query},
      {"csv", "/api/v1/indicators/export?format=csv&group_by=region" + filter_query},
      {"open_data", "/api/v1/indicators/open-data?group_by=region" + filter_query}};

  // Tiles: the national row (no row at all when nothing is enrolled yet: zeros and nulls).
  outcomes::Indicators all;
  if (const auto* none = table_of(r, "none"); none && !none->groups.empty()) all = none->groups.front().values;
  const std::int64_t applicants = funnel.ok() ? funnel.value.applicants : 0;
  page["tiles"] = json::array({
      {{"key", "applicants"}, {"label", t("dashboard.applicants")}, {"value", svg::format_count(applicants, lang)}},
      {{"key", "enrolled"}, {"label", t("indicator.enrolled")}, {"value", svg::format_count(all.enrolled, lang)}},
      {{"key", "graduated"}, {"label", t("indicator.graduated")}, {"value", svg::format_count(all.graduated, lang)}},
      {{"key", "insertion_rate_6m"},
       {"label", t("indicator.insertion_rate_6m")},
       {"value", svg::format_rate(all.insertion_rate_6m, lang)}},
      {{"key", "women_share"}, {"label", t("indicator.women_share")}, {"value", svg::format_rate(all.women_share, lang)}},
  });
  page["empty"] = all.enrolled == 0;

  // The funnel.
  {
    const auto& f = funnel.value;
    const std::vector<svg::FunnelStep> steps = {{t("dashboard.applicants"), f.applicants},
                                                {t("dashboard.admitted"), f.admitted},
                                                {t("indicator.enrolled"), f.enrolled},
                                                {t("indicator.graduated"), f.graduated},
                                                {t("indicator.inserted_6m"), f.inserted_6m}};
    json rows = json::array();
    for (std::size_t i = 0; i < steps.size(); ++i) {
      std::optional<double> share;
      if (i > 0 && steps[i - 1].count > 0)
        share = static_cast<double>(steps[i].count) / static_cast<double>(steps[i - 1].count);
      rows.push_back({{"label", steps[i].label},
                      {"count", svg::format_count(steps[i].count, lang)},
                      {"share", i == 0 ? std::string() : svg::format_rate(share, lang)}});
    }
    page["funnel"] = {{"svg", svg::funnel_chart({t("dashboard.funnel"), t("dashboard.funnel_desc")}, steps,
                                                t("dashboard.of_previous"), lang)},
                      {"rows", rows}};
  }

  // Achieved against the conventions' targets: regional targets by region, then the national ones.
  if (auto targets = s.indicators.targets(actor); targets.ok()) {
    auto list = targets.value;
    std::stable_sort(list.begin(), list.end(), [](const store::TargetRow& a, const store::TargetRow& b) {
      if (a.region_code.empty() != b.region_code.empty()) return !a.region_code.empty();
      return a.region_code < b.region_code;
    });
    std::vector<svg::Bar> bars;
    json rows = json::array();
    for (const auto& tg : list) {
      const std::string where = tg.region_code.empty() ? t("dashboard.convention_wide")
                                                       : (region_names.count(tg.region_code) ? region_names.at(tg.region_code)
                                                                                             : tg.region_code);
      const std::string track = tg.track_code.empty()
                                    ? t("dashboard.all_tracks")
                                    : (track_names.count(tg.track_code) ? track_names.at(tg.track_code) : tg.track_code);
      const auto progress = tg.learners > 0 ? std::optional<double>(static_cast<double>(tg.achieved) /
                                                                    static_cast<double>(tg.learners))
                                            : std::nullopt;
      const std::string achieved = svg::format_count(tg.achieved, lang), target = svg::format_count(tg.learners, lang);
      // A regional target is named by its region (and track); a convention-wide one by its convention.
      const std::string label = (tg.region_code.empty() ? tg.convention_title : where + " · " + tg.convention_code) +
                                (tg.track_code.empty() ? "" : " · " + track);
      bars.push_back({label, static_cast<double>(tg.achieved), static_cast<double>(tg.learners),
                      achieved + " / " + target + " · " + svg::format_rate(progress, lang)});
      rows.push_back({{"convention", tg.convention_code},
                      {"convention_title", tg.convention_title},
                      {"region", where},
                      {"national", tg.region_code.empty()},
                      {"track", track},
                      {"period", tg.start_date + " – " + tg.end_date},
                      {"target", target},
                      {"achieved", achieved},
                      {"progress", svg::format_rate(progress, lang)}});
    }
    page["targets"] = {{"svg", bars.empty() ? std::string() : svg::bar_chart({t("dashboard.targets"), t("dashboard.targets_desc")}, bars)},
                       {"rows", rows},
                       {"none", rows.empty()}};
  }

  // The tile map of the regions, by the chosen indicator.
  {
    const auto& field = filters.map_field;
    const auto* by_region = table_of(r, "region");
    std::map<std::string, const outcomes::Indicators*> values;
    if (by_region)
      for (const auto& g : by_region->groups) values[g.key] = &g.values;
    std::vector<svg::RegionTile> tiles;
    json rows = json::array();
    double lo = 0, hi = 0;
    bool any = false;
    for (const auto& [code, name] : region_names) {
      auto it = values.find(code);
      const std::optional<double> v = it == values.end()
                                          ? (app::is_count_field(field) ? std::optional<double>(0) : std::nullopt)
                                          : app::indicator_value(*it->second, field);
      if (v) {
        lo = any ? std::min(lo, *v) : *v;
        hi = any ? std::max(hi, *v) : *v;
        any = true;
      }
      const auto text = value_text(field, v, lang);
      tiles.push_back({code, name, v, text});
      rows.push_back({{"code", code}, {"name", name}, {"value", text}});
    }
    // The scale runs between the lowest and the highest region, so that regions a few points
    // apart can be told apart; the legend prints the bounds of each colour.
    svg::MapScale scale;
    scale.min = lo;
    scale.max = hi;
    for (int k = 0; k < svg::kMapSteps; ++k) {
      const double a = scale.min + (scale.max - scale.min) * k / svg::kMapSteps;
      const double z = scale.min + (scale.max - scale.min) * (k + 1) / svg::kMapSteps;
      scale.step_labels.push_back(is_rate(field) ? svg::format_rate(a, lang) + " – " + svg::format_rate(z, lang)
                                                 : svg::format_number(a, lang) + " – " + svg::format_number(z, lang));
    }
    if (!any) scale.step_labels.clear();
    if (any && hi <= lo)  // one value everywhere: the darkest colour only
      for (int k = 0; k + 1 < svg::kMapSteps; ++k) scale.step_labels[static_cast<std::size_t>(k)].clear();
    scale.no_data_label = t("dashboard.no_data");
    const auto label = t("indicator." + field);
    page["map"] = {{"title", t("dashboard.map", {{"indicator", label}})},
                   {"indicator", label},
                   {"svg", svg::region_tile_map({t("dashboard.map", {{"indicator", label}}),
                                                 t("dashboard.map_desc", {{"indicator", label}})},
                                                tiles, scale)},
                   {"rows", rows}};
  }

  // The trend by cohort start quarter.
  {
    std::vector<svg::TrendPoint> points;
    json rows = json::array();
    if (const auto* q = table_of(r, "quarter"))
      for (const auto& g : q->groups) {
        const auto enrolled = svg::format_count(g.values.enrolled, lang);
        const auto rate = svg::format_rate(g.values.insertion_rate_6m, lang);
        points.push_back({g.label, static_cast<double>(g.values.enrolled), enrolled, g.values.insertion_rate_6m, rate});
        rows.push_back({{"label", g.label}, {"enrolled", enrolled}, {"rate", rate}});
      }
    page["trend"] = {{"svg", points.empty() ? std::string()
                                            : svg::trend_chart({t("dashboard.trend"), t("dashboard.trend_desc")}, points,
                                                               t("indicator.enrolled"), t("indicator.insertion_rate_6m"))},
                     {"rows", rows},
                     {"any", !rows.empty()}};
  }

  // The tables by operator and by track, every indicator.
  json columns = json::array();
  for (const auto& f : app::indicator_fields()) columns.push_back({{"field", f}, {"label", t("indicator." + f)}});
  page["columns"] = columns;
  page["by_operator"] = indicator_rows(table_of(r, "operator"), lang);
  page["by_track"] = indicator_rows(table_of(r, "track"), lang);
  page["has_by_operator"] = !page["by_operator"].empty();
  page["has_by_track"] = !page["by_track"].empty();
  b.render(res, "dashboard", page);
}

void register_dashboard_page_routes(Router&, Services&) {
  // The dashboard is served at "/" (page_routes.cpp calls render_dashboard for the roles that
  // have it), so it has no route of its own.
}

}  // namespace jobintech::web
