// A candidate's rights over her data (docs/privacy.md): she reads everything held about her on a
// page, downloads it as JSON, and asks for a correction; the programme office (admin) lists the
// requests and answers them. Routes under /candidates/{id}/ are hers alone (an admin may read them
// to answer a request made by post); someone else's candidate is 404 to a candidate.
#include "app/personal_data.h"
#include "core/date.h"
#include "web/page_builder.h"
#include "web/router.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

void personal_data_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                        const core::FieldErrors& errors = {}, int status = 200) {
  PageBuilder b(s, req, ctx);
  const auto id = path_id(req);
  const auto data = s.personal_data.everything_about(*ctx.actor, id);
  if (!data.ok()) return b.error_page(res, status_of(data.kind), data.message_code);
  const auto& m = app::Messages::global();
  json page = b.base("my_data");
  page["candidate_id"] = id;
  page["json_href"] = "/api/v1/candidates/" + std::to_string(id) + "/personal-data";
  json sections = json::array();
  for (const auto& section : data.value) {
    json columns = json::array(), rows = json::array();
    for (const auto& c : section.columns) columns.push_back(m.text(ctx.lang, "privacy.column_" + c));
    for (const auto& r : section.rows) rows.push_back({{"cells", r}});
    sections.push_back({{"name", section.name},
                        {"title", m.text(ctx.lang, "privacy.section_" + section.name)},
                        {"columns", columns},
                        {"rows", rows},
                        {"empty", rows.empty()},
                        {"count", rows.size()}});
  }
  page["sections"] = sections;
  page["may_request"] = ctx.actor->role == app::Role::candidate;
  json fields = json::array();
  for (const auto& f : app::correctable_fields())
    fields.push_back({{"value", f}, {"label", m.text(ctx.lang, "privacy.column_" + f)},
                      {"selected", req.get_param_value("field") == f}});
  page["fields"] = fields;
  page["typed"] = {{"requested_value", req.method == "POST" ? req.get_param_value("requested_value") : ""},
                   {"reason", req.method == "POST" ? req.get_param_value("reason") : ""}};
  json refusal = json::array();
  for (const auto& e : errors) refusal.push_back(m.error(ctx.lang, e));
  page["refusal"] = refusal;
  page["has_refusal"] = !errors.empty();
  page["saved"] = req.method == "GET" && req.get_param_value("saved") == "correction";
  res.status = status;
  b.render(res, "personal_data", page);
}

// The programme office's list of correction requests, open ones first, each with its answer form.
void corrections_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                      const core::FieldErrors& errors = {}, int status = 200) {
  PageBuilder b(s, req, ctx);
  const auto status_filter = req.method == "GET" && req.has_param("status") ? req.get_param_value("status") : "open";
  const auto list = s.personal_data.corrections(*ctx.actor, status_filter == "all" ? "" : status_filter);
  if (!list.ok()) return b.error_page(res, status_of(list.kind), list.message_code);
  const auto& m = app::Messages::global();
  json page = b.base("corrections");
  json rows = json::array();
  for (auto row : app::rows_json(list.value.front())) {
    row["field_label"] = m.text(ctx.lang, "privacy.column_" + row.value("field", std::string("other")));
    row["status_label"] = m.text(ctx.lang, "privacy.status_" + row.value("status", std::string("open")));
    row["open"] = row.value("status", std::string()) == "open";
    rows.push_back(std::move(row));
  }
  page["rows"] = rows;
  page["empty"] = rows.empty();
  json filters = json::array();
  for (const char* f : {"open", "done", "refused", "all"})
    filters.push_back({{"value", f}, {"label", m.text(ctx.lang, std::string("privacy.status_") + f)},
                       {"current", status_filter == f}});
  page["filters"] = filters;
  json refusal = json::array();
  for (const auto& e : errors) refusal.push_back(m.error(ctx.lang, e));
  page["refusal"] = refusal;
  page["has_refusal"] = !errors.empty();
  page["saved"] = req.method == "GET" && req.get_param_value("saved") == "answer";
  res.status = status;
  b.render(res, "corrections", page);
}

}  // namespace

void register_privacy_routes(Router& router, Services& s) {
  router.add({"GET", "/api/v1/candidates/{id}/personal-data", Audience::signed_in, Kind::api,
              "Everything held about a candidate, as JSON (the candidate herself; admin)", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto id = path_id(req);
                const auto data = s.personal_data.everything_about(*ctx.actor, id);
                if (failed(res, ctx, data)) return;
                res.set_header("Content-Disposition",
                               "attachment; filename=\"jobintech-donnees-" + std::to_string(id) + ".json\"");
                json out = app::sections_json(data.value);
                out["candidate_id"] = id;
                out["generated_at"] = core::now_utc();
                send_json(res, 200, out);
              }});
  router.add({"POST", "/api/v1/candidates/{id}/corrections", Audience::signed_in, Kind::api,
              "Ask for a correction of one's data (field, requested_value, reason)", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                // Whose request it may be, before what it says.
                const auto& a = *ctx.actor;
                if (a.role != app::Role::candidate) return send_problem(res, ctx, 403, "forbidden");
                if (a.candidate_id != path_id(req)) return send_problem(res, ctx, 404, "not_found");
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                refuse_unknown(*body, {"field", "requested_value", "reason"}, errors);
                expect_text(*body, {"field", "requested_value", "reason"}, errors);
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                const auto out = s.personal_data.request_correction(*ctx.actor, path_id(req), body->value("field", ""),
                                                                    body->value("requested_value", ""),
                                                                    body->value("reason", ""));
                if (!out.ok()) return send_outcome_problem(res, ctx, out);
                send_json(res, 201, {{"id", std::get<std::int64_t>(out.record.at("id"))}, {"status", "open"}});
              }});
  router.add({"GET", "/api/v1/corrections", Audience::signed_in, Kind::api,
              "Correction requests (admin), by status: open, done, refused", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto list = s.personal_data.corrections(*ctx.actor, req.get_param_value("status"));
                if (failed(res, ctx, list)) return;
                send_json(res, 200, {{"items", app::rows_json(list.value.front())}});
              }});
  router.add({"POST", "/api/v1/corrections/{id}/answer", Audience::signed_in, Kind::api,
              "Answer a correction request (admin): status done or refused, answer", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (ctx.actor->role != app::Role::admin) return send_problem(res, ctx, 403, "forbidden");
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                refuse_unknown(*body, {"status", "answer"}, errors);
                expect_text(*body, {"status", "answer"}, errors);
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                const auto out = s.personal_data.answer_correction(*ctx.actor, path_id(req), body->value("status", ""),
                                                                   body->value("answer", ""));
                if (!out.ok()) return send_outcome_problem(res, ctx, out);
                res.status = 204;
              }});

  router.add({"GET", "/corrections", Audience::signed_in, Kind::page,
              "Candidates' correction requests and their answers (admin); ?status=open (default), done, refused, all",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                corrections_page(s, req, res, ctx);
              }});
  router.add({"POST", "/corrections/{id}/answer", Audience::signed_in, Kind::page,
              "Answer a correction request from the form (status done or refused, answer)", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto out = s.personal_data.answer_correction(*ctx.actor, path_id(req), req.get_param_value("status"),
                                                                   req.get_param_value("answer"));
                if (out.ok()) return res.set_redirect("/corrections?saved=answer", 303);
                if (out.kind != app::OutcomeKind::invalid)
                  return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                corrections_page(s, req, res, ctx, out.errors, 422);
              }});
  router.add({"GET", "/candidates/{id}/personal-data", Audience::signed_in, Kind::page,
              "My data: everything held about me, its JSON download, and a request for correction", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                personal_data_page(s, req, res, ctx);
              }});
  router.add({"POST", "/candidates/{id}/corrections", Audience::signed_in, Kind::page,
              "Ask for a correction from the form (field, requested_value, reason)", "candidates",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto id = path_id(req);
                const auto out = s.personal_data.request_correction(*ctx.actor, id, req.get_param_value("field"),
                                                                    req.get_param_value("requested_value"),
                                                                    req.get_param_value("reason"));
                if (out.ok())
                  return res.set_redirect("/candidates/" + std::to_string(id) + "/personal-data?saved=correction#corrections", 303);
                if (out.kind != app::OutcomeKind::invalid)
                  return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
                personal_data_page(s, req, res, ctx, out.errors, 422);
              }});
}

}  // namespace jobintech::web
