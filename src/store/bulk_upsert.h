// BulkUpsert: writes many rows of one table fast, inside the caller's transaction, with three
// statements prepared once and re-executed (SOCI's repeated execution, on SQLite and PostgreSQL).
// Each row is looked up by its natural key: absent rows are inserted, rows whose values differ are
// updated (version + 1), identical rows are left alone — so re-importing a file changes nothing.
// Values are passed as texts (null when absent); the database's column types convert them.
// Not thread-safe; one instance per transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace jobintech::store {

class BulkUpsert {
 public:
  enum class Result { created, updated, unchanged };

  // key_columns must be a prefix of columns. with_timestamps: the table has created_at,
  // updated_at and version columns.
  // with_id: the table has an integer id column (returned by insert and upsert).
  BulkUpsert(soci::session& sql, std::string table, std::vector<std::string> columns, std::size_t key_count,
             bool with_timestamps = true, bool with_id = true);

  // values: one per column, nullopt for NULL. before: filled with the stored values on update.
  Result upsert(const std::vector<std::optional<std::string>>& values,
                std::vector<std::optional<std::string>>* before = nullptr, std::int64_t* id = nullptr);
  // Plain insert without the lookup (for generators that know the table is empty of these keys).
  std::int64_t insert(const std::vector<std::optional<std::string>>& values);

 private:
  soci::session& sql_;
  std::string table_;
  std::vector<std::string> columns_;
  std::size_t key_count_;
  bool with_timestamps_;
  bool with_id_;
  std::string now_;

  // Bound buffers (stable addresses for the prepared statements).
  std::vector<std::string> in_values_;
  std::vector<soci::indicator> in_indicators_;
  std::vector<std::string> stored_;
  std::vector<soci::indicator> stored_indicators_;
  long long found_id_ = 0;
  long long target_id_ = 0;
  std::optional<soci::statement> select_, insert_, update_;
};

// True when two stored texts mean the same value ("70" and "70.0" are the same number).
bool same_value(const std::optional<std::string>& a, const std::optional<std::string>& b);

}  // namespace jobintech::store
