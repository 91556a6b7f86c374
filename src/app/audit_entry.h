// The audit-log line of a use case: who (the actor), what (action), on which record (entity and
// id), and an optional detail. Every service builds its lines here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/actor.h"
#include "store/audit_log.h"

namespace jobintech::app {

inline store::AuditEntry audit_entry(const Actor& actor, const std::string& action, const std::string& entity,
                                     std::int64_t entity_id, std::optional<std::string> detail = std::nullopt) {
  store::AuditEntry entry;
  entry.user_id = actor.user_id;
  entry.actor = actor.email;
  entry.action = action;
  entry.entity = entity;
  entry.entity_id = std::to_string(entity_id);
  entry.detail = std::move(detail);
  return entry;
}

}  // namespace jobintech::app
