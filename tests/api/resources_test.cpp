// The programme's resources through the API: lists, filters, reads, validated writes, audit.
#include "shared_programme.h"
#include "store/sql.h"

namespace jobintech::testing {

namespace {

httplib::Result get(const std::string& path, const std::string& role = "admin") {
  return programme().client().Get(path, programme().auth(role));
}
httplib::Result post(const std::string& path, const nlohmann::json& b, const std::string& role = "admin") {
  return programme().client().Post(path, programme().auth(role), b.dump(), "application/json");
}
httplib::Result patch(const std::string& path, const nlohmann::json& b, const std::string& role = "admin",
                      httplib::Headers extra = {}) {
  auto h = programme().auth(role);
  h.insert(extra.begin(), extra.end());
  return programme().client().Patch(path, h, b.dump(), "application/json");
}

bool has_field_error(const nlohmann::json& problem, const std::string& field) {
  for (const auto& e : problem["errors"])
    if (e["field"] == field) return true;
  return false;
}

nlohmann::json new_cohort(const std::string& code) {
  auto site = body(get("/api/v1/sites?limit=1"))["items"][0];
  auto op = body(get("/api/v1/organisations?kind=operator&limit=1"))["items"][0];
  return {{"code", code},          {"track_code", "data"},         {"site_code", site["code"]},
          {"operator_code", op["code"]}, {"start_date", "2027-01-10"}, {"end_date", "2027-06-30"},
          {"capacity", 30},        {"reserved_women", 6},          {"reserved_local", 6}};
}

}  // namespace

TEST(Resources, RegionsAreTheTwelveInOfficialOrder) {
  auto b = body(get("/api/v1/regions?sort=code&limit=20"));
  ASSERT_EQ(b["total"], 12);
  EXPECT_EQ(b["items"][0]["code"], "01");
  EXPECT_EQ(b["items"][0]["name_fr"], "Tanger-Tétouan-Al Hoceïma");
  EXPECT_EQ(b["items"][11]["code"], "12");
  EXPECT_EQ(b["items"][11]["name_fr"], "Dakhla-Oued Eddahab");
  EXPECT_FALSE(b["items"][11]["name_ar"].get<std::string>().empty());
  EXPECT_EQ(get("/api/v1/regions/12")->status, 200);
  EXPECT_EQ(get("/api/v1/regions/13")->status, 404);
}

TEST(Resources, ListsPageFilterAndSort) {
  auto all = body(get("/api/v1/cohorts?limit=5"));
  ASSERT_GT(all["total"].get<int>(), 5);
  EXPECT_EQ(all["items"].size(), 5u);
  auto next = body(get("/api/v1/cohorts?limit=5&offset=5"));
  EXPECT_NE(all["items"][0]["id"], next["items"][0]["id"]);

  auto dakhla = body(get("/api/v1/cohorts?region=12&limit=100"));
  ASSERT_GT(dakhla["total"].get<int>(), 0);
  for (const auto& c : dakhla["items"]) EXPECT_EQ(c["region_code"], "12");
  EXPECT_LT(dakhla["total"].get<int>(), all["total"].get<int>());

  auto by_capacity = body(get("/api/v1/cohorts?sort=-capacity&limit=50"));
  for (std::size_t i = 1; i < by_capacity["items"].size(); ++i)
    EXPECT_GE(by_capacity["items"][i - 1]["capacity"].get<int>(), by_capacity["items"][i]["capacity"].get<int>());

  auto est = body(get("/api/v1/sites?q=dakhla"));
  ASSERT_GT(est["total"].get<int>(), 0);
}

TEST(Resources, BadListParametersAreNamed) {
  auto res = get("/api/v1/cohorts?limit=0&sort=password&colour=red");
  ASSERT_EQ(res->status, 422);
  auto b = body(res);
  EXPECT_TRUE(has_field_error(b, "limit"));
  EXPECT_TRUE(has_field_error(b, "sort"));
  EXPECT_TRUE(has_field_error(b, "colour"));
}

TEST(Resources, CreateReadUpdateDeleteACohortWithAudit) {
  auto res = post("/api/v1/cohorts", new_cohort("test-crud-1"));
  ASSERT_EQ(res->status, 201) << res->body;
  auto created = body(res);
  const auto id = created["id"].get<std::int64_t>();
  EXPECT_EQ(created["status"], "planned");
  EXPECT_EQ(res->get_header_value("Location"), "/api/v1/cohorts/" + std::to_string(id));

  auto one = get("/api/v1/cohorts/" + std::to_string(id));
  ASSERT_EQ(one->status, 200);
  EXPECT_EQ(one->get_header_value("ETag"), "\"1\"");

  auto upd = patch("/api/v1/cohorts/" + std::to_string(id), {{"capacity", 40}, {"status", "open"}}, "admin",
                   {{"If-Match", "\"1\""}});
  ASSERT_EQ(upd->status, 200) << upd->body;
  EXPECT_EQ(body(upd)["capacity"], 40);
  EXPECT_EQ(body(upd)["version"], 2);
  auto stale = patch("/api/v1/cohorts/" + std::to_string(id), {{"capacity", 41}}, "admin", {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale->status, 412);

  auto del = programme().client().Delete("/api/v1/cohorts/" + std::to_string(id), programme().auth("admin"));
  EXPECT_EQ(del->status, 204);
  EXPECT_EQ(get("/api/v1/cohorts/" + std::to_string(id))->status, 404);

  auto conn = programme().db().connect();
  auto actions = store::fetch_all(conn.session(), "SELECT action, before_json, after_json FROM audit_log WHERE entity = 'cohorts' AND entity_id = ? ORDER BY id",
                                  {std::to_string(id)});
  ASSERT_EQ(actions.size(), 3u);
  EXPECT_EQ(std::get<std::string>(actions[0][0]), "create");
  EXPECT_EQ(std::get<std::string>(actions[1][0]), "update");
  EXPECT_NE(std::get<std::string>(actions[1][1]).find("\"capacity\":30"), std::string::npos);
  EXPECT_NE(std::get<std::string>(actions[1][2]).find("\"capacity\":40"), std::string::npos);
  EXPECT_EQ(std::get<std::string>(actions[2][0]), "delete");
}

TEST(Resources, InvalidCohortGetsFieldErrorsInFrenchAndNothingIsWritten) {
  auto c = new_cohort("test-bad-1");
  c["capacity"] = 10;
  c["reserved_women"] = 8;
  c["reserved_local"] = 8;
  c["track_code"] = "cobol";
  c["start_date"] = "2027-02-30";
  auto res = post("/api/v1/cohorts", c);
  ASSERT_EQ(res->status, 422);
  auto b = body(res);
  EXPECT_TRUE(has_field_error(b, "start_date"));
  EXPECT_EQ(b["title"], "Données invalides");
  c["start_date"] = "2027-01-10";
  b = body(post("/api/v1/cohorts", c));
  EXPECT_TRUE(has_field_error(b, "reserved_women")) << b.dump();
  c["reserved_local"] = 0;
  b = body(post("/api/v1/cohorts", c));
  EXPECT_TRUE(has_field_error(b, "track_code")) << b.dump();
  EXPECT_EQ(body(get("/api/v1/cohorts?q=test-bad-1"))["total"], 0);
}

TEST(Resources, CandidateValidationNamesEachField) {
  auto res = post("/api/v1/candidates", {{"cin", "12AB"}, {"first_name", "Salma"}, {"last_name", "  "},
                                         {"gender", "F"}, {"birth_date", "2001-04-03"}, {"region_code", "06"},
                                         {"email", "salma@"}, {"phone", "061234"}, {"education_level", "master"}});
  ASSERT_EQ(res->status, 422);
  auto b = body(res);
  for (const char* f : {"cin", "last_name", "email", "phone", "education_level"}) EXPECT_TRUE(has_field_error(b, f)) << f;
  for (const auto& e : b["errors"]) {
    if (e["field"] == "cin") {
      EXPECT_NE(e["message"].get<std::string>().find("CIN"), std::string::npos);
    }
  }
}

TEST(Resources, MessagesFollowTheLanguage) {
  auto c = programme().client();
  auto h = programme().auth("admin");
  h.emplace("Accept-Language", "ar");
  auto res = c.Post("/api/v1/candidates", h, R"({"cin":"1"})", "application/json");
  ASSERT_EQ(res->status, 422);
  auto ar = body(res);
  auto en = body(c.Post("/api/v1/candidates?lang=en", programme().auth("admin"), R"({"cin":"1"})", "application/json"));
  auto fr = body(c.Post("/api/v1/candidates", programme().auth("admin"), R"({"cin":"1"})", "application/json"));
  EXPECT_NE(ar["title"], fr["title"]);
  EXPECT_NE(en["title"], fr["title"]);
}

TEST(Resources, LifecycleRefusesSkippedSteps) {
  auto created = body(post("/api/v1/cohorts", new_cohort("test-life-1")));
  const auto path = "/api/v1/cohorts/" + std::to_string(created["id"].get<int>());
  auto res = patch(path, {{"status", "closed"}});
  ASSERT_EQ(res->status, 409);
  EXPECT_EQ(body(res)["errors"][0]["field"], "status");
  EXPECT_EQ(patch(path, {{"status", "open"}})->status, 200);
  EXPECT_EQ(patch(path, {{"status", "selecting"}})->status, 200);
  EXPECT_EQ(patch(path, {{"status", "planned"}})->status, 409);
}

TEST(Resources, DuplicateCodesConflict) {
  ASSERT_EQ(post("/api/v1/cohorts", new_cohort("test-dup-1"))->status, 201);
  auto res = post("/api/v1/cohorts", new_cohort("test-dup-1"));
  EXPECT_EQ(res->status, 409);
}

TEST(Resources, InUseRecordsAreNotDeleted) {
  auto op = body(get("/api/v1/organisations?kind=operator&limit=1"))["items"][0];
  auto res = programme().client().Delete("/api/v1/organisations/" + std::to_string(op["id"].get<int>()),
                                         programme().auth("admin"));
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(get("/api/v1/organisations/" + std::to_string(op["id"].get<int>()))->status, 200);
}

TEST(Resources, UnknownFieldsAndWrongTypesAreRefused) {
  auto res = post("/api/v1/organisations", {{"code", "x-org"}, {"name", "X"}, {"kind", "employer"}, {"colour", "red"}});
  ASSERT_EQ(res->status, 422);
  EXPECT_TRUE(has_field_error(body(res), "colour"));
  res = post("/api/v1/organisations", {{"code", "x-org"}, {"name", {{"nested", 1}}}, {"kind", "employer"}});
  EXPECT_EQ(res->status, 422);
  res = programme().client().Post("/api/v1/organisations", programme().auth("admin"), "[1,2]", "application/json");
  EXPECT_EQ(res->status, 400);
  res = programme().client().Post("/api/v1/organisations", programme().auth("admin"), "code=x", "text/plain");
  EXPECT_EQ(res->status, 415);
}

TEST(Resources, ConventionsCarryPartiesAndRegions) {
  auto res = post("/api/v1/conventions", {{"code", "test-conv"}, {"title", "Convention test Guelmim"},
                                          {"start_date", "2026-01-01"}, {"end_date", "2026-12-31"},
                                          {"learner_target", 80}, {"party_codes", {"mnc", "mtnra", "mnc"}},
                                          {"region_codes", {"10"}}});
  ASSERT_EQ(res->status, 201) << res->body;
  auto b = body(res);
  EXPECT_EQ(b["party_codes"], nlohmann::json({"mnc", "mtnra"}));
  EXPECT_EQ(b["region_codes"], nlohmann::json({"10"}));
  auto bad = post("/api/v1/conventions", {{"code", "test-conv-2"}, {"title", "X"}, {"start_date", "2026-01-01"},
                                          {"end_date", "2025-12-31"}, {"party_codes", {"no-such-org"}}});
  ASSERT_EQ(bad->status, 422);
  EXPECT_TRUE(has_field_error(body(bad), "end_date"));
}

TEST(Resources, OversizedBodiesAre413) {
  std::string big(65 * 1024 * 1024, 'x');
  auto res = programme().client().Post("/api/v1/organisations", programme().auth("admin"), big, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST(Resources, UnknownRoutesAreProblems) {
  auto res = get("/api/v1/nothing-here");
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/problem+json", 0), 0u);
}

}  // namespace jobintech::testing
