// The server-rendered pages: sign-in, home, cohort and candidate lists with filters and
// pagination, a candidate's page, the import page, and the language switch. Pages read through
// the same use cases as the API, so they show exactly what the user may see.
#include <algorithm>

#include "app/exporter.h"
#include "app/importer.h"
#include "core/resource.h"
#include "app/long_jobs.h"
#include "web/dashboard_pages.h"
#include "web/json_records.h"
#include "web/matching_pages.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

namespace {

// retry_after > 0: too many failed attempts; the form says so and the answer is 429.
// The sign-in form; shown again after a refused sign-in (`login`), asking for the one-time code
// when the account has a second factor.
void login_form(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                const app::LoginResult* login = nullptr) {
  PageBuilder b(s, req, ctx);
  nlohmann::json page = b.base("login");
  const long retry_after = login ? login->retry_after : 0;
  page["next"] = req.has_param("next") && is_local_path(req.get_param_value("next")) ? req.get_param_value("next") : "/";
  page["failed"] = login && retry_after == 0 && (!login->needs_code || !req.get_param_value("code").empty());
  page["needs_code"] = login && login->needs_code;
  page["throttled"] = retry_after > 0;
  page["email"] = req.has_param("email") ? req.get_param_value("email") : "";
  if (login) res.status = 401;
  if (retry_after > 0) {
    res.status = 429;
    res.set_header("Retry-After", std::to_string(retry_after));
  }
  b.render(res, "login", page);
}

}  // namespace

// The candidate page's "Placements" section (web/placement_pages.cpp): her jobs and, for those who
// may record one, the form; placement_form is a refused form to show again, or null.
nlohmann::json placements_section(Services& s, const RequestContext& ctx, std::int64_t candidate_id,
                                  const nlohmann::json& placement_form, bool saved);

// A candidate's page; also shown again, with its status, by a refused placement form.
void candidate_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                    std::int64_t id, const nlohmann::json& placement_form, int status) {
  PageBuilder b(s, req, ctx);
  auto out = s.resources.get(*ctx.actor, core::resource("candidates"), id);
  if (!out.ok()) return b.error_page(res, status_of(out.kind), out.message_code);
  const auto& m = app::Messages::global();
  nlohmann::json page = b.base(ctx.actor->role == app::Role::candidate ? "my_record" : "candidates");
  auto c = record_to_json(core::resource("candidates"), out.record);
  c["region_name"] = b.region_names()[core::to_text(out.record.at("region_code"))];
  c["gender_label"] = m.text(ctx.lang, "gender." + core::to_text(out.record.at("gender")));
  c["education_label"] = m.text(ctx.lang, "education_level." + core::to_text(out.record.at("education_level")));
  page["candidate"] = c;
  page["personal"] = out.record.count("cin") > 0;
  page["title"] = out.record.count("last_name")
                      ? core::to_text(out.record.at("first_name")) + " " + core::to_text(out.record.at("last_name"))
                      : m.text(ctx.lang, "candidate.anonymous", {{"id", std::to_string(id)}});
  auto apps = s.resources.list(*ctx.actor, core::resource("applications"),
                               {{"candidate", std::to_string(id)}, {"sort", "rank"}, {"limit", "50"}});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& a : apps.result.items) {
    auto j = record_to_json(core::resource("applications"), a);
    j["status_label"] = m.text(ctx.lang, "application_status." + core::to_text(a.at("status")));
    rows.push_back(j);
  }
  page["applications"] = rows;
  page["has_applications"] = !rows.empty();
  // Her admission rounds, each with its result page and the explanations.
  nlohmann::json rounds = nlohmann::json::array();
  if (auto mine = s.admission.rounds_of_candidate(*ctx.actor, id); mine.ok()) {
    const bool staff = ctx.actor->role != app::Role::candidate;
    for (const auto& r : mine.value) {
      rounds.push_back({{"name", r.name},
                        {"status_label", m.text(ctx.lang, "round_status." + r.status)},
                        {"href", "/rounds/" + std::to_string(r.id) + "/result" +
                                     (staff ? "?candidate_id=" + std::to_string(id) : "")}});
    }
  }
  page["rounds"] = rounds;
  page["has_rounds"] = !rounds.empty();
  // Her training: each enrolment, how it ended, and her certificate when one was issued.
  auto enrolments = s.resources.list(*ctx.actor, core::resource("enrolments"),
                                     {{"candidate", std::to_string(id)}, {"sort", "id"}, {"limit", "50"}});
  nlohmann::json trainings = nlohmann::json::array();
  for (const auto& e : enrolments.result.items) {
    nlohmann::json j = {{"cohort_code", core::to_text(e.at("cohort_code"))},
                        {"status_label", m.text(ctx.lang, "training.status_" + core::to_text(e.at("status")))},
                        {"exit_date", core::to_text(e.at("exit_date"))}};
    if (auto cert = s.training.certificate_of_enrolment(*ctx.actor, std::get<std::int64_t>(e.at("id"))); cert.ok())
      j["certificate_href"] = "/certificates/" + std::to_string(cert.value.id);
    trainings.push_back(j);
  }
  page["trainings"] = trainings;
  page["has_trainings"] = !trainings.empty();
  // Her jobs, and the form that records one (web/placement_pages.cpp).
  page["placements"] = placements_section(s, ctx, id, placement_form,
                                          req.method == "GET" && req.get_param_value("saved") == "placement");
  page["matching"] = matching_section(s, req, ctx, id, placement_form);  // web/learner_matching_pages.cpp
  res.status = status;
  b.render(res, "candidate", page);
}

void register_page_routes(Router& router, Services& s) {
  router.add({"GET", "/login", Audience::anyone, Kind::page, "Sign-in page", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                login_form(s, req, res, ctx);
              }});
  router.add({"POST", "/login", Audience::anyone, Kind::page, "Sign in from the form", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto login = s.auth.login(req.get_param_value("email"), req.get_param_value("password"),
                                          client_address(req), req.get_param_value("code"),
                                          cookie_value(req, kSessionCookie));
                if (!login.ok) return login_form(s, req, res, ctx, &login);
                res.set_header("Set-Cookie", session_cookie(req, login.token, app::kSessionAbsoluteSeconds));
                const auto next = req.get_param_value("next");
                res.set_redirect(is_local_path(next) ? next : "/", 303);
              }});
  router.add({"POST", "/logout", Audience::anyone, Kind::page, "Sign out from the page", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (!ctx.token.empty()) s.auth.logout(ctx.token);
                res.set_header("Set-Cookie", session_cookie(req, "", 0));
                res.set_redirect("/login", 303);
              }});
  router.add({"GET", "/lang/{code}", Audience::anyone, Kind::page, "Switch the language (fr, ar, en)", "",
              [](const httplib::Request& req, httplib::Response& res, RequestContext&) {
                const auto lang = app::Messages::normalise_language(req.matches[1].str());
                res.set_header("Set-Cookie", std::string(kLanguageCookie) + "=" + lang + "; Path=/; SameSite=Lax; Max-Age=31536000");
                const auto next = req.get_param_value("next");
                res.set_redirect(is_local_path(next) ? next : "/", 303);
              }});

  register_admission_page_routes(router, s);

  router.add({"GET", "/", Audience::signed_in, Kind::page, "Home", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                if (ctx.actor->role == app::Role::candidate && ctx.actor->candidate_id)
                  return res.set_redirect("/candidates/" + std::to_string(*ctx.actor->candidate_id), 303);
                if (shows_dashboard(*ctx.actor)) return render_dashboard(s, req, res, ctx);  // docs/dashboard.md
                if (ctx.actor->role == app::Role::employer) return render_offers_list(s, req, res, ctx);  // its offers
                nlohmann::json page = b.base("home");
                const auto& m = app::Messages::global();
                nlohmann::json tiles = nlohmann::json::array();
                for (const char* r : {"cohorts", "candidates", "applications", "sites", "organisations"}) {
                  auto out = s.resources.list(*ctx.actor, core::resource(r), {{"limit", "1"}});
                  if (out.kind != app::OutcomeKind::ok) continue;
                  tiles.push_back({{"label", m.text(ctx.lang, "tile." + std::string(r))},
                                   {"value", std::to_string(out.result.total)}});
                }
                page["tiles"] = tiles;
                page["welcome"] = m.text(ctx.lang, "home.welcome", {{"name", ctx.actor->display_name}});
                b.render(res, "home", page);
              }});

  router.add({"GET", "/cohorts", Audience::signed_in, Kind::page, "Cohort list with filters", "cohorts",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                nlohmann::json page = b.base("cohorts");
                store::ListResult result;
                if (!b.list("cohorts", {"region", "track", "status"}, page, result, res)) return;
                auto regions = b.region_names();
                std::map<std::string, std::string> tracks;
                nlohmann::json track_options = nlohmann::json::array();
                const auto selected_track = req.has_param("track") ? req.get_param_value("track") : "";
                for (const auto& t : b.all("tracks")) {
                  const auto code = core::to_text(t.at("code"));
                  tracks[code] = localized_name(t, ctx.lang);
                  track_options.push_back({{"value", code}, {"label", tracks[code]}, {"selected", code == selected_track}});
                }
                const auto& m = app::Messages::global();
                nlohmann::json rows = nlohmann::json::array();
                for (const auto& r : result.items) {
                  auto j = record_to_json(core::resource("cohorts"), r);
                  j["track_name"] = tracks[core::to_text(r.at("track_code"))];
                  j["region_name"] = regions[core::to_text(r.at("region_code"))];
                  j["status_label"] = m.text(ctx.lang, "status." + core::to_text(r.at("status")));
                  rows.push_back(j);
                }
                page["rows"] = rows;
                page["regions"] = b.region_options(req.has_param("region") ? req.get_param_value("region") : "");
                page["tracks"] = track_options;
                page["statuses"] = b.choice_options("cohorts", "status", req.has_param("status") ? req.get_param_value("status") : "");
                page["can_train"] = app::TrainingService::trains(*ctx.actor);  // operators list only their own cohorts
                page["export_csv"] = "/api/v1/exports/cohorts?format=csv";
                page["export_xlsx"] = "/api/v1/exports/cohorts?format=xlsx";
                b.render(res, "cohorts", page);
              }});

  router.add({"GET", "/candidates", Audience::signed_in, Kind::page, "Candidate list with filters", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                nlohmann::json page = b.base("candidates");
                store::ListResult result;
                if (!b.list("candidates", {"region", "gender", "education_level"}, page, result, res)) return;
                auto regions = b.region_names();
                const auto& m = app::Messages::global();
                const bool personal = app::access_for("candidates", ctx.actor->role).personal_fields;
                nlohmann::json rows = nlohmann::json::array();
                for (const auto& r : result.items) {
                  auto j = record_to_json(core::resource("candidates"), r);
                  j["region_name"] = regions[core::to_text(r.at("region_code"))];
                  j["gender_label"] = m.text(ctx.lang, "gender." + core::to_text(r.at("gender")));
                  j["education_label"] = m.text(ctx.lang, "education_level." + core::to_text(r.at("education_level")));
                  rows.push_back(j);
                }
                page["rows"] = rows;
                page["personal"] = personal;
                page["regions"] = b.region_options(req.has_param("region") ? req.get_param_value("region") : "");
                page["genders"] = b.choice_options("candidates", "gender", req.has_param("gender") ? req.get_param_value("gender") : "");
                page["education_levels"] = b.choice_options("candidates", "education_level",
                                                            req.has_param("education_level") ? req.get_param_value("education_level") : "");
                page["export_csv"] = "/api/v1/exports/candidates?format=csv";
                page["export_xlsx"] = "/api/v1/exports/candidates?format=xlsx";
                b.render(res, "candidates", page);
              }});

  router.add({"GET", "/candidates/{id}", Audience::signed_in, Kind::page, "A candidate's page", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                candidate_page(s, req, res, ctx, std::stoll(req.matches[1].str()), nullptr, 200);
              }});

  auto import_page = [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx,
                          const app::ImportReport* report) {
    PageBuilder b(s, req, ctx);
    if (ctx.actor->role != app::Role::admin && ctx.actor->role != app::Role::operator_staff)
      return b.error_page(res, 403, "forbidden");
    const auto& m = app::Messages::global();
    nlohmann::json page = b.base("import");
    nlohmann::json kinds = nlohmann::json::array();
    const std::string selected = report ? report->kind : req.has_param("kind") ? req.get_param_value("kind") : "candidates";
    for (const auto& k : app::import_kinds()) {
      std::string cols;
      for (const auto& c : app::import_required_columns(k)) cols += (cols.empty() ? "" : ",") + c;
      kinds.push_back({{"value", k}, {"label", m.text(ctx.lang, "kind." + k)}, {"selected", k == selected}, {"columns", cols}});
    }
    page["kinds"] = kinds;
    if (report) {
      auto r = import_report_json(*report, ctx.lang);
      r["ok"] = report->applied;
      r["has_errors"] = !report->issues.empty();
      r["summary"] = report->applied
                         ? m.text(ctx.lang, "import.applied", {{"rows", std::to_string(report->rows)},
                                                               {"created", std::to_string(report->created)},
                                                               {"updated", std::to_string(report->updated)},
                                                               {"unchanged", std::to_string(report->unchanged)}})
                         : m.text(ctx.lang, "import.rejected", {{"errors", std::to_string(report->issues.size())}});
      r["detected"] = m.text(ctx.lang, "import.detected", {{"encoding", report->encoding}, {"separator", report->separator}});
      page["report"] = r;
      if (!report->applied) res.status = 422;
    }
    b.render(res, "import", page);
  };
  router.add({"GET", "/import", Audience::signed_in, Kind::page, "Import page", "",
              [import_page](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                import_page(req, res, ctx, nullptr);
              }});
  router.add({"POST", "/import", Audience::signed_in, Kind::page, "Upload a CSV file and see the report", "",
              [&s, import_page](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (ctx.actor->role != app::Role::admin && ctx.actor->role != app::Role::operator_staff)
                  return import_page(req, res, ctx, nullptr);
                const std::string kind = req.has_file("kind") ? req.get_file_value("kind").content : "";
                const auto& kinds = app::import_kinds();
                app::ImportReport report;
                if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
                  report.kind = "candidates";
                  report.issues.push_back({0, "kind", {"kind", "not_in_choices", {}}});
                } else if (!req.has_file("file") || req.get_file_value("file").content.empty()) {
                  report.kind = kind;
                  report.issues.push_back({0, "file", {"file", "file_required", {}}});
                } else {
                  if (app::import_as_job(s.jobs, s.db, *ctx.actor, kind, req.get_file_value("file").content, report)) {
                    report.kind = kind;
                    report.issues.push_back({0, "", {"", "job_running", {}}});
                  }
                }
                import_page(req, res, ctx, &report);
              }});
}

}  // namespace jobintech::web
