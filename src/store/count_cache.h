// CountCache: remembers the totals of list queries ("total": N over a million candidates costs a
// full index scan, about 25 ms on SQLite) so that paging through a list does not pay it on every
// page. An entry is reused while this process wrote nothing (any write bumps one generation:
// lists join tables and deletes cascade, so a per-table rule would miss changes) and for at most
// kCountMaxAge; writes by another process (a command-line import while the server runs) show in
// totals after at most that age. Writers call note_write() when they write and again after
// commit, so a count read in between is not kept.
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace jobintech::store {

inline constexpr std::chrono::seconds kCountMaxAge{30};

void note_write();
// How many writes this process has noted: a cached total computed at one generation is stale at
// another. (Caches shared by instances use the database's data version: store/data_version.h.)
std::uint64_t write_generation();

// Writes to one kind of record (a resource's name, e.g. "offers"), for caches that depend on it
// alone: the matching's board of open offers is rebuilt only when offers change. note_write(kind)
// also counts as a write of any kind.
void note_write(const std::string& kind);
std::uint64_t write_generation(const std::string& kind);

std::optional<std::int64_t> cached_count(const std::string& key);
void remember_count(const std::string& key, std::int64_t count);

}  // namespace jobintech::store
