// A fresh, empty database for one test or one suite: a SQLite file in its own temporary folder or,
// when JOBINTECH_TEST_POSTGRES names a PostgreSQL server (scripts/with-postgres sets it), a new
// database created on that server. Both are removed when the object goes out of scope, so the
// whole API suite runs unchanged on either backend.
#pragma once

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "store/database.h"

namespace jobintech::testing {

// The PostgreSQL server the tests run against, or nullopt for SQLite.
inline std::optional<std::string> postgres_server() {
  const char* url = std::getenv("JOBINTECH_TEST_POSTGRES");
  if (!url || !*url) return std::nullopt;
  return std::string(url);
}

class TestDatabase {
 public:
  explicit TestDatabase(const std::string& label) {
    static int counter = 0;
    std::string name = "jit_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_";
    for (char c : label) name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    name = name.substr(0, 60);
    dir_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    if (auto server = postgres_server()) {
      admin_url_ = *server;
      name_ = name;
      run_on_server("CREATE DATABASE " + name_);
      url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
    } else {
      url_ = (dir_ / "test.db").string();
    }
  }
  ~TestDatabase() {
    if (!name_.empty()) {
      try {
        run_on_server("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
      } catch (...) {
      }
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // What --db takes: a file path or a postgresql:// URL.
  const std::string& url() const { return url_; }
  bool postgresql() const { return !name_.empty(); }
  // A folder of the test's own, for input and output files.
  const std::filesystem::path& dir() const { return dir_; }

 private:
  void run_on_server(const std::string& statement) {
    store::Database server(admin_url_, 1);
    auto c = server.connect();
    c.session() << statement;
  }
  std::filesystem::path dir_;
  std::string admin_url_, name_, url_;
};

}  // namespace jobintech::testing
