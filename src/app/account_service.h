// AccountService: what a signed-in user does with her own account — see how many sessions are
// open, change her password (which ends her other sessions), and, for admin and steering accounts,
// add or remove a second factor (one-time codes, app/totp.h). Every change goes to the audit log.
// Thread-safe: each call leases its own connection.
#pragma once

#include <optional>
#include <string>

#include "app/actor.h"
#include "app/outcome.h"
#include "store/database.h"

namespace jobintech::app {

// Roles whose accounts may have a second factor: they see or decide for the whole programme.
bool second_factor_offered(Role role);

struct AccountSummary {
  std::int64_t sessions = 0;  // open sessions, this one included
  bool second_factor_offered = false;
  bool second_factor_enabled = false;
  std::optional<std::string> pending_secret;  // setup started: the secret to show, with its QR code
  std::string pending_uri;                    // otpauth:// URI of the pending secret
};

class AccountService {
 public:
  explicit AccountService(store::Database& db) : db_(db) {}

  AccountSummary summary(const Actor& actor);
  // Checks the current password and the policy; ends every session but `keep_token`'s.
  Outcome change_password(const Actor& actor, const std::string& current, const std::string& next,
                          const std::string& keep_token);
  // Starts (or restarts) the setup of a second factor: a new secret, pending until confirmed.
  Outcome begin_second_factor(const Actor& actor);
  // A first valid code from the app makes the pending secret the account's second factor.
  Outcome confirm_second_factor(const Actor& actor, const std::string& code);
  // Removes the second factor; needs a current code, so a stolen session alone cannot.
  Outcome remove_second_factor(const Actor& actor, const std::string& code);

 private:
  store::Database& db_;
};

// The command line's way out for a user who lost her phone: removes her second factor and ends
// her sessions (audited as done by "cli"). Returns false when no user has this e-mail.
bool remove_second_factor_by_command_line(store::Database& db, const std::string& email);

}  // namespace jobintech::app
