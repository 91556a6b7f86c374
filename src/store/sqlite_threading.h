// Each SQLite connection of the pool is leased to one thread at a time (store::Connection), so
// SQLite's own per-call mutexes (its default "serialized" mode) only cost time: a read of 150,000
// rows locks and unlocks them millions of times. Multi-thread mode drops them. Kept apart from
// database.cpp because SOCI's SQLite header cannot share a translation unit with <sqlite3.h>.
#pragma once

namespace jobintech::store {

// Chooses multi-thread mode; must run before SQLite's first use (later calls change nothing).
// Thread-safe.
void choose_sqlite_multithread_mode();

}  // namespace jobintech::store
