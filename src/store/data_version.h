// The version of the programme's data, kept in the database (table data_versions) so that every
// instance behind a load balancer sees the same one: a cache entry computed at one version is
// stale at another, whichever instance wrote. commit_write() is how a service commits a write:
// it bumps the versions of "all" and of the given scope inside the transaction, commits, and
// tells this process's own caches (store/count_cache.h).
// Not thread-safe per session (one session per thread), like SOCI.
#pragma once

#include <cstdint>
#include <string>

#include <soci/soci.h>

#include "store/transaction.h"

namespace jobintech::store {

// The committed version of a scope ("all", or a kind of record such as "offers"); 0 before its
// first write.
std::int64_t data_version(soci::session& sql, const std::string& scope = "all");

// Bumps "all" (and `scope` when not empty) in the open transaction `tx`, then commits it.
void commit_write(soci::session& sql, Transaction& tx, const std::string& scope = "");

// The same bump without committing, for writers that commit themselves.
void bump_data_version(soci::session& sql, const std::string& scope = "");

}  // namespace jobintech::store
