#include "store/bulk_upsert.h"

#include <cstdlib>

#include "core/date.h"

namespace jobintech::store {

bool same_value(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return !a && !b;
  if (*a == *b) return true;
  char* end_a = nullptr;
  char* end_b = nullptr;
  const double x = std::strtod(a->c_str(), &end_a);
  const double y = std::strtod(b->c_str(), &end_b);
  return !a->empty() && !b->empty() && *end_a == '\0' && *end_b == '\0' && x == y;
}

BulkUpsert::BulkUpsert(soci::session& sql, std::string table, std::vector<std::string> columns, std::size_t key_count,
                       bool with_timestamps, bool with_id)
    : sql_(sql), table_(std::move(table)), columns_(std::move(columns)), key_count_(key_count),
      with_timestamps_(with_timestamps), with_id_(with_id), now_(core::now_utc()) {
  const std::size_t n = columns_.size();
  in_values_.resize(n);
  in_indicators_.resize(n, soci::i_ok);
  stored_.resize(n);
  stored_indicators_.resize(n, soci::i_ok);
}

std::int64_t BulkUpsert::insert(const std::vector<std::optional<std::string>>& values) {
  const std::size_t n = columns_.size();
  if (!insert_) {
    std::string cols, marks;
    for (std::size_t i = 0; i < n; ++i) {
      cols += (i ? ", " : "") + columns_[i];
      marks += (i ? ", :v" : ":v") + std::to_string(i);
    }
    if (with_timestamps_) {
      cols += ", created_at, updated_at";
      marks += ", :now1, :now2";
    }
    insert_.emplace(sql_);
    for (std::size_t i = 0; i < n; ++i) insert_->exchange(soci::use(in_values_[i], in_indicators_[i]));
    if (with_timestamps_) {
      insert_->exchange(soci::use(now_));
      insert_->exchange(soci::use(now_));
    }
    if (with_id_) insert_->exchange(soci::into(target_id_));
    insert_->alloc();
    insert_->prepare("INSERT INTO " + table_ + " (" + cols + ") VALUES (" + marks + ")" + (with_id_ ? " RETURNING id" : ""));
    insert_->define_and_bind();
  }
  for (std::size_t i = 0; i < n; ++i) {
    in_indicators_[i] = values[i] ? soci::i_ok : soci::i_null;
    in_values_[i] = values[i] ? *values[i] : std::string();
  }
  insert_->execute(true);
  // Step to the end, so SQLite does not count the statement as still running at COMMIT.
  if (with_id_) insert_->fetch();
  return target_id_;
}

BulkUpsert::Result BulkUpsert::upsert(const std::vector<std::optional<std::string>>& values,
                                      std::vector<std::optional<std::string>>* before, std::int64_t* id) {
  const std::size_t n = columns_.size();
  if (!select_) {
    std::string cols = with_id_ ? "id" : "0", where;
    for (std::size_t i = 0; i < n; ++i) cols += ", " + columns_[i];
    for (std::size_t i = 0; i < key_count_; ++i) where += (i ? " AND " : "") + columns_[i] + " = :k" + std::to_string(i);
    select_.emplace(sql_);
    select_->exchange(soci::into(found_id_));
    for (std::size_t i = 0; i < n; ++i) select_->exchange(soci::into(stored_[i], stored_indicators_[i]));
    for (std::size_t i = 0; i < key_count_; ++i) select_->exchange(soci::use(in_values_[i], in_indicators_[i]));
    select_->alloc();
    select_->prepare("SELECT " + cols + " FROM " + table_ + " WHERE " + where);
    select_->define_and_bind();
  }
  for (std::size_t i = 0; i < n; ++i) {
    in_indicators_[i] = values[i] ? soci::i_ok : soci::i_null;
    in_values_[i] = values[i] ? *values[i] : std::string();
  }
  const bool found = select_->execute(true);
  if (found) select_->fetch();  // to the end: keys are unique, and a running statement blocks COMMIT
  if (!found) {
    const auto new_id = insert(values);
    if (id) *id = new_id;
    return Result::created;
  }
  if (id) *id = found_id_;
  bool same = true;
  for (std::size_t i = key_count_; i < n && same; ++i) {
    std::optional<std::string> stored;
    if (stored_indicators_[i] != soci::i_null) stored = stored_[i];
    same = same_value(stored, values[i]);
  }
  if (same) return Result::unchanged;
  if (before) {
    before->clear();
    for (std::size_t i = 0; i < n; ++i)
      before->push_back(stored_indicators_[i] == soci::i_null ? std::nullopt : std::optional<std::string>(stored_[i]));
  }
  if (!update_) {
    std::string sets;
    for (std::size_t i = key_count_; i < n; ++i) sets += (i > key_count_ ? ", " : "") + columns_[i] + " = :v" + std::to_string(i);
    if (with_timestamps_) sets += ", updated_at = :now, version = version + 1";
    std::string where;
    for (std::size_t i = 0; i < key_count_; ++i) where += (i ? " AND " : "") + columns_[i] + " = :k" + std::to_string(i);
    update_.emplace(sql_);
    for (std::size_t i = key_count_; i < n; ++i) update_->exchange(soci::use(in_values_[i], in_indicators_[i]));
    if (with_timestamps_) update_->exchange(soci::use(now_));
    for (std::size_t i = 0; i < key_count_; ++i) update_->exchange(soci::use(in_values_[i], in_indicators_[i]));
    update_->alloc();
    update_->prepare("UPDATE " + table_ + " SET " + sets + " WHERE " + where);
    update_->define_and_bind();
  }
  update_->execute(true);
  return Result::updated;
}

}  // namespace jobintech::store
