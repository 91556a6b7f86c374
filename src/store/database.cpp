#include "store/database.h"

#include "store/sqlite_threading.h"

#include <filesystem>
#include <stdexcept>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace jobintech::store {

namespace {

bool is_postgresql_url(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::string percent_decode(const std::string& s) {
  std::string r;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      r += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      r += s[i];
    }
  }
  return r;
}

std::string quote_keyword_value(const std::string& v) {
  std::string r = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') r += '\\';
    r += c;
  }
  return r + "'";
}

}  // namespace

std::string libpq_keywords_from_url(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string user, password;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    user = rest.substr(0, at);
    rest = rest.substr(at + 1);
    if (auto colon = user.find(':'); colon != std::string::npos) {
      password = user.substr(colon + 1);
      user = user.substr(0, colon);
    }
  }
  std::string host = rest, port;
  if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  std::string out;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) out += (out.empty() ? "" : " ") + std::string(k) + "=" + quote_keyword_value(percent_decode(v));
  };
  add("host", host);
  add("port", port);
  add("dbname", dbname);
  add("user", user);
  add("password", password);
  std::size_t pos = 0;
  while (pos < query.size()) {
    auto amp = query.find('&', pos);
    std::string kv = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    if (auto eq = kv.find('='); eq != std::string::npos) add(kv.substr(0, eq).c_str(), kv.substr(eq + 1));
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return out;
}

Database::Database(const std::string& url, std::size_t pool_size) : url_(url) {
  choose_sqlite_multithread_mode();
  if (is_postgresql_url(url)) {
    backend_ = Backend::postgresql;
    soci_connect_string_ = libpq_keywords_from_url(url);
  } else {
    backend_ = Backend::sqlite;
    auto parent = std::filesystem::path(url).parent_path();
    if (!parent.empty() && !std::filesystem::exists(parent))
      throw std::runtime_error("database folder does not exist: " + parent.string());
    soci_connect_string_ = "db=" + url + " timeout=10";
  }
  for (std::size_t i = 0; i < std::max<std::size_t>(1, pool_size); ++i) {
    sessions_.push_back(open_session());
    busy_.push_back(false);
  }
}

Database::~Database() = default;

std::unique_ptr<soci::session> Database::open_session() const {
  std::unique_ptr<soci::session> s;
  try {
    if (backend_ == Backend::sqlite) {
      s = std::make_unique<soci::session>(soci::sqlite3, soci_connect_string_);
      // WAL lets readers work while one writer commits; FULL makes a commit survive a power cut.
      *s << "PRAGMA journal_mode = WAL";
      *s << "PRAGMA synchronous = FULL";
      *s << "PRAGMA foreign_keys = ON";
      *s << "PRAGMA busy_timeout = 10000";
      *s << "PRAGMA cache_size = -" + std::to_string(kSqliteCacheKiB);
    } else {
      s = std::make_unique<soci::session>(soci::postgresql, soci_connect_string_);
      // "relation already exists, skipping" and the like are not for the operator's terminal.
      *s << "SET client_min_messages = WARNING";
    }
  } catch (const soci::soci_error& e) {
    throw std::runtime_error("cannot open database " + url_ + ": " + e.what());
  }
  return s;
}

Connection Database::connect() {
  std::unique_lock lock(mutex_);
  for (;;) {
    for (std::size_t i = 0; i < busy_.size(); ++i) {
      if (!busy_[i]) {
        busy_[i] = true;
        return Connection(*this, i);
      }
    }
    available_.wait(lock);
  }
}

Connection::Connection(Database& db, std::size_t slot) : db_(&db), slot_(slot) {}
Connection::Connection(Connection&& other) noexcept : db_(other.db_), slot_(other.slot_) { other.db_ = nullptr; }

Connection::~Connection() {
  if (!db_) return;
  {
    std::lock_guard lock(db_->mutex_);
    db_->busy_[slot_] = false;
  }
  db_->available_.notify_one();
}

soci::session& Connection::session() { return *db_->sessions_[slot_]; }
Backend Connection::backend() const { return db_->backend_; }

pg_conn* Connection::postgresql_handle() {
  if (db_->backend_ != Backend::postgresql) return nullptr;
  return static_cast<soci::postgresql_session_backend*>(session().get_backend())->conn_;
}

sqlite3* Connection::sqlite_handle() {
  if (db_->backend_ != Backend::sqlite) return nullptr;
  return static_cast<soci::sqlite3_session_backend*>(session().get_backend())->conn_;
}

}  // namespace jobintech::store
