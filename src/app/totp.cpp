#include "app/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cctype>
#include <cstdio>
#include <vector>

namespace jobintech::app {

namespace {

constexpr const char* kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string base32_encode(const unsigned char* data, std::size_t n) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
  return out;
}

// Decodes base32, ignoring spaces and case; nullopt on any other character.
std::optional<std::vector<unsigned char>> base32_decode(const std::string& text) {
  std::vector<unsigned char> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ' || c == '=') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= '2' && c <= '7') v = c - '2' + 26;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<unsigned char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// Percent-encoding of everything but unreserved characters (RFC 3986).
std::string percent_encoded(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace

std::string new_totp_secret() {
  unsigned char bytes[20];
  randombytes_buf(bytes, sizeof bytes);
  return base32_encode(bytes, sizeof bytes);
}

std::string totp_code(const std::string& secret_base32, std::int64_t step) {
  const auto key = base32_decode(secret_base32);
  if (!key || step < 0) return "";
  unsigned char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha1(), key->data(), static_cast<int>(key->size()), message, sizeof message, digest, &length);
  const int offset = digest[length - 1] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(digest[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(digest[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(digest[offset + 2]) << 8) | digest[offset + 3];
  char code[8];
  std::snprintf(code, sizeof code, "%06u", binary % 1000000u);
  return code;
}

std::optional<std::int64_t> totp_match(const std::string& secret_base32, const std::string& code_raw,
                                       std::int64_t unix_time, std::optional<std::int64_t> last_used_step) {
  std::string code;
  for (char c : code_raw)
    if (c != ' ') code += c;
  if (code.size() != 6) return std::nullopt;
  const std::int64_t now = unix_time / kTotpStepSeconds;
  for (const std::int64_t step : {now, now - 1, now + 1}) {
    if (last_used_step && step <= *last_used_step) continue;
    const auto expected = totp_code(secret_base32, step);
    if (!expected.empty() && sodium_memcmp(expected.data(), code.data(), 6) == 0) return step;
  }
  return std::nullopt;
}

std::string totp_uri(const std::string& issuer, const std::string& account, const std::string& secret_base32) {
  const auto i = percent_encoded(issuer);
  return "otpauth://totp/" + i + ":" + percent_encoded(account) + "?secret=" + secret_base32 +
         "&issuer=" + i + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace jobintech::app
