// Sign-in throttling (app/auth_service.h): failed attempts are counted per account and per
// address in the database, so every instance counts the same; past the allowance the answer is
// 429 with Retry-After, even for the right password; an unknown e-mail is throttled exactly like
// a known one (no enumeration); a success clears the account's count; the window passes.
#include <gtest/gtest.h>

#include "app/auth_service.h"
#include "core/date.h"
#include "shared_programme.h"
#include "store/sql.h"

using namespace jobintech;
using jobintech::testing::body;
using jobintech::testing::programme;

namespace {

httplib::Result login(const std::string& email, const std::string& password, const std::string& address = "") {
  httplib::Headers headers;
  if (!address.empty()) headers.emplace("X-Real-IP", address);
  return programme().client().Post("/api/v1/auth/login", headers,
                                   nlohmann::json{{"email", email}, {"password", password}}.dump(), "application/json");
}

std::int64_t failures(const std::string& bucket) {
  auto conn = programme().db().connect();
  return store::fetch_integer(conn.session(), "SELECT failures FROM login_failures WHERE bucket = ?", {bucket})
      .value_or(0);
}

void clear(const std::string& bucket_pattern) {
  auto conn = programme().db().connect();
  store::execute(conn.session(), "DELETE FROM login_failures WHERE bucket LIKE ?", {bucket_pattern});
}

}  // namespace

TEST(LoginThrottle, AnAccountIsRefusedAfterItsAllowanceEvenWithTheRightPasswordUntilTheWindowPasses) {
  ASSERT_TRUE(app::add_user(programme().db(), "throttled@jobintech.ma", "admin", "", "Right-Password-2026", "T").ok());
  const auto address = "198.51.100.20";
  const auto address_before = failures(std::string("address:") + address);
  for (long i = 0; i < app::kLoginFailuresPerAccount; ++i) {
    auto r = login("throttled@jobintech.ma", "wrong-" + std::to_string(i), address);
    ASSERT_EQ(r->status, 401) << "attempt " << i;
  }
  EXPECT_EQ(failures("account:throttled@jobintech.ma"), app::kLoginFailuresPerAccount);
  EXPECT_EQ(failures(std::string("address:") + address), address_before + app::kLoginFailuresPerAccount);

  auto r = login("throttled@jobintech.ma", "Right-Password-2026", address);
  ASSERT_EQ(r->status, 429) << r->body;
  EXPECT_EQ(body(r)["code"], "too_many_attempts");
  const long retry = std::stol(r->get_header_value("Retry-After"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, app::kLoginWindowSeconds);

  // The sign-in form says so too, in the user's language.
  auto page = programme().client().Post("/login", "email=throttled%40jobintech.ma&password=Right-Password-2026",
                                        "application/x-www-form-urlencoded");
  EXPECT_EQ(page->status, 429);
  EXPECT_FALSE(page->get_header_value("Retry-After").empty());
  EXPECT_NE(page->body.find("Trop de tentatives"), std::string::npos);

  // The window passes: the right password works and clears the count.
  {
    auto conn = programme().db().connect();
    store::execute(conn.session(), "UPDATE login_failures SET window_start = '2020-01-01T00:00:00Z' WHERE bucket = ?",
                   {std::string("account:throttled@jobintech.ma")});
  }
  r = login("throttled@jobintech.ma", "Right-Password-2026", address);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(failures("account:throttled@jobintech.ma"), 0);
  clear("address:%");
}

TEST(LoginThrottle, AnUnknownEmailIsThrottledLikeAKnownOne) {
  for (long i = 0; i < app::kLoginFailuresPerAccount; ++i)
    ASSERT_EQ(login("nobody-here@jobintech.ma", "whatever", "198.51.100.21")->status, 401);
  auto r = login("nobody-here@jobintech.ma", "whatever", "198.51.100.21");
  EXPECT_EQ(r->status, 429);
  EXPECT_FALSE(r->get_header_value("Retry-After").empty());
  clear("address:%");
}

TEST(LoginThrottle, AnAddressOverItsAllowanceIsRefusedForEveryAccountOthersAreNot) {
  {
    auto conn = programme().db().connect();
    store::execute(conn.session(), "INSERT INTO login_failures (bucket, window_start, failures) VALUES (?, ?, ?)",
                   {std::string("address:203.0.113.7"), core::now_utc(), app::kLoginFailuresPerAddress});
  }
  EXPECT_EQ(login("admin@jobintech.ma", "Demo-Admin-2026", "203.0.113.7")->status, 429);
  EXPECT_EQ(login("admin@jobintech.ma", "Demo-Admin-2026", "203.0.113.8")->status, 200);
  clear("address:%");
}
