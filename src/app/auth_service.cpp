#include "app/auth_service.h"

#include "app/credentials.h"
#include "app/totp.h"
#include "core/date.h"
#include "core/validation.h"
#include "store/audit_log.h"
#include "store/login_failures.h"
#include "store/sql.h"
#include "store/transaction.h"
#include "store/user_repository.h"

namespace jobintech::app {

namespace {

Actor actor_from(const store::UserRow& u) {
  Actor a;
  a.user_id = u.id;
  a.email = u.email;
  a.display_name = u.display_name;
  a.role = role_from_name(u.role).value_or(Role::candidate);
  a.organisation_id = u.organisation_id;
  a.organisation_code = u.organisation_code;
  a.candidate_id = u.candidate_id;
  a.locale = u.locale;
  return a;
}

// Verifying against a fixed hash when the account does not exist takes the same time as a real
// check, so response times do not reveal which e-mails have accounts.
const std::string& decoy_hash() {
  static const std::string h = hash_password("decoy-password-for-timing");
  return h;
}

}  // namespace

LoginResult AuthService::login(const std::string& email_raw, const std::string& password, const std::string& address,
                               const std::string& code, const std::string& previous_token) {
  const std::string email = core::to_lower_ascii(core::trim(email_raw));
  const std::string account_bucket = "account:" + email.substr(0, 320);
  const std::string address_bucket = "address:" + address.substr(0, 64);
  const std::string window_after = core::timestamp_after_seconds(-kLoginWindowSeconds);
  std::optional<store::UserRow> user;
  {
    auto conn = db_.connect();
    auto& sql = conn.session();
    // Over the allowance: refused until its window ends, the password not even checked.
    long retry_after = 0;
    for (const auto& [bucket, allowed] : {std::pair{account_bucket, kLoginFailuresPerAccount},
                                          std::pair{address_bucket, kLoginFailuresPerAddress}}) {
      if (bucket == "address:") continue;
      const auto count = store::login_failures(sql, bucket, window_after);
      if (count.failures < allowed) continue;
      const auto started = core::parse_timestamp(count.window_start);
      const long left = started ? static_cast<long>(*started + kLoginWindowSeconds - core::now_seconds())
                                : kLoginWindowSeconds;
      retry_after = std::max(retry_after, std::max(1L, left));
    }
    if (retry_after > 0) {
      LoginResult refused;
      refused.retry_after = retry_after;
      return refused;
    }
    store::UserRepository users(sql);
    user = users.by_email(email);
  }
  // The argon2id check runs without holding a database connection.
  const bool valid = user && user->active ? verify_password(user->password_hash, password)
                                          : (verify_password(decoy_hash(), password), false);
  auto count_failure = [&] {
    auto conn = db_.connect();
    auto& sql = conn.session();
    const auto now = core::now_utc();
    store::add_login_failure(sql, account_bucket, now, window_after);
    if (!address.empty()) store::add_login_failure(sql, address_bucket, now, window_after);
  };
  if (!valid) {
    count_failure();
    return {};
  }
  // The second factor: without a code, ask for one (not a failure); a wrong or replayed code is one.
  std::optional<std::int64_t> code_step;
  if (user->totp_secret) {
    LoginResult ask;
    ask.needs_code = true;
    if (code.empty()) return ask;
    code_step = totp_match(*user->totp_secret, code, core::now_seconds(), user->totp_last_step);
    if (!code_step) {
      count_failure();
      return ask;
    }
  }
  LoginResult r;
  r.ok = true;
  r.token = new_token();
  r.actor = actor_from(*user);
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::Transaction tx(sql);
  store::UserRepository users(sql);
  if (!previous_token.empty()) users.delete_session(token_hash(previous_token));
  if (code_step) users.set_totp_last_step(user->id, *code_step);
  users.create_session(user->id, token_hash(r.token), core::timestamp_after_seconds(kSessionIdleSeconds));
  store::append_audit(sql, {user->id, user->email, "login", "users", std::to_string(user->id), {}, {}, {}});
  store::clear_login_failures(sql, account_bucket);
  tx.commit();
  return r;
}

void AuthService::logout(const std::string& token) {
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::UserRepository users(sql);
  const auto hash = token_hash(token);
  auto user = users.user_by_session(hash, core::now_utc(), core::timestamp_after_seconds(-kSessionAbsoluteSeconds));
  store::Transaction tx(sql);
  users.delete_session(hash);
  if (user) store::append_audit(sql, {user->id, user->email, "logout", "users", std::to_string(user->id), {}, {}, {}});
  tx.commit();
}

std::optional<Actor> AuthService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  auto conn = db_.connect();
  store::UserRepository users(conn.session());
  const auto hash = token_hash(token);
  const auto now = core::now_utc();
  if (auto u = users.user_by_session(hash, now, core::timestamp_after_seconds(-kSessionAbsoluteSeconds))) {
    // Sliding expiry, written at most once every 5 minutes: a write (and its fsync) on every
    // request would cost more than the request itself.
    if (u->session_last_seen < core::timestamp_after_seconds(-kSessionTouchSeconds))
      users.touch_session(hash, now, core::timestamp_after_seconds(kSessionIdleSeconds));
    return actor_from(*u);
  }
  if (auto u = users.user_by_api_token(hash, now)) return actor_from(*u);
  return std::nullopt;
}

std::int64_t AuthService::logout_everywhere(const Actor& actor) {
  if (!actor.user_id) return 0;
  auto conn = db_.connect();
  auto& sql = conn.session();
  store::Transaction tx(sql);
  const auto ended = store::UserRepository(sql).delete_sessions_of(*actor.user_id);
  store::append_audit(sql, {actor.user_id, actor.email, "logout_all", "users", std::to_string(*actor.user_id), {}, {},
                            std::to_string(ended) + " session(s)"});
  tx.commit();
  return ended;
}

std::string AuthService::issue_api_token(std::int64_t user_id, const std::string& name) {
  auto token = new_token();
  auto conn = db_.connect();
  store::UserRepository users(conn.session());
  users.create_api_token(user_id, name, token_hash(token), std::nullopt);
  return token;
}

Outcome add_user(store::Database& db, const std::string& email_raw, const std::string& role_raw,
                 const std::string& organisation_code, const std::string& password, const std::string& display_name,
                 std::optional<std::int64_t> candidate_id) {
  core::FieldErrors errors;
  auto email = core::check_email(email_raw);
  if (!email.ok()) errors.push_back({"email", email.error, {}});
  auto role = role_from_name(role_raw);
  if (!role) errors.push_back({"role", "not_in_choices", {{"choices", "admin, steering, operator, employer, candidate"}}});
  if (auto p = check_password_policy(password); !p.empty()) errors.push_back({"password", p, {}});
  const bool needs_org = role && (*role == Role::operator_staff || *role == Role::employer);
  if (needs_org && organisation_code.empty()) errors.push_back({"organisation", "required", {}});
  if (!errors.empty()) return Outcome::invalid(std::move(errors));

  auto conn = db.connect();
  auto& sql = conn.session();
  store::UserRow u;
  if (!organisation_code.empty()) {
    u.organisation_id = store::fetch_integer(sql, "SELECT id FROM organisations WHERE code = ?", {core::to_lower_ascii(organisation_code)});
    if (!u.organisation_id) return Outcome::invalid({{"organisation", "unknown_reference", {{"value", organisation_code}}}});
  }
  store::UserRepository users(sql);
  if (users.by_email(email.value)) return {OutcomeKind::conflict, {}, {{"email", "duplicate", {}}}, "duplicate"};
  u.email = email.value;
  u.display_name = display_name.empty() ? email.value : display_name;
  u.password_hash = hash_password(password);
  u.role = role_name(*role);
  u.candidate_id = candidate_id;
  store::Transaction tx(sql);
  const auto id = users.insert(u);
  store::append_audit(sql, {std::nullopt, "cli", "create", "users", std::to_string(id), {}, {}, std::string("role=") + u.role});
  tx.commit();
  Outcome out{OutcomeKind::created, {}, {}, ""};
  out.record["id"] = id;
  out.record["email"] = u.email;
  out.record["role"] = u.role;
  return out;
}

}  // namespace jobintech::app
