// The OpenAPI document matches the router: every API route is documented, every documented
// operation answers (never "route not found"), and every resource has its schema.
#include <set>

#include "core/resource.h"
#include "shared_programme.h"
#include "web/router.h"

namespace jobintech::testing {

TEST(OpenApi, DocumentsEveryRouteAndOnlyThose) {
  auto& p = programme();
  auto res = p.client().Get("/api/v1/openapi.json");
  ASSERT_EQ(res->status, 200);
  auto doc = body(res);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  std::set<std::string> documented, routed;
  for (auto it = doc["paths"].begin(); it != doc["paths"].end(); ++it)
    for (auto op = it.value().begin(); op != it.value().end(); ++op) {
      std::string m = op.key();
      for (auto& ch : m) ch = static_cast<char>(std::toupper(ch));
      documented.insert(m + " " + it.key());
      EXPECT_FALSE(op.value()["summary"].get<std::string>().empty()) << it.key();
      EXPECT_TRUE(op.value()["responses"].is_object()) << it.key();
    }
  for (const auto& r : p.server().router().routes())
    if (r.kind == web::Kind::api) routed.insert(r.method + " " + r.path);
  EXPECT_EQ(documented, routed);
  for (const auto& spec : core::all_resources()) EXPECT_TRUE(doc["components"]["schemas"].contains(spec.singular)) << spec.name;
  EXPECT_TRUE(doc["components"]["schemas"]["candidate"]["properties"]["cin"]["x-personal-data"].get<bool>());
}

TEST(OpenApi, EveryDocumentedOperationIsServed) {
  auto& p = programme();
  auto doc = body(p.client().Get("/api/v1/openapi.json"));
  for (auto it = doc["paths"].begin(); it != doc["paths"].end(); ++it) {
    std::string path = it.key();
    for (const char* param : {"{id}", "{code}", "{kind}", "{file}", "{months}"})
      if (auto pos = path.find(param); pos != std::string::npos)
        path.replace(pos, std::string(param).size(), std::string(param) == "{kind}" ? "cohorts" : "999999");
    for (auto op = it.value().begin(); op != it.value().end(); ++op) {
      if (op.key() == "delete" || it.key() == "/api/v1/auth/logout" || it.key() == "/api/v1/auth/logout-all")
        continue;  // no destructive probes
      auto c = p.client();
      auto res = op.key() == "get"    ? c.Get(path, p.auth("admin"))
                 : op.key() == "post" ? c.Post(path, p.auth("admin"), "{}", "application/json")
                 : op.key() == "put"  ? c.Put(path, p.auth("admin"), "{}", "application/json")
                                      : c.Patch(path, p.auth("admin"), "{}", "application/json");
      ASSERT_TRUE(res);
      if (res->status == 404) {
        EXPECT_NE(body(res)["code"], "route_not_found") << op.key() << " " << it.key();
      }
      EXPECT_NE(res->status, 405) << op.key() << " " << it.key();
    }
  }
}

}  // namespace jobintech::testing
