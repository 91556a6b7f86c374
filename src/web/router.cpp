#include "web/router.h"

#include "app/credentials.h"

namespace jobintech::web {

std::string path_to_regex(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      const auto end = path.find('}', i);
      const std::string name = path.substr(i + 1, end - i - 1);
      out += name == "id" ? "(\\d+)" : "([A-Za-z0-9._-]+)";
      i = end;
    } else if (path[i] == '.') {
      out += "\\.";
    } else {
      out += path[i];
    }
  }
  return out;
}

std::string new_request_id() { return app::random_hex(8); }

void Router::refuse(const Route& route, const httplib::Request& req, httplib::Response& res,
                    const RequestContext& ctx, int status, const std::string& code) const {
  if (route.kind == Kind::page && page_error_) return page_error_(req, res, ctx, status, code);
  send_problem(res, ctx, status, code);
}

void Router::dispatch(const Route& route, const httplib::Request& req, httplib::Response& res) {
  RequestContext ctx;
  ctx.request_id = new_request_id();
  ctx.lang = request_language(req, route.kind == Kind::api);
  res.set_header("X-Request-Id", ctx.request_id);
  const bool changes_state = route.method != "GET";
  if (changes_state && !same_origin(req)) return refuse(route, req, res, ctx, 403, "cross_site_request");
  ctx.token = bearer_or_cookie_token(req);
  if (!ctx.token.empty()) ctx.actor = auth_.authenticate(ctx.token);
  // Routes open to anyone (sign-in, sign-out) do not act as the signed-in user; the Origin check
  // above guards them.
  if (changes_state && route.audience == Audience::signed_in && ctx.actor && uses_session_cookie(req) &&
      !carries_csrf_token(req, ctx.token))
    return refuse(route, req, res, ctx, 403, "csrf_failed");
  if (route.audience == Audience::signed_in && !ctx.actor) {
    if (route.kind == Kind::page) {
      res.set_redirect("/login?next=" + httplib::detail::encode_query_param(req.path));
    } else {
      res.set_header("WWW-Authenticate", "Bearer");
      send_problem(res, ctx, 401, "unauthenticated");
    }
    return;
  }
  route.handler(req, res, ctx);
}

void Router::install(httplib::Server& server) {
  for (const auto& route : routes_) {
    const auto pattern = path_to_regex(route.path);
    auto handler = [this, &route](const httplib::Request& req, httplib::Response& res) { dispatch(route, req, res); };
    if (route.method == "GET")
      server.Get(pattern, handler);
    else if (route.method == "POST")
      server.Post(pattern, handler);
    else if (route.method == "PUT")
      server.Put(pattern, handler);
    else if (route.method == "PATCH")
      server.Patch(pattern, handler);
    else if (route.method == "DELETE")
      server.Delete(pattern, handler);
  }
}

}  // namespace jobintech::web
