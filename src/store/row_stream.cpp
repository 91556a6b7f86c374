#include "store/row_stream.h"

#include <sqlite3.h>

#include <stdexcept>

namespace jobintech::store {

namespace {

class SqliteRow : public RowReader {
 public:
  explicit SqliteRow(sqlite3_stmt* s) : s_(s) {}
  bool is_null(int c) const override { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  std::int64_t integer(int c) const override { return sqlite3_column_int64(s_, c); }
  std::string_view text(int c) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, c))) : std::string_view();
  }

 private:
  sqlite3_stmt* s_;
};

class ValuesRow : public RowReader {
 public:
  explicit ValuesRow(const Row& r) : r_(r) {
    texts_.reserve(r.size());
    for (const auto& v : r) texts_.push_back(as_text(v));
  }
  bool is_null(int c) const override { return core::is_null(r_[static_cast<std::size_t>(c)]); }
  std::int64_t integer(int c) const override { return as_integer(r_[static_cast<std::size_t>(c)]); }
  std::string_view text(int c) const override { return texts_[static_cast<std::size_t>(c)]; }

 private:
  const Row& r_;
  std::vector<std::string> texts_;
};

}  // namespace

void for_each_row(Connection& conn, const std::string& query, const Params& params,
                  const std::function<void(const RowReader&)>& row) {
  sqlite3* db = conn.sqlite_handle();
  if (!db) {
    for (const auto& r : fetch_all(conn.session(), query, params)) row(ValuesRow(r));
    return;
  }
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("cannot prepare ") + query + ": " + sqlite3_errmsg(db));
  struct Finalize {
    sqlite3_stmt* s;
    ~Finalize() { sqlite3_finalize(s); }
  } finalize{s};
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int at = static_cast<int>(i) + 1;
    if (const auto* n = std::get_if<std::int64_t>(&params[i])) sqlite3_bind_int64(s, at, *n);
    else if (const auto* t = std::get_if<std::string>(&params[i])) sqlite3_bind_text(s, at, t->c_str(), static_cast<int>(t->size()), SQLITE_TRANSIENT);
    else if (const auto* d = std::get_if<double>(&params[i])) sqlite3_bind_double(s, at, *d);
    else sqlite3_bind_null(s, at);
  }
  SqliteRow reader(s);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) row(reader);
  if (rc != SQLITE_DONE) throw std::runtime_error(std::string("cannot read ") + query + ": " + sqlite3_errmsg(db));
}

}  // namespace jobintech::store
