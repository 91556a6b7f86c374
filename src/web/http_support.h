// What every HTTP handler shares: the request context (who, which language, request id), the
// problem+json error responses of RFC 9457, and JSON responses. Only src/web includes httplib.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/messages.h"
#include "app/outcome.h"
#include "core/field_error.h"

namespace jobintech::web {

inline constexpr const char* kSessionCookie = "jit_session";
inline constexpr const char* kLanguageCookie = "jit_lang";
inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kCsrfField = "_csrf";          // hidden field of every form that changes state
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";  // the same, for scripts using the session cookie
inline constexpr std::size_t kMaxBodyBytes = 64ull * 1024 * 1024;  // imports of a million rows fit
inline constexpr std::size_t kMaxJsonBytes = 4ull * 1024 * 1024;   // a JSON request body: 413 above

struct RequestContext {
  std::string request_id;
  std::string lang = "fr";
  std::optional<app::Actor> actor;
  std::string token;  // the credential used, if any
};

std::string cookie_value(const httplib::Request& req, const std::string& name);
std::string bearer_or_cookie_token(const httplib::Request& req);
// True when the request's credential is the session cookie (which a browser attaches by itself,
// even to a forged request), not an Authorization header (which a forger cannot set).
bool uses_session_cookie(const httplib::Request& req);
// The anti-forgery token of a session: a keyed BLAKE2b hash of the session token, so only who holds
// the session can know it, and every instance computes the same without sharing a secret.
std::string csrf_token(const std::string& session_token);
// The request carries the session's anti-forgery token (header, form field or multipart field).
bool carries_csrf_token(const httplib::Request& req, const std::string& session_token);
// No browser sent it from another site: its Origin, when present, names this host.
bool same_origin(const httplib::Request& req);
// ?lang=, then the language cookie, then (for API clients) Accept-Language, then French: pages
// open in French whatever the browser's own language, until the user picks another.
std::string request_language(const httplib::Request& req, bool use_accept_language = true);

// The session cookie (HttpOnly, SameSite=Lax; Secure behind TLS); max_age 0 clears it.
std::string session_cookie(const httplib::Request& req, const std::string& token, long max_age);

// The client's IP address: the connection's peer, or, when that peer is a proxy on this machine
// (nginx on loopback), the X-Real-IP it sets. A remote peer cannot choose its address this way.
std::string client_address(const httplib::Request& req);

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// A problem+json response; title from the catalogue key "problem.STATUS"; `members` (an object)
// adds the problem's own members, such as the running job of a 409 job_running.
void send_problem(httplib::Response& res, const RequestContext& ctx, int status, const std::string& code,
                  const core::FieldErrors& errors = {}, const nlohmann::json& members = nlohmann::json::object());
// Maps an app::Outcome that is not ok to its HTTP problem.
void send_outcome_problem(httplib::Response& res, const RequestContext& ctx, const app::Outcome& outcome);
int status_of(app::OutcomeKind kind);
// When a use case did not succeed, answers its problem and returns true.
template <typename T>
bool failed(httplib::Response& res, const RequestContext& ctx, const app::Result<T>& result) {
  if (result.ok()) return false;
  send_problem(res, ctx, status_of(result.kind), result.message_code.empty() ? "error" : result.message_code,
               result.errors);
  return true;
}

// Parses a JSON object body; on failure answers 400, 413 (above kMaxJsonBytes) or 415 and returns nullopt.
std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res, const RequestContext& ctx);
// Checks on a JSON body's members, appending to `errors`: unknown_field for each member not in
// `known`; text_expected for each of `texts` that is present and not a string.
void refuse_unknown(const nlohmann::json& body, std::initializer_list<const char*> known, core::FieldErrors& errors);
void expect_text(const nlohmann::json& body, std::initializer_list<const char*> texts, core::FieldErrors& errors);
// A list's paging parameter: when `name` is "limit" (1 to max_limit) or "offset" (0 to
// 100,000,000), reads it into limit or offset, or appends its out_of_range error, and returns
// true; returns false for any other parameter.
bool paging_parameter(const std::string& name, const std::string& value, long long max_limit, long long& limit,
                      long long& offset, core::FieldErrors& errors);

// The first path parameter as an id; -1 when it is not a number.
std::int64_t path_id(const httplib::Request& req);

}  // namespace jobintech::web
