#include "store/login_failures.h"

#include "store/sql.h"

namespace jobintech::store {

FailureCount login_failures(soci::session& sql, const std::string& bucket, const std::string& window_after) {
  auto row = fetch_one(sql, "SELECT failures, window_start FROM login_failures WHERE bucket = ? AND window_start >= ?",
                       {bucket, window_after});
  if (!row) return {};
  return {as_integer((*row)[0]), as_text((*row)[1])};
}

void add_login_failure(soci::session& sql, const std::string& bucket, const std::string& now,
                       const std::string& window_after) {
  execute(sql,
          "INSERT INTO login_failures (bucket, window_start, failures) VALUES (?, ?, 1) "
          "ON CONFLICT (bucket) DO UPDATE SET "
          "failures = CASE WHEN login_failures.window_start < ? THEN 1 ELSE login_failures.failures + 1 END, "
          "window_start = CASE WHEN login_failures.window_start < ? THEN excluded.window_start "
          "ELSE login_failures.window_start END",
          {bucket, now, window_after, window_after});
}

void clear_login_failures(soci::session& sql, const std::string& bucket) {
  execute(sql, "DELETE FROM login_failures WHERE bucket = ?", {bucket});
}

}  // namespace jobintech::store
