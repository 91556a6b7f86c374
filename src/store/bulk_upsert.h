// BulkUpsert: writes many rows of one table fast, inside the caller's transaction. Each row is
// looked up by its natural key: absent rows are inserted, rows whose values differ are updated
// (version + 1), identical rows are left alone — so re-importing a file changes nothing. Values
// are passed as texts (null when absent); the database's column types convert them.
// On SQLite the three statements are raw sqlite3 statements prepared once and re-bound for every
// row (SOCI's per-execution overhead would triple the cost of a million rows); on PostgreSQL they
// are SOCI statements prepared once and re-executed (a later issue moves this path to COPY).
// Not thread-safe; one instance per transaction, destroyed before the transaction commits.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace jobintech::store {

using TextRow = std::vector<std::optional<std::string>>;

class BulkUpsert {
 public:
  enum class Result { created, updated, unchanged };

  // The first key_count columns form the natural key. with_timestamps: the table has
  // created_at, updated_at and version. with_id: the table has an integer id column.
  BulkUpsert(Connection& conn, std::string table, std::vector<std::string> columns, std::size_t key_count,
             bool with_timestamps = true, bool with_id = true);
  ~BulkUpsert();
  BulkUpsert(const BulkUpsert&) = delete;
  BulkUpsert& operator=(const BulkUpsert&) = delete;

  // before: filled with the stored values when the row is updated; id: the row's id.
  // may_exist = false (the caller knows the key is new) skips the lookup.
  Result upsert(const TextRow& values, TextRow* before = nullptr, std::int64_t* id = nullptr, bool may_exist = true);
  // Plain insert without the lookup (for generators that know the keys are new). Returns the id.
  std::int64_t insert(const TextRow& values);
  // Inserts a row whose key is known to be new, possibly later, together with others (one
  // statement for many rows on SQLite). The row must stay alive until flush().
  void insert_later(const TextRow& values);
  void flush();

  struct Statements;  // backend-specific prepared statements

 private:
  std::unique_ptr<Statements> statements_;
  std::vector<const TextRow*> pending_;
};

// True when two stored texts mean the same value ("70" and "70.0" are the same number).
bool same_value(const std::optional<std::string>& a, const std::optional<std::string>& b);

}  // namespace jobintech::store

namespace jobintech::store {

// While alive, the secondary indexes of the given tables are dropped, and they are rebuilt from
// their own stored definitions on finish(): building an index once over sorted keys costs a
// fraction of maintaining it row by row during a bulk load. On PostgreSQL the unique and foreign
// key constraints are dropped and re-added too (checked once, in one pass), which locks the
// tables against readers until the transaction ends: meant for loads larger than the table.
// Call finish() inside the same transaction, before it commits; without finish() the
// transaction must roll back (DDL is transactional on both backends).
// While alive, a large bulk write on SQLite keeps up to 1 GiB of pages in memory instead of
// spilling them to the WAL mid-transaction; the connection's usual cache comes back after.
class BulkSession {
 public:
  BulkSession(Connection& conn, std::size_t rows);
  ~BulkSession();

 private:
  Connection& conn_;
  bool changed_ = false;
};

class DeferredIndexes {
 public:
  DeferredIndexes(Connection& conn, const std::vector<std::string>& tables);
  void finish();

 private:
  Connection& conn_;
  std::vector<std::string> definitions_;
};

}  // namespace jobintech::store
