// Users, their sessions and API tokens, as stored. Tokens and session keys are stored only as
// hashes (the caller hashes); passwords only as argon2id strings. Works on the caller's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace jobintech::store {

struct UserRow {
  std::int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string password_hash;
  std::string role;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::string> organisation_code;
  std::optional<std::int64_t> candidate_id;
  std::string locale = "fr";
  bool active = true;
  std::optional<std::string> totp_secret;          // set: sign-in asks for a one-time code
  std::optional<std::string> totp_pending_secret;  // shown, awaiting its first code
  std::optional<std::int64_t> totp_last_step;      // the last code's time step: each code is used once
  std::string session_last_seen;  // when found through a session
};

class UserRepository {
 public:
  explicit UserRepository(soci::session& sql) : sql_(sql) {}

  std::optional<UserRow> by_email(const std::string& email);
  std::optional<UserRow> by_id(std::int64_t id);
  std::int64_t insert(const UserRow& user);  // throws on duplicate e-mail
  void set_password_hash(std::int64_t id, const std::string& hash);
  std::int64_t count();

  // The second factor: a pending secret (or none), its activation, each code's step, removal.
  void set_totp_pending(std::int64_t id, const std::optional<std::string>& secret);
  void enable_totp(std::int64_t id, const std::string& secret, std::int64_t step);
  void set_totp_last_step(std::int64_t id, std::int64_t step);
  void disable_totp(std::int64_t id);

  // Sessions: created at login, found by token hash while neither idle too long (expires_at) nor
  // older than `created_after` (the absolute limit), deleted at logout.
  void create_session(std::int64_t user_id, const std::string& token_hash, const std::string& expires_at);
  std::optional<UserRow> user_by_session(const std::string& token_hash, const std::string& now,
                                         const std::string& created_after);
  void touch_session(const std::string& token_hash, const std::string& now, const std::string& expires_at);
  void delete_session(const std::string& token_hash);
  // Ends every session of the user but `keep_token_hash` (empty: all). Returns how many ended.
  std::int64_t delete_sessions_of(std::int64_t user_id, const std::string& keep_token_hash = "");
  std::int64_t active_sessions(std::int64_t user_id, const std::string& now, const std::string& created_after);

  // API tokens: long-lived, revocable.
  void create_api_token(std::int64_t user_id, const std::string& name, const std::string& token_hash,
                        const std::optional<std::string>& expires_at);
  std::optional<UserRow> user_by_api_token(const std::string& token_hash, const std::string& now);

 private:
  std::optional<UserRow> one(const std::string& where, const std::vector<std::string>& args);
  soci::session& sql_;
};

}  // namespace jobintech::store
