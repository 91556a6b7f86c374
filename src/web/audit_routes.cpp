// The audit log, searched by admins (docs/security.md, docs/privacy.md): GET /api/v1/audit and the
// page /audit, filtered by who (actor), what (action: read, list, export, update, login...), which
// record (entity, entity_id) and when (from, to: dates or timestamps). Newest first, paged.
// Searching the log is itself written to the log.
#include "core/date.h"
#include "store/audit_log.h"
#include "web/page_builder.h"
#include "web/router.h"

namespace jobintech::web {

namespace {

using nlohmann::json;

constexpr std::int64_t kMaxAuditPage = 200;

bool is_date_or_timestamp(const std::string& v) {
  return (v.size() == 10 && core::parse_date(v)) || core::parse_timestamp(v).has_value();
}

// Reads the query's parameters; a bad one is named in `errors`.
store::AuditQuery audit_query(const httplib::Request& req, core::FieldErrors& errors) {
  store::AuditQuery q;
  long long limit = q.limit, offset = q.offset;
  for (const auto& [name, value] : req.params) {
    if (name == "actor") q.actor = value;
    else if (name == "action") q.action = value;
    else if (name == "entity") q.entity = value;
    else if (name == "entity_id") q.entity_id = value;
    else if (name == "from" || name == "to") {
      if (!value.empty() && !is_date_or_timestamp(value)) errors.push_back({name, "date_format", {}});
      else (name == "from" ? q.from : q.to) = value;
    } else if (name == "lang" || name == "page") {
    } else if (!paging_parameter(name, value, kMaxAuditPage, limit, offset, errors)) {
      errors.push_back({name, "unknown_parameter", {}});
    }
    if (value.size() > 320) errors.push_back({name, "too_long", {{"max", "320"}}});
  }
  q.limit = limit;
  q.offset = offset;
  return q;
}

json row_json(const store::AuditRow& r) {
  return {{"id", r.id},         {"at", r.at},           {"actor", r.actor}, {"action", r.action},
          {"entity", r.entity}, {"entity_id", r.entity_id}, {"detail", r.detail}};
}

store::AuditPage search(Services& s, const app::Actor& actor, const store::AuditQuery& q) {
  auto conn = s.db.connect();
  auto page = store::search_audit(conn.session(), q);
  std::string detail = "total=" + std::to_string(page.total);
  for (const auto& [k, v] : {std::pair{"actor", q.actor}, {"action", q.action}, {"entity", q.entity},
                             {"entity_id", q.entity_id}, {"from", q.from}, {"to", q.to}})
    if (!v.empty()) detail += std::string(" ") + k + "=" + v;
  store::append_audit(conn.session(), {actor.user_id, actor.email, "search", "audit_log", "", {}, {}, detail});
  return page;
}

}  // namespace

void register_audit_routes(Router& router, Services& s) {
  router.add({"GET", "/api/v1/audit", Audience::signed_in, Kind::api,
              "Search the audit log (admin): actor, action, entity, entity_id, from, to, limit, offset", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                if (ctx.actor->role != app::Role::admin) return send_problem(res, ctx, 403, "forbidden");
                core::FieldErrors errors;
                const auto q = audit_query(req, errors);
                if (!errors.empty()) return send_problem(res, ctx, 422, "invalid_parameters", errors);
                const auto page = search(s, *ctx.actor, q);
                json items = json::array();
                for (const auto& r : page.rows) items.push_back(row_json(r));
                send_json(res, 200, {{"items", items}, {"total", page.total}, {"limit", q.limit}, {"offset", q.offset}});
              }});
  router.add({"GET", "/audit", Audience::signed_in, Kind::page,
              "The audit log, searched by who, what, which record and when (admin)", "",
              [&s](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
                PageBuilder b(s, req, ctx);
                if (ctx.actor->role != app::Role::admin) return b.error_page(res, 403, "forbidden");
                const auto& m = app::Messages::global();
                core::FieldErrors errors;
                auto q = audit_query(req, errors);
                json page = b.base("audit");
                for (const char* f : {"actor", "action", "entity", "entity_id", "from", "to"})
                  page["filter"][f] = req.get_param_value(f);
                json refusal = json::array();
                for (const auto& e : errors) refusal.push_back(m.error(ctx.lang, e));
                page["errors"] = refusal;
                page["has_errors"] = !errors.empty();
                if (!errors.empty()) {
                  res.status = 422;
                  return b.render(res, "audit", page);
                }
                const auto found = search(s, *ctx.actor, q);
                json rows = json::array();
                for (const auto& r : found.rows) rows.push_back(row_json(r));
                page["rows"] = rows;
                page["empty"] = rows.empty();
                page["total"] = found.total;
                if (q.offset > 0)
                  page["previous"] = url_with(req, {{"offset", std::to_string(std::max<std::int64_t>(0, q.offset - q.limit))}});
                if (q.offset + q.limit < found.total)
                  page["next"] = url_with(req, {{"offset", std::to_string(q.offset + q.limit)}});
                b.render(res, "audit", page);
              }});
}

}  // namespace jobintech::web
