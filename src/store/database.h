// Database: a pool of connections to the programme's database, SQLite (a file path) or
// PostgreSQL (a postgresql:// URL, translated to libpq keywords for SOCI). Thread-safe: each
// thread leases its own connection; a lease returns it to the pool when it goes out of scope.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <soci/soci.h>

struct sqlite3;
struct pg_conn;

namespace jobintech::store {

enum class Backend { sqlite, postgresql };

// SQLite page cache of each connection, in KiB (PRAGMA cache_size takes it negated).
inline constexpr long kSqliteCacheKiB = 64 * 1024;

class Database;

class Connection {
 public:
  Connection(Database& db, std::size_t slot);
  Connection(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  soci::session& session();
  Backend backend() const;
  // The raw SQLite handle for bulk paths (nullptr on PostgreSQL).
  sqlite3* sqlite_handle();
  // The raw libpq connection for COPY (nullptr on SQLite).
  pg_conn* postgresql_handle();

 private:
  Database* db_;
  std::size_t slot_;
};

class Database {
 public:
  // url: a file path (SQLite; created if absent) or postgresql://user[:password]@host[:port]/dbname.
  // Throws std::runtime_error naming the database when it cannot be opened.
  Database(const std::string& url, std::size_t pool_size = 4);
  ~Database();

  Connection connect();  // waits for a free connection
  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }

 private:
  friend class Connection;
  std::unique_ptr<soci::session> open_session() const;

  std::string url_;
  Backend backend_;
  std::string soci_connect_string_;
  std::vector<std::unique_ptr<soci::session>> sessions_;
  std::vector<bool> busy_;
  std::mutex mutex_;
  std::condition_variable available_;
};

// Translates postgresql://user:pw@host:port/db?sslmode=x into "host=... port=... dbname=...".
std::string libpq_keywords_from_url(const std::string& url);

}  // namespace jobintech::store
