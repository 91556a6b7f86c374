#include "store/user_repository.h"

#include "core/date.h"
#include "store/sql.h"

namespace jobintech::store {

namespace {

const std::string kUserSelect =
    "SELECT u.id, u.email, u.display_name, u.password_hash, u.role, u.organisation_id, o.code, u.candidate_id, "
    "u.locale, u.active, u.totp_secret, u.totp_pending_secret, u.totp_last_step";
constexpr std::size_t kUserColumnCount = 13;  // the columns of kUserSelect, read by to_user()
const std::string kUserFrom = " FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id ";
const std::string kUserColumns = kUserSelect + kUserFrom;

std::optional<std::int64_t> opt_int(const core::Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return std::nullopt;
}

UserRow to_user(const Row& r) {
  UserRow u;
  u.id = *opt_int(r[0]);
  u.email = core::to_text(r[1]);
  u.display_name = core::to_text(r[2]);
  u.password_hash = core::to_text(r[3]);
  u.role = core::to_text(r[4]);
  u.organisation_id = opt_int(r[5]);
  if (!core::is_null(r[6])) u.organisation_code = core::to_text(r[6]);
  u.candidate_id = opt_int(r[7]);
  u.locale = core::to_text(r[8]);
  u.active = opt_int(r[9]).value_or(1) != 0;
  if (!core::is_null(r[10])) u.totp_secret = core::to_text(r[10]);
  if (!core::is_null(r[11])) u.totp_pending_secret = core::to_text(r[11]);
  u.totp_last_step = opt_int(r[12]);
  return u;
}

}  // namespace

std::optional<UserRow> UserRepository::one(const std::string& where, const std::vector<std::string>& args) {
  Params p(args.begin(), args.end());
  auto row = fetch_one(sql_, kUserColumns + where, p);
  if (!row) return std::nullopt;
  return to_user(*row);
}

std::optional<UserRow> UserRepository::by_email(const std::string& email) { return one("WHERE u.email = ?", {email}); }

std::optional<UserRow> UserRepository::by_id(std::int64_t id) {
  auto row = fetch_one(sql_, kUserColumns + "WHERE u.id = ?", {id});
  if (!row) return std::nullopt;
  return to_user(*row);
}

std::int64_t UserRepository::insert(const UserRow& u) {
  const auto now = core::now_utc();
  auto opt = [](const std::optional<std::int64_t>& v) -> core::Value {
    if (v) return *v;
    return std::monostate{};
  };
  return *fetch_integer(sql_,
                        "INSERT INTO users (email, display_name, password_hash, role, organisation_id, candidate_id, "
                        "locale, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        {u.email, u.display_name, u.password_hash, u.role, opt(u.organisation_id), opt(u.candidate_id),
                         u.locale, static_cast<std::int64_t>(u.active ? 1 : 0), now, now});
}

void UserRepository::set_password_hash(std::int64_t id, const std::string& hash) {
  const auto now = core::now_utc();
  execute(sql_,
          "UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ?, version = version + 1 "
          "WHERE id = ?",
          {hash, now, now, id});
}

void UserRepository::set_totp_pending(std::int64_t id, const std::optional<std::string>& secret) {
  core::Value v = std::monostate{};
  if (secret) v = *secret;
  execute(sql_, "UPDATE users SET totp_pending_secret = ?, updated_at = ? WHERE id = ?", {v, core::now_utc(), id});
}

void UserRepository::enable_totp(std::int64_t id, const std::string& secret, std::int64_t step) {
  execute(sql_,
          "UPDATE users SET totp_secret = ?, totp_pending_secret = NULL, totp_last_step = ?, updated_at = ?, "
          "version = version + 1 WHERE id = ?",
          {secret, step, core::now_utc(), id});
}

void UserRepository::set_totp_last_step(std::int64_t id, std::int64_t step) {
  execute(sql_, "UPDATE users SET totp_last_step = ? WHERE id = ?", {step, id});
}

void UserRepository::disable_totp(std::int64_t id) {
  execute(sql_,
          "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL, updated_at = ?, "
          "version = version + 1 WHERE id = ?",
          {core::now_utc(), id});
}

std::int64_t UserRepository::count() { return fetch_integer(sql_, "SELECT COUNT(*) FROM users").value_or(0); }

void UserRepository::create_session(std::int64_t user_id, const std::string& token_hash, const std::string& expires_at) {
  const auto now = core::now_utc();
  execute(sql_, "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
          {token_hash, user_id, now, expires_at, now});
}

std::optional<UserRow> UserRepository::user_by_session(const std::string& token_hash, const std::string& now,
                                                       const std::string& created_after) {
  auto row = fetch_one(sql_,
                       kUserSelect + ", s.last_seen_at" + kUserFrom +
                           "JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = ? AND s.expires_at > ? "
                       "AND s.created_at > ? AND u.active = 1",
                       {token_hash, now, created_after});
  if (!row) return std::nullopt;
  auto user = to_user(*row);
  user.session_last_seen = core::to_text((*row)[kUserColumnCount]);
  return user;
}

void UserRepository::touch_session(const std::string& token_hash, const std::string& now, const std::string& expires_at) {
  execute(sql_, "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?", {now, expires_at, token_hash});
}

void UserRepository::delete_session(const std::string& token_hash) {
  execute(sql_, "DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

std::int64_t UserRepository::delete_sessions_of(std::int64_t user_id, const std::string& keep_token_hash) {
  const auto before = fetch_integer(sql_, "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND token_hash <> ?",
                                    {user_id, keep_token_hash}).value_or(0);
  execute(sql_, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {user_id, keep_token_hash});
  return before;
}

std::int64_t UserRepository::active_sessions(std::int64_t user_id, const std::string& now,
                                             const std::string& created_after) {
  return fetch_integer(sql_, "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND expires_at > ? AND created_at > ?",
                       {user_id, now, created_after}).value_or(0);
}

void UserRepository::create_api_token(std::int64_t user_id, const std::string& name, const std::string& token_hash,
                                      const std::optional<std::string>& expires_at) {
  core::Value exp = std::monostate{};
  if (expires_at) exp = *expires_at;
  execute(sql_, "INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
          {token_hash, user_id, name, core::now_utc(), exp});
}

std::optional<UserRow> UserRepository::user_by_api_token(const std::string& token_hash, const std::string& now) {
  auto row = fetch_one(sql_,
                       kUserColumns +
                           "JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = ? AND t.revoked_at IS NULL "
                           "AND (t.expires_at IS NULL OR t.expires_at > ?) AND u.active = 1",
                       {token_hash, now});
  if (!row) return std::nullopt;
  return to_user(*row);
}

}  // namespace jobintech::store
