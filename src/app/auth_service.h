// AuthService: signing in and out, and recognising the bearer of a token. A login creates a new
// session whose token is returned once (JSON body and cookie) and ends the session the browser
// came with; tokens are stored hashed. A session ends after 2 hours without use or 12 hours after
// sign-in, whichever comes first; API tokens last until revoked or expired. An account with a
// second factor also needs its current one-time code. Every login and logout goes to the audit
// log. Thread-safe: each call leases its own connection.
#pragma once

#include <optional>
#include <string>

#include "app/actor.h"
#include "app/outcome.h"
#include "store/database.h"

namespace jobintech::app {

inline constexpr long kSessionIdleSeconds = 2 * 3600;
inline constexpr long kSessionAbsoluteSeconds = 12 * 3600;
// Failed sign-ins allowed per window before the account, or the address, is refused for the rest
// of the window (429 with Retry-After). Counted in the database, across instances. An address is
// often shared (a training centre, a campus behind one router): hence its larger allowance.
inline constexpr long kLoginWindowSeconds = 15 * 60;
inline constexpr long kLoginFailuresPerAccount = 10;
inline constexpr long kLoginFailuresPerAddress = 100;
inline constexpr long kSessionTouchSeconds = 5 * 60;

struct LoginResult {
  bool ok = false;
  long retry_after = 0;  // > 0: refused without checking the password, for this many seconds
  bool needs_code = false;  // the password was right, the one-time code missing or wrong
  std::string token;
  Actor actor;
};

class AuthService {
 public:
  explicit AuthService(store::Database& db) : db_(db) {}

  // Wrong e-mail and wrong password are indistinguishable to the caller, and so are their
  // throttling: an unknown e-mail is counted like a known one. `address`: the client's IP;
  // `code`: the one-time code, for an account with a second factor; `previous_token`: the session
  // the client came with, ended by this login (a fresh session on every sign-in).
  LoginResult login(const std::string& email, const std::string& password, const std::string& address = "",
                    const std::string& code = "", const std::string& previous_token = "");
  void logout(const std::string& token);
  // Ends every session of the user (all browsers, all devices); returns how many. API tokens stay.
  std::int64_t logout_everywhere(const Actor& actor);
  // The actor behind a session or API token, if it is valid now.
  std::optional<Actor> authenticate(const std::string& token);
  // Creates a long-lived API token for the user; returns the token (shown once).
  std::string issue_api_token(std::int64_t user_id, const std::string& name);

 private:
  store::Database& db_;
};

// Adds a user (command line `user add`, demo data). Returns the outcome with field errors for a
// bad e-mail, role, organisation or password.
Outcome add_user(store::Database& db, const std::string& email, const std::string& role,
                 const std::string& organisation_code, const std::string& password, const std::string& display_name,
                 std::optional<std::int64_t> candidate_id = {});

}  // namespace jobintech::app
