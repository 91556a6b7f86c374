// Signing in and out, tokens and cookies, and refusals without credentials.
#include "shared_programme.h"

namespace jobintech::testing {

namespace {
httplib::Result login(const std::string& email, const std::string& password) {
  return programme().client().Post("/api/v1/auth/login",
                                    nlohmann::json{{"email", email}, {"password", password}}.dump(), "application/json");
}
}  // namespace

TEST(Auth, LoginReturnsTokenUserAndHttpOnlyCookie) {
  auto res = login("Admin@JobInTech.ma", "Demo-Admin-2026");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto b = body(res);
  EXPECT_GE(b["token"].get<std::string>().size(), 40u);
  EXPECT_EQ(b["user"]["role"], "admin");
  const auto cookie = res->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("jit_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
}

TEST(Auth, WrongPasswordAndUnknownAccountLookAlike) {
  auto wrong = login("admin@jobintech.ma", "not-the-password");
  auto unknown = login("nobody@jobintech.ma", "not-the-password");
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(body(wrong)["detail"], body(unknown)["detail"]);
  EXPECT_EQ(wrong->get_header_value("Content-Type").rfind("application/problem+json", 0), 0u);
}

TEST(Auth, LoginBodyIsValidated) {
  auto c = programme().client();
  auto res = c.Post("/api/v1/auth/login", "{not json", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  res = c.Post("/api/v1/auth/login", R"({"email":"a@b.ma","password":"x","remember":true})", "application/json");
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(body(res)["errors"][0]["field"], "remember");
  res = c.Post("/api/v1/auth/login", R"({"email":"a@b.ma"})", "application/json");
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(body(res)["errors"][0]["field"], "password");
}

TEST(Auth, EveryProtectedRouteNeedsCredentials) {
  auto c = programme().client();
  auto res = c.Get("/api/v1/cohorts");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer");
  res = c.Get("/api/v1/cohorts", {{"Authorization", "Bearer not-a-token"}});
  EXPECT_EQ(res->status, 401);
}

TEST(Auth, BearerAndCookieBothWorkAndLogoutEndsTheSession) {
  auto res = login("operateur@jobintech.ma", "Demo-Operateur-2026");
  ASSERT_EQ(res->status, 200);
  const std::string token = body(res)["token"];
  auto c = programme().client();
  EXPECT_EQ(c.Get("/api/v1/auth/me", {{"Authorization", "Bearer " + token}})->status, 200);
  auto me = c.Get("/api/v1/auth/me", {{"Cookie", "jit_session=" + token}});
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(body(me)["role"], "operator");
  EXPECT_EQ(c.Post("/api/v1/auth/logout", {{"Authorization", "Bearer " + token}}, "", "application/json")->status, 204);
  EXPECT_EQ(c.Get("/api/v1/auth/me", {{"Authorization", "Bearer " + token}})->status, 401);
}

TEST(Health, AnswersWhenTheDatabaseDoes) {
  auto res = programme().client().Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(body(res)["status"], "ok");
}

}  // namespace jobintech::testing
