// One's own account (docs/security.md): the page /account and its forms, and the API to sign out
// everywhere and to change one's password. Every signed-in role has one. The second factor (one-
// time codes from an authenticator app) is offered to admin and steering accounts: starting it
// shows a secret and its QR code; a first valid code turns it on; removing it needs a code.
#include "io/qr_svg.h"
#include "web/page_builder.h"
#include "web/router.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

void account_page(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
                  const core::FieldErrors& errors = {}, const std::string& refused_form = "", int status = 200) {
  PageBuilder b(s, req, ctx);
  const auto& m = app::Messages::global();
  const auto summary = s.account.summary(*ctx.actor);
  json page = b.base("account");
  page["email"] = ctx.actor->email;
  page["sessions"] = summary.sessions;
  page["second_factor_offered"] = summary.second_factor_offered;
  page["second_factor_enabled"] = summary.second_factor_enabled;
  if (summary.pending_secret && !summary.second_factor_enabled) {
    json pending = {{"secret", *summary.pending_secret}, {"uri", summary.pending_uri}};
    if (auto qr = io::qr_svg(summary.pending_uri, m.text(ctx.lang, "account.second_factor_qr"))) pending["qr"] = qr->svg;
    page["pending"] = pending;
  }
  json refusal = json::array();
  for (const auto& e : errors) refusal.push_back(m.error(ctx.lang, e));
  if (!refused_form.empty()) page["refused_" + refused_form] = {{"errors", refusal}};
  const auto saved = req.method == "GET" ? req.get_param_value("saved") : "";
  if (saved == "password" || saved == "second_factor_start" || saved == "second_factor_confirm" ||
      saved == "second_factor_remove")
    page["saved_message"] = m.text(ctx.lang, "account.saved_" + saved);
  res.status = status;
  b.render(res, "account", page);
}

// A refused account form: its errors on the page (422 for a field), or the error page.
void refuse(Services& s, const httplib::Request& req, httplib::Response& res, const RequestContext& ctx,
            const app::Outcome& out, const std::string& form) {
  if (out.kind != app::OutcomeKind::invalid && out.kind != app::OutcomeKind::conflict)
    return PageBuilder(s, req, ctx).error_page(res, status_of(out.kind), out.message_code);
  auto errors = out.errors;
  if (errors.empty()) errors.push_back({"", out.message_code, {}});
  account_page(s, req, res, ctx, errors, form, status_of(out.kind));
}

}  // namespace

void register_account_routes(Router& router, Services& s) {
  router.add({"POST", "/api/v1/auth/logout-all", Audience::signed_in, Kind::api,
              "Sign out everywhere: ends every session of the user (API tokens stay)", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto ended = s.auth.logout_everywhere(*ctx.actor);
                res.set_header("Set-Cookie", session_cookie(req, "", 0));
                send_json(res, 200, {{"sessions_ended", ended}});
              }});
  router.add({"POST", "/api/v1/auth/password", Audience::signed_in, Kind::api,
              "Change one's password (current_password, new_password); ends the other sessions", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                auto body = json_body(req, res, ctx);
                if (!body) return;
                core::FieldErrors errors;
                for (const char* f : {"current_password", "new_password"})
                  if (!body->contains(f) || !(*body)[f].is_string()) errors.push_back({f, "required", {}});
                refuse_unknown(*body, {"current_password", "new_password"}, errors);
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_input", errors);
                const auto out = s.account.change_password(*ctx.actor, (*body)["current_password"],
                                                           (*body)["new_password"], ctx.token);
                if (!out.ok()) return send_outcome_problem(res, ctx, out);
                res.status = 204;
              }});

  router.add({"GET", "/account", Audience::signed_in, Kind::page,
              "My account: password, open sessions, second factor", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                account_page(s, req, res, ctx);
              }});
  router.add({"POST", "/account/password", Audience::signed_in, Kind::page,
              "Change my password from the form (current_password, new_password, confirm_password)", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (req.get_param_value("new_password") != req.get_param_value("confirm_password"))
                  return refuse(s, req, res, ctx, app::Outcome::invalid({{"confirm_password", "passwords_differ", {}}}),
                                "password");
                const auto out = s.account.change_password(*ctx.actor, req.get_param_value("current_password"),
                                                           req.get_param_value("new_password"), ctx.token);
                if (!out.ok()) return refuse(s, req, res, ctx, out, "password");
                res.set_redirect("/account?saved=password", 303);
              }});
  router.add({"POST", "/account/logout-all", Audience::signed_in, Kind::page,
              "Sign out everywhere, this browser included", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                s.auth.logout_everywhere(*ctx.actor);
                res.set_header("Set-Cookie", session_cookie(req, "", 0));
                res.set_redirect("/login", 303);
              }});
  router.add({"POST", "/account/second-factor", Audience::signed_in, Kind::page,
              "Start (action=start), confirm (action=confirm, code) or remove (action=remove, code) my second factor",
              "", [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                const auto action = req.get_param_value("action");
                const auto code = req.get_param_value("code");
                app::Outcome out;
                if (action == "start") out = s.account.begin_second_factor(*ctx.actor);
                else if (action == "confirm") out = s.account.confirm_second_factor(*ctx.actor, code);
                else if (action == "remove") out = s.account.remove_second_factor(*ctx.actor, code);
                else out = app::Outcome::invalid({{"action", "not_in_choices", {{"choices", "start, confirm, remove"}}}});
                if (!out.ok()) return refuse(s, req, res, ctx, out, "second_factor");
                res.set_redirect("/account?saved=second_factor_" + action + "#second-factor", 303);
              }});
}

}  // namespace jobintech::web
