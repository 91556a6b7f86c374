// The API of the programme's numbers: indicators (docs/indicators.md) as JSON, CSV, XLSX with a
// sheet per grouping, and open data with small counts suppressed; the conventions' targets with
// what was achieved.
#include "app/indicator_export.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

namespace {

std::map<std::string, std::string> query_of(const httplib::Request& req) {
  std::map<std::string, std::string> q;
  for (const auto& [k, v] : req.params) q[k] = v;
  return q;
}

// The parameters of an indicators request; nullopt after answering 422.
std::optional<app::IndicatorParams> params_of(const httplib::Request& req, httplib::Response& res,
                                              const RequestContext& ctx, bool several_groupings) {
  auto q = query_of(req);
  static const std::set<std::string> known = {"as_of", "from", "to", "group_by", "region", "operator", "track", "format", "lang"};
  core::FieldErrors unknown;
  for (const auto& [k, v] : q)
    if (!known.count(k)) unknown.push_back({k, "unknown_parameter", {}});
  if (!unknown.empty()) {
    send_problem(res, ctx, 422, "invalid_parameters", unknown);
    return std::nullopt;
  }
  if (several_groupings && q["group_by"].empty()) {
    std::string all;
    for (const auto& g : store::grouping_names()) all += (all.empty() ? "" : ",") + g;
    q["group_by"] = all;
  }
  auto p = app::parse_indicator_params(q);
  if (!p.ok() || (!several_groupings && p.value.group_by.size() > 1)) {
    auto errors = p.errors;
    if (p.ok()) errors.push_back({"group_by", "single_value", {}});
    send_problem(res, ctx, 422, "invalid_parameters", errors);
    return std::nullopt;
  }
  p.value.lang = ctx.lang;
  return p.value;
}

nlohmann::json optional_number(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

nlohmann::json group_json(const app::IndicatorGroup& g) {
  nlohmann::json j = {{"key", g.key}, {"label", g.label}};
  for (const auto& f : app::indicator_fields()) {
    const auto v = app::indicator_value(g.values, f);
    j[f] = app::is_count_field(f) ? nlohmann::json(static_cast<std::int64_t>(*v)) : optional_number(v);
  }
  return j;
}

void send_file(httplib::Response& res, const std::string& bytes, const char* type, const std::string& name) {
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.set_content(bytes, type);
}

}  // namespace

void register_outcome_api_routes(Router& router, Services& s) {
  router.add({"GET", "/api/v1/indicators", Audience::signed_in, Kind::api,
              "The programme's indicators (docs/indicators.md): ?group_by=none|region|operator|site|track|cohort|"
              "gender|year|quarter&as_of=&from=&to=&region=&operator=&track=",
              "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto p = params_of(req, res, ctx, false);
                if (!p) return;
                auto out = s.indicators.indicators(*ctx.actor, *p);
                if (failed(res, ctx, out)) return;
                const auto& table = out.value.tables.front();
                nlohmann::json groups = nlohmann::json::array();
                for (const auto& g : table.groups) groups.push_back(group_json(g));
                send_json(res, 200,
                          {{"as_of", out.value.as_of},
                           {"from", out.value.from.empty() ? nlohmann::json() : nlohmann::json(out.value.from)},
                           {"to", out.value.to.empty() ? nlohmann::json() : nlohmann::json(out.value.to)},
                           {"group_by", table.group_by},
                           {"groups", groups}});
              }});
  router.add({"GET", "/api/v1/indicators/export", Audience::signed_in, Kind::api,
              "The indicators as a file: ?format=xlsx (a sheet per grouping; group_by may list several, all by "
              "default) or csv (one grouping), same parameters as /api/v1/indicators",
              "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const std::string format = req.has_param("format") ? req.get_param_value("format") : "xlsx";
                if (format != "xlsx" && format != "csv") {
                  send_problem(res, ctx, 422, "invalid_parameters", {{"format", "not_in_choices", {{"choices", "xlsx, csv"}}}});
                  return;
                }
                auto p = params_of(req, res, ctx, format == "xlsx");
                if (!p) return;
                auto out = s.indicators.indicators(*ctx.actor, *p);
                if (failed(res, ctx, out)) return;
                std::vector<app::ExportTable> tables;
                for (const auto& t : out.value.tables) tables.push_back(app::indicator_export_table(t, false));
                const std::string name = "indicateurs-" + out.value.as_of;
                if (format == "csv") send_file(res, app::export_csv(tables.front()), "text/csv; charset=utf-8", name + ".csv");
                else send_file(res, app::export_xlsx_bytes(tables), kXlsxType, name + ".xlsx");
              }});
  router.add({"GET", "/api/v1/indicators/open-data", Audience::signed_in, Kind::api,
              "Aggregates ready to publish (CSV): counts below 5, and rates and medians computed from them, are "
              "left empty; same parameters as /api/v1/indicators (group_by: region by default)",
              "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto p = params_of(req, res, ctx, false);
                if (!p) return;
                if (!req.has_param("group_by")) p->group_by = {"region"};
                auto out = s.indicators.indicators(*ctx.actor, *p);
                if (failed(res, ctx, out)) return;
                send_file(res, app::export_csv(app::indicator_export_table(out.value.tables.front(), true)),
                          "text/csv; charset=utf-8", "jobintech-donnees-ouvertes-" + out.value.as_of + ".csv");
              }});
  router.add({"GET", "/api/v1/indicators/targets", Audience::signed_in, Kind::api,
              "Every convention target (region, track, period, learners) with the learners enrolled towards it", "",
              [&s](const httplib::Request&, httplib::Response& res, RequestContext& ctx) {
                auto out = s.indicators.targets(*ctx.actor);
                if (failed(res, ctx, out)) return;
                nlohmann::json items = nlohmann::json::array();
                for (const auto& t : out.value)
                  items.push_back({{"id", t.id},
                                   {"convention_code", t.convention_code},
                                   {"convention_title", t.convention_title},
                                   {"region_code", t.region_code.empty() ? nlohmann::json() : nlohmann::json(t.region_code)},
                                   {"track_code", t.track_code.empty() ? nlohmann::json() : nlohmann::json(t.track_code)},
                                   {"start_date", t.start_date},
                                   {"end_date", t.end_date},
                                   {"learners", t.learners},
                                   {"achieved", t.achieved},
                                   {"progress", t.learners ? nlohmann::json(static_cast<double>(t.achieved) / t.learners)
                                                           : nlohmann::json()}});
                send_json(res, 200, {{"items", items}});
              }});
  router.add({"GET", "/api/v1/payments/statement", Audience::signed_in, Kind::api,
              "An operator's result-based payment statement (docs/payments.md): ?operator=CODE&from=&to= "
              "[&format=xlsx]; each line with its learners (not for steering) and the totals",
              "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.payments.statement(*ctx.actor, query_of(req));
                if (failed(res, ctx, out)) return;
                const auto& st = out.value;
                if (req.has_param("format") && req.get_param_value("format") == "xlsx") {
                  send_file(res, app::export_xlsx_bytes(app::statement_tables(st)), kXlsxType,
                            "releve-" + st.operator_code + "-" + st.from + "-" + st.to + ".xlsx");
                  return;
                }
                nlohmann::json lines = nlohmann::json::array();
                for (const auto& l : st.lines) {
                  nlohmann::json entries = nlohmann::json::array();
                  for (const auto& e : l.entries)
                    entries.push_back({{"enrolment_id", e.enrolment_id}, {"candidate_id", e.candidate_id}, {"cin", e.cin},
                                       {"first_name", e.first_name}, {"last_name", e.last_name},
                                       {"cohort_code", e.cohort_code}, {"date", e.on}});
                  lines.push_back({{"convention_code", l.convention_code}, {"convention_title", l.convention_title},
                                   {"basis", l.basis}, {"amount_mad", l.amount_centimes / 100.0},
                                   {"learners", l.learners}, {"total_mad", l.total_centimes / 100.0},
                                   {"entries", st.personal ? entries : nlohmann::json()}});
                }
                send_json(res, 200, {{"operator_code", st.operator_code}, {"operator_name", st.operator_name},
                                     {"from", st.from}, {"to", st.to}, {"lines", lines},
                                     {"total_mad", st.total_centimes / 100.0}});
              }});
}

}  // namespace jobintech::web
