// The long jobs as the API shows them: the latest jobs (all of them for the programme office, her
// own for anyone else) and one job with its live progress.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "web/http_support.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

nlohmann::json job_json(const store::JobRow& j) {
  auto text_or_null = [](const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); };
  return {{"id", j.id},
          {"kind", j.kind},
          {"lock", j.lock_key},
          {"status", j.status},
          {"instance", j.instance},
          {"started_by", j.actor},
          {"phase", j.phase},
          {"done", j.done},
          {"total", j.total},
          {"started_at", j.started_at},
          {"heartbeat_at", j.heartbeat_at},
          {"finished_at", text_or_null(j.finished_at)},
          {"outcome", text_or_null(j.outcome)}};
}

void send_job_refusal(httplib::Response& res, const RequestContext& ctx, const app::JobRunner::Refusal& refusal) {
  send_problem(res, ctx, 409, "job_running", {}, {{"job", job_json(refusal.running)}});
  res.set_header("Retry-After", std::to_string(app::kJobHeartbeatEvery.count()));
  if (refusal.running.id > 0) res.set_header("Location", "/api/v1/jobs/" + std::to_string(refusal.running.id));
}

void register_job_api_routes(Router& router, Services& s) {
  router.add({"GET", "/api/v1/jobs", Audience::signed_in, Kind::api,
              "The latest long jobs (imports, allocation runs, publications, national exports): every job for the "
              "programme office, one's own for anyone else",
              "", [&s](const httplib::Request&, httplib::Response& res, RequestContext& ctx) {
                const bool all = ctx.actor->role == app::Role::admin;
                nlohmann::json items = nlohmann::json::array();
                for (const auto& j : s.jobs.latest(50, all ? std::nullopt : ctx.actor->user_id)) items.push_back(job_json(j));
                send_json(res, 200, {{"items", items}});
              }});
  router.add({"GET", "/api/v1/jobs/{id}", Audience::signed_in, Kind::api,
              "One job: its status, phase and progress (done of total), live while it runs", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto job = s.jobs.find(path_id(req));
                const bool visible = job && (ctx.actor->role == app::Role::admin ||
                                             (job->user_id && job->user_id == ctx.actor->user_id));
                if (!visible) return send_problem(res, ctx, 404, "not_found");
                send_json(res, 200, job_json(*job));
              }});
}

}  // namespace jobintech::web
