// Passwords and tokens. Passwords are hashed with argon2id (libsodium's crypto_pwhash_str, with
// the parameters below); tokens are 32 random bytes shown once to their owner and stored only as
// a BLAKE2b hash. Thread-safe after init_credentials() (call once at start-up).
#pragma once

#include <string>

namespace jobintech::app {

// argon2id cost: 3 passes over 64 MiB (libsodium's "moderate" is 3 × 256 MiB; "interactive"
// 2 × 64 MiB). Measured in bench/login_bench.cpp and docs/performance.md.
inline constexpr unsigned long long kPasswordOpsLimit = 3;
inline constexpr std::size_t kPasswordMemLimit = 64ull * 1024 * 1024;

void init_credentials();  // throws if libsodium cannot start
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// The password policy (docs/security.md), after NIST SP 800-63B: 10 to 128 characters, at least 5
// different ones, not one of the most common passwords; no rule on character classes. Returns the
// message code of the failure, or "".
std::string check_password_policy(const std::string& password);

std::string new_token();                          // 43 characters, URL-safe base64
std::string token_hash(const std::string& token); // hex BLAKE2b-256
std::string random_hex(std::size_t bytes);        // that many random bytes, in hex (request ids)
std::string random_secret();                      // 16 random bytes in hex (lottery seeds)
std::string sha256_hex(const std::string& bytes); // for digests anyone can recompute with sha256sum

}  // namespace jobintech::app
