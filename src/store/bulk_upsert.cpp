#include "store/bulk_upsert.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdlib>
#include <map>
#include <stdexcept>

#include "core/date.h"
#include "store/count_cache.h"
#include "store/sql.h"

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

namespace {

// The SQL of the three statements, with :name placeholders (SQLite and SOCI both accept them).
struct Sql {
  std::string select, insert, update;
  std::string copy;  // "COPY t (cols) FROM STDIN" (PostgreSQL)
  std::string insert_head, insert_row;  // "INSERT INTO t (cols) VALUES " and "(?, ?, ...)" for multi-row inserts
};

Sql build_sql(const std::string& table, const std::vector<std::string>& columns, std::size_t key_count,
              bool with_timestamps, bool with_id) {
  const std::size_t n = columns.size();
  std::string cols, marks, select_cols = with_id ? "id" : "0", sets, where;
  for (std::size_t i = 0; i < n; ++i) {
    cols += (i ? ", " : "") + columns[i];
    marks += (i ? ", :v" : ":v") + std::to_string(i);
    select_cols += ", " + columns[i];
  }
  for (std::size_t i = 0; i < key_count; ++i) where += (i ? " AND " : "") + columns[i] + " = :v" + std::to_string(i);
  for (std::size_t i = key_count; i < n; ++i) sets += (i > key_count ? ", " : "") + columns[i] + " = :v" + std::to_string(i);
  if (where.empty()) where = "1 = 0";  // no natural key: rows are only inserted
  if (with_timestamps) {
    cols += ", created_at, updated_at";
    marks += ", :now, :now";
    sets += ", updated_at = :now, version = version + 1";
  }
  std::string row = "(";
  for (std::size_t i = 0; i < n + (with_timestamps ? 2 : 0); ++i) row += i ? ", ?" : "?";
  return {"SELECT " + select_cols + " FROM " + table + " WHERE " + where,
          "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")" + (with_id ? " RETURNING id" : ""),
          "UPDATE " + table + " SET " + sets + " WHERE " + where,
          "COPY " + table + " (" + cols + ") FROM STDIN",
          "INSERT INTO " + table + " (" + cols + ") VALUES ",
          row + ")"};
}

}  // namespace

struct BulkUpsert::Statements {
  virtual ~Statements() = default;
  // Looks the key up; fills stored (one per column) and id when found.
  virtual bool find(const TextRow& values, TextRow& stored, std::int64_t& id) = 0;
  virtual std::int64_t insert(const TextRow& values) = 0;
  // Inserts rows whose keys are new; the default inserts them one by one.
  virtual void insert_many(const std::vector<const TextRow*>& rows) {
    for (const auto* r : rows) insert(*r);
  }
  virtual void update(const TextRow& values) = 0;
  std::size_t key_count = 0;
  std::size_t columns = 0;
};

namespace {

class SqliteStatements : public BulkUpsert::Statements {
 public:
  SqliteStatements(sqlite3* db, const Sql& sql, std::size_t n, bool with_timestamps)
      : db_(db), now_(core::now_utc()), with_timestamps_(with_timestamps) {
    columns = n;
    select_ = prepare(sql.select);
    // RETURNING costs SQLite an ephemeral table per row; the rowid of the last insert is free.
    std::string insert = sql.insert;
    if (auto r = insert.find(" RETURNING id"); r != std::string::npos) insert.resize(r);
    insert_ = prepare(insert);
    update_ = sql.update.find(" SET  WHERE") == std::string::npos && sql.update.find("SET WHERE") == std::string::npos
                  ? prepare(sql.update) : nullptr;
    std::string many = sql.insert_head;
    for (std::size_t r = 0; r < kRowsPerInsert; ++r) many += (r ? ", " : "") + sql.insert_row;
    insert_many_ = prepare_positional(many);
  }
  ~SqliteStatements() override {
    for (auto* s : {select_, insert_, update_, insert_many_}) sqlite3_finalize(s);
  }

  // Full statements of kRowsPerInsert rows, then the rest one by one: SQLite then decodes and
  // plans one statement for many rows.
  void insert_many(const std::vector<const TextRow*>& rows) override {
    std::size_t r = 0;
    for (; r + kRowsPerInsert <= rows.size(); r += kRowsPerInsert) {
      int p = 1;
      for (std::size_t k = 0; k < kRowsPerInsert; ++k) {
        for (const auto& v : *rows[r + k]) {
          if (v) sqlite3_bind_text(insert_many_, p, v->data(), static_cast<int>(v->size()), SQLITE_STATIC);
          else sqlite3_bind_null(insert_many_, p);
          ++p;
        }
        if (with_timestamps_)
          for (int t = 0; t < 2; ++t) sqlite3_bind_text(insert_many_, p++, now_.data(), static_cast<int>(now_.size()), SQLITE_STATIC);
      }
      const int rc = sqlite3_step(insert_many_);
      sqlite3_reset(insert_many_);
      if (rc != SQLITE_DONE) fail("insert");
    }
    for (; r < rows.size(); ++r) insert(*rows[r]);
  }

  bool find(const TextRow& values, TextRow& stored, std::int64_t& id) override {
    bind(select_, values);
    const int rc = sqlite3_step(select_);
    bool found = false;
    if (rc == SQLITE_ROW) {
      found = true;
      id = sqlite3_column_int64(select_, 0);
      stored.resize(columns);
      for (std::size_t i = 0; i < columns; ++i) {
        const auto* text = sqlite3_column_text(select_, static_cast<int>(i + 1));
        stored[i] = text ? std::optional<std::string>(reinterpret_cast<const char*>(text)) : std::nullopt;
      }
    } else if (rc != SQLITE_DONE) {
      fail("lookup");
    }
    sqlite3_reset(select_);
    return found;
  }

  std::int64_t insert(const TextRow& values) override {
    bind(insert_, values);
    const int rc = sqlite3_step(insert_);
    sqlite3_reset(insert_);
    if (rc != SQLITE_DONE) fail("insert");
    return sqlite3_last_insert_rowid(db_);
  }

  void update(const TextRow& values) override {
    if (!update_) return;
    bind(update_, values);
    const int rc = sqlite3_step(update_);
    sqlite3_reset(update_);
    if (rc != SQLITE_DONE) fail("update");
  }

 private:
  static constexpr int kNow = -1;
  static constexpr std::size_t kRowsPerInsert = 32;  // SQLite allows 32,766 parameters per statement

  sqlite3_stmt* prepare_positional(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("cannot prepare a multi-row insert: ") + sqlite3_errmsg(db_));
    return s;
  }

  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("cannot prepare ") + sql + ": " + sqlite3_errmsg(db_));
    // Which value each parameter takes: :vN is column N, :now the timestamp.
    auto& slots = slots_[s];
    for (int p = 1; p <= sqlite3_bind_parameter_count(s); ++p) {
      const char* name = sqlite3_bind_parameter_name(s, p);
      slots.push_back(name[1] == 'n' ? kNow : std::atoi(name + 2));
    }
    return s;
  }
  // Values outlive the step (SQLITE_STATIC).
  void bind(sqlite3_stmt* s, const TextRow& values) {
    const auto& slots = slots_[s];
    for (std::size_t p = 0; p < slots.size(); ++p) {
      const int index = static_cast<int>(p + 1);
      if (slots[p] == kNow) {
        sqlite3_bind_text(s, index, now_.data(), static_cast<int>(now_.size()), SQLITE_STATIC);
        continue;
      }
      const auto& v = values[static_cast<std::size_t>(slots[p])];
      if (v) sqlite3_bind_text(s, index, v->data(), static_cast<int>(v->size()), SQLITE_STATIC);
      else sqlite3_bind_null(s, index);
    }
  }
  [[noreturn]] void fail(const char* what) {
    const std::string message = std::string("bulk ") + what + " failed: " + sqlite3_errmsg(db_);
    if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_UNIQUE) throw std::runtime_error("UNIQUE constraint failed: " + message);
    throw std::runtime_error(message);
  }

  sqlite3* db_;
  std::string now_;
  bool with_timestamps_;
  sqlite3_stmt* select_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* update_ = nullptr;
  sqlite3_stmt* insert_many_ = nullptr;
  std::map<sqlite3_stmt*, std::vector<int>> slots_;
};

// PostgreSQL: SOCI statements prepared once, and COPY (libpq) for rows known to be new.
class SociStatements : public BulkUpsert::Statements {
 public:
  SociStatements(soci::session& sql, PGconn* pg, const Sql& text, std::size_t n, std::size_t keys,
                 bool with_timestamps, bool with_id)
      : sql_(sql), pg_(pg), text_(text), now_(core::now_utc()), with_timestamps_(with_timestamps), with_id_(with_id) {
    columns = n;
    key_count = keys;
    in_.resize(n);
    in_ind_.resize(n, soci::i_ok);
    stored_.resize(n);
    stored_ind_.resize(n, soci::i_ok);
  }

  bool find(const TextRow& values, TextRow& stored, std::int64_t& id) override {
    load(values);
    if (!select_) {
      select_.emplace(sql_);
      select_->exchange(soci::into(id_));
      for (std::size_t i = 0; i < columns; ++i) select_->exchange(soci::into(stored_[i], stored_ind_[i]));
      for (std::size_t i = 0; i < key_count; ++i) select_->exchange(soci::use(in_[i], in_ind_[i], "v" + std::to_string(i)));
      select_->alloc();
      select_->prepare(text_.select);
      select_->define_and_bind();
    }
    const bool found = select_->execute(true);
    if (!found) return false;
    select_->fetch();
    id = id_;
    stored.resize(columns);
    for (std::size_t i = 0; i < columns; ++i)
      stored[i] = stored_ind_[i] == soci::i_null ? std::nullopt : std::optional<std::string>(stored_[i]);
    return true;
  }

  std::int64_t insert(const TextRow& values) override {
    load(values);
    if (!insert_) {
      insert_.emplace(sql_);
      for (std::size_t i = 0; i < columns; ++i) insert_->exchange(soci::use(in_[i], in_ind_[i], "v" + std::to_string(i)));
      if (with_timestamps_) insert_->exchange(soci::use(now_, "now"));
      if (with_id_) insert_->exchange(soci::into(id_));
      insert_->alloc();
      insert_->prepare(text_.insert);
      insert_->define_and_bind();
    }
    insert_->execute(true);
    if (with_id_) insert_->fetch();
    return id_;
  }

  // One COPY for all the rows, sent in chunks of about 1 MiB, in the caller's transaction: the
  // fastest way into PostgreSQL (no statement per row, no round trip per row).
  void insert_many(const std::vector<const TextRow*>& rows) override {
    if (!pg_ || rows.size() < 2) return Statements::insert_many(rows);
    PGresult* started = PQexec(pg_, text_.copy.c_str());
    const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
    PQclear(started);
    if (!copying) fail("COPY");
    std::string buffer;
    buffer.reserve(1 << 21);
    auto send = [&] {
      if (PQputCopyData(pg_, buffer.data(), static_cast<int>(buffer.size())) != 1) fail("COPY");
      buffer.clear();
    };
    for (const auto* row : rows) {
      for (std::size_t i = 0; i < columns; ++i) {
        if (i) buffer += '\t';
        append_copy_text(buffer, (*row)[i]);
      }
      if (with_timestamps_) buffer += '\t' + now_ + '\t' + now_;
      buffer += '\n';
      if (buffer.size() >= (1 << 20)) send();
    }
    if (!buffer.empty()) send();
    if (PQputCopyEnd(pg_, nullptr) != 1) fail("COPY");
    bool ok = true;
    std::string error;
    while (PGresult* r = PQgetResult(pg_)) {
      if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        ok = false;
        error = PQresultErrorMessage(r);
      }
      PQclear(r);
    }
    if (!ok) {
      // The same words as the backends' own errors, so that callers recognise a duplicate key.
      throw std::runtime_error("bulk COPY failed: " + error);
    }
  }

  void update(const TextRow& values) override {
    if (key_count == columns) return;
    load(values);
    if (!update_) {
      update_.emplace(sql_);
      for (std::size_t i = 0; i < columns; ++i) update_->exchange(soci::use(in_[i], in_ind_[i], "v" + std::to_string(i)));
      if (with_timestamps_) update_->exchange(soci::use(now_, "now"));
      update_->alloc();
      update_->prepare(text_.update);
      update_->define_and_bind();
    }
    update_->execute(true);
  }

 private:
  void load(const TextRow& values) {
    for (std::size_t i = 0; i < columns; ++i) {
      in_ind_[i] = values[i] ? soci::i_ok : soci::i_null;
      in_[i] = values[i] ? *values[i] : std::string();
    }
  }
  // COPY's text format: \N for null; backslash, tab, newline and carriage return escaped.
  static void append_copy_text(std::string& out, const std::optional<std::string>& v) {
    if (!v) {
      out += "\\N";
      return;
    }
    for (char c : *v) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
      }
    }
  }
  [[noreturn]] void fail(const char* what) {
    throw std::runtime_error(std::string("bulk ") + what + " failed: " + PQerrorMessage(pg_));
  }

  soci::session& sql_;
  PGconn* pg_;
  Sql text_;
  std::string now_;
  bool with_timestamps_, with_id_;
  std::vector<std::string> in_, stored_;
  std::vector<soci::indicator> in_ind_, stored_ind_;
  long long id_ = 0;
  std::optional<soci::statement> select_, insert_, update_;
};

}  // namespace

BulkUpsert::BulkUpsert(Connection& conn, std::string table, std::vector<std::string> columns, std::size_t key_count,
                       bool with_timestamps, bool with_id)
{
  const Sql sql = build_sql(table, columns, key_count, with_timestamps, with_id);
  if (auto* handle = conn.sqlite_handle())
    statements_ = std::make_unique<SqliteStatements>(handle, sql, columns.size(), with_timestamps);
  else
    statements_ = std::make_unique<SociStatements>(conn.session(), conn.postgresql_handle(), sql, columns.size(),
                                                   key_count, with_timestamps, with_id);
  statements_->key_count = key_count;
}

// Counts are forgotten when the bulk write ends, whether it commits or not.
BulkUpsert::~BulkUpsert() { note_write(); }

std::int64_t BulkUpsert::insert(const TextRow& values) { return statements_->insert(values); }

void BulkUpsert::insert_later(const TextRow& values) {
  pending_.push_back(&values);
  if (pending_.size() >= 4096) flush();
}

void BulkUpsert::flush() {
  statements_->insert_many(pending_);
  pending_.clear();
}

BulkUpsert::Result BulkUpsert::upsert(const TextRow& values, TextRow* before, std::int64_t* id, bool may_exist) {
  TextRow stored;
  std::int64_t found_id = 0;
  if (!may_exist || !statements_->find(values, stored, found_id)) {
    const auto new_id = statements_->insert(values);
    if (id) *id = new_id;
    return Result::created;
  }
  if (id) *id = found_id;
  bool same = true;
  for (std::size_t i = statements_->key_count; i < statements_->columns && same; ++i) same = same_value(stored[i], values[i]);
  if (same) return Result::unchanged;
  if (before) *before = std::move(stored);
  statements_->update(values);
  return Result::updated;
}

}  // namespace jobintech::store

namespace jobintech::store {

BulkSession::BulkSession(Connection& conn, std::size_t rows) : conn_(conn) {
  if (conn.backend() != Backend::sqlite || rows < 50'000) return;
  conn.session() << "PRAGMA cache_size = -1048576";
  changed_ = true;
}

BulkSession::~BulkSession() {
  if (!changed_) return;
  try {
    conn_.session() << "PRAGMA cache_size = -" + std::to_string(kSqliteCacheKiB);
  } catch (...) {
  }
}

DeferredIndexes::DeferredIndexes(Connection& conn, const std::vector<std::string>& tables) : conn_(conn) {
  auto& sql = conn.session();
  if (conn.backend() == Backend::postgresql) {
    // Unique constraints no foreign key depends on, then foreign keys, then plain indexes: each
    // dropped now and re-created by finish() in one pass over the table (a foreign key checked
    // row by row costs a COPY of a million rows 15 s of its 25). The primary key stays.
    for (const auto& table : tables) {
      const std::vector<std::string> queries = {
          "SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', ?::text, c.conname), "
          "format('ALTER TABLE %I ADD CONSTRAINT %I %s', ?::text, c.conname, pg_get_constraintdef(c.oid)) "
          "FROM pg_constraint c WHERE c.conrelid = to_regclass(?::text) AND c.contype = 'u' AND NOT EXISTS "
          "(SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.conindid = c.conindid) ORDER BY c.conname",
          "SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', ?::text, c.conname), "
          "format('ALTER TABLE %I ADD CONSTRAINT %I %s', ?::text, c.conname, pg_get_constraintdef(c.oid)) "
          "FROM pg_constraint c WHERE c.conrelid = to_regclass(?::text) AND c.contype = 'f' ORDER BY c.conname",
          "SELECT format('DROP INDEX %I', i.indexname), i.indexdef FROM pg_indexes i "
          "WHERE i.schemaname = current_schema() AND i.tablename = ?::text AND NOT EXISTS "
          "(SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname))) "
          "ORDER BY i.indexname"};
      for (const auto& query : queries) {
        const Params params = query.rfind("SELECT format('DROP INDEX", 0) == 0 ? Params{table}
                                                                                   : Params{table, table, table};
        for (const auto& row : fetch_all(sql, query, params)) {
          sql << as_text(row[0]);
          definitions_.push_back(as_text(row[1]));
        }
      }
    }
    return;
  }
  for (const auto& table : tables) {
    std::vector<std::pair<std::string, std::string>> found;
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL",
                                    soci::use(table));
    for (const auto& r : rows) found.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
    for (const auto& [name, definition] : found) {
      sql << "DROP INDEX " + name;
      definitions_.push_back(definition);
    }
  }
}

void DeferredIndexes::finish() {
  for (const auto& definition : definitions_) conn_.session() << definition;
  definitions_.clear();
}

}  // namespace jobintech::store
