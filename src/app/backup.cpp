#include "app/backup.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace jobintech::app {

namespace {

bool is_postgresql(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::string file_head(const std::string& file, std::size_t n) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

// A PostgreSQL client program (pg_dump, pg_restore) from PATH or the server's folder.
std::string pg_program(const std::string& name) {
  for (const char* dir : {"/usr/lib/postgresql/15/bin", "/usr/bin", "/usr/local/bin"}) {
    const auto path = std::filesystem::path(dir) / name;
    if (std::filesystem::exists(path)) return path.string();
  }
  throw std::runtime_error(name + " not found: install PostgreSQL's client (scripts/install-deps)");
}

// Runs a program without a shell (no quoting of URLs or paths); returns its exit status.
int run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("cannot start " + args[0]);
  if (pid == 0) {
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

struct SqliteHandle {
  sqlite3* db = nullptr;
  ~SqliteHandle() { sqlite3_close(db); }
};

void open_sqlite(SqliteHandle& h, const std::string& path, int flags) {
  if (sqlite3_open_v2(path.c_str(), &h.db, flags, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open " + path + ": " + (h.db ? sqlite3_errmsg(h.db) : "out of memory"));
  sqlite3_busy_timeout(h.db, 10'000);
}

// Copies every page of `from` into `to`, 4096 pages at a time so that writers get in between.
void copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) throw std::runtime_error(what + ": " + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  while ((rc = sqlite3_backup_step(b, 4096)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    if (rc != SQLITE_OK) sqlite3_sleep(20);
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw std::runtime_error(what + ": " + sqlite3_errstr(rc));
}

void check_sqlite_file(const std::string& path) {
  SqliteHandle h;
  open_sqlite(h, path, SQLITE_OPEN_READONLY);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(h.db, "PRAGMA quick_check", -1, &s, nullptr);
  std::string verdict = "no answer";
  if (s && sqlite3_step(s) == SQLITE_ROW) verdict = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  if (verdict != "ok") throw std::runtime_error(path + " is not a sound SQLite database: " + verdict);
}

}  // namespace

BackupReport backup_database(const std::string& db_url, const std::string& file) {
  if (db_url.empty()) throw std::runtime_error("no database given: use --db PATH or set JOBINTECH_DB");
  const std::string partial = file + ".partial";
  std::filesystem::remove(partial);
  BackupReport report;
  try {
    if (is_postgresql(db_url)) {
      report.kind = "pg_dump";
      if (run({pg_program("pg_dump"), "--format=custom", "--no-owner", "--file=" + partial, "--dbname=" + db_url}) != 0)
        throw std::runtime_error("pg_dump of " + db_url + " failed (see above)");
    } else {
      report.kind = "sqlite";
      if (!std::filesystem::exists(db_url)) throw std::runtime_error("database not found: " + db_url);
      SqliteHandle source, target;
      open_sqlite(source, db_url, SQLITE_OPEN_READONLY);
      open_sqlite(target, partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      copy_pages(source.db, target.db, "backup of " + db_url);
      sqlite3_exec(target.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);  // one self-contained file
      sqlite3_close(target.db);
      target.db = nullptr;
      check_sqlite_file(partial);
    }
    std::filesystem::rename(partial, file);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw;
  }
  report.bytes = std::filesystem::file_size(file);
  return report;
}

void restore_database(const std::string& file, const std::string& db_url) {
  if (db_url.empty()) throw std::runtime_error("no database given: use --db PATH or set JOBINTECH_DB");
  const std::string head = file_head(file, 16);
  const bool sqlite_file = head == std::string("SQLite format 3\0", 16);
  const bool pg_dump_file = head.rfind("PGDMP", 0) == 0;
  if (is_postgresql(db_url)) {
    if (!pg_dump_file) throw std::runtime_error(file + " is not a pg_dump archive (custom format): nothing restored");
    if (run({pg_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--exit-on-error", "--dbname=" + db_url, file}) != 0)
      throw std::runtime_error("pg_restore of " + file + " into " + db_url + " failed (see above): nothing restored");
    return;
  }
  if (!sqlite_file) throw std::runtime_error(file + " is not a SQLite database: nothing restored");
  check_sqlite_file(file);
  SqliteHandle source, target;
  open_sqlite(source, file, SQLITE_OPEN_READONLY);
  open_sqlite(target, db_url, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  copy_pages(source.db, target.db, "restore of " + file + " into " + db_url);
}

}  // namespace jobintech::app
