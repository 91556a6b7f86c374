// Transaction: one unit of work on a session, rolled back unless committed. On SQLite it begins
// IMMEDIATE, taking the write lock at once: a deferred transaction that reads and then writes
// fails with "database is locked" at once (not after the busy timeout) when another connection
// committed in between, which concurrent requests made routine. On PostgreSQL it is a plain
// BEGIN. Not thread-safe (one session per thread).
#pragma once

#include <soci/soci.h>

namespace jobintech::store {

class Transaction {
 public:
  explicit Transaction(soci::session& sql);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();
  void rollback();

 private:
  soci::session& sql_;
  bool open_ = true;
};

}  // namespace jobintech::store
