// Schema migrations: the numbered files migrations/NNNN_name.sql, applied in order, each in its own
// transaction, recorded in schema_migrations. The same files serve SQLite and PostgreSQL: the
// runner rewrites "INTEGER PRIMARY KEY" to an identity column on PostgreSQL. Files may hold
// several statements separated by ';' and '--' comments; no ';' or '--' inside string literals.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace jobintech::store {

struct Migration {
  std::string version;  // "0001"
  std::string name;     // "0001_reference.sql"
  std::string sql;
};

std::vector<Migration> load_migrations(const std::string& directory);  // sorted; throws on I/O failure
std::vector<std::string> split_statements(const std::string& sql);
std::string adapt_to_backend(const std::string& statement, Backend backend);

// Applies the migrations not yet applied; returns the names applied. A failing migration is
// rolled back whole and reported as std::runtime_error naming the file.
std::vector<std::string> apply_migrations(Connection& conn, const std::vector<Migration>& migrations);

}  // namespace jobintech::store
