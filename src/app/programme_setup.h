// Bringing a database to the current schema and reference data: applies the migrations, then
// loads the regions, tracks, skills and tracks' skills from data/*.csv (upserts, so running it
// again changes nothing). Used by `migrate`, `serve`, `demo` and the tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/database.h"

namespace jobintech::app {

struct SetupReport {
  std::vector<std::string> migrations_applied;
  std::size_t reference_rows_changed = 0;
};

std::unique_ptr<store::Database> open_database(const std::string& url, std::size_t pool_size = 8);
// Throws std::runtime_error naming the file or migration at fault.
SetupReport prepare_database(store::Database& db);
bool database_has_programme_data(store::Database& db);  // any organisation or candidate

}  // namespace jobintech::app
