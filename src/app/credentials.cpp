#include "app/credentials.h"

#include <sodium.h>

#include <set>
#include <stdexcept>
#include <vector>

#include "core/validation.h"

namespace jobintech::app {

void init_credentials() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to start");
}

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOpsLimit, kPasswordMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

namespace {

// Passwords of 10 characters or more that lists of leaked passwords put first, in the
// programme's languages; compared in lower case.
const std::set<std::string>& common_passwords() {
  static const std::set<std::string> s = {
      "1234567890", "12345678910", "0123456789", "1234567891", "123456789a", "a123456789", "qwertyuiop",
      "azertyuiop", "1q2w3e4r5t", "password123", "password1234", "motdepasse", "motdepasse1", "motdepasse123",
      "azerty1234", "azerty12345", "qwerty1234", "qwerty12345", "iloveyou12", "administrator", "jobintech2026",
      "jobintech123", "bienvenue1", "bienvenue123", "welcome123", "changeme123", "maroc12345", "morocco123",
      "marrakech123", "casablanca", "casablanca1", "0000000000", "1111111111", "abcdefghij", "abc1234567"};
  return s;
}

}  // namespace

std::string check_password_policy(const std::string& password) {
  if (!core::is_valid_utf8(password)) return "invalid_utf8";
  const auto n = core::utf8_length(password);
  if (n < 10) return "password_too_short";
  if (n > 128) return "too_long";
  const auto lower = core::to_lower_ascii(password);
  if (std::set<char>(lower.begin(), lower.end()).size() < 5) return "password_too_simple";
  if (common_passwords().count(lower)) return "password_too_common";
  return "";
}

std::string new_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  std::string hex(2 * bytes + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buffer.data(), buffer.size());
  hex.pop_back();
  return hex;
}

std::string random_secret() { return random_hex(16); }

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string token_hash(const std::string& token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace jobintech::app
