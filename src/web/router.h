// Router: the table of every HTTP route — method, path template ("/api/v1/cohorts/{id}"), who
// may call it (anyone, or a signed-in user), and a one-line summary. It registers the routes with
// cpp-httplib, runs authentication before each handler, and is the source the OpenAPI document
// and the access-control tests are generated from, so a route cannot exist undocumented.
// Before any handler that changes state (any method but GET), it refuses with 403 a request sent
// from another site (Origin), and, on routes for signed-in users, one authenticated by the session
// cookie without the session's anti-forgery token (docs/security.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "app/auth_service.h"
#include "web/http_support.h"

namespace jobintech::web {

using Handler = std::function<void(const httplib::Request&, httplib::Response&, RequestContext&)>;
// Renders a page's error (status, message code) in the site's layout.
using PageError = std::function<void(const httplib::Request&, httplib::Response&, const RequestContext&, int,
                                     const std::string&)>;

enum class Audience { anyone, signed_in };
enum class Kind { api, page };

struct Route {
  std::string method;  // GET, POST, PUT, PATCH, DELETE
  std::string path;    // OpenAPI template: /api/v1/cohorts/{id}
  Audience audience;
  Kind kind;
  std::string summary;
  std::string resource;  // the resource it serves, if any ("cohorts")
  Handler handler;
};

class Router {
 public:
  explicit Router(app::AuthService& auth) : auth_(auth) {}

  void add(Route route) { routes_.push_back(std::move(route)); }
  void set_page_error(PageError page_error) { page_error_ = std::move(page_error); }
  const std::vector<Route>& routes() const { return routes_; }
  // Registers every route with the server; path parameters become regex groups.
  void install(httplib::Server& server);

 private:
  void dispatch(const Route& route, const httplib::Request& req, httplib::Response& res);
  void refuse(const Route& route, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
              int status, const std::string& code) const;
  app::AuthService& auth_;
  std::vector<Route> routes_;
  PageError page_error_;
};

std::string path_to_regex(const std::string& path);
std::string new_request_id();

}  // namespace jobintech::web
