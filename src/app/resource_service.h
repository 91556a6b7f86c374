// ResourceService: the use cases on the programme's records — list, read, create, update, delete
// — for any resource of core/resource.h. Each call checks the actor's reach (access_policy),
// validates input field by field, runs in one transaction, hides personal fields from those who
// may not see them, and writes the audit log (before and after). Thread-safe: each call leases
// its own connection.
#pragma once

#include <optional>
#include <string>

#include "app/access_policy.h"
#include "app/actor.h"
#include "app/outcome.h"
#include "core/resource.h"
#include "store/database.h"
#include "store/record_repository.h"

namespace jobintech::app {

struct ListOutcome {
  OutcomeKind kind = OutcomeKind::ok;
  store::ListResult result;
  core::FieldErrors errors;
};

class ResourceService {
 public:
  explicit ResourceService(store::Database& db) : db_(db) {}

  // Raw list parameters as given (limit, offset, q, sort and filters); validated here.
  ListOutcome list(const Actor& actor, const core::ResourceSpec& spec, const std::map<std::string, std::string>& params);
  Outcome get(const Actor& actor, const core::ResourceSpec& spec, std::int64_t id);
  Outcome create(const Actor& actor, const core::ResourceSpec& spec, const core::Record& raw);
  Outcome update(const Actor& actor, const core::ResourceSpec& spec, std::int64_t id, const core::Record& raw,
                 std::optional<std::int64_t> if_version = {});
  Outcome remove(const Actor& actor, const core::ResourceSpec& spec, std::int64_t id);

 private:
  store::Database& db_;
};

// Removes the fields the actor may not see.
void hide_personal_fields(const core::ResourceSpec& spec, const Access& access, core::Record& record);
// JSON text of a record, for the audit log.
std::string record_json(const core::Record& record);

}  // namespace jobintech::app
