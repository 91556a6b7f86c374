#include "app/account_service.h"

#include "app/auth_service.h"
#include "app/credentials.h"
#include "app/totp.h"
#include "core/date.h"
#include "core/validation.h"
#include "store/audit_log.h"
#include "store/transaction.h"
#include "store/user_repository.h"

namespace jobintech::app {

namespace {

constexpr const char* kIssuer = "JobInTech";

void audit(soci::session& sql, const Actor& actor, const std::string& action, const std::string& detail = "") {
  store::AuditEntry e{actor.user_id, actor.email, action, "users", std::to_string(actor.user_id.value_or(0)), {}, {}, {}};
  if (!detail.empty()) e.detail = detail;
  store::append_audit(sql, e);
}

}  // namespace

bool second_factor_offered(Role role) { return role == Role::admin || role == Role::steering; }

AccountSummary AccountService::summary(const Actor& actor) {
  if (!actor.user_id) return {};
  auto conn = db_.connect();
  store::UserRepository users(conn.session());
  AccountSummary s;
  s.sessions = users.active_sessions(*actor.user_id, core::now_utc(),
                                     core::timestamp_after_seconds(-kSessionAbsoluteSeconds));
  s.second_factor_offered = second_factor_offered(actor.role);
  if (auto u = users.by_id(*actor.user_id)) {
    s.second_factor_enabled = u->totp_secret.has_value();
    if (u->totp_pending_secret) {
      s.pending_secret = u->totp_pending_secret;
      s.pending_uri = totp_uri(kIssuer, u->email, *u->totp_pending_secret);
    }
  }
  return s;
}

Outcome AccountService::change_password(const Actor& actor, const std::string& current, const std::string& next,
                                        const std::string& keep_token) {
  if (!actor.user_id) return Outcome::fail(OutcomeKind::forbidden, "forbidden");  // the command line
  core::FieldErrors errors;
  if (auto p = check_password_policy(next); !p.empty()) errors.push_back({"new_password", p, {}});
  if (next == current) errors.push_back({"new_password", "password_unchanged", {}});
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::UserRepository users(sql);
  const auto user = users.by_id(*actor.user_id);
  if (!user) return Outcome::fail(OutcomeKind::not_found, "not_found");
  // The argon2id check is slow by design; the rate of wrong guesses is bounded by the session's.
  if (!verify_password(user->password_hash, current)) errors.insert(errors.begin(), {"current_password", "wrong_password", {}});
  if (!errors.empty()) return Outcome::invalid(std::move(errors));
  const auto hash = hash_password(next);
  store::Transaction tx(sql);
  users.set_password_hash(*actor.user_id, hash);
  const auto ended = users.delete_sessions_of(*actor.user_id, keep_token.empty() ? "" : token_hash(keep_token));
  audit(sql, actor, "password_change", std::to_string(ended) + " other session(s) ended");
  tx.commit();
  return {};
}

Outcome AccountService::begin_second_factor(const Actor& actor) {
  if (!actor.user_id) return Outcome::fail(OutcomeKind::forbidden, "forbidden");  // the command line
  if (!second_factor_offered(actor.role)) return Outcome::fail(OutcomeKind::forbidden, "forbidden");
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::UserRepository users(sql);
  const auto user = users.by_id(*actor.user_id);
  if (!user) return Outcome::fail(OutcomeKind::not_found, "not_found");
  if (user->totp_secret) return Outcome::fail(OutcomeKind::conflict, "second_factor_already_enabled");
  store::Transaction tx(sql);
  users.set_totp_pending(*actor.user_id, new_totp_secret());
  audit(sql, actor, "second_factor_setup");
  tx.commit();
  return {};
}

Outcome AccountService::confirm_second_factor(const Actor& actor, const std::string& code) {
  if (!actor.user_id) return Outcome::fail(OutcomeKind::forbidden, "forbidden");  // the command line
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::UserRepository users(sql);
  const auto user = users.by_id(*actor.user_id);
  if (!user || !user->totp_pending_secret) return Outcome::fail(OutcomeKind::conflict, "second_factor_not_started");
  const auto step = totp_match(*user->totp_pending_secret, code, core::now_seconds());
  if (!step) return Outcome::invalid({{"code", "wrong_code", {}}});
  store::Transaction tx(sql);
  users.enable_totp(*actor.user_id, *user->totp_pending_secret, *step);
  audit(sql, actor, "second_factor_enabled");
  tx.commit();
  return {};
}

Outcome AccountService::remove_second_factor(const Actor& actor, const std::string& code) {
  if (!actor.user_id) return Outcome::fail(OutcomeKind::forbidden, "forbidden");  // the command line
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::UserRepository users(sql);
  const auto user = users.by_id(*actor.user_id);
  if (!user || !user->totp_secret) return Outcome::fail(OutcomeKind::conflict, "second_factor_not_enabled");
  if (!totp_match(*user->totp_secret, code, core::now_seconds(), user->totp_last_step))
    return Outcome::invalid({{"code", "wrong_code", {}}});
  store::Transaction tx(sql);
  users.disable_totp(*actor.user_id);
  audit(sql, actor, "second_factor_removed");
  tx.commit();
  return {};
}

bool remove_second_factor_by_command_line(store::Database& db, const std::string& email) {
  auto conn = db.connect();
  auto& sql = conn.session();
  store::UserRepository users(sql);
  const auto user = users.by_email(core::to_lower_ascii(core::trim(email)));
  if (!user) return false;
  store::Transaction tx(sql);
  users.disable_totp(user->id);
  users.delete_sessions_of(user->id);
  store::append_audit(sql, {std::nullopt, "cli", "second_factor_removed", "users", std::to_string(user->id), {}, {},
                            user->email});
  tx.commit();
  return true;
}

}  // namespace jobintech::app
