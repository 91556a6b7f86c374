// The audit log: one row for every write and every export of personal data — who, what, when,
// and the record before and after (as JSON text prepared by the caller). Append-only.
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

}  // namespace jobintech::store
