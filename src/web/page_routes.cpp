// The server-rendered pages: sign-in, home, cohort and candidate lists with filters and
// pagination, a candidate's page, the import page, and the language switch. Pages read through
// the same use cases as the API, so they show exactly what the user may see.
#include <algorithm>

#include "app/exporter.h"
#include "app/importer.h"
#include "core/resource.h"
#include "web/json_records.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

namespace {

constexpr int kPageSize = 25;

bool is_local_path(const std::string& p) { return !p.empty() && p[0] == '/' && (p.size() == 1 || (p[1] != '/' && p[1] != '\\')); }

std::string url_with(const httplib::Request& req, const std::map<std::string, std::string>& changes) {
  std::map<std::string, std::string> params;
  for (const auto& [k, v] : req.params) params[k] = v;
  for (const auto& [k, v] : changes) {
    if (v.empty()) params.erase(k);
    else params[k] = v;
  }
  std::string q;
  for (const auto& [k, v] : params) q += (q.empty() ? "?" : "&") + k + "=" + httplib::detail::encode_query_param(v);
  return req.path + q;
}

std::string localized_name(const core::Record& r, const std::string& lang) {
  auto it = r.find("name_" + lang);
  return it == r.end() ? core::to_text(r.at("name_fr")) : core::to_text(it->second);
}

class PageBuilder {
 public:
  PageBuilder(Services& s, const httplib::Request& req, const RequestContext& ctx) : s_(s), req_(req), ctx_(ctx) {}

  nlohmann::json base(const std::string& active) const {
    const auto& m = app::Messages::global();
    nlohmann::json j;
    j["title"] = m.text(ctx_.lang, "nav." + active);
    j["request_path"] = req_.path;
    nlohmann::json langs = nlohmann::json::array();
    for (const auto& l : app::kLanguages)
      langs.push_back({{"code", l}, {"label", m.text(l, "language.name")}, {"current", l == ctx_.lang},
                       {"href", "/lang/" + l + "?next=" + httplib::detail::encode_query_param(url_with(req_, {{"lang", ""}}))}});
    j["languages"] = langs;
    if (ctx_.actor) {
      const auto& a = *ctx_.actor;
      j["user"] = {{"name", a.display_name}, {"role", m.text(ctx_.lang, "role." + app::role_name(a.role))}};
      nlohmann::json nav = nlohmann::json::array();
      auto add = [&](const std::string& key, const std::string& href) {
        nav.push_back({{"label", m.text(ctx_.lang, "nav." + key)}, {"href", href}, {"active", key == active}, {"key", key}});
      };
      add("home", "/");
      if (a.role == app::Role::candidate) {
        if (a.candidate_id) add("my_record", "/candidates/" + std::to_string(*a.candidate_id));
        add("cohorts", "/cohorts");
      } else if (a.role != app::Role::employer) {
        add("cohorts", "/cohorts");
        add("candidates", "/candidates");
        if (a.role == app::Role::admin || a.role == app::Role::operator_staff) add("import", "/import");
      }
      j["nav"] = nav;
    }
    return j;
  }

  std::vector<core::Record> all(const std::string& resource) const {
    auto out = s_.resources.list(*ctx_.actor, core::resource(resource), {{"limit", "500"}});
    return out.result.items;
  }

  nlohmann::json region_options(const std::string& selected) const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : all("regions")) {
      const auto code = core::to_text(r.at("code"));
      list.push_back({{"value", code}, {"label", code + " · " + localized_name(r, ctx_.lang)}, {"selected", code == selected}});
    }
    return list;
  }

  std::map<std::string, std::string> region_names() const {
    std::map<std::string, std::string> names;
    for (const auto& r : all("regions")) names[core::to_text(r.at("code"))] = localized_name(r, ctx_.lang);
    return names;
  }

  nlohmann::json choice_options(const std::string& resource, const std::string& field, const std::string& selected) const {
    const auto& m = app::Messages::global();
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : core::resource(resource).field(field)->choices)
      list.push_back({{"value", c}, {"label", m.text(ctx_.lang, field + "." + c)}, {"selected", c == selected}});
    return list;
  }

  // Pagination and the list call shared by the list pages. Returns false if it answered already.
  bool list(const std::string& resource, const std::vector<std::string>& filters, nlohmann::json& page,
            store::ListResult& result, httplib::Response& res) const {
    std::map<std::string, std::string> params{{"limit", std::to_string(kPageSize)}};
    for (const auto& f : filters)
      if (req_.has_param(f) && !req_.get_param_value(f).empty()) params[f] = req_.get_param_value(f);
    if (req_.has_param("q") && !req_.get_param_value("q").empty()) params["q"] = req_.get_param_value("q");
    long long p = 1;
    if (req_.has_param("page")) {
      try {
        p = std::max(1LL, std::stoll(req_.get_param_value("page")));
      } catch (...) {
        p = 1;
      }
    }
    params["offset"] = std::to_string((p - 1) * kPageSize);
    auto out = s_.resources.list(*ctx_.actor, core::resource(resource), params);
    if (out.kind == app::OutcomeKind::forbidden) {
      error_page(res, 403, "forbidden");
      return false;
    }
    if (out.kind != app::OutcomeKind::ok) {
      const auto& m = app::Messages::global();
      nlohmann::json errors = nlohmann::json::array();
      for (const auto& e : out.errors) errors.push_back({{"field", e.field}, {"message", m.error(ctx_.lang, e)}});
      page["filter_errors"] = errors;
      params = {{"limit", std::to_string(kPageSize)}};
      p = 1;
      out = s_.resources.list(*ctx_.actor, core::resource(resource), params);
    }
    result = std::move(out.result);
    const long long total = result.total;
    const long long first = total == 0 ? 0 : (p - 1) * kPageSize + 1;
    const long long last = std::min<long long>(total, p * kPageSize);
    page["q"] = req_.has_param("q") ? req_.get_param_value("q") : "";
    page["pagination"] = {
        {"summary", app::Messages::global().text(ctx_.lang, "list.range",
                                                  {{"first", std::to_string(first)}, {"last", std::to_string(last)},
                                                   {"total", std::to_string(total)}})},
        {"has_previous", p > 1},
        {"has_next", last < total},
        {"previous", url_with(req_, {{"page", std::to_string(p - 1)}})},
        {"next", url_with(req_, {{"page", std::to_string(p + 1)}})}};
    page["empty"] = result.items.empty();
    return true;
  }

  void error_page(httplib::Response& res, int status, const std::string& code) const {
    nlohmann::json page = base("home");
    const auto& m = app::Messages::global();
    page["status"] = status;
    page["message"] = m.text(ctx_.lang, "error." + code);
    page["title"] = m.text(ctx_.lang, "problem." + std::to_string(status));
    res.status = status;
    res.set_content(s_.templates.page("error", page, ctx_.lang), "text/html; charset=utf-8");
  }

  void render(httplib::Response& res, const std::string& name, const nlohmann::json& page) const {
    res.set_content(s_.templates.page(name, page, ctx_.lang), "text/html; charset=utf-8");
  }

 private:
  Services& s_;
  const httplib::Request& req_;
  const RequestContext& ctx_;
};


void login_form(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                bool failed) {
  PageBuilder b(s, req, ctx);
  nlohmann::json page = b.base("login");
  page["next"] = req.has_param("next") && is_local_path(req.get_param_value("next")) ? req.get_param_value("next") : "/";
  page["failed"] = failed;
  page["email"] = req.has_param("email") ? req.get_param_value("email") : "";
  if (failed) res.status = 401;
  b.render(res, "login", page);
}

}  // namespace

void register_page_routes(Router& router, Services& s) {
  router.add({"GET", "/login", Audience::anyone, Kind::page, "Sign-in page", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                login_form(s, req, res, ctx, false);
              }});
  router.add({"POST", "/login", Audience::anyone, Kind::page, "Sign in from the form", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto login = s.auth.login(req.get_param_value("email"), req.get_param_value("password"));
                if (!login.ok) return login_form(s, req, res, ctx, true);
                res.set_header("Set-Cookie", session_cookie(req, login.token, app::kSessionIdleSeconds));
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

  router.add({"GET", "/", Audience::signed_in, Kind::page, "Home", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                if (ctx.actor->role == app::Role::candidate && ctx.actor->candidate_id)
                  return res.set_redirect("/candidates/" + std::to_string(*ctx.actor->candidate_id), 303);
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
                PageBuilder b(s, req, ctx);
                const auto id = std::stoll(req.matches[1].str());
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
                b.render(res, "candidate", page);
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
                  report = app::import_csv(s.db, *ctx.actor, kind, req.get_file_value("file").content);
                }
                import_page(req, res, ctx, &report);
              }});
}

}  // namespace jobintech::web
