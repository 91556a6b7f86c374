// What the access matrices share (access_test.cpp, access_pages_foreign_test.cpp): the roles in
// column order, a row of expected statuses, and the probe — one request of a route as a role, with
// a body that is invalid on purpose ({"zz": 1}, or an empty form for a page), so that a permitted
// role gets 422 and nothing changes, while a refused one gets 403 or 404.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "web/router.h"

namespace jobintech::testing {

inline const std::vector<std::string> kMatrixRoles = {"steering", "employer", "candidate", "operator", "admin"};
using MatrixRow = std::array<int, 5>;  // expected status per role, in kMatrixRoles order

// The status of `route` at `path` (its parameters filled) for the demo user of `role`; -1 when
// the connection failed.
inline int probe(ServedProgramme& p, const web::Route& route, const std::string& path, const std::string& role) {
  auto c = p.client();
  const auto h = p.auth(role);
  const bool page = route.kind == web::Kind::page;
  const bool import = path.rfind("/api/v1/imports/", 0) == 0;
  const std::string body = page || import ? "" : R"({"zz": 1})";
  const std::string type = page ? "application/x-www-form-urlencoded" : import ? "text/csv" : "application/json";
  auto res = route.method == "GET"    ? c.Get(path, h)
             : route.method == "POST"  ? c.Post(path, h, body, type)
             : route.method == "PUT"   ? c.Put(path, h, body, type)
             : route.method == "PATCH" ? c.Patch(path, h, body, type)
                                       : c.Delete(path, h);
  return res ? res->status : -1;
}

}  // namespace jobintech::testing
