// Sessions and forged requests (docs/security.md): a sign-in starts a fresh session and ends the
// one the browser came with; a session ends after 2 hours idle or 12 hours in all; "sign out
// everywhere" ends them all; a password change ends the others; a request authenticated by the
// session cookie must carry the session's anti-forgery token, and no browser request from another
// site changes anything; accounts with a second factor need a one-time code, each used once.
#include <gtest/gtest.h>

#include <regex>

#include "app/auth_service.h"
#include "app/totp.h"
#include "command_line.h"
#include "core/date.h"
#include "shared_programme.h"
#include "store/sql.h"
#include "web/http_support.h"

using namespace jobintech;
using jobintech::testing::body;
using jobintech::testing::programme;

namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";
constexpr const char* kJson = "application/json";

httplib::Result login(const std::string& email, const std::string& password, const httplib::Headers& headers = {},
                      const std::string& code = "") {
  nlohmann::json b = {{"email", email}, {"password", password}};
  if (!code.empty()) b["code"] = code;
  return programme().client().Post("/api/v1/auth/login", headers, b.dump(), kJson);
}

std::string token_of(const httplib::Result& r) { return body(r)["token"].get<std::string>(); }
httplib::Headers bearer(const std::string& t) { return {{"Authorization", "Bearer " + t}}; }
httplib::Headers cookie(const std::string& t) { return {{"Cookie", std::string(web::kSessionCookie) + "=" + t}}; }
int me(const std::string& t) { return programme().client().Get("/api/v1/auth/me", bearer(t))->status; }

// A user of her own for each test, so that ending her sessions disturbs no other test.
std::string new_user(const std::string& name, const std::string& role = "admin") {
  const auto email = name + "@securite.jobintech.ma";
  EXPECT_TRUE(app::add_user(programme().db(), email, role, "", "Bon-Mot-De-Passe-2026", name).ok());
  return email;
}

void run_sql(const std::string& sql, const store::Params& params) {
  auto conn = programme().db().connect();
  store::execute(conn.session(), sql, params);
}

std::string url_encoded(const std::string& s) { return httplib::detail::encode_query_param(s); }

}  // namespace

TEST(Sessions, ASignInStartsAFreshSessionAndEndsTheOneTheBrowserCameWith) {
  const auto email = new_user("rotation");
  const auto first = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  ASSERT_EQ(me(first), 200);
  auto again = login(email, "Bon-Mot-De-Passe-2026", cookie(first));
  ASSERT_EQ(again->status, 200);
  const auto second = token_of(again);
  EXPECT_NE(second, first);
  EXPECT_EQ(me(first), 401) << "the session the browser came with is over";
  EXPECT_EQ(me(second), 200);
  EXPECT_NE(again->get_header_value("Set-Cookie").find("Max-Age=" + std::to_string(app::kSessionAbsoluteSeconds)),
            std::string::npos);
}

TEST(Sessions, EndAfterTwoHoursIdleOrTwelveHoursInAll) {
  const auto email = new_user("expiry");
  const auto idle = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  const auto old = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  ASSERT_EQ(me(idle), 200);
  ASSERT_EQ(me(old), 200);
  run_sql("UPDATE sessions SET expires_at = ? WHERE token_hash = ?",
          {core::timestamp_after_seconds(-1), app::token_hash(idle)});
  // Used a minute ago, so not idle; but signed in 12 hours and a minute ago.
  run_sql("UPDATE sessions SET created_at = ?, last_seen_at = ? WHERE token_hash = ?",
          {core::timestamp_after_seconds(-app::kSessionAbsoluteSeconds - 60), core::timestamp_after_seconds(-60),
           app::token_hash(old)});
  EXPECT_EQ(me(idle), 401);
  EXPECT_EQ(me(old), 401);
}

TEST(Sessions, SignOutEverywhereEndsEverySessionOfTheUserAndNoOther) {
  const auto email = new_user("partout");
  const auto a = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  const auto b = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  const auto c = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  auto r = programme().client().Post("/api/v1/auth/logout-all", bearer(a), "", kJson);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body(r)["sessions_ended"], 3);
  for (const auto& t : {a, b, c}) EXPECT_EQ(me(t), 401);
  EXPECT_EQ(me(programme().token("admin")), 200) << "another user's session is untouched";
}

TEST(Sessions, APasswordChangeFollowsThePolicyAndEndsTheOtherSessions) {
  const auto email = new_user("motdepasse");
  const auto here = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  const auto elsewhere = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  auto change = [&](const std::string& current, const std::string& next) {
    return programme().client().Post("/api/v1/auth/password", bearer(here),
                                      nlohmann::json{{"current_password", current}, {"new_password", next}}.dump(),
                                      kJson);
  };
  auto field_code = [](const httplib::Result& r) { return body(r)["errors"][0]["code"].get<std::string>(); };
  auto r = change("pas-le-bon-mot", "Nouveau-Mot-De-Passe-2026");
  ASSERT_EQ(r->status, 422);
  EXPECT_EQ(field_code(r), "wrong_password");
  EXPECT_EQ(body(r)["errors"][0]["field"], "current_password");
  EXPECT_EQ(field_code(change("Bon-Mot-De-Passe-2026", "azertyuiop")), "password_too_common");
  EXPECT_EQ(field_code(change("Bon-Mot-De-Passe-2026", "court")), "password_too_short");
  EXPECT_EQ(field_code(change("Bon-Mot-De-Passe-2026", "Bon-Mot-De-Passe-2026")), "password_unchanged");
  auto bad = programme().client().Post("/api/v1/auth/password", bearer(here), R"({"current_password": 1})", kJson);
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(me(elsewhere), 200) << "a refused change ends nothing";

  ASSERT_EQ(change("Bon-Mot-De-Passe-2026", "Nouveau-Mot-De-Passe-2026")->status, 204);
  EXPECT_EQ(me(here), 200);
  EXPECT_EQ(me(elsewhere), 401);
  EXPECT_EQ(login(email, "Bon-Mot-De-Passe-2026")->status, 401);
  EXPECT_EQ(login(email, "Nouveau-Mot-De-Passe-2026")->status, 200);
}

TEST(Forgery, AStateChangeAuthenticatedByTheSessionCookieNeedsTheSessionsToken) {
  const auto email = new_user("formulaire");
  const auto t = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  auto c = programme().client();
  // A forged form post: the cookie rides along, the token does not.
  auto forged = c.Post("/account/logout-all", cookie(t), "", kForm);
  EXPECT_EQ(forged->status, 403);
  EXPECT_NE(forged->body.find("<html"), std::string::npos) << "a page for a page";
  EXPECT_EQ(me(t), 200) << "nothing happened";
  auto api = c.Post("/api/v1/auth/logout-all", cookie(t), "", kJson);
  EXPECT_EQ(api->status, 403);
  EXPECT_EQ(body(api)["code"], "csrf_failed");
  auto wrong = c.Post("/account/logout-all", cookie(t), "_csrf=" + url_encoded(web::csrf_token(t + "x")), kForm);
  EXPECT_EQ(wrong->status, 403) << "another session's token";

  // The page carries the token (meta and every form); with it the same post goes through.
  auto page = c.Get("/account", cookie(t));
  ASSERT_EQ(page->status, 200);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page->body, m, std::regex(R"re(name="_csrf" value="([^"]+)")re")));
  EXPECT_EQ(m[1].str(), web::csrf_token(t));
  EXPECT_NE(page->body.find(R"(<meta name="csrf-token" content=")" + web::csrf_token(t)), std::string::npos);
  auto sent = c.Post("/account/logout-all", cookie(t), "_csrf=" + url_encoded(m[1].str()), kForm);
  EXPECT_EQ(sent->status, 303);
  EXPECT_EQ(me(t), 401);

  // A script using the cookie sends the token as a header; a bearer token needs none.
  const auto t2 = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  httplib::Headers h = cookie(t2);
  h.emplace(web::kCsrfHeader, web::csrf_token(t2));
  EXPECT_EQ(c.Post("/api/v1/auth/logout-all", h, "", kJson)->status, 200);
  const auto t3 = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  EXPECT_EQ(c.Post("/api/v1/auth/logout-all", bearer(t3), "", kJson)->status, 200);
}

TEST(Forgery, NoBrowserRequestFromAnotherSiteChangesAnything) {
  const auto email = new_user("origine");
  auto c = programme().client();
  const std::string host = "127.0.0.1:" + std::to_string(programme().port());
  auto from = [&](const std::string& origin) {
    return c.Post("/login", {{"Origin", origin}},
                  "email=" + url_encoded(email) + "&password=Bon-Mot-De-Passe-2026", kForm);
  };
  EXPECT_EQ(from("https://evil.example")->status, 403);
  EXPECT_EQ(from("null")->status, 403);
  EXPECT_EQ(from("http://" + host + ".evil.example")->status, 403);
  auto same = from("http://" + host);
  EXPECT_EQ(same->status, 303) << same->body;
  EXPECT_EQ(c.Get("/login", {{"Origin", "https://evil.example"}})->status, 200) << "reading is not refused";
}

TEST(SecondFactor, OnceSetUpASignInNeedsAFreshCodeAndRemovingItNeedsOneToo) {
  const auto email = new_user("totp", "steering");
  const auto t = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  auto c = programme().client();
  auto post = [&](const std::string& fields) {
    return c.Post("/account/second-factor", bearer(t), fields, kForm);
  };
  ASSERT_EQ(post("action=start")->status, 303);
  auto page = c.Get("/account", bearer(t));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page->body, m, std::regex(R"re(data-testid="second-factor-secret">([A-Z2-7]{32})<)re")));
  const std::string secret = m[1].str();
  EXPECT_NE(page->body.find("<svg"), std::string::npos) << "the QR code";
  const auto now_step = core::now_seconds() / app::kTotpStepSeconds;

  auto wrong = post("action=confirm&code=000000");
  EXPECT_EQ(wrong->status, 422);
  EXPECT_NE(wrong->body.find("second-factor-errors"), std::string::npos);
  ASSERT_EQ(post("action=confirm&code=" + app::totp_code(secret, now_step))->status, 303);

  // Without a code, the right password is not enough; a wrong code is refused; a fresh one works, once.
  auto without = login(email, "Bon-Mot-De-Passe-2026");
  EXPECT_EQ(without->status, 401);
  EXPECT_EQ(body(without)["code"], "second_factor_required");
  EXPECT_EQ(body(login(email, "Bon-Mot-De-Passe-2026", {}, "123456"))["code"], "second_factor_required");
  EXPECT_EQ(login(email, "Mauvais-Mot-De-Passe", {}, app::totp_code(secret, now_step + 1))->status, 401);
  EXPECT_EQ(body(login(email, "Mauvais-Mot-De-Passe", {}, app::totp_code(secret, now_step + 1)))["code"],
            "bad_credentials")
      << "a wrong password says nothing about the code";
  auto with = login(email, "Bon-Mot-De-Passe-2026", {}, app::totp_code(secret, now_step + 1));
  ASSERT_EQ(with->status, 200) << with->body;
  EXPECT_EQ(login(email, "Bon-Mot-De-Passe-2026", {}, app::totp_code(secret, now_step + 1))->status, 401)
      << "a code is used once";

  // The sign-in form asks for the code.
  auto form = c.Post("/login", "email=" + url_encoded(email) + "&password=Bon-Mot-De-Passe-2026", kForm);
  EXPECT_EQ(form->status, 401);
  EXPECT_NE(form->body.find(R"(name="code")"), std::string::npos);

  EXPECT_EQ(post("action=remove&code=000000")->status, 422);
  EXPECT_EQ(post("action=remove&code=" + app::totp_code(secret, now_step + 1))->status, 422)
      << "already used to sign in";
  // Thirty seconds later, as it were: the last code used is an older one.
  run_sql("UPDATE users SET totp_last_step = ? WHERE email = ?", {now_step - 1, email});
  ASSERT_EQ(post("action=remove&code=" + app::totp_code(secret, now_step))->status, 303);
  EXPECT_EQ(login(email, "Bon-Mot-De-Passe-2026")->status, 200);
}

TEST(SecondFactor, IsOfferedToAdminAndSteeringOnly) {
  auto c = programme().client();
  auto r = c.Post("/account/second-factor", programme().auth("operator"), "action=start", kForm);
  EXPECT_EQ(r->status, 403);
  auto page = c.Get("/account", programme().auth("operator"));
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find("second-factor-start"), std::string::npos);
  EXPECT_NE(c.Get("/account", programme().auth("admin"))->body.find("second-factor-start"), std::string::npos);
}

TEST(SecondFactor, TheCommandLineRemovesItForAUserWhoLostHerPhone) {
  const auto email = new_user("telephone-perdu", "admin");
  const auto t = token_of(login(email, "Bon-Mot-De-Passe-2026"));
  run_sql("UPDATE users SET totp_secret = ? WHERE email = ?", {app::new_totp_secret(), email});
  ASSERT_EQ(body(login(email, "Bon-Mot-De-Passe-2026"))["code"], "second_factor_required");
  const std::string db = "--db '" + programme().db_url() + "' ";
  auto r = jobintech::test::run_command("user second-factor-off " + db + "--email " + email);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(me(t), 401) << "her sessions ended";
  EXPECT_EQ(login(email, "Bon-Mot-De-Passe-2026")->status, 200);
  r = jobintech::test::run_command("user second-factor-off " + db + "--email personne@nulle.part");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("personne@nulle.part"), std::string::npos) << r.out;
}
