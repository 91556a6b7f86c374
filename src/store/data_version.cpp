#include "store/data_version.h"

#include "store/count_cache.h"
#include "store/sql.h"
#include "store/transaction.h"

namespace jobintech::store {

std::int64_t data_version(soci::session& sql, const std::string& scope) {
  return fetch_integer(sql, "SELECT version FROM data_versions WHERE scope = ?", {scope}).value_or(0);
}

void bump_data_version(soci::session& sql, const std::string& scope) {
  execute(sql, "UPDATE data_versions SET version = version + 1 WHERE scope = 'all'");
  if (!scope.empty() && scope != "all") {
    execute(sql,
            "INSERT INTO data_versions (scope, version) VALUES (?, 1) "
            "ON CONFLICT (scope) DO UPDATE SET version = data_versions.version + 1",
            {scope});
  }
}

void commit_write(soci::session& sql, Transaction& tx, const std::string& scope) {
  bump_data_version(sql, scope);
  tx.commit();
  if (scope.empty()) {
    note_write();
  } else {
    note_write(scope);
  }
}

}  // namespace jobintech::store
