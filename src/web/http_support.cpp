#include "web/http_support.h"

#include <sodium.h>

#include "core/validation.h"

namespace jobintech::web {

std::string cookie_value(const httplib::Request& req, const std::string& name) {
  const auto header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    std::string part = header.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    auto start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return "";
}

std::string bearer_or_cookie_token(const httplib::Request& req) {
  const auto auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) return auth.substr(7);
  return cookie_value(req, kSessionCookie);
}

bool uses_session_cookie(const httplib::Request& req) {
  return req.get_header_value("Authorization").rfind("Bearer ", 0) != 0 && !cookie_value(req, kSessionCookie).empty();
}

std::string csrf_token(const std::string& session_token) {
  static const unsigned char key[crypto_generichash_KEYBYTES] = "jobintech anti-forgery token v1";
  unsigned char digest[24];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(session_token.data()),
                     session_token.size(), key, sizeof key);
  char out[sodium_base64_ENCODED_LEN(sizeof digest, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, digest, sizeof digest, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

bool carries_csrf_token(const httplib::Request& req, const std::string& session_token) {
  std::string given = req.get_header_value(kCsrfHeader);
  if (given.empty()) given = req.get_param_value(kCsrfField);
  if (given.empty() && req.has_file(kCsrfField)) given = req.get_file_value(kCsrfField).content;
  const auto expected = csrf_token(session_token);
  return given.size() == expected.size() && sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

bool same_origin(const httplib::Request& req) {
  if (!req.has_header("Origin")) return true;  // not a browser, or a same-origin GET-like navigation
  const auto origin = req.get_header_value("Origin");
  const auto scheme_end = origin.find("://");
  if (scheme_end == std::string::npos) return false;  // "null": a sandboxed frame or a file
  return origin.substr(scheme_end + 3) == req.get_header_value("Host");
}

std::string request_language(const httplib::Request& req, bool use_accept_language) {
  if (req.has_param("lang")) return app::Messages::normalise_language(req.get_param_value("lang"));
  if (auto c = cookie_value(req, kLanguageCookie); !c.empty()) return app::Messages::normalise_language(c);
  if (!use_accept_language) return "fr";
  const auto accept = req.get_header_value("Accept-Language");
  for (const char* l : {"fr", "ar", "en"})
    if (accept.rfind(l, 0) == 0) return l;
  return "fr";
}

std::string session_cookie(const httplib::Request& req, const std::string& token, long max_age) {
  std::string c = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                  std::to_string(max_age);
  if (req.get_header_value("X-Forwarded-Proto") == "https") c += "; Secure";
  return c;
}

std::string client_address(const httplib::Request& req) {
  const bool from_local_proxy = req.remote_addr == "127.0.0.1" || req.remote_addr == "::1";
  if (from_local_proxy && req.has_header("X-Real-IP")) return req.get_header_value("X-Real-IP").substr(0, 64);
  return req.remote_addr;
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void send_problem(httplib::Response& res, const RequestContext& ctx, int status, const std::string& code,
                  const core::FieldErrors& errors, const nlohmann::json& members) {
  const auto& m = app::Messages::global();
  nlohmann::json p = {{"type", "https://jobintech.ma/problems/" + code},
                      {"title", m.text(ctx.lang, "problem." + std::to_string(status))},
                      {"status", status},
                      {"detail", m.text(ctx.lang, "error." + code)},
                      {"code", code},
                      {"request_id", ctx.request_id}};
  if (!errors.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : errors)
      list.push_back({{"field", e.field}, {"code", e.code}, {"message", m.error(ctx.lang, e)}});
    p["errors"] = list;
  }
  for (const auto& [key, value] : members.items()) p[key] = value;
  res.status = status;
  res.set_content(p.dump(), "application/problem+json; charset=utf-8");
}

int status_of(app::OutcomeKind kind) {
  switch (kind) {
    case app::OutcomeKind::ok: return 200;
    case app::OutcomeKind::created: return 201;
    case app::OutcomeKind::invalid: return 422;
    case app::OutcomeKind::not_found: return 404;
    case app::OutcomeKind::forbidden: return 403;
    case app::OutcomeKind::conflict: return 409;
    case app::OutcomeKind::stale: return 412;
  }
  return 500;
}

void send_outcome_problem(httplib::Response& res, const RequestContext& ctx, const app::Outcome& outcome) {
  send_problem(res, ctx, status_of(outcome.kind), outcome.message_code.empty() ? "error" : outcome.message_code,
               outcome.errors);
}

std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
  const auto type = req.get_header_value("Content-Type");
  if (!type.empty() && type.find("application/json") == std::string::npos) {
    send_problem(res, ctx, 415, "unsupported_media_type");
    return std::nullopt;
  }
  if (req.body.size() > kMaxJsonBytes) {
    send_problem(res, ctx, 413, "payload_too_large");
    return std::nullopt;
  }
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    send_problem(res, ctx, 400, "malformed_json");
    return std::nullopt;
  }
  return body;
}

void refuse_unknown(const nlohmann::json& body, std::initializer_list<const char*> known, core::FieldErrors& errors) {
  for (const auto& [key, value] : body.items()) {
    bool ok = false;
    for (const char* k : known) ok = ok || key == k;
    if (!ok) errors.push_back({key, "unknown_field", {}});
  }
}

void expect_text(const nlohmann::json& body, std::initializer_list<const char*> texts, core::FieldErrors& errors) {
  for (const char* field : texts)
    if (body.contains(field) && !body[field].is_string()) errors.push_back({field, "text_expected", {}});
}

std::int64_t path_id(const httplib::Request& req) {
  try {
    return std::stoll(req.matches[1].str());
  } catch (...) {
    return -1;
  }
}

bool paging_parameter(const std::string& name, const std::string& value, long long max_limit, long long& limit,
                      long long& offset, core::FieldErrors& errors) {
  if (name != "limit" && name != "offset") return false;
  const auto n = core::parse_integer(value);
  const long long lo = name == "limit" ? 1 : 0, hi = name == "limit" ? max_limit : 100'000'000;
  if (!n || *n < lo || *n > hi)
    errors.push_back({name, "out_of_range", {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}}});
  else
    (name == "limit" ? limit : offset) = *n;
  return true;
}

}  // namespace jobintech::web
