// Failed sign-ins counted per bucket ("account:EMAIL", "address:IP") in fixed windows, in the
// database (table login_failures, migration 0008) so that every instance behind the load
// balancer counts the same attempts. Not thread-safe (one session per thread).
#pragma once

#include <cstdint>
#include <string>

#include <soci/soci.h>

namespace jobintech::store {

struct FailureCount {
  std::int64_t failures = 0;
  std::string window_start;  // ISO 8601 UTC; empty when there is none
};

// The failures of a bucket in the window that started at or after `window_after`.
FailureCount login_failures(soci::session& sql, const std::string& bucket, const std::string& window_after);
// Counts one more failure: in the current window, or in a new one starting `now` when the
// stored window started before `window_after`.
void add_login_failure(soci::session& sql, const std::string& bucket, const std::string& now,
                       const std::string& window_after);
void clear_login_failures(soci::session& sql, const std::string& bucket);

}  // namespace jobintech::store
