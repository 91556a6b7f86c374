// The JSON API under /api/v1: authentication, the programme's resources, imports and exports.
#include <algorithm>

#include "app/exporter.h"
#include "app/importer.h"
#include "core/resource.h"
#include "app/long_jobs.h"
#include "web/json_records.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

namespace {

nlohmann::json actor_json(const app::Actor& a) {
  nlohmann::json j = {{"id", a.user_id ? nlohmann::json(*a.user_id) : nlohmann::json(nullptr)},
                      {"email", a.email},
                      {"display_name", a.display_name},
                      {"role", app::role_name(a.role)},
                      {"locale", a.locale}};
  j["organisation_code"] = a.organisation_code ? nlohmann::json(*a.organisation_code) : nlohmann::json(nullptr);
  j["candidate_id"] = a.candidate_id ? nlohmann::json(*a.candidate_id) : nlohmann::json(nullptr);
  return j;
}


// A JSON object body as a record; on failure answers 400, 415 or 422 and returns nullopt.
std::optional<core::Record> record_body(const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
  auto body = json_body(req, res, ctx);
  if (!body) return std::nullopt;
  core::FieldErrors errors;
  auto raw = json_to_record(*body, errors);
  if (!raw) send_problem(res, ctx, 422, "invalid_input", errors);
  return raw;
}

void add_resource_routes(Router& router, Services& s, const core::ResourceSpec& spec) {
  const std::string base = "/api/v1/" + spec.name;
  const bool by_code = spec.name == "regions";
  router.add({"GET", base, Audience::signed_in, Kind::api, "List " + spec.name, spec.name,
              [&s, &spec](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                std::map<std::string, std::string> params;
                for (const auto& [k, v] : req.params) params[k] = v;
                auto out = s.resources.list(*ctx.actor, spec, params);
                if (out.kind != app::OutcomeKind::ok)
                  return send_problem(res, ctx, status_of(out.kind),
                                      out.kind == app::OutcomeKind::invalid ? "invalid_parameters" : "forbidden",
                                      out.errors);
                nlohmann::json items = nlohmann::json::array();
                for (const auto& r : out.result.items) items.push_back(record_to_json(spec, r));
                send_json(res, 200, {{"items", items}, {"total", out.result.total}});
              }});
  if (by_code) {
    router.add({"GET", base + "/{code}", Audience::signed_in, Kind::api, "Get one region by code", spec.name,
                [&s, &spec](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                  auto out = s.resources.list(*ctx.actor, spec, {{"limit", "500"}});
                  for (const auto& r : out.result.items)
                    if (core::to_text(r.at("code")) == req.matches[1].str())
                      return send_json(res, 200, record_to_json(spec, r));
                  send_problem(res, ctx, 404, "not_found");
                }});
    return;
  }
  router.add({"GET", base + "/{id}", Audience::signed_in, Kind::api, "Get one " + spec.singular, spec.name,
              [&s, &spec](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto out = s.resources.get(*ctx.actor, spec, path_id(req));
                if (!out.ok()) return send_outcome_problem(res, ctx, out);
                res.set_header("ETag", "\"" + core::to_text(out.record["version"]) + "\"");
                send_json(res, 200, record_to_json(spec, out.record));
              }});
  const bool writable = std::any_of(spec.fields.begin(), spec.fields.end(), [](const auto& f) { return f.writable; });
  if (!writable) return;
  router.add({"POST", base, Audience::signed_in, Kind::api, "Create a " + spec.singular, spec.name,
              [&s, &spec](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto raw = record_body(req, res, ctx);
                if (!raw) return;
                auto out = s.resources.create(*ctx.actor, spec, *raw);
                if (!out.ok()) return send_outcome_problem(res, ctx, out);
                res.set_header("Location", "/api/v1/" + spec.name + "/" + core::to_text(out.record["id"]));
                send_json(res, 201, record_to_json(spec, out.record));
              }});
  router.add({"PATCH", base + "/{id}", Audience::signed_in, Kind::api, "Update a " + spec.singular, spec.name,
              [&s, &spec](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto raw = record_body(req, res, ctx);
                if (!raw) return;
                std::optional<std::int64_t> if_version;
                if (auto m = req.get_header_value("If-Match"); !m.empty()) {
                  std::string digits;
                  for (char c : m)
                    if (c >= '0' && c <= '9') digits += c;
                  if (digits.empty() || digits.size() > 12) return send_problem(res, ctx, 412, "stale_version");
                  if_version = std::stoll(digits);
                }
                auto out = s.resources.update(*ctx.actor, spec, path_id(req), *raw, if_version);
                if (!out.ok()) return send_outcome_problem(res, ctx, out);
                res.set_header("ETag", "\"" + core::to_text(out.record["version"]) + "\"");
                send_json(res, 200, record_to_json(spec, out.record));
              }});
  if (spec.deletable) {
    router.add({"DELETE", base + "/{id}", Audience::signed_in, Kind::api, "Delete a " + spec.singular, spec.name,
                [&s, &spec](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                  auto out = s.resources.remove(*ctx.actor, spec, path_id(req));
                  if (!out.ok()) return send_outcome_problem(res, ctx, out);
                  res.status = 204;
                }});
  }
}

}  // namespace

nlohmann::json import_report_json(const app::ImportReport& r, const std::string& lang) {
  const auto& m = app::Messages::global();
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& i : r.issues)
    issues.push_back({{"line", i.line}, {"column", i.column}, {"code", i.error.code}, {"message", m.error(lang, i.error)}});
  return {{"kind", r.kind},       {"encoding", r.encoding}, {"separator", r.separator}, {"rows", r.rows},
          {"created", r.created}, {"updated", r.updated},   {"unchanged", r.unchanged}, {"applied", r.applied},
          {"errors", issues}};
}

void register_api_routes(Router& router, Services& s) {
  router.add({"GET", "/healthz", Audience::anyone, Kind::api, "Liveness: 200 when the database answers", "",
              [&s](const httplib::Request&, httplib::Response& res, RequestContext&) {
                auto conn = s.db.connect();
                int one = 0;
                conn.session() << "SELECT 1", soci::into(one);
                send_json(res, one == 1 ? 200 : 503, {{"status", one == 1 ? "ok" : "unavailable"}});
              }});
  router.add({"POST", "/api/v1/auth/login", Audience::anyone, Kind::api, "Sign in with e-mail and password", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                for (const char* f : {"email", "password"})
                  if (!body->contains(f) || !(*body)[f].is_string()) errors.push_back({f, "required", {}});
                expect_text(*body, {"code"}, errors);
                refuse_unknown(*body, {"email", "password", "code"}, errors);
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                auto login = s.auth.login((*body)["email"], (*body)["password"], client_address(req),
                                          body->value("code", ""), cookie_value(req, kSessionCookie));
                if (login.retry_after > 0) {
                  res.set_header("Retry-After", std::to_string(login.retry_after));
                  return send_problem(res, ctx, 429, "too_many_attempts");
                }
                if (login.needs_code) return send_problem(res, ctx, 401, "second_factor_required");
                if (!login.ok) return send_problem(res, ctx, 401, "bad_credentials");
                res.set_header("Set-Cookie", session_cookie(req, login.token, app::kSessionAbsoluteSeconds));
                send_json(res, 200, {{"token", login.token}, {"user", actor_json(login.actor)}});
              }});
  router.add({"POST", "/api/v1/auth/logout", Audience::signed_in, Kind::api, "Sign out (ends the session)", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                s.auth.logout(ctx.token);
                res.set_header("Set-Cookie", session_cookie(req, "", 0));
                res.status = 204;
              }});
  router.add({"GET", "/api/v1/auth/me", Audience::signed_in, Kind::api, "The signed-in user", "",
              [](const httplib::Request&, httplib::Response& res, RequestContext& ctx) {
                send_json(res, 200, actor_json(*ctx.actor));
              }});
  router.add({"GET", "/api/v1/openapi.json", Audience::anyone, Kind::api, "This OpenAPI document", "",
              [&router](const httplib::Request&, httplib::Response& res, RequestContext&) {
                send_json(res, 200, openapi_document(router));
              }});

  for (const auto& spec : core::all_resources()) add_resource_routes(router, s, spec);
  register_admission_api_routes(router, s);

  router.add({"POST", "/api/v1/imports/{kind}", Audience::signed_in, Kind::api,
              "Import a CSV file (body: the file's bytes); all or nothing, with a line-by-line report", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const std::string kind = req.matches[1].str();
                const auto& kinds = app::import_kinds();
                if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
                  return send_problem(res, ctx, 404, "unknown_import_kind");
                app::ImportReport report;
                if (auto refusal = app::import_as_job(s.jobs, s.db, *ctx.actor, kind, req.body, report))
                  return send_job_refusal(res, ctx, *refusal);
                if (report.forbidden) return send_problem(res, ctx, 403, "forbidden");
                send_json(res, report.applied ? 200 : 422, import_report_json(report, ctx.lang));
              }});
  router.add({"GET", "/api/v1/exports/{kind}", Audience::signed_in, Kind::api,
              "Export the records of a kind the user may see (?format=csv|xlsx)", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const std::string kind = req.matches[1].str();
                const std::string format = req.has_param("format") ? req.get_param_value("format") : "csv";
                if (format != "csv" && format != "xlsx")
                  return send_problem(res, ctx, 422, "invalid_parameters", {{"format", "not_in_choices", {{"choices", "csv, xlsx"}}}});
                app::ExportTable table;
                app::Outcome out;
                if (auto refusal = app::export_as_job(s.jobs, s.db, *ctx.actor, kind, table, out))
                  return send_job_refusal(res, ctx, *refusal);
                if (!out.ok()) return send_outcome_problem(res, ctx, out);
                const std::string filename = "jobintech-" + kind + "." + format;
                res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
                if (format == "csv") return res.set_content(app::export_csv(table), "text/csv; charset=utf-8");
                res.set_content(app::export_xlsx_bytes(table), kXlsxType);
              }});
}

}  // namespace jobintech::web
