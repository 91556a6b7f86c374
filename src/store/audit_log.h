// The audit log: one row for every write, every export of personal data and every read of a
// person's record by staff — who, what, when, and the record before and after (as JSON text
// prepared by the caller). Append-only; `jobintech retention` blanks the before/after of the
// records it anonymises. Admins search it (search_audit).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace jobintech::store {

struct AuditEntry {
  std::optional<std::int64_t> user_id;
  std::string actor;   // e-mail, or "cli"
  std::string action;  // create, update, delete, import, export, login, logout
  std::string entity;  // resource name
  std::string entity_id;
  std::optional<std::string> before_json, after_json, detail;
};

void append_audit(soci::session& sql, const AuditEntry& entry);

struct AuditRow {
  std::int64_t id;
  std::string at, actor, action, entity, entity_id, detail;
};
std::vector<AuditRow> recent_audit(soci::session& sql, const std::string& entity, int limit);

// What an admin searches the log by; empty fields do not filter. `from` and `to` are dates or
// timestamps (ISO 8601), `to` inclusive of its whole day when it is a date.
struct AuditQuery {
  std::string actor, action, entity, entity_id, from, to;
  std::int64_t limit = 50, offset = 0;
};
struct AuditPage {
  std::vector<AuditRow> rows;  // newest first
  std::int64_t total = 0;
};
AuditPage search_audit(soci::session& sql, const AuditQuery& query);

}  // namespace jobintech::store
