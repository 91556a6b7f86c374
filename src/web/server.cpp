#include "web/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "app/paths.h"
#include "web/page_builder.h"
#include "web/router.h"
#include "web/services.h"

namespace jobintech::web {

namespace {

constexpr std::size_t kWorkerThreads = 64;
constexpr time_t kReadTimeoutSeconds = 10;  // to receive a request's headers, or the next part of its body

}  // namespace

struct WebServer::Impl {
  Impl(store::Database& db, const ServerOptions& options)
      : options(options),
        jobs(db, options.instance),
        services{db,
                 options.read_db ? *options.read_db : db,
                 jobs,
                 app::AuthService(db),
                 app::ResourceService(db),
                 Templates(app::paths().templates(), app::Messages::global()),
                 app::AdmissionService(db),
                 app::TrainingService(db),
                 app::IndicatorService(options.read_db ? *options.read_db : db),
                 app::PaymentService(db),
                 app::FollowupService(db),
                 app::MatchingService(db),
                 app::AccountService(db),
                 app::PersonalDataService(db)},
        router(services.auth) {}
  ServerOptions options;
  app::JobRunner jobs;
  Services services;
  Router router;
  httplib::Server http;
};

WebServer::WebServer(store::Database& db, ServerOptions options)
    : impl_(std::make_unique<Impl>(db, options)) {
  auto& http = impl_->http;
  register_api_routes(impl_->router, impl_->services);
  register_job_api_routes(impl_->router, impl_->services);
  register_page_routes(impl_->router, impl_->services);
  register_placement_page_routes(impl_->router, impl_->services);
  register_training_api_routes(impl_->router, impl_->services);
  register_training_page_routes(impl_->router, impl_->services);
  register_outcome_api_routes(impl_->router, impl_->services);
  register_dashboard_page_routes(impl_->router, impl_->services);
  register_payment_page_routes(impl_->router, impl_->services);
  register_target_page_routes(impl_->router, impl_->services);
  register_followup_api_routes(impl_->router, impl_->services);
  register_followup_page_routes(impl_->router, impl_->services);
  register_matching_api_routes(impl_->router, impl_->services);
  register_matching_page_routes(impl_->router, impl_->services);
  register_account_routes(impl_->router, impl_->services);
  register_audit_routes(impl_->router, impl_->services);
  register_privacy_routes(impl_->router, impl_->services);
  impl_->router.set_page_error([&s = impl_->services](const httplib::Request& req, httplib::Response& res,
                                                      const RequestContext& ctx, int status, const std::string& code) {
    PageBuilder(s, req, ctx).error_page(res, status, code);
  });
  impl_->router.install(http);

  http.set_mount_point("/static", app::paths().static_files());
  http.set_payload_max_length(kMaxBodyBytes);
  http.set_tcp_nodelay(true);  // small JSON answers must not wait for delayed ACKs (Nagle)
  // Slow or half-open connections (docs/security.md): each holds a worker until its read times
  // out, so there are many workers and the timeouts are short; behind nginx, which buffers whole
  // requests, the instances see none.
  http.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  http.set_read_timeout(kReadTimeoutSeconds, 0);
  http.set_write_timeout(30, 0);
  http.set_keep_alive_timeout(5);
  http.set_keep_alive_max_count(1000);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "same-origin"},
                            {"Content-Security-Policy",
                             "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                             "form-action 'self'"},
                            {"Cross-Origin-Opener-Policy", "same-origin"},
                            {"X-Frame-Options", "DENY"}});
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    RequestContext ctx;
    ctx.request_id = new_request_id();
    ctx.lang = request_language(req);
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      spdlog::error("request {} {} {} failed: {}", ctx.request_id, req.method, req.path, e.what());
    } catch (...) {
      spdlog::error("request {} {} {} failed", ctx.request_id, req.method, req.path);
    }
    send_problem(res, ctx, 500, "internal");
  });
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    RequestContext ctx;
    ctx.request_id = new_request_id();
    ctx.lang = request_language(req);
    const int status = res.status;
    const std::string code = status == 404 ? "route_not_found" : status == 413 ? "payload_too_large"
                           : status == 405 ? "method_not_allowed" : status == 400 ? "malformed_request" : "error";
    send_problem(res, ctx, status, code);
  });
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::info("{} {} {}", req.method, req.path, res.status);
  });
}

WebServer::~WebServer() { stop(); }

int WebServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? impl_->http.bind_to_any_port(host) : (impl_->http.bind_to_port(host, port) ? port : -1);
  if (bound < 0) return bound;
  // Jobs this instance was running when it last stopped are over: their work rolled back.
  if (impl_->options.instance.empty()) impl_->jobs.set_instance(app::default_instance_name(bound));
  if (auto released = impl_->jobs.release_abandoned())
    spdlog::warn("{} job(s) interrupted by the last stop of instance {} marked failed", released, impl_->jobs.instance());
  return bound;
}

void WebServer::run() { impl_->http.listen_after_bind(); }
void WebServer::stop() {
  if (impl_->http.is_running()) impl_->http.stop();
}

const Router& WebServer::router() const { return impl_->router; }

}  // namespace jobintech::web
