#include "store/audit_log.h"

#include "core/date.h"
#include "store/sql.h"

namespace jobintech::store {

void append_audit(soci::session& sql, const AuditEntry& e) {
  auto opt = [](const std::optional<std::string>& s) -> core::Value {
    if (s) return *s;
    return std::monostate{};
  };
  core::Value user = std::monostate{};
  if (e.user_id) user = *e.user_id;
  execute(sql,
          "INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, before_json, after_json, detail) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {core::now_utc(), user, e.actor, e.action, e.entity, e.entity_id, opt(e.before_json), opt(e.after_json),
           opt(e.detail)});
}

std::vector<AuditRow> recent_audit(soci::session& sql, const std::string& entity, int limit) {
  std::vector<AuditRow> out;
  std::string q = "SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log";
  Params p;
  if (!entity.empty()) {
    q += " WHERE entity = ?";
    p.push_back(entity);
  }
  q += " ORDER BY id DESC LIMIT ?";
  p.push_back(static_cast<std::int64_t>(limit));
  for (auto& r : fetch_all(sql, q, p))
    out.push_back({std::get<std::int64_t>(r[0]), core::to_text(r[1]), core::to_text(r[2]), core::to_text(r[3]),
                   core::to_text(r[4]), core::to_text(r[5]), core::to_text(r[6])});
  return out;
}

AuditPage search_audit(soci::session& sql, const AuditQuery& q) {
  std::string where = " WHERE 1 = 1";
  Params p;
  auto filter = [&](const std::string& clause, const std::string& value) {
    if (value.empty()) return;
    where += clause;
    p.push_back(value);
  };
  filter(" AND actor = ?", q.actor);
  filter(" AND action = ?", q.action);
  filter(" AND entity = ?", q.entity);
  filter(" AND entity_id = ?", q.entity_id);
  filter(" AND at >= ?", q.from);
  // A date as the end includes its whole day: timestamps of that day sort before its "~".
  filter(" AND at <= ?", q.to.size() == 10 ? q.to + "~" : q.to);
  AuditPage page;
  page.total = fetch_integer(sql, "SELECT COUNT(*) FROM audit_log" + where, p).value_or(0);
  p.push_back(q.limit);
  p.push_back(q.offset);
  for (auto& r : fetch_all(sql,
                           "SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log" + where +
                               " ORDER BY id DESC LIMIT ? OFFSET ?",
                           p))
    page.rows.push_back({std::get<std::int64_t>(r[0]), core::to_text(r[1]), core::to_text(r[2]), core::to_text(r[3]),
                         core::to_text(r[4]), core::to_text(r[5]), core::to_text(r[6])});
  return page;
}

}  // namespace jobintech::store
