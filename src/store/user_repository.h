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

  // Sessions: created at login, found by token hash while not expired, deleted at logout.
  void create_session(std::int64_t user_id, const std::string& token_hash, const std::string& expires_at);
  std::optional<UserRow> user_by_session(const std::string& token_hash, const std::string& now);
  void touch_session(const std::string& token_hash, const std::string& now, const std::string& expires_at);
  void delete_session(const std::string& token_hash);

  // API tokens: long-lived, revocable.
  void create_api_token(std::int64_t user_id, const std::string& name, const std::string& token_hash,
                        const std::optional<std::string>& expires_at);
  std::optional<UserRow> user_by_api_token(const std::string& token_hash, const std::string& now);

 private:
  std::optional<UserRow> one(const std::string& where, const std::vector<std::string>& args);
  soci::session& sql_;
};

}  // namespace jobintech::store
