// One-time codes of RFC 6238 (TOTP: HMAC-SHA1, 6 digits, 30-second steps), the kind every
// authenticator app reads from an otpauth:// QR code. The optional second factor of admin and
// steering accounts (docs/security.md). Pure functions; the caller stores the secret and the last
// step used, so that a code is accepted once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace jobintech::app {

inline constexpr std::int64_t kTotpStepSeconds = 30;

// A new random secret of 160 bits, in base32 (RFC 4648, no padding), as apps expect it.
std::string new_totp_secret();
// The 6-digit code for a time step (unix time / 30); empty when the secret is not valid base32.
std::string totp_code(const std::string& secret_base32, std::int64_t step);
// The step whose code `code` is, among the current step and one on either side (clock drift), and
// after `last_used_step` (a code is used once); nullopt when none matches.
std::optional<std::int64_t> totp_match(const std::string& secret_base32, const std::string& code, std::int64_t unix_time,
                                       std::optional<std::int64_t> last_used_step = {});
// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER — what the QR code carries.
std::string totp_uri(const std::string& issuer, const std::string& account, const std::string& secret_base32);

}  // namespace jobintech::app
